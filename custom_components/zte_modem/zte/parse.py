"""Turn the modem's strings into typed values. Never raises on any input."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from typing import TypeAlias

# TypeAlias rather than `type` statements: the probe must run on Python 3.11 too.
MetricValue: TypeAlias = int | float | str | bool | None
RawValues: TypeAlias = Sequence[str]
Parser: TypeAlias = Callable[[RawValues], MetricValue]

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


def _band_number(raw: object) -> int | None:
    text = clean(raw)
    match = _DIGITS.search(text) if text else None
    return int(match.group()) or None if match else None


def lte_band(raw: object) -> str | None:
    """'3', 'B3', 'LTE BAND 3' -> 'B3'."""
    number = _band_number(raw)
    return f"B{number}" if number else None


def nr_band(raw: object) -> str | None:
    """'78', 'n78', 'N78' -> 'n78'."""
    number = _band_number(raw)
    return f"n{number}" if number else None


def first_of(convert: Callable[[object], MetricValue]) -> Parser:
    """Parser that converts the first field that yields a value."""

    def parse(values: RawValues) -> MetricValue:
        for raw in values:
            value = convert(raw)
            if value is not None:
                return value
        return None

    return parse


def number(values: RawValues) -> MetricValue:
    """First plain number among the fields."""
    return first_of(to_number)(values)


def signal(values: RawValues) -> MetricValue:
    """First signal level, ignoring the firmware's numeric placeholders."""
    for raw in values:
        value = to_number(raw, sentinels=SIGNAL_SENTINELS)
        if value is not None:
            return value
    return None


def text(values: RawValues) -> MetricValue:
    """First non-empty string."""
    return first_of(clean)(values)


def connected(values: RawValues) -> MetricValue:
    """ppp_status -> True when a data session is up."""
    state = clean(values[0]) if values else None
    if state is None:
        return None
    return state.lower() in CONNECTED_PPP_STATES


def roaming(values: RawValues) -> MetricValue:
    """simcard_roam: 'Home' -> False, 'Roaming'/'Internal'/'International' -> True."""
    state = clean(values[0]) if values else None
    if state is None:
        return None
    return state.lower() != "home"


def lte_ca_bands(values: RawValues) -> MetricValue:
    """PCell band plus every SCell of lte_multi_ca_scell_info, e.g. 'B3+B7+B20'.

    SCell rows are 'idx,pciHex,state,band,earfcn,bwMHz;' with a trailing ';'.
    """
    pcell_raw, scells_raw = [*values, "", ""][:2]
    bands: list[str] = []
    pcell = lte_band(pcell_raw)
    if pcell:
        bands.append(pcell)
    scells = clean(scells_raw) or ""
    for row in scells.split(";"):
        parts = row.split(",")
        if len(parts) >= 4:
            band = lte_band(parts[3])
            if band:
                bands.append(band)
    return "+".join(bands) if bands else None
