"""The metric catalogue: every metric the product knows, defined once.

Sensors, binary sensors, MQTT topics and aggregates, MQTT discovery, the probe
command and docs/metrics.md all derive from METRICS. Device classes, units and
state classes are Home Assistant's string values so that this module stays free
of Home Assistant imports.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from . import cells, parse
from .parse import DEFAULT_FORMAT, MetricValue, Parser, ValueFormat

Platform: TypeAlias = Literal["sensor", "binary_sensor"]

AGGREGATES: tuple[str, ...] = ("lte", "nr5g")


@dataclass(frozen=True, slots=True)
class Metric:
    """One modem value: where it comes from, how it is parsed and presented."""

    key: str
    name: str
    fields: tuple[str, ...]
    parser: Parser
    description: str
    unit: str | None = None
    device_class: str | None = None
    state_class: str | None = None
    entity_category: str | None = None
    enabled_by_default: bool = True
    suggested_display_precision: int | None = None
    platform: Platform = "sensor"
    aggregates: Mapping[str, str] = field(default_factory=dict)

    def value(self, raw: Mapping[str, object], value_format: ValueFormat = DEFAULT_FORMAT) -> MetricValue:
        """Parse this metric out of a raw goform answer; never raises."""
        values = [item if isinstance(item, str) else "" for item in (raw.get(f, "") for f in self.fields)]
        try:
            return self.parser(values, value_format)
        except (ValueError, ArithmeticError, IndexError):  # pragma: no cover - parsers guard
            return None


DBM = "dBm"
DB = "dB"
MEASUREMENT = "measurement"
TOTAL_INCREASING = "total_increasing"
DIAGNOSTIC = "diagnostic"
SIGNAL = "signal_strength"


def _signal(
    key: str,
    name: str,
    fields: tuple[str, ...],
    description: str,
    unit: str,
    *,
    aggregates: Mapping[str, str],
    enabled: bool = True,
) -> Metric:
    return Metric(
        key=key,
        name=name,
        fields=fields,
        parser=parse.signal,
        description=description,
        unit=unit,
        device_class=SIGNAL,
        state_class=MEASUREMENT,
        enabled_by_default=enabled,
        suggested_display_precision=1 if unit == DB else 0,
        aggregates=aggregates,
    )


_LTE_ANTENNAS = tuple(
    metric
    for n in range(1, 5)
    for metric in (
        _signal(
            f"lte_rsrp_{n}",
            f"LTE RSRP antenna {n}",
            (f"lte_rsrp_{n}",),
            f"LTE RSRP on antenna {n}",
            DBM,
            aggregates={"lte": f"rsrp{n}"},
            enabled=False,
        ),
        _signal(
            f"lte_sinr_{n}",
            f"LTE SINR antenna {n}",
            (f"lte_snr_{n}",),
            f"LTE SINR on antenna {n}",
            DB,
            aggregates={"lte": f"sinr{n}"},
            enabled=False,
        ),
    )
)


def _temperature(key: str, name: str, field_name: str, description: str) -> Metric:
    return Metric(
        key=key,
        name=name,
        fields=(field_name,),
        parser=parse.temperature,
        description=f"{description} temperature, where the firmware reports it (-40 °C or below: absent)",
        unit="°C",
        device_class="temperature",
        state_class=MEASUREMENT,
        entity_category=DIAGNOSTIC,
        enabled_by_default=False,
    )


_TEMPERATURES = (
    _temperature("modem_5g_temperature", "5G modem temperature", "pm_modem_5g", "5G modem chip temperature"),
    _temperature(
        "ambient_temperature", "Ambient temperature", "pm_sensor_ambient", "Temperature inside the case"
    ),
    _temperature(
        "pa_temperature", "Power amplifier temperature", "pm_sensor_pa1", "Power amplifier temperature"
    ),
    _temperature("rf_5g_temperature", "5G RF temperature", "pm_sensor_5g", "5G radio front-end temperature"),
    _temperature("wifi_temperature", "Wi-Fi chip temperature", "wifi_chip_temp", "Wi-Fi chip temperature"),
)

METRICS: tuple[Metric, ...] = (
    Metric(
        "provider",
        "Provider",
        ("network_provider_fullname", "network_provider"),
        parse.text,
        "Mobile operator name (or PLMN code when the modem has no name)",
        aggregates={"lte": "provider"},
    ),
    Metric(
        "network_type",
        "Network type",
        ("network_type",),
        parse.text,
        "Radio access technology as the modem reports it (LTE, LTE_CA, ENDC, SA, ...)",
        aggregates={"lte": "network_type"},
    ),
    Metric(
        "signal_bars",
        "Signal bars",
        ("signalbar",),
        parse.number,
        "Signal bars shown by the modem, 0-5",
        state_class=MEASUREMENT,
    ),
    _signal(
        "lte_rsrp",
        "LTE RSRP",
        ("lte_rsrp",),
        "LTE reference signal received power",
        DBM,
        aggregates={"lte": "rsrp"},
    ),
    _signal(
        "lte_rsrq",
        "LTE RSRQ",
        ("lte_rsrq",),
        "LTE reference signal received quality",
        DB,
        aggregates={"lte": "rsrq"},
    ),
    _signal(
        "lte_sinr",
        "LTE SINR",
        ("lte_snr",),
        "LTE signal to interference plus noise ratio",
        DB,
        aggregates={"lte": "sinr"},
    ),
    _signal(
        "lte_rssi",
        "LTE RSSI",
        ("lte_rssi",),
        "LTE received signal strength indicator",
        DBM,
        aggregates={"lte": "rssi"},
    ),
    Metric(
        "lte_band",
        "LTE band",
        cells.LTE_PCELL_FIELDS,
        cells.lte_band_parser,
        "LTE primary cell band, e.g. B3: from the EARFCN (3GPP TS 36.101), the band fields only "
        "when no channel is reported; none in 5G SA",
        aggregates={"lte": "band"},
    ),
    Metric(
        "lte_earfcn",
        "LTE EARFCN",
        cells.LTE_PCELL_FIELDS,
        cells.lte_earfcn_parser,
        "LTE primary cell downlink EARFCN",
        entity_category=DIAGNOSTIC,
        enabled_by_default=False,
        aggregates={"lte": "earfcn"},
    ),
    Metric(
        "lte_pci",
        "LTE PCI",
        ("lte_pci",),
        parse.lte_pci,
        "LTE physical cell id 0-503 (decimal); the firmware writes it in hex (MC series) or "
        "decimal (MF series, UFI), decided once per firmware",
        entity_category=DIAGNOSTIC,
        aggregates={"lte": "pci"},
    ),
    Metric(
        "cell_id",
        "Cell ID",
        ("cell_id",),
        parse.first_of(parse.to_hex_int),
        "E-UTRAN cell id (decimal; eNodeB id = cell_id // 256)",
        entity_category=DIAGNOSTIC,
        aggregates={"lte": "cell_id"},
    ),
    Metric(
        "lte_bandwidth",
        "LTE bandwidth",
        cells.LTE_PCELL_BANDWIDTH_FIELDS,
        cells.lte_bandwidth,
        "LTE primary cell bandwidth",
        unit="MHz",
        device_class="frequency",
        state_class=MEASUREMENT,
        entity_category=DIAGNOSTIC,
        aggregates={"lte": "bandwidth"},
    ),
    Metric(
        "lte_ca_bands",
        "LTE CA bands",
        cells.LTE_CA_FIELDS,
        cells.lte_ca_bands_parser,
        "LTE carriers in use, primary first, e.g. B3+B7+B20; intra-band CA keeps both (B41+B41)",
        aggregates={"lte": "ca_bands"},
    ),
    Metric(
        "lte_ca_total_bandwidth",
        "LTE total bandwidth",
        cells.LTE_CA_FIELDS,
        cells.lte_ca_total_bandwidth_parser,
        "Sum of the bandwidths of every LTE carrier (primary and secondary cells)",
        unit="MHz",
        device_class="frequency",
        state_class=MEASUREMENT,
        entity_category=DIAGNOSTIC,
        enabled_by_default=False,
    ),
    Metric(
        "lte_frequency",
        "LTE frequency",
        cells.LTE_PCELL_FIELDS,
        cells.lte_frequency_parser,
        "LTE primary cell downlink centre frequency, from the EARFCN (3GPP TS 36.101)",
        unit="MHz",
        device_class="frequency",
        state_class=MEASUREMENT,
        entity_category=DIAGNOSTIC,
        enabled_by_default=False,
        suggested_display_precision=1,
        aggregates={"lte": "frequency"},
    ),
    _signal(
        "nr5g_rsrp",
        "5G RSRP",
        ("Z5g_rsrp", "nr5g_rsrp", "5g_rsrp"),
        "5G NR reference signal received power",
        DBM,
        aggregates={"nr5g": "rsrp"},
    ),
    _signal(
        "nr5g_rsrq",
        "5G RSRQ",
        ("Z5g_rsrq", "nr5g_rsrq"),
        "5G NR reference signal received quality",
        DB,
        aggregates={"nr5g": "rsrq"},
    ),
    Metric(
        key="nr5g_sinr",
        name="5G SINR",
        fields=("Z5g_SINR", "nr5g_sinr", "Z5g_snr"),
        parser=parse.nr_sinr,
        description="5G NR signal to interference plus noise ratio",
        unit=DB,
        device_class=SIGNAL,
        state_class=MEASUREMENT,
        suggested_display_precision=1,
        aggregates={"nr5g": "sinr"},
    ),
    Metric(
        "nr5g_band",
        "5G band",
        cells.NR_FIELDS,
        cells.nr_band_parser,
        "5G NR band, e.g. n78: from the NR-ARFCN (3GPP TS 38.101), the modem's band field "
        "choosing between overlapping bands",
        aggregates={"nr5g": "band"},
    ),
    Metric(
        "nr5g_pci",
        "5G PCI",
        ("nr5g_pci",),
        parse.nr_pci,
        "5G NR physical cell id 0-1007 (decimal; the firmware writes it in hex)",
        entity_category=DIAGNOSTIC,
        aggregates={"nr5g": "pci"},
    ),
    Metric(
        "nr5g_arfcn",
        "5G ARFCN",
        cells.NR_FIELDS,
        cells.nr_arfcn_parser,
        "5G NR ARFCN",
        entity_category=DIAGNOSTIC,
        enabled_by_default=False,
        aggregates={"nr5g": "arfcn"},
    ),
    Metric(
        "nr5g_frequency",
        "5G frequency",
        cells.NR_FIELDS,
        cells.nr_frequency_parser,
        "5G NR downlink frequency of the NR-ARFCN (global raster, 3GPP TS 38.104)",
        unit="MHz",
        device_class="frequency",
        state_class=MEASUREMENT,
        entity_category=DIAGNOSTIC,
        enabled_by_default=False,
        suggested_display_precision=2,
        aggregates={"nr5g": "frequency"},
    ),
    Metric(
        "nr5g_ca_bands",
        "5G CA bands",
        cells.NR_CA_FIELDS,
        cells.nr_ca_bands_parser,
        "5G NR carriers in use, primary first, e.g. n78+n75 (from nr_multi_ca_scell_info)",
        entity_category=DIAGNOSTIC,
        enabled_by_default=False,
    ),
    _signal(
        "nr5g_rsrp_1",
        "5G RSRP chain 1",
        ("5g_rx0_rsrp",),
        "5G NR RSRP on receive chain 1",
        DBM,
        aggregates={"nr5g": "rsrp1"},
        enabled=False,
    ),
    _signal(
        "nr5g_rsrp_2",
        "5G RSRP chain 2",
        ("5g_rx1_rsrp",),
        "5G NR RSRP on receive chain 2",
        DBM,
        aggregates={"nr5g": "rsrp2"},
        enabled=False,
    ),
    *_LTE_ANTENNAS,
    Metric(
        "wan_ip",
        "WAN IP address",
        ("wan_ipaddr",),
        parse.text,
        "Public (WAN) IPv4 address",
        entity_category=DIAGNOSTIC,
    ),
    Metric(
        "wan_ipv6",
        "WAN IPv6 address",
        ("ipv6_wan_ipaddr",),
        parse.text,
        "Public (WAN) IPv6 address",
        entity_category=DIAGNOSTIC,
        enabled_by_default=False,
    ),
    Metric(
        "rx_rate",
        "Download rate",
        ("realtime_rx_thrpt",),
        parse.number,
        "Current download rate",
        unit="B/s",
        device_class="data_rate",
        state_class=MEASUREMENT,
        suggested_display_precision=0,
    ),
    Metric(
        "tx_rate",
        "Upload rate",
        ("realtime_tx_thrpt",),
        parse.number,
        "Current upload rate",
        unit="B/s",
        device_class="data_rate",
        state_class=MEASUREMENT,
        suggested_display_precision=0,
    ),
    Metric(
        "monthly_rx",
        "Monthly download",
        ("monthly_rx_bytes",),
        parse.number,
        "Data downloaded this month (the modem's own counter)",
        unit="B",
        device_class="data_size",
        state_class=TOTAL_INCREASING,
        suggested_display_precision=0,
    ),
    Metric(
        "monthly_tx",
        "Monthly upload",
        ("monthly_tx_bytes",),
        parse.number,
        "Data uploaded this month (the modem's own counter)",
        unit="B",
        device_class="data_size",
        state_class=TOTAL_INCREASING,
        suggested_display_precision=0,
    ),
    Metric(
        "session_rx",
        "Session download",
        ("realtime_rx_bytes",),
        parse.number,
        "Data downloaded since the data session started",
        unit="B",
        device_class="data_size",
        state_class=TOTAL_INCREASING,
        enabled_by_default=False,
        suggested_display_precision=0,
    ),
    Metric(
        "session_tx",
        "Session upload",
        ("realtime_tx_bytes",),
        parse.number,
        "Data uploaded since the data session started",
        unit="B",
        device_class="data_size",
        state_class=TOTAL_INCREASING,
        enabled_by_default=False,
        suggested_display_precision=0,
    ),
    Metric(
        "session_duration",
        "Session duration",
        ("realtime_time",),
        parse.number,
        "Time since the data session started",
        unit="s",
        device_class="duration",
        entity_category=DIAGNOSTIC,
        enabled_by_default=False,
    ),
    Metric(
        "connected",
        "Mobile data",
        ("ppp_status",),
        parse.connected,
        "The mobile data session is up",
        device_class="connectivity",
        platform="binary_sensor",
    ),
    Metric(
        "roaming",
        "Roaming",
        ("simcard_roam",),
        parse.roaming,
        "The SIM is roaming on a foreign network",
        platform="binary_sensor",
    ),
    Metric(
        "sms_unread",
        "Unread SMS",
        ("sms_dev_unread_num", "sms_unread_num"),
        parse.number,
        "Unread SMS messages on the modem",
        state_class=MEASUREMENT,
    ),
    Metric(
        "sim_state",
        "SIM state",
        ("modem_main_state",),
        parse.text,
        "SIM and modem state (modem_init_complete, modem_sim_undetected, modem_waitpin, ...)",
        entity_category=DIAGNOSTIC,
        enabled_by_default=False,
    ),
    Metric(
        "modem_temperature",
        "Modem temperature",
        ("pm_sensor_mdm",),
        parse.temperature,
        "Modem chip temperature (5G CPEs only)",
        unit="°C",
        device_class="temperature",
        state_class=MEASUREMENT,
        entity_category=DIAGNOSTIC,
        enabled_by_default=False,
    ),
    *_TEMPERATURES,
)

METRICS_BY_KEY: Mapping[str, Metric] = {metric.key: metric for metric in METRICS}

# Modem fields read on every poll besides the metrics: identity and session state.
DEVICE_FIELDS: tuple[str, ...] = (
    "loginfo",
    # Empty without a session on MC888, MC7010 and MF79U: a second witness besides loginfo.
    "user_ip_addr",
    "imei",
    "wa_inner_version",
    "cr_version",
    "hardware_version",
    "model_name",
    "mac_address",
)


def poll_fields() -> tuple[str, ...]:
    """Every modem field one poll asks for, each once, in catalogue order."""
    ordered: dict[str, None] = dict.fromkeys(DEVICE_FIELDS)
    for metric in METRICS:
        ordered.update(dict.fromkeys(metric.fields))
    return tuple(ordered)


def aggregate_keys(aggregate: str) -> dict[str, str]:
    """Short key -> metric key for one aggregate, in catalogue order."""
    return {metric.aggregates[aggregate]: metric.key for metric in METRICS if aggregate in metric.aggregates}


def parse_metrics(
    raw: Mapping[str, object], value_format: ValueFormat = DEFAULT_FORMAT
) -> dict[str, MetricValue]:
    """Every catalogue metric parsed out of a raw goform answer."""
    return {metric.key: metric.value(raw, value_format) for metric in METRICS}
