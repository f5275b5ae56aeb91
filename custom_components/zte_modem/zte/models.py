"""Typed results of a modem read."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .controls import CLOCK_FIELD
from .metrics import parse_metrics
from .parse import DEFAULT_FORMAT, MAX_LTE_PCI, MetricValue, PciFormat, ValueFormat, clean, to_hex_int
from .values import (
    ControlValues,
    DataPlanValues,
    LteValues,
    NetworkValues,
    NrValues,
    TemperatureValues,
    TrafficValues,
)

# 'BD_UKH3GMC801AV1.0.0B15' -> MC801A; 'BD_TELIASEMF297DMODV1.0.0B03' -> MF297D (operator
# suffix MOD dropped); 'BD_LLCUKRF30PROV1.0.0B01' -> F30 Pro.
_MODEL_IN_VERSION = re.compile(r"((?:MC|MF|MU|G5)\d{2,4}[A-Z]?|F\d{2})([A-Z]*)V\d")


def model_from_firmware(firmware: str) -> str | None:
    """The model named inside a firmware version string, without operator prefix or suffix."""
    match = _MODEL_IN_VERSION.search(firmware.upper())
    if match is None:
        return None
    model, suffix = match.groups()
    return f"{model} Pro" if suffix.endswith("PRO") else model


def pci_format_proven_by(value: str | None) -> PciFormat | None:
    """a-f digits prove hex; a decimal-looking value whose hex reading exceeds 503 proves decimal."""
    if value is None:
        return None
    if any(char in "abcdefABCDEF" for char in value.removeprefix("0x")):
        return PciFormat.HEX if to_hex_int(value) is not None else None
    if value.isdigit() and (to_hex_int(value) or 0) > MAX_LTE_PCI and int(value) <= MAX_LTE_PCI:
        return PciFormat.DECIMAL
    return None


def pci_format_of_model(raw: Mapping[str, str]) -> PciFormat:
    """MF-series, MU/U-series, F-series MiFis and UFI builds write the PCI in decimal; MC-series in hex."""
    model = clean(raw.get("model_name")) or model_from_firmware(raw.get("wa_inner_version") or "") or ""
    upper = model.upper().replace(" ", "")
    if upper.startswith(("MF", "MU", "UFI", "U", "F")):
        return PciFormat.DECIMAL
    return PciFormat.HEX


@dataclass(frozen=True, slots=True)
class ModemDevice:
    """Identity of the modem, as far as the firmware tells."""

    model: str | None
    firmware: str | None
    config_version: str | None
    hardware_version: str | None
    imei: str | None
    mac_address: str | None

    @classmethod
    def from_raw(cls, raw: Mapping[str, object]) -> ModemDevice:
        """Build from a goform answer; the model falls back to the version string."""
        firmware = clean(raw.get("wa_inner_version"))
        model = clean(raw.get("model_name"))
        if model is None and firmware:
            model = model_from_firmware(firmware)
        return cls(
            model=model,
            firmware=firmware,
            config_version=clean(raw.get("cr_version")),
            hardware_version=clean(raw.get("hardware_version")),
            imei=clean(raw.get("imei")),
            mac_address=clean(raw.get("mac_address")),
        )

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
    """One read of the modem: typed values by area, the same by catalogue key, and the raw fields.

    `values` is the key lookup the MQTT contract and the probe need; `lte`, `nr5g`, `network`,
    `traffic`, `temperatures`, `controls` and `data_plan` give the same values typed.
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
    raw: Mapping[str, str] = field(repr=False)

    @classmethod
    def from_raw(cls, raw: Mapping[str, object], value_format: ValueFormat = DEFAULT_FORMAT) -> ModemSnapshot:
        """Parse a goform answer; never raises, whatever the strings are."""
        text_only = {key: value if isinstance(value, str) else "" for key, value in raw.items()}
        values = parse_metrics(text_only, value_format)
        return cls(
            device=ModemDevice.from_raw(text_only),
            values=values,
            lte=LteValues.from_values(values),
            nr5g=NrValues.from_values(values),
            network=NetworkValues.from_values(values),
            traffic=TrafficValues.from_values(values),
            temperatures=TemperatureValues.from_values(values),
            controls=ControlValues.from_values(values, ppp_status=text_only.get("ppp_status")),
            data_plan=DataPlanValues.from_values(values),
            # The client's clock (for the data-plan projection) is no modem field.
            raw={key: value for key, value in text_only.items() if key != CLOCK_FIELD},
        )
