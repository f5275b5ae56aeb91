"""The metric catalogue: every value the product reads from a modem, defined once.

What is a fact of the value lives here: its key, the modem fields it comes from, the
parser, the kind of value, its physical unit, its aggregate membership and a
description. How Home Assistant presents it (device class, state class, category,
enabled by default, precision) is the HA side's business: sensor.py (with the kinds in
sensor_kinds.py) and binary_sensor.py. MQTT topics and aggregates, the probe,
docs/metrics.md and the entity names in the translations all derive from METRICS.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from . import cells, controls, parse, sms
from .parse import DEFAULT_FORMAT, MetricValue, Parser, ValueFormat

AGGREGATES: tuple[str, ...] = ("lte", "nr5g")


class ValueKind(StrEnum):
    """What a parsed value is: a number (with its unit, if any), a text, or a yes/no flag."""

    NUMBER = "number"
    TEXT = "text"
    FLAG = "flag"


@dataclass(frozen=True, slots=True, kw_only=True)
class Metric:
    """One modem value: where it comes from, how it is parsed, what it measures."""

    key: str
    name: str
    fields: tuple[str, ...]
    parser: Parser
    kind: ValueKind
    description: str
    unit: str | None = None
    aggregates: Mapping[str, str] = field(default_factory=dict)
    # False for values of a separate command (sms_capacity_info) that the client adds to a read.
    polled: bool = True

    def value(self, raw: Mapping[str, object], value_format: ValueFormat = DEFAULT_FORMAT) -> MetricValue:
        """Parse this metric out of a raw goform answer; never raises."""
        values = [item if isinstance(item, str) else "" for item in (raw.get(f, "") for f in self.fields)]
        try:
            return self.parser(values, value_format)
        except (ValueError, ArithmeticError, IndexError):  # pragma: no cover - parsers guard
            return None


DBM = "dBm"
DB = "dB"


def _antenna(key: str, name: str, field_name: str, unit: str, aggregate_key: str) -> Metric:
    return Metric(
        key=key,
        name=name,
        fields=(field_name,),
        parser=parse.signal,
        kind=ValueKind.NUMBER,
        unit=unit,
        description=f"{name.replace(' antenna', ' on antenna')}",
        aggregates={"lte": aggregate_key},
    )


_LTE_ANTENNAS = tuple(
    metric
    for n in range(1, 5)
    for metric in (
        _antenna(f"lte_rsrp_{n}", f"LTE RSRP antenna {n}", f"lte_rsrp_{n}", DBM, f"rsrp{n}"),
        _antenna(f"lte_sinr_{n}", f"LTE SINR antenna {n}", f"lte_snr_{n}", DB, f"sinr{n}"),
    )
)


def _temperature(key: str, name: str, field_name: str, description: str) -> Metric:
    return Metric(
        key=key,
        name=name,
        fields=(field_name,),
        parser=parse.temperature,
        kind=ValueKind.NUMBER,
        unit="°C",
        description=f"{description} temperature, where the firmware reports it (-40 °C or below: absent)",
    )


_TEMPERATURES = (
    _temperature("modem_5g_temperature", "5G modem temperature", "pm_modem_5g", "5G modem chip"),
    _temperature(
        "ambient_temperature", "Ambient temperature", "pm_sensor_ambient", "Ambient (inside the case)"
    ),
    _temperature("pa_temperature", "Power amplifier temperature", "pm_sensor_pa1", "Power amplifier"),
    _temperature("rf_5g_temperature", "5G RF temperature", "pm_sensor_5g", "5G radio front end"),
    _temperature("wifi_temperature", "Wi-Fi chip temperature", "wifi_chip_temp", "Wi-Fi chip"),
)

METRICS: tuple[Metric, ...] = (
    Metric(
        key="provider",
        name="Provider",
        fields=("network_provider_fullname", "network_provider"),
        parser=parse.text,
        kind=ValueKind.TEXT,
        description="Mobile operator name (or PLMN code when the modem has no name)",
        aggregates={"lte": "provider"},
    ),
    Metric(
        key="network_type",
        name="Network type",
        fields=("network_type",),
        parser=parse.text,
        kind=ValueKind.TEXT,
        description="Radio access technology as the modem reports it (LTE, LTE_CA, ENDC, SA, ...)",
        aggregates={"lte": "network_type"},
    ),
    Metric(
        key="signal_bars",
        name="Signal bars",
        fields=("signalbar",),
        parser=parse.number,
        kind=ValueKind.NUMBER,
        description="Signal bars shown by the modem, 0-5",
    ),
    Metric(
        key="lte_rsrp",
        name="LTE RSRP",
        fields=("lte_rsrp",),
        parser=parse.signal,
        kind=ValueKind.NUMBER,
        unit="dBm",
        description="LTE reference signal received power",
        aggregates={"lte": "rsrp"},
    ),
    Metric(
        key="lte_rsrq",
        name="LTE RSRQ",
        fields=("lte_rsrq",),
        parser=parse.signal,
        kind=ValueKind.NUMBER,
        unit="dB",
        description="LTE reference signal received quality",
        aggregates={"lte": "rsrq"},
    ),
    Metric(
        key="lte_sinr",
        name="LTE SINR",
        fields=("lte_snr",),
        parser=parse.signal,
        kind=ValueKind.NUMBER,
        unit="dB",
        description="LTE signal to interference plus noise ratio",
        aggregates={"lte": "sinr"},
    ),
    Metric(
        key="lte_rssi",
        name="LTE RSSI",
        fields=("lte_rssi",),
        parser=parse.signal,
        kind=ValueKind.NUMBER,
        unit="dBm",
        description="LTE received signal strength indicator",
        aggregates={"lte": "rssi"},
    ),
    Metric(
        key="lte_band",
        name="LTE band",
        fields=cells.LTE_PCELL_FIELDS,
        parser=cells.lte_band_parser,
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
        fields=cells.LTE_PCELL_FIELDS,
        parser=cells.lte_earfcn_parser,
        kind=ValueKind.NUMBER,
        description="LTE primary cell downlink EARFCN",
        aggregates={"lte": "earfcn"},
    ),
    Metric(
        key="lte_pci",
        name="LTE PCI",
        fields=("lte_pci",),
        parser=parse.lte_pci,
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
        fields=("cell_id",),
        parser=parse.first_of(parse.to_hex_int),
        kind=ValueKind.NUMBER,
        description="E-UTRAN cell id (decimal; eNodeB id = cell_id // 256)",
        aggregates={"lte": "cell_id"},
    ),
    Metric(
        key="lte_bandwidth",
        name="LTE bandwidth",
        fields=cells.LTE_PCELL_BANDWIDTH_FIELDS,
        parser=cells.lte_bandwidth,
        kind=ValueKind.NUMBER,
        unit="MHz",
        description="LTE primary cell bandwidth",
        aggregates={"lte": "bandwidth"},
    ),
    Metric(
        key="lte_ca_bands",
        name="LTE CA bands",
        fields=cells.LTE_CA_FIELDS,
        parser=cells.lte_ca_bands_parser,
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
        fields=cells.LTE_CA_FIELDS,
        parser=cells.lte_ca_total_bandwidth_parser,
        kind=ValueKind.NUMBER,
        unit="MHz",
        description="Sum of the bandwidths of every LTE carrier (primary and secondary cells)",
    ),
    Metric(
        key="lte_frequency",
        name="LTE frequency",
        fields=cells.LTE_PCELL_FIELDS,
        parser=cells.lte_frequency_parser,
        kind=ValueKind.NUMBER,
        unit="MHz",
        description="LTE primary cell downlink centre frequency, from the EARFCN (3GPP TS 36.101)",
        aggregates={"lte": "frequency"},
    ),
    Metric(
        key="nr5g_rsrp",
        name="5G RSRP",
        fields=("Z5g_rsrp", "nr5g_rsrp", "5g_rsrp"),
        parser=parse.signal,
        kind=ValueKind.NUMBER,
        unit="dBm",
        description="5G NR reference signal received power",
        aggregates={"nr5g": "rsrp"},
    ),
    Metric(
        key="nr5g_rsrq",
        name="5G RSRQ",
        fields=("Z5g_rsrq", "nr5g_rsrq"),
        parser=parse.signal,
        kind=ValueKind.NUMBER,
        unit="dB",
        description="5G NR reference signal received quality",
        aggregates={"nr5g": "rsrq"},
    ),
    Metric(
        key="nr5g_sinr",
        name="5G SINR",
        fields=("Z5g_SINR", "nr5g_sinr", "Z5g_snr"),
        parser=parse.nr_sinr,
        kind=ValueKind.NUMBER,
        unit="dB",
        description="5G NR signal to interference plus noise ratio",
        aggregates={"nr5g": "sinr"},
    ),
    Metric(
        key="nr5g_band",
        name="5G band",
        fields=cells.NR_FIELDS,
        parser=cells.nr_band_parser,
        kind=ValueKind.TEXT,
        description=(
            "5G NR band, e.g. n78: from the NR-ARFCN (3GPP TS 38.101), the modem's band field "
            "choosing between overlapping bands"
        ),
        aggregates={"nr5g": "band"},
    ),
    Metric(
        key="nr5g_pci",
        name="5G PCI",
        fields=("nr5g_pci",),
        parser=parse.nr_pci,
        kind=ValueKind.NUMBER,
        description="5G NR physical cell id 0-1007 (decimal; the firmware writes it in hex)",
        aggregates={"nr5g": "pci"},
    ),
    Metric(
        key="nr5g_arfcn",
        name="5G ARFCN",
        fields=cells.NR_FIELDS,
        parser=cells.nr_arfcn_parser,
        kind=ValueKind.NUMBER,
        description="5G NR ARFCN",
        aggregates={"nr5g": "arfcn"},
    ),
    Metric(
        key="nr5g_frequency",
        name="5G frequency",
        fields=cells.NR_FIELDS,
        parser=cells.nr_frequency_parser,
        kind=ValueKind.NUMBER,
        unit="MHz",
        description="5G NR downlink frequency of the NR-ARFCN (global raster, 3GPP TS 38.104)",
        aggregates={"nr5g": "frequency"},
    ),
    Metric(
        key="nr5g_ca_bands",
        name="5G CA bands",
        fields=cells.NR_CA_FIELDS,
        parser=cells.nr_ca_bands_parser,
        kind=ValueKind.TEXT,
        description="5G NR carriers in use, primary first, e.g. n78+n75 (from nr_multi_ca_scell_info)",
    ),
    Metric(
        key="nr5g_rsrp_1",
        name="5G RSRP chain 1",
        fields=("5g_rx0_rsrp",),
        parser=parse.signal,
        kind=ValueKind.NUMBER,
        unit="dBm",
        description="5G NR RSRP on receive chain 1",
        aggregates={"nr5g": "rsrp1"},
    ),
    Metric(
        key="nr5g_rsrp_2",
        name="5G RSRP chain 2",
        fields=("5g_rx1_rsrp",),
        parser=parse.signal,
        kind=ValueKind.NUMBER,
        unit="dBm",
        description="5G NR RSRP on receive chain 2",
        aggregates={"nr5g": "rsrp2"},
    ),
    *_LTE_ANTENNAS,
    Metric(
        key="wan_ip",
        name="WAN IP address",
        fields=("wan_ipaddr",),
        parser=parse.text,
        kind=ValueKind.TEXT,
        description="Public (WAN) IPv4 address",
    ),
    Metric(
        key="wan_ipv6",
        name="WAN IPv6 address",
        fields=("ipv6_wan_ipaddr",),
        parser=parse.text,
        kind=ValueKind.TEXT,
        description="Public (WAN) IPv6 address",
    ),
    Metric(
        key="rx_rate",
        name="Download rate",
        fields=("realtime_rx_thrpt",),
        parser=parse.number,
        kind=ValueKind.NUMBER,
        unit="B/s",
        description="Current download rate",
    ),
    Metric(
        key="tx_rate",
        name="Upload rate",
        fields=("realtime_tx_thrpt",),
        parser=parse.number,
        kind=ValueKind.NUMBER,
        unit="B/s",
        description="Current upload rate",
    ),
    Metric(
        key="monthly_rx",
        name="Monthly download",
        fields=("monthly_rx_bytes",),
        parser=parse.number,
        kind=ValueKind.NUMBER,
        unit="B",
        description="Data downloaded this month (the modem's own counter)",
    ),
    Metric(
        key="monthly_tx",
        name="Monthly upload",
        fields=("monthly_tx_bytes",),
        parser=parse.number,
        kind=ValueKind.NUMBER,
        unit="B",
        description="Data uploaded this month (the modem's own counter)",
    ),
    Metric(
        key="session_rx",
        name="Session download",
        fields=("realtime_rx_bytes",),
        parser=parse.number,
        kind=ValueKind.NUMBER,
        unit="B",
        description="Data downloaded since the data session started",
    ),
    Metric(
        key="session_tx",
        name="Session upload",
        fields=("realtime_tx_bytes",),
        parser=parse.number,
        kind=ValueKind.NUMBER,
        unit="B",
        description="Data uploaded since the data session started",
    ),
    Metric(
        key="session_duration",
        name="Session duration",
        fields=("realtime_time",),
        parser=parse.number,
        kind=ValueKind.NUMBER,
        unit="s",
        description="Time since the data session started",
    ),
    Metric(
        key="connected",
        name="Mobile data",
        fields=("ppp_status",),
        parser=parse.connected,
        kind=ValueKind.FLAG,
        description="The mobile data session is up",
    ),
    Metric(
        key="roaming",
        name="Roaming",
        fields=("simcard_roam",),
        parser=parse.roaming,
        kind=ValueKind.FLAG,
        description="The SIM is roaming on a foreign network",
    ),
    Metric(
        key="sms_unread",
        name="Unread SMS",
        fields=("sms_dev_unread_num", "sms_unread_num"),
        parser=parse.number,
        kind=ValueKind.NUMBER,
        description="Unread SMS messages on the modem",
    ),
    Metric(
        key="sms_stored",
        name="SMS stored",
        fields=sms.CAPACITY_FIELDS,
        parser=sms.stored_messages,
        kind=ValueKind.NUMBER,
        description="Messages kept on the router (device memory and SIM), read when the SMS counters change",
        polled=False,
    ),
    Metric(
        key="sms_storage_full",
        name="SMS storage full",
        fields=sms.CAPACITY_FIELDS,
        parser=sms.storage_full,
        kind=ValueKind.FLAG,
        description="The router's SMS memory is full: new messages are lost until some are deleted",
        polled=False,
    ),
    Metric(
        key="sim_state",
        name="SIM state",
        fields=("modem_main_state",),
        parser=parse.text,
        kind=ValueKind.TEXT,
        description="SIM and modem state (modem_init_complete, modem_sim_undetected, modem_waitpin, ...)",
    ),
    Metric(
        key="modem_temperature",
        name="Modem temperature",
        fields=("pm_sensor_mdm",),
        parser=parse.temperature,
        kind=ValueKind.NUMBER,
        unit="°C",
        description="Modem chip temperature (5G CPEs only)",
    ),
    *_TEMPERATURES,
    # Router controls (issue 12). The locks and the data plan come from `ZteClient.read_settings`
    # (polled=False: they change only when someone changes them) and from each control's read-back.
    Metric(
        key="network_mode",
        name="Network mode",
        fields=("net_select",),
        parser=parse.text,
        kind=ValueKind.TEXT,
        description="Network mode (bearer preference) as the router names it (NETWORK_auto, Only_LTE, ...)",
    ),
    Metric(
        key="lte_band_lock",
        name="LTE band lock",
        fields=controls.LTE_BAND_LOCK_FIELDS,
        parser=controls.lte_band_lock_text,
        kind=ValueKind.TEXT,
        description="LTE bands the modem may use, e.g. B1+B3+B20, or all (from lte_band_lock)",
        polled=False,
    ),
    Metric(
        key="nr5g_band_lock",
        name="5G band lock",
        fields=controls.NR_BAND_LOCK_FIELDS,
        parser=controls.nr_band_lock_text,
        kind=ValueKind.TEXT,
        description="5G NR bands the modem may use, e.g. n78, or all (nr5g_sa_band_lock, nr5g_nsa_band_lock)",
        polled=False,
    ),
    Metric(
        key="lte_cell_lock",
        name="LTE cell lock",
        fields=controls.LTE_CELL_LOCK_FIELDS,
        parser=controls.lte_cell_lock_text,
        kind=ValueKind.TEXT,
        description="LTE cell the modem is locked to, e.g. PCI 123 @ 1300 (PCI @ EARFCN); none when unlocked",
        polled=False,
    ),
    Metric(
        key="nr5g_cell_lock",
        name="5G cell lock",
        fields=controls.NR_CELL_LOCK_FIELDS,
        parser=controls.nr_cell_lock_text,
        kind=ValueKind.TEXT,
        description="5G NR cell the modem is locked to: PCI 202 @ 639936 (n78, 30 kHz); none if unlocked",
        polled=False,
    ),
    Metric(
        key="data_limit",
        name="Data limit",
        fields=controls.PLAN_FIELDS,
        parser=controls.data_limit,
        kind=ValueKind.NUMBER,
        unit="GB",
        description="Data limit set in the router (GB of 1024 MB as the router counts); none if switched off",
        polled=False,
    ),
    Metric(
        key="data_alert_percent",
        name="Data alert threshold",
        fields=controls.PLAN_FIELDS,
        parser=controls.data_alert_percent,
        kind=ValueKind.NUMBER,
        unit="%",
        description="Share of the data limit at which the router warns",
        polled=False,
    ),
    Metric(
        key="data_reset_day",
        name="Data reset day",
        fields=controls.PLAN_FIELDS,
        parser=controls.data_reset_day,
        kind=ValueKind.NUMBER,
        description="Day of the month the router zeroes its monthly counters (none: calendar month or never)",
        polled=False,
    ),
    Metric(
        key="data_used_percent",
        name="Data used",
        fields=controls.PLAN_FIELDS,
        parser=controls.data_used_percent,
        kind=ValueKind.NUMBER,
        unit="%",
        description="Data used this period in percent of the router's data limit",
        polled=False,
    ),
    Metric(
        key="data_projected",
        name="Projected data use",
        fields=controls.PLAN_FIELDS,
        parser=controls.data_projected,
        kind=ValueKind.NUMBER,
        unit="GB",
        description=(
            "Data use at the end of the period if it goes on as so far (linear from the last reset day); "
            "none in the first 12 hours of a period"
        ),
        polled=False,
    ),
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
        if metric.polled:
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
