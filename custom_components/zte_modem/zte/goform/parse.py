"""Turn the modem's strings into typed values. Never raises on any input."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeAlias

from .. import radio
from ..catalogue import MetricValue
from ..radio import MAX_LTE_PCI, MAX_NR_PCI


class PciFormat(StrEnum):
    """How a firmware writes the LTE PCI: MC-series builds in hex, MF-series and UFI in decimal."""

    HEX = "hex"
    DECIMAL = "decimal"


@dataclass(frozen=True, slots=True)
class ValueFormat:
    """What one firmware build writes differently from another; decided per build, not per value."""

    lte_pci: PciFormat = PciFormat.HEX


# Until a build is known, values are read the way most builds write them.
DEFAULT_FORMAT = ValueFormat()


# A metric's fields by name, in the order the field table (fields.py) lists them: a parser that
# takes "the first with a value" goes by that order. TypeAlias rather than `type` statements:
# the probe must run on Python 3.11 too.
FieldValues: TypeAlias = Mapping[str, str]
Parser: TypeAlias = Callable[[FieldValues, ValueFormat], MetricValue]

# Values the firmware uses for "not available" instead of an empty string.
UNAVAILABLE = frozenset({"", "--", "-", "n/a", "na", "nan", "inf", "-inf", "null", "none"})
# Numeric placeholders seen in SINR/SNR and other signal fields.
SIGNAL_SENTINELS = frozenset({"255", "-32768", "-3276.8", "-32767", "32767"})

_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_DIGITS = re.compile(r"\d+")
_HEX = re.compile(r"(?:0x)?([0-9a-fA-F]+)")

CONNECTED_PPP_STATES = frozenset({"ppp_connected", "ipv6_connected", "ipv4_ipv6_connected"})


def clean(raw: object) -> str | None:
    """Strip a raw field; None when it carries no value."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    if text.lower() in UNAVAILABLE:
        return None
    return text


def to_number(raw: object, *, sentinels: frozenset[str] = frozenset()) -> int | float | None:
    """A decimal string as int (when integral in the source) or float."""
    text = clean(raw)
    if text is None or text in sentinels:
        return None
    match = _NUMBER.fullmatch(text)
    if match is None:
        return None
    if "." in text:
        value = float(text)
        if not math.isfinite(value) or str(value) in sentinels:
            return None
        return value
    return int(text)


def to_int(raw: object) -> int | None:
    """A decimal integer, also accepting '20.0' and '20MHz' style strings."""
    text = clean(raw)
    if text is None:
        return None
    match = _NUMBER.match(text)
    if match is None:
        return None
    value = float(match.group())
    return int(value) if math.isfinite(value) else None


def to_hex_int(raw: object) -> int | None:
    """Hex strings such as PCI '3EF' or cell id '2c20f34' as decimal integers."""
    text = clean(raw)
    if text is None:
        return None
    match = _HEX.fullmatch(text)
    return int(match.group(1), 16) if match else None


# Temperature sensors report -40 or below when the sensor is absent.
MIN_TEMPERATURE = -40


def _band_number(raw: object) -> int | None:
    text = clean(raw)
    match = _DIGITS.search(text) if text else None
    return int(match.group()) or None if match else None


def _names_nr(text: str) -> bool:
    """'n78', 'NR5G BAND 78', '5G n78': a band field that speaks of NR, not LTE."""
    lowered = text.lower()
    return lowered.startswith("n") or "nr" in lowered or "5g" in lowered


def lte_band(raw: object) -> str | None:
    """'3', 'B3', 'LTE BAND 3' -> 'B3'; an NR band ('n78') is not an LTE band."""
    text = clean(raw)
    if text is None or _names_nr(text):
        return None
    number = _band_number(text)
    return f"B{number}" if number else None


def nr_band(raw: object) -> str | None:
    """'78', 'n78', 'N78' -> 'n78'."""
    number = _band_number(raw)
    return f"n{number}" if number else None


def to_float(raw: object) -> float | None:
    """'15.0', '1.4', '15MHz' -> float."""
    text = clean(raw)
    match = _NUMBER.match(text) if text else None
    if match is None:
        return None
    value = float(match.group())
    return value if math.isfinite(value) else None


def pci(raw: object, pci_format: PciFormat) -> int | None:
    """A PCI in the firmware's own notation; a value with a-f is hex whatever the build says."""
    text = clean(raw)
    if text is None:
        return None
    if pci_format is PciFormat.DECIMAL and text.isdigit():
        return int(text)
    return to_hex_int(text)


def earfcn(raw: object) -> int | None:
    """An LTE downlink EARFCN (decimal), None when outside the 3GPP range."""
    value = to_int(raw)
    return value if value is not None and 0 <= value <= radio.MAX_EARFCN else None


def nr_arfcn(raw: object) -> int | None:
    """An NR-ARFCN (decimal), None when outside the global raster."""
    value = to_int(raw)
    return value if value is not None and 0 < value <= radio.MAX_NR_ARFCN else None


def first_of(convert: Callable[[object], MetricValue]) -> Parser:
    """Parser that converts the first field that yields a value."""

    def parse(values: FieldValues, value_format: ValueFormat) -> MetricValue:
        for raw in values.values():
            value = convert(raw)
            if value is not None:
                return value
        return None

    return parse


def number(values: FieldValues, value_format: ValueFormat) -> MetricValue:
    """First plain number among the fields."""
    return first_of(to_number)(values, value_format)


def signal(values: FieldValues, value_format: ValueFormat) -> MetricValue:
    """First signal level, ignoring the firmware's numeric placeholders."""
    for raw in values.values():
        value = to_number(raw, sentinels=SIGNAL_SENTINELS)
        if value is not None:
            return value
    return None


def nr_sinr(values: FieldValues, value_format: ValueFormat) -> MetricValue:
    """NR SINR; -20.0 is the floor the firmware reports when there is no NR cell."""
    for raw in values.values():
        value = to_number(raw, sentinels=SIGNAL_SENTINELS | {"-20.0", "-20"})
        if value is not None:
            return value
    return None


def temperature(values: FieldValues, value_format: ValueFormat) -> MetricValue:
    """A temperature in degrees Celsius; -40 or below means the sensor is absent."""
    value = first_of(to_number)(values, value_format)
    if isinstance(value, int | float) and not isinstance(value, bool) and value > MIN_TEMPERATURE:
        return value
    return None


def text(values: FieldValues, value_format: ValueFormat) -> MetricValue:
    """First non-empty string."""
    return first_of(clean)(values, value_format)


def connected(values: FieldValues, value_format: ValueFormat) -> MetricValue:
    """ppp_status -> True when a data session is up."""
    state = clean(next(iter(values.values()), None))
    if state is None:
        return None
    return state.lower() in CONNECTED_PPP_STATES


def roaming(values: FieldValues, value_format: ValueFormat) -> MetricValue:
    """simcard_roam: 'Home' -> False, 'Roaming'/'Internal'/'International' -> True."""
    state = clean(next(iter(values.values()), None))
    if state is None:
        return None
    return state.lower() != "home"


def lte_pci(values: FieldValues, value_format: ValueFormat) -> MetricValue:
    """The serving LTE PCI, read in the notation the build uses; never above 503."""
    for raw in values.values():
        value = pci(raw, value_format.lte_pci)
        if value is not None:
            return value if value <= MAX_LTE_PCI else None
    return None


def nr_pci(values: FieldValues, value_format: ValueFormat) -> MetricValue:
    """The NR PCI: hex on every build seen; never above 1007."""
    value = first_of(to_hex_int)(values, value_format)
    return value if isinstance(value, int) and value <= MAX_NR_PCI else None
