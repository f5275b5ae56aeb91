"""Band and cell locks on goform: masks, lists, the fields that report them, their read-back."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .. import radio
from ..controls import CellLock, band_list_text, check_band_numbers
from ..exceptions import ZteControlValidationError
from .parse import FieldValues, ValueFormat, clean, to_int

# -- band lock ------------------------------------------------------------------------

# "all" of the MF253V-family list (MC801A, MF266): B1-5,7,8,12,17,20,25,26,28,30,32,34,38-42,46,48.
DEFAULT_LTE_ALL_MASK = 0xA3E2AB0908DF
# The NR "AUTO" list ZTE-Web-Script sends to MC801A/MC888 when nothing better is known.
DEFAULT_NR_ALL: tuple[int, ...] = (
    1, 2, 3, 5, 7, 8, 20, 28, 38, 41, 50, 51, 66, 70, 71, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 84,
)  # fmt: skip
LTE_BAND_LOCK_FIELDS: tuple[str, ...] = ("lte_band_lock", "lte_band_1_64_factory")
NR_BAND_LOCK_FIELDS: tuple[str, ...] = (
    "nr5g_sa_band_lock",
    "nr5g_nsa_band_lock",
    "nr5g_sa_band_factory",
    "nr5g_nsa_band_factory",
)
_KNOWN_LTE_BANDS = frozenset(band.number for band in radio.LTE_BANDS)
_KNOWN_NR_BANDS = frozenset(band.number for band in radio.NR_BANDS) | frozenset(DEFAULT_NR_ALL)
_LIST_ITEM = re.compile(r"\d+")

# -- cell lock -------------------------------------------------------------------------

LTE_CELL_LOCK_FIELDS: tuple[str, ...] = ("lte_pci_lock", "lte_earfcn_lock")
NR_CELL_LOCK_FIELDS: tuple[str, ...] = ("nr5g_cell_lock",)


# -- band masks and lists ---------------------------------------------------------------


def lte_mask(bands: Iterable[int]) -> int:
    """Bit N-1 per band N."""
    mask = 0
    for band in bands:
        mask |= 1 << (band - 1)
    return mask


def lte_bands_of_mask(mask: int) -> tuple[int, ...]:
    """The bands of a mask, ascending."""
    return tuple(bit + 1 for bit in range(mask.bit_length()) if mask >> bit & 1)


def format_lte_mask(mask: int) -> str:
    """How the stock page writes a mask: 0x, upper-case hex, at least nine digits."""
    return f"0x{mask:09X}"


def parse_lte_mask(raw: object) -> int | None:
    """'0xA3E2AB0908DF' or 'a3e2ab0908df' -> int; None when empty or not hex."""
    text = clean(raw)
    if text is None:
        return None
    digits = text[2:] if text.lower().startswith("0x") else text
    try:
        return int(digits, 16)
    except ValueError:
        return None


def parse_band_list(raw: object) -> tuple[int, ...]:
    """'78,3', 'n78,n3' or '3+78' -> (3, 78)."""
    text = clean(raw)
    if text is None:
        return ()
    return tuple(sorted({int(item) for item in _LIST_ITEM.findall(text) if int(item) > 0}))


def format_band_list(bands: Iterable[int]) -> str:
    """The comma list WAN_PERFORM_NR5G_BAND_LOCK takes."""
    return ",".join(str(band) for band in sorted(set(bands)))


def check_lte_bands(bands: Sequence[int], *, supported: frozenset[int] | None, all_mask: int) -> int:
    """The mask to send for `bands` (empty: every supported band); raises on unsupported bands."""
    if not bands:
        return all_mask
    wanted = check_band_numbers(bands, "LTE")
    allowed = supported if supported is not None else _KNOWN_LTE_BANDS
    unsupported = sorted(wanted - allowed)
    if unsupported:
        listed = band_list_text(unsupported, "B")
        raise ZteControlValidationError(f"The router does not support LTE band(s) {listed}")
    return lte_mask(wanted)


def check_nr_bands(
    bands: Sequence[int], *, has_5g: bool, supported: frozenset[int] | None, all_bands: tuple[int, ...]
) -> tuple[int, ...]:
    """The NR bands to send (empty: every supported band); raises on unsupported bands."""
    if not has_5g:
        raise ZteControlValidationError("This router has no 5G: there is no NR band lock")
    if not bands:
        return all_bands
    wanted = check_band_numbers(bands, "NR")
    allowed = supported if supported is not None else _KNOWN_NR_BANDS
    unsupported = sorted(wanted - allowed)
    if unsupported:
        listed = band_list_text(unsupported, "n")
        raise ZteControlValidationError(f"The router does not support NR band(s) {listed}")
    return tuple(sorted(wanted))


def lte_lock_applied(raw: object, sent_mask: int) -> bool | None:
    """Whether the read-back mask is the one sent; None when the firmware does not report it."""
    mask = parse_lte_mask(raw)
    if mask is None:
        return None
    return mask == sent_mask


def nr_lock_applied(sa: object, nsa: object, sent: Sequence[int]) -> bool | None:
    """Whether the SA list (else the NSA list) is the one sent; None when neither is reported."""
    current = parse_band_list(sa) or parse_band_list(nsa)
    if not current:
        return None
    return set(current) == set(sent)


def lte_band_lock_text(values: FieldValues, value_format: ValueFormat) -> str | None:
    """'all' when every supported band is allowed, else 'B1+B3+B20'; None when not reported."""
    lock = parse_lte_mask(values.get("lte_band_lock"))
    if not lock:
        return None
    factory = parse_lte_mask(values.get("lte_band_1_64_factory"))
    full = factory or DEFAULT_LTE_ALL_MASK
    if lock & full == full:
        return "all"
    return band_list_text(lte_bands_of_mask(lock), "B")


def nr_band_lock_text(values: FieldValues, value_format: ValueFormat) -> str | None:
    """'all' when the allowed NR bands cover the supported ones, else 'n78' / 'n3+n78'."""
    lock = parse_band_list(values.get("nr5g_sa_band_lock")) or parse_band_list(
        values.get("nr5g_nsa_band_lock")
    )
    if not lock:
        return None
    factory = set(parse_band_list(values.get("nr5g_sa_band_factory"))) | set(
        parse_band_list(values.get("nr5g_nsa_band_factory"))
    )
    if set(lock) >= (factory or set(DEFAULT_NR_ALL)):
        return "all"
    return band_list_text(lock, "n")


def nr_cell_lock_param(lock: CellLock) -> str:
    """'pci,arfcn,band,scs', the one field NR5G_LOCK_CELL_SET takes."""
    return f"{lock.pci},{lock.channel},{lock.band},{lock.scs}"


def read_lte_cell_lock(pci: object, earfcn: object) -> CellLock | None:
    """The stored LTE lock; None when the firmware reports none (blank fields)."""
    pci_value, earfcn_value = to_int(pci), to_int(earfcn)
    if pci_value is None and earfcn_value is None:
        return None
    return CellLock(pci_value or 0, earfcn_value or 0)


def read_nr_cell_lock(raw: object) -> CellLock | None:
    """The stored NR lock 'pci,arfcn,band,scs'; None when blank or malformed."""
    text = clean(raw)
    if text is None:
        return None
    parts = [to_int(part) for part in text.split(",")]
    if len(parts) != 4 or any(part is None for part in parts):
        return None
    pci, arfcn, band, scs = (part or 0 for part in parts)
    return CellLock(pci, arfcn, band, scs)


def lte_cell_lock_text(values: FieldValues, value_format: ValueFormat) -> str | None:
    """'PCI 123 @ 1300'; None when unlocked or not reported."""
    lock = read_lte_cell_lock(values.get("lte_pci_lock"), values.get("lte_earfcn_lock"))
    if lock is None or lock.cleared:
        return None
    return f"PCI {lock.pci} @ {lock.channel}"


def nr_cell_lock_text(values: FieldValues, value_format: ValueFormat) -> str | None:
    """'PCI 202 @ 639936 (n78, 30 kHz)'; None when unlocked or not reported."""
    lock = read_nr_cell_lock(values.get("nr5g_cell_lock"))
    if lock is None or lock.cleared:
        return None
    return f"PCI {lock.pci} @ {lock.channel} (n{lock.band}, {lock.scs} kHz)"
