"""The radio facts: signal, cells and bands of LTE and 5G NR."""

from __future__ import annotations

from ..capabilities import Feature
from .metric import DB, DBM, Metric, ValueKind


def _antenna(key: str, name: str, unit: str, aggregate_key: str) -> Metric:
    return Metric(
        key=key,
        name=name,
        kind=ValueKind.NUMBER,
        unit=unit,
        description=f"{name.replace(' antenna', ' on antenna')}",
        aggregates={"lte": aggregate_key},
    )


_LTE_ANTENNAS = tuple(
    metric
    for n in range(1, 5)
    for metric in (
        _antenna(f"lte_rsrp_{n}", f"LTE RSRP antenna {n}", DBM, f"rsrp{n}"),
        _antenna(f"lte_sinr_{n}", f"LTE SINR antenna {n}", DB, f"sinr{n}"),
    )
)

RADIO_METRICS: tuple[Metric, ...] = (
    Metric(
        key="provider",
        name="Provider",
        kind=ValueKind.TEXT,
        description="Mobile operator name (or PLMN code when the modem has no name)",
        aggregates={"lte": "provider"},
    ),
    Metric(
        key="network_type",
        name="Network type",
        kind=ValueKind.TEXT,
        description="Radio access technology as the modem reports it (LTE, LTE_CA, ENDC, SA, ...)",
        aggregates={"lte": "network_type"},
    ),
    Metric(
        key="signal_bars",
        name="Signal bars",
        kind=ValueKind.NUMBER,
        description="Signal bars shown by the modem, 0-5",
    ),
    Metric(
        key="lte_rsrp",
        name="LTE RSRP",
        kind=ValueKind.NUMBER,
        unit="dBm",
        description="LTE reference signal received power",
        aggregates={"lte": "rsrp"},
    ),
    Metric(
        key="lte_rsrq",
        name="LTE RSRQ",
        kind=ValueKind.NUMBER,
        unit="dB",
        description="LTE reference signal received quality",
        aggregates={"lte": "rsrq"},
    ),
    Metric(
        key="lte_sinr",
        name="LTE SINR",
        kind=ValueKind.NUMBER,
        unit="dB",
        description="LTE signal to interference plus noise ratio",
        aggregates={"lte": "sinr"},
    ),
    Metric(
        key="lte_rssi",
        name="LTE RSSI",
        kind=ValueKind.NUMBER,
        unit="dBm",
        description="LTE received signal strength indicator",
        aggregates={"lte": "rssi"},
    ),
    Metric(
        key="lte_band",
        name="LTE band",
        kind=ValueKind.TEXT,
        description=(
            "LTE primary cell band, e.g. B3: from the EARFCN (3GPP TS 36.101), the band fields "
            "only when no channel is reported; none in 5G SA"
        ),
        aggregates={"lte": "band"},
    ),
    Metric(
        key="lte_earfcn",
        name="LTE EARFCN",
        kind=ValueKind.NUMBER,
        description="LTE primary cell downlink EARFCN",
        aggregates={"lte": "earfcn"},
    ),
    Metric(
        key="lte_pci",
        name="LTE PCI",
        kind=ValueKind.NUMBER,
        description=(
            "LTE physical cell id 0-503 (decimal); the firmware writes it in hex (MC series) or "
            "decimal (MF series, UFI), decided once per firmware"
        ),
        aggregates={"lte": "pci"},
    ),
    Metric(
        key="cell_id",
        name="Cell ID",
        kind=ValueKind.NUMBER,
        description="E-UTRAN cell id (decimal; eNodeB id = cell id // 256)",
        aggregates={"lte": "cell_id"},
    ),
    # Not in the `lte` aggregate: the MQTT contract fixes its keys.
    Metric(
        key="lte_enodeb_id",
        name="LTE eNodeB ID",
        kind=ValueKind.NUMBER,
        description=(
            "LTE base station (eNodeB) id: the 28-bit E-UTRAN cell id >> 8; unknown when the "
            "firmware reports a cell id of 16 bits or fewer (no eNodeB part)"
        ),
    ),
    Metric(
        key="lte_sector",
        name="LTE sector",
        kind=ValueKind.NUMBER,
        description=(
            "LTE cell (sector) of the eNodeB: the E-UTRAN cell id & 0xFF; a cell id below 256 is "
            "the sector alone"
        ),
    ),
    Metric(
        key="neighbour_cells",
        name="Neighbour cells",
        kind=ValueKind.NUMBER,
        description=(
            "LTE neighbour cells the router reports in its poll without a scan (count; the list, "
            "EARFCN, band, PCI, RSRP, RSRQ each, in the sensor's attribute cells)"
        ),
        features=frozenset({Feature.NEIGHBOUR_CELLS}),
    ),
    Metric(
        key="lte_bandwidth",
        name="LTE bandwidth",
        kind=ValueKind.NUMBER,
        unit="MHz",
        description="LTE primary cell bandwidth",
        aggregates={"lte": "bandwidth"},
    ),
    Metric(
        key="lte_ca_bands",
        name="LTE CA bands",
        kind=ValueKind.TEXT,
        description=(
            "LTE carriers in use, primary first, e.g. B3+B7+B20; intra-band CA keeps both (B41+B41);"
            " B? where the primary's band is unknown (B?+B7+B8)"
        ),
        aggregates={"lte": "ca_bands"},
    ),
    Metric(
        key="lte_ca_total_bandwidth",
        name="LTE total bandwidth",
        kind=ValueKind.NUMBER,
        unit="MHz",
        description="Sum of the bandwidths of every LTE carrier (primary and secondary cells)",
    ),
    Metric(
        key="lte_frequency",
        name="LTE frequency",
        kind=ValueKind.NUMBER,
        unit="MHz",
        description="LTE primary cell downlink centre frequency, from the EARFCN (3GPP TS 36.101)",
        aggregates={"lte": "frequency"},
    ),
    Metric(
        key="nr5g_rsrp",
        name="5G RSRP",
        kind=ValueKind.NUMBER,
        unit="dBm",
        description="5G NR reference signal received power",
        aggregates={"nr5g": "rsrp"},
        features=frozenset({Feature.NR5G}),
    ),
    Metric(
        key="nr5g_rsrq",
        name="5G RSRQ",
        kind=ValueKind.NUMBER,
        unit="dB",
        description="5G NR reference signal received quality",
        aggregates={"nr5g": "rsrq"},
        features=frozenset({Feature.NR5G}),
    ),
    Metric(
        key="nr5g_sinr",
        name="5G SINR",
        kind=ValueKind.NUMBER,
        unit="dB",
        description="5G NR signal to interference plus noise ratio",
        aggregates={"nr5g": "sinr"},
        features=frozenset({Feature.NR5G}),
    ),
    Metric(
        key="nr5g_band",
        name="5G band",
        kind=ValueKind.TEXT,
        description=(
            "5G NR band, e.g. n78: from the NR-ARFCN (3GPP TS 38.101), the modem's band field "
            "choosing between overlapping bands"
        ),
        aggregates={"nr5g": "band"},
        features=frozenset({Feature.NR5G}),
    ),
    Metric(
        key="nr5g_pci",
        name="5G PCI",
        kind=ValueKind.NUMBER,
        description="5G NR physical cell id 0-1007 (decimal; the firmware writes it in hex)",
        aggregates={"nr5g": "pci"},
        features=frozenset({Feature.NR5G}),
    ),
    Metric(
        key="nr5g_cell_id",
        name="5G cell ID",
        kind=ValueKind.NUMBER,
        description="5G NR cell identity (NCI, decimal) where the firmware reports one",
        features=frozenset({Feature.NR5G}),
    ),
    Metric(
        key="nr5g_arfcn",
        name="5G ARFCN",
        kind=ValueKind.NUMBER,
        description="5G NR ARFCN",
        aggregates={"nr5g": "arfcn"},
        features=frozenset({Feature.NR5G}),
    ),
    Metric(
        key="nr5g_frequency",
        name="5G frequency",
        kind=ValueKind.NUMBER,
        unit="MHz",
        description="5G NR downlink frequency of the NR-ARFCN (global raster, 3GPP TS 38.104)",
        aggregates={"nr5g": "frequency"},
        features=frozenset({Feature.NR5G}),
    ),
    Metric(
        key="nr5g_ca_bands",
        name="5G CA bands",
        kind=ValueKind.TEXT,
        description="5G NR carriers in use, primary first, e.g. n78+n75",
        features=frozenset({Feature.NR5G}),
    ),
    Metric(
        key="nr5g_rsrp_1",
        name="5G RSRP chain 1",
        kind=ValueKind.NUMBER,
        unit="dBm",
        description="5G NR RSRP on receive chain 1",
        aggregates={"nr5g": "rsrp1"},
        features=frozenset({Feature.NR5G}),
    ),
    Metric(
        key="nr5g_rsrp_2",
        name="5G RSRP chain 2",
        kind=ValueKind.NUMBER,
        unit="dBm",
        description="5G NR RSRP on receive chain 2",
        aggregates={"nr5g": "rsrp2"},
        features=frozenset({Feature.NR5G}),
    ),
    *_LTE_ANTENNAS,
    Metric(
        key="signal_quality",
        name="Signal quality",
        kind=ValueKind.NUMBER,
        unit="%",
        description=(
            "A 0-100 score from the RSRP and SINR of LTE and, when connected, 5G NR "
            "(README: Antenna alignment)"
        ),
    ),
)
