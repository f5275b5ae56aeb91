"""Band and cell locks on a ubus router: the method this firmware has, read back from the netinfo.

LTE bands: `nwinfo_set_lte_ext_band {lte_band: "1,3,7"}` on newer firmware (the stock
developer page), `nwinfo_set_gwl_bandlock` with a decimal bit mask on older; the first that
exists is kept. NR bands: `nwinfo_set_nrbandlock {nr5g_type, nr5g_band}` for SA ("0") and NSA
("1"); some firmware ignores the NSA type, which the read-back then shows and the log says.
Cells: `nwinfo_lock_lte_cell` / `nwinfo_lock_nr_cell` with "0" to unlock. Sources and
confidence: ../shared/docs/ubus-protocol.md §2.5 (medium: values differ between firmwares).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..controls import CellLock, band_list_text
from ..goform.locks import format_band_list, lte_mask, parse_band_list
from .rpc import Call

NWINFO = "zte_nwinfo_api"
METHOD_NOT_FOUND = 3


def lte_band_calls(bands: Sequence[int]) -> tuple[Call, Call]:
    """The newer call, and the older one to try when the firmware lacks the newer."""
    listed = format_band_list(bands)
    newer = Call(NWINFO, "nwinfo_set_lte_ext_band", {"lte_band": listed}, write=True)
    older = Call(
        NWINFO,
        "nwinfo_set_gwl_bandlock",
        {"is_gw_band": "0", "gw_band_mask": "0", "is_lte_band": "1", "lte_band_mask": str(lte_mask(bands))},
        write=True,
    )
    return newer, older


def nr_band_calls(bands: Sequence[int]) -> tuple[Call, Call]:
    """SA first, then NSA (the stock page's types "0" and "1")."""
    listed = format_band_list(bands)
    sa = Call(NWINFO, "nwinfo_set_nrbandlock", {"nr5g_type": "0", "nr5g_band": listed}, write=True)
    nsa = Call(NWINFO, "nwinfo_set_nrbandlock", {"nr5g_type": "1", "nr5g_band": listed}, write=True)
    return sa, nsa


def lte_cell_call(lock: CellLock) -> Call:
    """Lock to one LTE cell ("0", "0" unlocks)."""
    args = {"lock_lte_pci": str(lock.pci), "lock_lte_earfcn": str(lock.channel)}
    return Call(NWINFO, "nwinfo_lock_lte_cell", args, write=True)


def nr_cell_call(lock: CellLock) -> Call:
    """Lock to one NR cell ("0" everywhere unlocks)."""
    args = {
        "lock_nr_pci": str(lock.pci),
        "lock_nr_earfcn": str(lock.channel),
        "lock_nr_cell_band": str(lock.band),
    }
    return Call(NWINFO, "nwinfo_lock_nr_cell", args, write=True)


def lte_cell_shown(raw: str) -> tuple[int, int] | None:
    """`lock_lte_cell` "pci,earfcn" as numbers; None when not reported."""
    parts = [part.strip() for part in raw.split(",")]
    if len(parts) < 2 or not all(part.isdigit() for part in parts[:2]):
        return None
    return int(parts[0]), int(parts[1])


def nr_cell_shown(raw: str) -> tuple[int, int, int] | None:
    """`lock_nr_cell` "pci,arfcn,band" as numbers; None when not reported."""
    parts = [part.strip() for part in raw.split(",")]
    if len(parts) < 3 or not all(part.isdigit() for part in parts[:3]):
        return None
    return int(parts[0]), int(parts[1]), int(parts[2])


def bands_shown(raw: str) -> tuple[int, ...]:
    """A band list as the netinfo writes it ("1,3,8,20,38", "n78,n3")."""
    return parse_band_list(raw)


def band_text(bands: Sequence[int], prefix: str) -> str:
    """'B1+B3' / 'n78' for a log line or a sensor."""
    return band_list_text(sorted(bands), prefix)
