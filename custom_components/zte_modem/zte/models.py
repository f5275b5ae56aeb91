"""Typed results of a modem read, the same whatever the transport."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .apn import ApnState
from .catalogue import MetricValue
from .clients import ClientList
from .neighbours import NeighbourCell
from .plan import PlanSettings
from .quality import quality_of
from .values import (
    ControlValues,
    DataPlanValues,
    FirmwareUpdate,
    LteValues,
    NetworkValues,
    NrValues,
    TemperatureValues,
    TrafficValues,
)


@dataclass(frozen=True, slots=True)
class ModemDevice:
    """Identity of the modem, as far as the firmware tells."""

    model: str | None
    firmware: str | None
    config_version: str | None
    hardware_version: str | None
    imei: str | None
    mac_address: str | None

    @property
    def name(self) -> str:
        """How the device is called everywhere: the entry title, the device page, MQTT discovery."""
        return f"ZTE {self.model}" if self.model else "ZTE modem"

    @property
    def serial(self) -> str | None:
        """The most stable identifier the modem offers: IMEI, else MAC."""
        if self.imei:
            return self.imei
        if self.mac_address:
            return self.mac_address.replace(":", "").replace("-", "").lower()
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class ModemSnapshot:
    """One read of the modem: typed values by area, the same by catalogue key, and the raw answer.

    `values` is the key lookup the MQTT contract and the probe need; `lte`, `nr5g`, `network`,
    `traffic`, `temperatures`, `controls` and `data_plan` give the same values typed.
    `firmware_update`: what the router says about its firmware (None: it does not say; the
    transport reads it with the settings, not at every poll).
    `sms_waiting`: the transport saw signs that new messages may be waiting (read the list).
    `clients`: the last read of the client lists (None: the router offers none, or none read
    yet); its `generation` says whether this snapshot brought a new one.
    `apn` and `plan_settings`: what the APN select and the data-plan controls show.
    `neighbours`: the LTE neighbour cells reported in the poll (None: the router reports none).
    `raw` is the transport's own answer, for diagnostics only (redacted there): nothing else
    may read meaning into it.
    """

    device: ModemDevice
    values: Mapping[str, MetricValue]
    lte: LteValues
    nr5g: NrValues
    network: NetworkValues
    traffic: TrafficValues
    temperatures: TemperatureValues
    controls: ControlValues
    data_plan: DataPlanValues
    firmware_update: FirmwareUpdate | None = None
    sms_waiting: bool = False
    clients: ClientList | None = None
    raw: Mapping[str, str] = field(default_factory=dict, repr=False)
    # The stored APN profiles (names only) and the data-plan settings as they can be written;
    # None when this router did not report them.
    apn: ApnState | None = None
    plan_settings: PlanSettings | None = None
    neighbours: tuple[NeighbourCell, ...] | None = None
    # 0..100 from the RSRP and SINR of LTE and NR (quality.py); None without any of them.
    signal_quality: int | None = None

    @classmethod
    def from_values(
        cls,
        values: Mapping[str, MetricValue],
        *,
        device: ModemDevice,
        mobile_data: bool | None = None,
        firmware_update: FirmwareUpdate | None = None,
        sms_waiting: bool = False,
        clients: ClientList | None = None,
        raw: Mapping[str, str] | None = None,
        apn: ApnState | None = None,
        plan_settings: PlanSettings | None = None,
        neighbours: tuple[NeighbourCell, ...] | None = None,
    ) -> ModemSnapshot:
        """From values keyed by catalogue metric (a missing key reads as None)."""
        if clients is not None:
            values = {**values, "connected_devices": clients.count}
        quality = quality_of(values)
        values = {**values, "signal_quality": quality}
        return cls(
            device=device,
            values=dict(values),
            lte=LteValues.from_values(values),
            nr5g=NrValues.from_values(values),
            network=NetworkValues.from_values(values),
            traffic=TrafficValues.from_values(values),
            temperatures=TemperatureValues.from_values(values),
            controls=ControlValues.from_values(values, mobile_data=mobile_data),
            data_plan=DataPlanValues.from_values(values),
            firmware_update=firmware_update,
            sms_waiting=sms_waiting,
            clients=clients,
            raw=dict(raw or {}),
            apn=apn,
            plan_settings=plan_settings,
            neighbours=neighbours,
            signal_quality=quality,
        )
