"""Who the router is, from goform fields, and how its build writes the LTE PCI."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ..models import ModemDevice
from ..radio import MAX_LTE_PCI
from .parse import PciFormat, clean, to_hex_int

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


def device_from_raw(raw: Mapping[str, object]) -> ModemDevice:
    """Build from a goform answer; the model falls back to the version string."""
    firmware = clean(raw.get("wa_inner_version"))
    model = clean(raw.get("model_name"))
    if model is None and firmware:
        model = model_from_firmware(firmware)
    return ModemDevice(
        model=model,
        firmware=firmware,
        config_version=clean(raw.get("cr_version")),
        hardware_version=clean(raw.get("hardware_version")),
        imei=clean(raw.get("imei")),
        mac_address=clean(raw.get("mac_address")),
    )
