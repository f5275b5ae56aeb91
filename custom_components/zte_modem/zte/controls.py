"""What a router control asks for, checked before anything is sent, whatever the transport.

Cell locks and band numbers are validated against the 3GPP tables (radio.py); USSD codes and
replies against 3GPP TS 23.038 / 24.090. How a transport writes and reads them back is its
own business (goform/controls.py, goform/locks.py).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from . import radio
from .exceptions import ZteControlTimeoutError, ZteControlValidationError, ZteUssdValidationError
from .plan import PlanChange

Answer = TypeVar("Answer")

# The data-plan settings a router takes (the stock pages' own ranges).
DATA_ALERT_RANGE = (1, 100)
DATA_RESET_DAY_RANGE = (1, 31)
# No plan is bigger than this (a plausibility bound, 1 PB).
DATA_LIMIT_MAX_GB = 1024 * 1024
# How long the router may take to report a new mobile-data state.
MOBILE_DATA_TIMEOUT = 15.0
NR_SCS_KHZ = frozenset({15, 30, 60, 120, 240})
# Bands whose SSBs use 30 kHz in practice (TDD mid band); the others 15 kHz.
_SCS_30_BANDS = frozenset({38, 40, 41, 48, 77, 78, 79, 90})
USSD_TIMEOUT = 30.0
USSD_CANCEL_TIMEOUT = 10.0
# One USSD string carries at most 182 characters (3GPP TS 23.038 / 24.090).
USSD_MAX_LENGTH = 182
_USSD_CODE = re.compile(r"[0-9*#+]{1,182}")


def check_band_numbers(bands: Sequence[int], kind: str) -> set[int]:
    wanted: set[int] = set()
    for band in bands:
        if isinstance(band, bool) or not isinstance(band, int) or not 0 < band <= 512:
            raise ZteControlValidationError(f"Not an {kind} band number: {band!r}")
        wanted.add(band)
    return wanted


def band_list_text(bands: Iterable[int], prefix: str) -> str:
    return "+".join(f"{prefix}{band}" for band in bands)


@dataclass(frozen=True, slots=True)
class CellLock:
    """One cell lock as written (decimal numbers); all zero means unlocked."""

    pci: int
    channel: int
    band: int = 0
    scs: int = 0

    @property
    def cleared(self) -> bool:
        """True for the unlock value."""
        return self.pci == 0 and self.channel == 0


def lte_cell_lock(*, pci: int | None, earfcn: int | None, band: int | None, clear: bool) -> CellLock:
    """Validated LTE lock: PCI 0-503 and a downlink EARFCN of a 3GPP band (of `band`, when given)."""
    if clear:
        return CellLock(0, 0)
    if pci is None or earfcn is None:
        raise ZteControlValidationError("An LTE cell lock needs both the PCI and the EARFCN")
    _check_int(pci, 0, radio.MAX_LTE_PCI, "LTE PCI")
    _check_int(earfcn, 0, radio.MAX_EARFCN, "EARFCN")
    found = radio.lte_band_of(earfcn)
    if found is None:
        raise ZteControlValidationError("The EARFCN is in no LTE band (3GPP TS 36.101)")
    if band is not None and band != found.number:
        raise ZteControlValidationError(f"The EARFCN belongs to band B{found.number}, not B{band}")
    return CellLock(pci, earfcn)


def nr_cell_lock(
    *, pci: int | None, arfcn: int | None, band: int | None, scs: int | None, clear: bool
) -> CellLock:
    """Validated NR lock: PCI 0-1007, an NR-ARFCN of `band` (derived when not given), SCS in kHz
    (30 for the TDD mid bands n38/n40/n41/n48/n77/n78/n79/n90, else 15, when not given)."""
    if clear:
        return CellLock(0, 0, 0, 0)
    if pci is None or arfcn is None:
        raise ZteControlValidationError("An NR cell lock needs both the PCI and the ARFCN")
    _check_int(pci, 0, radio.MAX_NR_PCI, "NR PCI")
    _check_int(arfcn, 1, radio.MAX_NR_ARFCN, "NR-ARFCN")
    bands = radio.nr_bands_of(arfcn)
    if not bands:
        raise ZteControlValidationError("The NR-ARFCN is in no NR band (3GPP TS 38.101)")
    if band is None:
        band = bands[0]
    elif band not in bands:
        raise ZteControlValidationError(f"The NR-ARFCN is not in band n{band}")
    if scs is None:
        scs = default_scs(band)
    elif scs not in NR_SCS_KHZ:
        raise ZteControlValidationError("The subcarrier spacing must be 15, 30, 60, 120 or 240 kHz")
    return CellLock(pci, arfcn, band, scs)


def cell_lock_request(
    *,
    rat: str,
    pci: int | None,
    earfcn: int | None,
    arfcn: int | None,
    band: int | None,
    scs: int | None,
    clear: bool,
) -> CellLock:
    """What a set_cell_lock call asks for, validated the same on every transport: an LTE lock takes
    an EARFCN, an NR lock an NR-ARFCN (and SCS)."""
    if rat == "lte":
        if arfcn is not None or scs is not None:
            raise ZteControlValidationError("An LTE cell lock takes an EARFCN, no NR-ARFCN or SCS")
        return lte_cell_lock(pci=pci, earfcn=earfcn, band=band, clear=clear)
    if rat == "nr":
        if earfcn is not None:
            raise ZteControlValidationError("An NR cell lock takes an NR-ARFCN (arfcn), not an EARFCN")
        return nr_cell_lock(pci=pci, arfcn=arfcn, band=band, scs=scs, clear=clear)
    raise ZteControlValidationError("rat must be 'lte' or 'nr'")


def default_scs(band: int) -> int:
    """The SSB subcarrier spacing of a band in practice: 30 kHz for the TDD mid bands, else 15."""
    return 30 if band in _SCS_30_BANDS else 15


def _check_int(value: object, low: int, high: int, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ZteControlValidationError(f"The {name} must be a whole number from {low} to {high}")


def check_ussd_code(code: str) -> str:
    """A USSD code as typed ('*100#'), spaces removed; raises on anything else."""
    text = "".join(str(code).split())
    if not _USSD_CODE.fullmatch(text):
        raise ZteUssdValidationError("A USSD code is 1-182 characters of 0-9, *, # and +")
    return text


def check_ussd_reply(text: str) -> str:
    """A reply to a USSD menu: 1-182 characters."""
    reply = str(text).strip()
    if not reply or len(reply) > USSD_MAX_LENGTH:
        raise ZteUssdValidationError("A USSD reply is 1-182 characters")
    return reply


def check_plan_change(
    *,
    enabled: bool | None = None,
    limit_gb: float | None = None,
    alert_percent: int | None = None,
    reset_day: int | None = None,
) -> PlanChange:
    """A validated data-plan change: a limit above 0 GB, an alert at 1-100 %, a reset day 1-31."""
    if enabled is None and limit_gb is None and alert_percent is None and reset_day is None:
        raise ZteControlValidationError("Give a data-plan setting to change")
    if enabled is not None and not isinstance(enabled, bool):
        raise ZteControlValidationError("The data limit switch is on or off")
    if limit_gb is not None:
        if isinstance(limit_gb, bool) or not isinstance(limit_gb, int | float):
            raise ZteControlValidationError("The data limit is a number of GB")
        if not 0 < limit_gb <= DATA_LIMIT_MAX_GB:  # NaN fails this too
            raise ZteControlValidationError(
                f"The data limit must be above 0 GB and at most {DATA_LIMIT_MAX_GB} GB"
            )
        limit_gb = float(limit_gb)
    if alert_percent is not None:
        _check_int(alert_percent, *DATA_ALERT_RANGE, "data alert threshold (%)")
    if reset_day is not None:
        _check_int(reset_day, *DATA_RESET_DAY_RANGE, "data reset day")
    return PlanChange(enabled=enabled, limit_gb=limit_gb, alert_percent=alert_percent, reset_day=reset_day)


def check_apn_option(option: str, offered: Sequence[str]) -> str:
    """An APN option the router offers (AUTOMATIC or a stored profile's name)."""
    if not isinstance(option, str) or option not in offered:
        raise ZteControlValidationError(f"The router has no APN profile named {option!r}")
    return option


async def read_back(
    read: Callable[[], Awaitable[Answer]],
    matches: Callable[[Answer], bool],
    *,
    limit: float,
    interval: float,
    what: str,
) -> Answer:
    """A write's read-back, whatever the transport: `read` until `matches` says yes, every
    `interval` s, or ZteControlTimeoutError after `limit` s."""
    deadline = asyncio.get_running_loop().time() + limit
    while True:
        answer = await read()
        if matches(answer):
            return answer
        if asyncio.get_running_loop().time() >= deadline:
            raise ZteControlTimeoutError(f"The router did not report {what} within {limit:g} s")
        await asyncio.sleep(interval)
