"""The router facts: addresses, traffic, SMS, SIM, temperatures, controls and data plan."""

from __future__ import annotations

from ..capabilities import Feature
from .metric import CELSIUS, Metric, ValueKind


def _temperature(key: str, name: str, description: str, *, needs_5g: bool = False) -> Metric:
    return Metric(
        key=key,
        name=name,
        kind=ValueKind.NUMBER,
        unit=CELSIUS,
        description=f"{description} temperature, where the firmware reports it (-40 °C or below: absent)",
        features=frozenset({Feature.NR5G}) if needs_5g else frozenset(),
    )


_TEMPERATURES = (
    _temperature("modem_5g_temperature", "5G modem temperature", "5G modem chip", needs_5g=True),
    _temperature("ambient_temperature", "Ambient temperature", "Ambient (inside the case)"),
    _temperature("pa_temperature", "Power amplifier temperature", "Power amplifier"),
    _temperature("rf_5g_temperature", "5G RF temperature", "5G radio front end", needs_5g=True),
    _temperature("wifi_temperature", "Wi-Fi chip temperature", "Wi-Fi chip"),
)

ROUTER_METRICS: tuple[Metric, ...] = (
    Metric(
        key="connected_devices",
        name="Connected devices",
        kind=ValueKind.NUMBER,
        description="Devices connected to the router on Wi-Fi, guest Wi-Fi and LAN (its client lists)",
        features=frozenset({Feature.CLIENTS}),
    ),
    Metric(
        key="wan_ip",
        name="WAN IP address",
        kind=ValueKind.TEXT,
        description="Public (WAN) IPv4 address",
    ),
    Metric(
        key="wan_ipv6",
        name="WAN IPv6 address",
        kind=ValueKind.TEXT,
        description="Public (WAN) IPv6 address",
    ),
    Metric(
        key="rx_rate",
        name="Download rate",
        kind=ValueKind.NUMBER,
        unit="B/s",
        description="Current download rate",
    ),
    Metric(
        key="tx_rate",
        name="Upload rate",
        kind=ValueKind.NUMBER,
        unit="B/s",
        description="Current upload rate",
    ),
    Metric(
        key="monthly_rx",
        name="Monthly download",
        kind=ValueKind.NUMBER,
        unit="B",
        description="Data downloaded this month (the modem's own counter)",
    ),
    Metric(
        key="monthly_tx",
        name="Monthly upload",
        kind=ValueKind.NUMBER,
        unit="B",
        description="Data uploaded this month (the modem's own counter)",
    ),
    Metric(
        key="session_rx",
        name="Session download",
        kind=ValueKind.NUMBER,
        unit="B",
        description="Data downloaded since the data session started",
    ),
    Metric(
        key="session_tx",
        name="Session upload",
        kind=ValueKind.NUMBER,
        unit="B",
        description="Data uploaded since the data session started",
    ),
    Metric(
        key="session_duration",
        name="Session duration",
        kind=ValueKind.NUMBER,
        unit="s",
        description="Time since the data session started",
    ),
    Metric(
        key="connected",
        name="Mobile data",
        kind=ValueKind.FLAG,
        description="The mobile data session is up",
    ),
    Metric(
        key="roaming",
        name="Roaming",
        kind=ValueKind.FLAG,
        description="The SIM is roaming on a foreign network",
    ),
    Metric(
        key="sms_unread",
        name="Unread SMS",
        kind=ValueKind.NUMBER,
        description="Unread SMS messages on the modem",
        features=frozenset({Feature.SMS}),
    ),
    Metric(
        key="sms_stored",
        name="SMS stored",
        kind=ValueKind.NUMBER,
        description="Messages kept on the router (device memory and SIM), read when the SMS counters change",
        features=frozenset({Feature.SMS}),
    ),
    Metric(
        key="sms_storage_full",
        name="SMS storage full",
        kind=ValueKind.FLAG,
        description="The router's SMS memory is full: new messages are lost until some are deleted",
        features=frozenset({Feature.SMS}),
    ),
    Metric(
        key="sim_state",
        name="SIM state",
        kind=ValueKind.TEXT,
        description="SIM and modem state (modem_init_complete, modem_sim_undetected, modem_waitpin, ...)",
    ),
    Metric(
        key="modem_temperature",
        name="Modem temperature",
        kind=ValueKind.NUMBER,
        unit="°C",
        description="Modem chip temperature (5G CPEs only)",
    ),
    *_TEMPERATURES,
    Metric(
        key="network_mode",
        name="Network mode",
        kind=ValueKind.TEXT,
        description="Network mode (bearer preference) as the router names it (NETWORK_auto, Only_LTE, ...)",
        features=frozenset({Feature.NETWORK_MODE}),
    ),
    Metric(
        key="lte_band_lock",
        name="LTE band lock",
        kind=ValueKind.TEXT,
        description="LTE bands the modem may use, e.g. B1+B3+B20, or all",
        features=frozenset({Feature.BAND_LOCK}),
    ),
    Metric(
        key="nr5g_band_lock",
        name="5G band lock",
        kind=ValueKind.TEXT,
        description="5G NR bands the modem may use (standalone and non-standalone), e.g. n78, or all",
        features=frozenset({Feature.NR5G, Feature.BAND_LOCK}),
    ),
    Metric(
        key="lte_cell_lock",
        name="LTE cell lock",
        kind=ValueKind.TEXT,
        description="LTE cell the modem is locked to, e.g. PCI 123 @ 1300 (PCI @ EARFCN); none when unlocked",
        features=frozenset({Feature.CELL_LOCK}),
    ),
    Metric(
        key="nr5g_cell_lock",
        name="5G cell lock",
        kind=ValueKind.TEXT,
        description="5G NR cell the modem is locked to: PCI 202 @ 639936 (n78, 30 kHz); none if unlocked",
        features=frozenset({Feature.NR5G, Feature.CELL_LOCK}),
    ),
    Metric(
        key="data_limit",
        name="Data limit",
        kind=ValueKind.NUMBER,
        unit="GB",
        description="Data limit set in the router (GB of 1024 MB as the router counts); none if switched off",
        features=frozenset({Feature.DATA_PLAN}),
    ),
    Metric(
        key="data_alert_percent",
        name="Data alert threshold",
        kind=ValueKind.NUMBER,
        unit="%",
        description="Share of the data limit at which the router warns",
        features=frozenset({Feature.DATA_PLAN}),
    ),
    Metric(
        key="data_reset_day",
        name="Data reset day",
        kind=ValueKind.NUMBER,
        description="Day of the month the router zeroes its monthly counters (none: calendar month or never)",
        features=frozenset({Feature.DATA_PLAN}),
    ),
    Metric(
        key="data_remaining",
        name="Data remaining",
        kind=ValueKind.NUMBER,
        unit="GB",
        description="Data left of the router's data limit this period (0 when used up); none without a limit",
        features=frozenset({Feature.DATA_PLAN}),
    ),
    Metric(
        key="data_plan_at_risk",
        name="Data plan at risk",
        kind=ValueKind.FLAG,
        description=(
            "The use projected to the end of the period exceeds the data limit, or the router's alert "
            "threshold is crossed; none without a limit"
        ),
        features=frozenset({Feature.DATA_PLAN}),
    ),
    Metric(
        key="data_used_percent",
        name="Data used",
        kind=ValueKind.NUMBER,
        unit="%",
        description="Data used this period in percent of the router's data limit",
        features=frozenset({Feature.DATA_PLAN}),
    ),
    Metric(
        key="data_projected",
        name="Projected data use",
        kind=ValueKind.NUMBER,
        unit="GB",
        description=(
            "Data use at the end of the period if it goes on as so far (linear from the last reset day); "
            "none in the first 12 hours of a period"
        ),
        features=frozenset({Feature.DATA_PLAN}),
    ),
)
