"""Router controls on ubus: mobile data, network mode, band and cell locks, reboot; each read back.

One control at a time (the controls lock); every call through the session's guarded batch.
The lock methods and their values differ by firmware (locks.py). One INFO line per write saying
what changed; never a band list.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

from ..connection import ClientTiming
from ..controls import MOBILE_DATA_TIMEOUT, cell_lock_request, check_band_numbers, read_back
from ..exceptions import (
    ZteConnectionError,
    ZteControlRefusedError,
    ZteControlValidationError,
)
from ..goform.controls import mobile_data_settled
from .fields import NETINFO, WAN, WEB, goform_view, text
from .locks import (
    METHOD_NOT_FOUND,
    bands_shown,
    lte_band_calls,
    lte_cell_call,
    lte_cell_shown,
    nr_band_calls,
    nr_cell_call,
    nr_cell_shown,
)
from .rpc import Call, Reply
from .session import UbusSession

_LOGGER = logging.getLogger(__name__)

REBOOT = Call("zwrt_mc.device.manager", "device_reboot", {"moduleName": "web"}, write=True)
RESET_LOCKS = Call("zte_nwinfo_api", "nwinfo_reset_band_cell_setting", write=True)


def _listed(info: Mapping[str, Any], field: str) -> list[int] | None:
    """A band list of the netinfo; None when the firmware does not report it."""
    bands = bands_shown(text(info.get(field)))
    return list(bands) if bands else None


def _cell(info: Mapping[str, Any], field: str) -> tuple[int, ...] | None:
    """A cell lock of the netinfo; None when the firmware does not report it."""
    raw = text(info.get(field))
    return lte_cell_shown(raw) if field == "lock_lte_cell" else nr_cell_shown(raw)


class UbusControls:
    """The controls of one ubus router."""

    def __init__(self, session: UbusSession, timing: ClientTiming) -> None:
        self._session = session
        self._timing = timing
        self._lock = asyncio.Lock()
        self._netinfo: Mapping[str, Any] = {}

    async def reboot(self) -> None:
        """Restart the router; the session ends with it."""
        async with self._lock:
            try:
                await self._write(REBOOT)
            except ZteConnectionError:
                # The router went down with the call: that is the reboot.
                _LOGGER.debug("The connection dropped with the reboot call")
            self._session.forget()

    async def _ask(self, calls: Sequence[Call]) -> dict[str, Reply]:
        replies = await self._session.call(calls)
        return {call.key: reply for call, reply in zip(calls, replies, strict=True)}

    async def set_mobile_data(self, on: bool, *, timeout: float = MOBILE_DATA_TIMEOUT) -> None:  # noqa: ASYNC109
        """Connect or disconnect the data session and wait until the router reports it."""
        async with self._lock:
            await self.switch_data_locked(on, timeout=timeout)

    @property
    def lock(self) -> asyncio.Lock:
        """The controls lock: one control at a time (admin.py holds it too)."""
        return self._lock

    async def data_connected_locked(self) -> bool:
        """Whether the data session is up now (the caller holds the controls lock)."""
        view = goform_view(await self._ask([WAN]))
        return mobile_data_settled(view.get("ppp_status"), on=True)

    async def switch_data_locked(self, on: bool, *, timeout: float = MOBILE_DATA_TIMEOUT) -> None:  # noqa: ASYNC109
        """Switch the data session and wait for it (the caller holds the controls lock)."""
        await self._write(Call("zwrt_data", "set_wwaniface", {**WEB, "enable": 1 if on else 0}, write=True))
        await self._read_back(
            WAN,
            lambda view: mobile_data_settled(view.get("ppp_status"), on=on),
            limit=timeout,
            what="the mobile data state",
        )

    async def set_network_mode(self, mode: str, *, offered: Sequence[str]) -> None:
        """Switch the network mode (one of `offered`) and wait until `net_select` reports it."""
        async with self._lock:
            if mode not in offered:
                raise ZteControlValidationError(f"The router offers no network mode {mode!r}")
            await self._write(
                Call("zte_nwinfo_api", "nwinfo_set_netselect", {"net_select": mode}, write=True)
            )
            await self._read_back(
                NETINFO,
                lambda view: view.get("net_select") == mode,
                limit=self._timing.readback_timeout,
                what="the network mode",
            )

    async def _write(self, call: Call) -> None:
        (reply,) = await self._session.call([call])
        if not reply.ok:
            raise ZteControlRefusedError(f"The router refused {call.method} (status {reply.status})")

    async def _read_back(
        self, call: Call, matches: Callable[[Mapping[str, str]], bool], *, limit: float, what: str
    ) -> None:
        async def read() -> Mapping[str, str]:
            return goform_view(await self._ask([call]))

        await read_back(read, matches, limit=limit, interval=self._timing.control_poll_interval, what=what)

    async def set_band_lock(
        self, *, lte_bands: Sequence[int] | None = None, nr_bands: Sequence[int] | None = None
    ) -> None:
        """Allow only these bands; an empty list of either resets every band and cell lock (the one
        "all bands" this API has). Read back from the netinfo."""
        if lte_bands is None and nr_bands is None:
            raise ZteControlValidationError("Give LTE bands, NR bands or both")
        lte = sorted(check_band_numbers(lte_bands, "LTE")) if lte_bands else None
        nr = sorted(check_band_numbers(nr_bands, "NR")) if nr_bands else None
        async with self._lock:
            if (lte_bands is not None and not lte_bands) or (nr_bands is not None and not nr_bands):
                await self._write(RESET_LOCKS)
                _LOGGER.info("Band and cell locks reset (all bands)")
            if lte is not None:
                newer, older = lte_band_calls(lte)
                (reply,) = await self._session.call([newer])
                if reply.status == METHOD_NOT_FOUND:
                    await self._write(older)
                elif not reply.ok:
                    raise ZteControlRefusedError(f"The router refused {newer.method} (status {reply.status})")
                await self._read_back_raw(
                    lambda info: _listed(info, "lte_band") in (lte, None), "the LTE band lock"
                )
                _LOGGER.info("LTE band lock changed")
            if nr is not None:
                sa, nsa = nr_band_calls(nr)
                await self._write(sa)
                try:
                    await self._write(nsa)
                except ZteControlRefusedError:
                    # NSA locks are unsettled per model; the SA lock stands.
                    _LOGGER.debug("This firmware refused the NSA band lock type; the SA lock stands")
                await self._read_back_raw(
                    lambda info: _listed(info, "nr5g_sa_band_lock") in (nr, None), "the 5G band lock"
                )
                if _listed(self._netinfo, "nr5g_nsa_band_lock") not in (nr, None):
                    _LOGGER.debug("This firmware ignores the NSA band lock type; the SA lock stands")
                _LOGGER.info("5G band lock changed")

    async def set_cell_lock(
        self,
        *,
        rat: Literal["lte", "nr"],
        pci: int | None = None,
        earfcn: int | None = None,
        arfcn: int | None = None,
        band: int | None = None,
        scs: int | None = None,
        clear: bool = False,
    ) -> None:
        """Lock to one cell, or unlock; read back from the netinfo."""
        lock = cell_lock_request(
            rat=rat, pci=pci, earfcn=earfcn, arfcn=arfcn, band=band, scs=scs, clear=clear
        )
        if rat == "lte":
            shown: tuple[int, ...] = (lock.pci, lock.channel)
            call, field = lte_cell_call(lock), "lock_lte_cell"
        else:
            shown = (lock.pci, lock.channel, lock.band)
            call, field = nr_cell_call(lock), "lock_nr_cell"
        async with self._lock:
            await self._write(call)
            await self._read_back_raw(
                lambda info: _cell(info, field) in (shown, None), f"the {rat.upper()} cell lock"
            )
        _LOGGER.info("%s cell lock %s", "LTE" if rat == "lte" else "5G", "removed" if lock.cleared else "set")

    async def _read_back_raw(self, matches: Callable[[Mapping[str, Any]], bool], what: str) -> None:
        """Read the netinfo until `matches` says yes (a field not reported counts as yes; a call
        not answered is read again)."""

        async def read() -> Mapping[str, Any] | None:
            reply = (await self._ask([NETINFO]))[NETINFO.key]
            if reply.ok:
                self._netinfo = reply.data
            return reply.data if reply.ok else None

        await read_back(
            read,
            lambda info: info is not None and matches(info),
            limit=self._timing.readback_timeout,
            interval=self._timing.control_poll_interval,
            what=what,
        )
