"""Typed views of one read, by area: `snapshot.lte.rsrp`, `snapshot.traffic.rx_rate`.

Each field is the catalogue metric of the same meaning (its key in the comment of each
area), so the key lookup of the MQTT contract and the typed access always agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from .catalogue import MetricValue


def _number(value: MetricValue) -> float | None:
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _integer(value: MetricValue) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: MetricValue) -> str | None:
    return value if isinstance(value, str) else None


def _flag(value: MetricValue) -> bool | None:
    return value if isinstance(value, bool) else None


@dataclass(frozen=True, slots=True, kw_only=True)
class LteValues:
    """The LTE primary cell and carriers (keys lte_*, cell_id)."""

    rsrp: float | None
    rsrq: float | None
    sinr: float | None
    rssi: float | None
    band: str | None
    earfcn: int | None
    pci: int | None
    cell_id: int | None
    enodeb_id: int | None  # lte_enodeb_id
    sector: int | None  # lte_sector
    bandwidth: float | None
    ca_bands: str | None
    ca_total_bandwidth: float | None
    frequency: float | None
    antenna_rsrp: tuple[float | None, ...]  # lte_rsrp_1..4
    antenna_sinr: tuple[float | None, ...]  # lte_sinr_1..4

    @classmethod
    def from_values(cls, values: Mapping[str, MetricValue]) -> LteValues:
        """From the parsed catalogue values."""
        return cls(
            rsrp=_number(values.get("lte_rsrp")),
            rsrq=_number(values.get("lte_rsrq")),
            sinr=_number(values.get("lte_sinr")),
            rssi=_number(values.get("lte_rssi")),
            band=_text(values.get("lte_band")),
            earfcn=_integer(values.get("lte_earfcn")),
            pci=_integer(values.get("lte_pci")),
            cell_id=_integer(values.get("cell_id")),
            enodeb_id=_integer(values.get("lte_enodeb_id")),
            sector=_integer(values.get("lte_sector")),
            bandwidth=_number(values.get("lte_bandwidth")),
            ca_bands=_text(values.get("lte_ca_bands")),
            ca_total_bandwidth=_number(values.get("lte_ca_total_bandwidth")),
            frequency=_number(values.get("lte_frequency")),
            antenna_rsrp=tuple(_number(values.get(f"lte_rsrp_{n}")) for n in range(1, 5)),
            antenna_sinr=tuple(_number(values.get(f"lte_sinr_{n}")) for n in range(1, 5)),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class NrValues:
    """The 5G NR cell (keys nr5g_*)."""

    rsrp: float | None
    rsrq: float | None
    sinr: float | None
    band: str | None
    pci: int | None
    cell_id: int | None  # nr5g_cell_id
    arfcn: int | None
    frequency: float | None
    ca_bands: str | None
    chain_rsrp: tuple[float | None, ...]  # nr5g_rsrp_1..2

    @classmethod
    def from_values(cls, values: Mapping[str, MetricValue]) -> NrValues:
        """From the parsed catalogue values."""
        return cls(
            rsrp=_number(values.get("nr5g_rsrp")),
            rsrq=_number(values.get("nr5g_rsrq")),
            sinr=_number(values.get("nr5g_sinr")),
            band=_text(values.get("nr5g_band")),
            pci=_integer(values.get("nr5g_pci")),
            cell_id=_integer(values.get("nr5g_cell_id")),
            arfcn=_integer(values.get("nr5g_arfcn")),
            frequency=_number(values.get("nr5g_frequency")),
            ca_bands=_text(values.get("nr5g_ca_bands")),
            chain_rsrp=tuple(_number(values.get(f"nr5g_rsrp_{n}")) for n in range(1, 3)),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class NetworkValues:
    """Registration, data session and SIM (keys provider, network_type, signal_bars, ...)."""

    provider: str | None
    network_type: str | None
    signal_bars: float | None
    connected: bool | None
    roaming: bool | None
    sim_state: str | None
    wan_ip: str | None
    wan_ipv6: str | None
    sms_unread: float | None
    sms_stored: float | None
    sms_storage_full: bool | None

    @classmethod
    def from_values(cls, values: Mapping[str, MetricValue]) -> NetworkValues:
        """From the parsed catalogue values."""
        return cls(
            provider=_text(values.get("provider")),
            network_type=_text(values.get("network_type")),
            signal_bars=_number(values.get("signal_bars")),
            connected=_flag(values.get("connected")),
            roaming=_flag(values.get("roaming")),
            sim_state=_text(values.get("sim_state")),
            wan_ip=_text(values.get("wan_ip")),
            wan_ipv6=_text(values.get("wan_ipv6")),
            sms_unread=_number(values.get("sms_unread")),
            sms_stored=_number(values.get("sms_stored")),
            sms_storage_full=_flag(values.get("sms_storage_full")),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class TrafficValues:
    """Rates in bytes/s, volumes in bytes, durations in seconds (keys rx_rate, monthly_rx, ...)."""

    rx_rate: float | None
    tx_rate: float | None
    monthly_rx: float | None
    monthly_tx: float | None
    session_rx: float | None
    session_tx: float | None
    session_duration: float | None

    @classmethod
    def from_values(cls, values: Mapping[str, MetricValue]) -> TrafficValues:
        """From the parsed catalogue values."""
        return cls(
            rx_rate=_number(values.get("rx_rate")),
            tx_rate=_number(values.get("tx_rate")),
            monthly_rx=_number(values.get("monthly_rx")),
            monthly_tx=_number(values.get("monthly_tx")),
            session_rx=_number(values.get("session_rx")),
            session_tx=_number(values.get("session_tx")),
            session_duration=_number(values.get("session_duration")),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class TemperatureValues:
    """Degrees Celsius of every sensor the firmware reports (keys *_temperature)."""

    modem: float | None
    modem_5g: float | None
    ambient: float | None
    power_amplifier: float | None
    rf_5g: float | None
    wifi: float | None

    @classmethod
    def from_values(cls, values: Mapping[str, MetricValue]) -> TemperatureValues:
        """From the parsed catalogue values."""
        return cls(
            modem=_number(values.get("modem_temperature")),
            modem_5g=_number(values.get("modem_5g_temperature")),
            ambient=_number(values.get("ambient_temperature")),
            power_amplifier=_number(values.get("pa_temperature")),
            rf_5g=_number(values.get("rf_5g_temperature")),
            wifi=_number(values.get("wifi_temperature")),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class ControlValues:
    """What the router controls are set to (keys network_mode, lte_band_lock, nr5g_band_lock,
    lte_cell_lock, nr5g_cell_lock), and the mobile-data switch state.

    `mobile_data` is no catalogue metric (the `connected` flag is): it is the switch's state, on
    while the router is still connecting; the transport decides it from its own session state.
    """

    mobile_data: bool | None
    network_mode: str | None
    lte_band_lock: str | None
    nr5g_band_lock: str | None
    lte_cell_lock: str | None
    nr5g_cell_lock: str | None

    @classmethod
    def from_values(
        cls, values: Mapping[str, MetricValue], *, mobile_data: bool | None = None
    ) -> ControlValues:
        """From the parsed catalogue values and the transport's mobile-data switch state."""
        return cls(
            mobile_data=mobile_data,
            network_mode=_text(values.get("network_mode")),
            lte_band_lock=_text(values.get("lte_band_lock")),
            nr5g_band_lock=_text(values.get("nr5g_band_lock")),
            lte_cell_lock=_text(values.get("lte_cell_lock")),
            nr5g_cell_lock=_text(values.get("nr5g_cell_lock")),
        )

    @property
    def lte_bands_allowed(self) -> tuple[int, ...] | None:
        """The LTE band lock as band numbers; () for "all"; None when not reported."""
        return _bands_of(self.lte_band_lock, "B")

    @property
    def nr_bands_allowed(self) -> tuple[int, ...] | None:
        """The 5G band lock as band numbers; () for "all"; None when not reported."""
        return _bands_of(self.nr5g_band_lock, "n")


def _bands_of(text: str | None, prefix: str) -> tuple[int, ...] | None:
    """'B1+B3+B20' -> (1, 3, 20); 'all' -> (); None or an unreadable text -> None."""
    if text is None:
        return None
    if text == "all":
        return ()
    bands = [part.strip().removeprefix(prefix) for part in text.split("+")]
    if not all(band.isdigit() for band in bands):
        return None
    return tuple(int(band) for band in bands)


@dataclass(frozen=True, slots=True, kw_only=True)
class DataPlanValues:
    """The router's own data plan: GB, percent, day of month (keys data_*)."""

    limit: float | None
    alert_percent: float | None
    reset_day: int | None
    used_percent: float | None
    projected: float | None
    remaining: float | None = None
    at_risk: bool | None = None

    @classmethod
    def from_values(cls, values: Mapping[str, MetricValue]) -> DataPlanValues:
        """From the parsed catalogue values."""
        at_risk = values.get("data_plan_at_risk")
        return cls(
            remaining=_number(values.get("data_remaining")),
            at_risk=at_risk if isinstance(at_risk, bool) else None,
            limit=_number(values.get("data_limit")),
            alert_percent=_number(values.get("data_alert_percent")),
            reset_day=_integer(values.get("data_reset_day")),
            used_percent=_number(values.get("data_used_percent")),
            projected=_number(values.get("data_projected")),
        )


class FirmwareStage(StrEnum):
    """Where a firmware update stands on the router, whatever the firmware calls it."""

    IDLE = "idle"
    DOWNLOADING = "downloading"
    DOWNLOADED = "downloaded"  # the package is on the router, not installed yet
    DOWNLOAD_FAILED = "download_failed"
    VERIFY_FAILED = "verify_failed"  # the package did not pass the router's check
    INSTALLING = "installing"


@dataclass(frozen=True, slots=True, kw_only=True)
class FirmwareUpdate:
    """What the router says about its firmware: installed, the newest it knows of, and how far a
    download or an installation (the router's own, started on its web page) has come.

    `latest` is the installed version unless the router reports a newer one; `progress` is the
    downloaded share in percent while it downloads (None when it does not say).
    """

    installed: str | None
    latest: str | None
    stage: FirmwareStage | None
    progress: int | None
    release_summary: str | None

    @property
    def available(self) -> bool:
        """The router knows of a version other than the installed one."""
        return self.latest is not None and self.latest != self.installed

    @property
    def in_progress(self) -> bool:
        """The router is downloading or installing an update now."""
        return self.stage in (FirmwareStage.DOWNLOADING, FirmwareStage.INSTALLING)
