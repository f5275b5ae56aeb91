"""Typed results of a modem read."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .metrics import parse_metrics
from .parse import MetricValue, clean

_MODEL_IN_VERSION = re.compile(r"((?:MC|MF|MU|G5)\d{2,4}[A-Z0-9]*?)V\d")


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
            match = _MODEL_IN_VERSION.search(firmware)
            model = match.group(1) if match else None
        return cls(
            model=model,
            firmware=firmware,
            config_version=clean(raw.get("cr_version")),
            hardware_version=clean(raw.get("hardware_version")),
            imei=clean(raw.get("imei")),
            mac_address=clean(raw.get("mac_address")),
        )

    @property
    def serial(self) -> str | None:
        """The most stable identifier the modem offers: IMEI, else MAC."""
        if self.imei:
            return self.imei
        if self.mac_address:
            return self.mac_address.replace(":", "").replace("-", "").lower()
        return None


@dataclass(frozen=True, slots=True)
class ModemSnapshot:
    """One read of the modem: parsed metrics plus the raw fields for diagnostics."""

    device: ModemDevice
    values: Mapping[str, MetricValue]
    raw: Mapping[str, str] = field(repr=False)

    @classmethod
    def from_raw(cls, raw: Mapping[str, object]) -> ModemSnapshot:
        """Parse a goform answer; never raises, whatever the strings are."""
        text_only = {key: value if isinstance(value, str) else "" for key, value in raw.items()}
        return cls(
            device=ModemDevice.from_raw(text_only),
            values=parse_metrics(text_only),
            raw=text_only,
        )

    def __getitem__(self, key: str) -> MetricValue:
        return self.values[key]
