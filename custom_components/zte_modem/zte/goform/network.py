"""Router controls on goform: mobile data, network mode, band and cell locks; what the router offers.

What each control sends and which firmware it was modelled on is in controls.py and locks.py.
Guard rails, the same for every control:

* One control at a time (the controls lock, shared with ussd.py), and every request through
  the session's guarded request: a write is the RD fetch and the POST inside one hold of the
  request lock, logging in again once when the session was lost.
* A write costs two requests plus its read-back: GETs of the fields that show the new state,
  repeated every `control_poll_interval` seconds until they match or the time is up
  (`ZteControlTimeoutError`). A firmware that does not report a lock at all (blank read-back)
  is not contradicted: the write stands, logged at debug level.
* Validation (`ZteControlValidationError`) happens before any write.
* One INFO line per write saying what changed; never a band list.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Literal

from ..connection import ClientTiming
from ..controls import MOBILE_DATA_TIMEOUT, CellLock, cell_lock_request, read_back
from ..exceptions import (
    ZteCommandError,
    ZteControlRefusedError,
    ZteControlValidationError,
)
from .controls import Capabilities, capabilities_from, mobile_data_settled
from .developer import DEVELOPER_GATED, DeveloperLogin
from .extra_reads import ExtraRead
from .locks import (
    check_lte_bands,
    check_nr_bands,
    format_band_list,
    format_lte_mask,
    lte_lock_applied,
    nr_cell_lock_param,
    nr_lock_applied,
    read_lte_cell_lock,
    read_nr_cell_lock,
)
from .parse import clean
from .session import GoformSession

_LOGGER = logging.getLogger(__name__)

# Fields that tell what a firmware offers; read once per client with its web UI.
CAPABILITY_FIELDS: tuple[str, ...] = (
    "model_name",
    "net_select",
    "lte_band_1_64_factory",
    "nr5g_sa_band_factory",
    "nr5g_nsa_band_factory",
    "nr5g_sa_band_lock",
    "nr5g_nsa_band_lock",
    "developer_option_loginfo",
)


class GoformControls:
    """The network controls of one router; `settings` is the extra read their read-backs refresh."""

    def __init__(
        self,
        session: GoformSession,
        timing: ClientTiming,
        *,
        lock: asyncio.Lock,
        settings: ExtraRead,
        developer: DeveloperLogin | None = None,
    ) -> None:
        self._session = session
        self._developer = developer
        self._timing = timing
        self._lock = lock
        self._settings = settings
        self._capabilities: Capabilities | None = None

    async def capabilities(self) -> Capabilities:
        """Modes and bands of this firmware, decided once (web UI lists, factory fields)."""
        async with self._lock:
            return await self._capabilities_locked()

    async def set_mobile_data(self, on: bool, *, timeout: float = MOBILE_DATA_TIMEOUT) -> None:  # noqa: ASYNC109
        """Connect or disconnect the data session and wait until `ppp_status` settles there."""
        async with self._lock:
            await self.switch_data_locked(on, timeout=timeout)
        _LOGGER.info("Mobile data turned %s", "on" if on else "off")

    async def switch_data_locked(self, on: bool, *, timeout: float = MOBILE_DATA_TIMEOUT) -> None:  # noqa: ASYNC109
        """Switch the data session and wait for it (the caller holds the controls lock)."""
        await self._write("CONNECT_NETWORK" if on else "DISCONNECT_NETWORK", {"notCallback": "true"})
        await self._read_back(
            ("ppp_status",),
            lambda answer: mobile_data_settled(answer.get("ppp_status"), on=on),
            limit=timeout,
            what="the mobile data state",
        )

    async def network_modes(self) -> tuple[str, ...]:
        """The network modes (BearerPreference values) this firmware offers."""
        return (await self.capabilities()).network_modes

    async def set_network_mode(self, mode: str) -> None:
        """Switch the bearer preference and wait until `net_select` reports it."""
        async with self._lock:
            if mode not in (await self._capabilities_locked()).network_modes:
                raise ZteControlValidationError(f"The router offers no network mode {mode!r}")
            await self._write("SET_BEARER_PREFERENCE", {"BearerPreference": mode})
            await self._read_back(
                ("net_select",),
                lambda answer: answer.get("net_select") == mode,
                limit=self._timing.readback_timeout,
                what="the network mode",
            )
        _LOGGER.info("Network mode set to %s", mode)

    async def set_band_lock(
        self, *, lte_bands: Sequence[int] | None = None, nr_bands: Sequence[int] | None = None
    ) -> None:
        """Allow only these bands (empty: every supported band; None: unchanged); LTE first."""
        if lte_bands is None and nr_bands is None:
            raise ZteControlValidationError("Give LTE bands, NR bands or both")
        async with self._lock:
            offered = await self._capabilities_locked()
            mask = None
            if lte_bands is not None:
                mask = check_lte_bands(lte_bands, supported=offered.lte_bands, all_mask=offered.lte_all_mask)
            nr = None
            if nr_bands is not None:
                nr = check_nr_bands(
                    nr_bands, has_5g=offered.has_5g, supported=offered.nr_bands, all_bands=offered.nr_all
                )
            if mask == 0 or nr == ():
                raise ZteControlValidationError("A band lock must leave at least one band")
            if mask is not None:
                await self._set_lte_band_lock(mask, everything=not lte_bands)
            if nr is not None:
                await self._set_nr_band_lock(nr, everything=not nr_bands)

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
        """Lock to one cell or unlock; the modem applies it after a reboot, which this does not do."""
        lock = cell_lock_request(
            rat=rat, pci=pci, earfcn=earfcn, arfcn=arfcn, band=band, scs=scs, clear=clear
        )
        async with self._lock:
            if rat == "lte":
                await self._set_lte_cell_lock(lock)
            else:
                if not (await self._capabilities_locked()).has_5g:
                    raise ZteControlValidationError("This router has no 5G: there is no NR cell lock")
                await self._set_nr_cell_lock(lock)
        _LOGGER.info("%s cell lock %s", "LTE" if rat == "lte" else "5G", "removed" if lock.cleared else "set")

    async def _set_lte_band_lock(self, mask: int, *, everything: bool) -> None:
        form = {
            "is_gw_band": "0",
            "gw_band_mask": "0",
            "is_lte_band": "1",
            "lte_band_mask": format_lte_mask(mask),
        }
        await self._write("BAND_SELECT", form)
        await self._read_back_lock(
            ("lte_band_lock",),
            lambda answer: lte_lock_applied(answer.get("lte_band_lock"), mask),
            what="the LTE band lock",
        )
        _LOGGER.info("LTE band lock %s", "removed (all bands)" if everything else "changed")

    async def _set_nr_band_lock(self, bands: tuple[int, ...], *, everything: bool) -> None:
        await self._write("WAN_PERFORM_NR5G_BAND_LOCK", {"nr5g_band_mask": format_band_list(bands)})
        await self._read_back_lock(
            ("nr5g_sa_band_lock", "nr5g_nsa_band_lock"),
            lambda answer: nr_lock_applied(
                answer.get("nr5g_sa_band_lock"), answer.get("nr5g_nsa_band_lock"), bands
            ),
            what="the 5G band lock",
        )
        _LOGGER.info("5G band lock %s", "removed (all bands)" if everything else "changed")

    async def _set_lte_cell_lock(self, lock: CellLock) -> None:
        await self._write(
            "LTE_LOCK_CELL_SET", {"lte_pci_lock": str(lock.pci), "lte_earfcn_lock": str(lock.channel)}
        )

        def applied(answer: Mapping[str, str]) -> bool | None:
            stored = read_lte_cell_lock(answer.get("lte_pci_lock"), answer.get("lte_earfcn_lock"))
            return None if stored is None else stored == lock

        await self._read_back_lock(("lte_pci_lock", "lte_earfcn_lock"), applied, what="the LTE cell lock")

    async def _set_nr_cell_lock(self, lock: CellLock) -> None:
        await self._write("NR5G_LOCK_CELL_SET", {"nr5g_cell_lock": nr_cell_lock_param(lock)})

        def applied(answer: Mapping[str, str]) -> bool | None:
            stored = read_nr_cell_lock(answer.get("nr5g_cell_lock"))
            if stored is None:
                return None
            return stored.cleared if lock.cleared else stored == lock

        await self._read_back_lock(("nr5g_cell_lock",), applied, what="the 5G cell lock")

    async def _capabilities_locked(self) -> Capabilities:
        if self._capabilities is None:
            web_ui = await self._session.web_ui()
            raw = await self._read_fields(CAPABILITY_FIELDS)
            capabilities = capabilities_from(web_ui, raw)
            current = clean(raw.get("net_select"))
            if current and current not in capabilities.network_modes and current.replace("_", "").isalnum():
                # The router is in a mode its list lacks (set by an older page): it is offered.
                capabilities = replace(
                    capabilities,
                    network_modes=(*capabilities.network_modes, current),
                    evidence=(*capabilities.evidence, "network modes: the current mode added"),
                )
            self._capabilities = capabilities
            _LOGGER.debug("Controls of %s: %s", self._session.http.host, "; ".join(capabilities.evidence))
        return self._capabilities

    async def _write(self, goform_id: str, params: Mapping[str, str]) -> None:
        """One control write; a refused lock write on a build with the developer login gets that
        login (once per session) and one more try (developer.py)."""
        try:
            await self._session.write(goform_id, params)
            return
        except ZteCommandError as err:
            refused = err
        if (
            goform_id in DEVELOPER_GATED
            and self._developer is not None
            and (await self._capabilities_locked()).developer_login
            and await self._developer.log_in()
        ):
            try:
                await self._session.write(goform_id, params)
                return
            except ZteCommandError as err:
                refused = err
        raise ZteControlRefusedError(f"The router refused {goform_id}") from refused

    async def _read_fields(self, fields: Sequence[str]) -> dict[str, str]:
        """One GET of `fields` through the guarded request; the settings it saw are kept."""
        answer = await self._session.get_fields(fields)
        self._settings.keep({key: value for key, value in answer.items() if key in fields})
        return answer

    async def _read_back(
        self,
        fields: Sequence[str],
        matches: Callable[[Mapping[str, str]], bool],
        *,
        limit: float,
        what: str,
    ) -> Mapping[str, str]:
        """Read `fields` until `matches` says yes, every `control_poll_interval` s, or time out."""
        return await read_back(
            lambda: self._read_fields(fields),
            matches,
            limit=limit,
            interval=self._timing.control_poll_interval,
            what=what,
        )

    async def _read_back_lock(
        self, fields: Sequence[str], applied: Callable[[Mapping[str, str]], bool | None], *, what: str
    ) -> None:
        """A lock's read-back: applied, not yet (poll on), or not reported by this firmware (accept)."""
        unreported = False

        def settled(answer: Mapping[str, str]) -> bool:
            nonlocal unreported
            state = applied(answer)
            unreported = state is None
            return state is not False

        await self._read_back(fields, settled, limit=self._timing.readback_timeout, what=what)
        if unreported:
            _LOGGER.debug("The router does not report %s; the write was accepted", what)
