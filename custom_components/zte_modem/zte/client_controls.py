"""Router controls on `ZteClient`: mobile data, network mode, band and cell locks, USSD, settings.

What each control sends and which firmware it was modelled on is in controls.py. Guard rails,
the same for every control:

* One control at a time (`_controls_lock`), and every HTTP request under the client's one
  request lock: a write is the RD fetch and the POST inside one hold of that lock (`_write`,
  which also logs in again once when the session was lost; a wrong password then raises
  `ZteAuthenticationError` with the attempts left, as a poll would).
* A write costs two requests plus its read-back: GETs of the fields that show the new state,
  repeated every `control_poll_interval` seconds until they match or the time is up
  (`ZteControlTimeoutError`). A firmware that does not report a lock at all (blank read-back)
  is not contradicted: the write stands, logged at debug level.
* Validation (`ZteControlValidationError`, `ZteUssdValidationError`) happens before any write.
* One INFO line per write saying what changed; never a band list, code or USSD text.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from .controls import (
    MOBILE_DATA_TIMEOUT,
    SETTINGS_FIELDS,
    USSD_CANCEL_TIMEOUT,
    USSD_CANCELLED,
    USSD_FAILURES,
    USSD_PENDING,
    USSD_READY,
    USSD_ROUTER_TIMEOUT,
    USSD_TIMEOUT,
    USSD_UNSUPPORTED,
    Capabilities,
    CellLock,
    capabilities_from,
    check_lte_bands,
    check_nr_bands,
    check_ussd_code,
    check_ussd_reply,
    format_band_list,
    format_lte_mask,
    lte_cell_lock,
    lte_lock_applied,
    mobile_data_settled,
    nr_cell_lock,
    nr_cell_lock_param,
    nr_lock_applied,
    read_lte_cell_lock,
    read_nr_cell_lock,
    ussd_expects_reply,
    ussd_text,
)
from .detect import read_web_ui
from .exceptions import (
    ZteCommandError,
    ZteControlRefusedError,
    ZteControlTimeoutError,
    ZteControlValidationError,
    ZteUssdFailedError,
    ZteUssdTimeoutError,
    ZteUssdUnsupportedError,
)
from .parse import clean

_LOGGER = logging.getLogger(__name__)

CONTROL_POLL_INTERVAL = 1.0
# Band, cell and mode changes show in their fields at once on the builds seen; a little slack.
READBACK_TIMEOUT = 10.0
# Fields that tell what a firmware offers; read once per client with its web UI.
CAPABILITY_FIELDS: tuple[str, ...] = (
    "model_name",
    "net_select",
    "lte_band_1_64_factory",
    "nr5g_sa_band_factory",
    "nr5g_nsa_band_factory",
    "nr5g_sa_band_lock",
    "nr5g_nsa_band_lock",
)


def _local_now() -> datetime:
    return datetime.now().astimezone()


class ControlsMixin:
    """The control methods of `ZteClient` (mixed in; the transport lives in client.py)."""

    control_poll_interval: float
    readback_timeout: float
    ussd_poll_interval: float
    # True after a USSD answer that waits for a reply (a menu): offer `ussd_reply`/`ussd_cancel`.
    ussd_expects_reply: bool
    # Local time for the data-plan projection; tests fix it.
    plan_clock: Callable[[], datetime]
    _settings_raw: dict[str, str]
    _capabilities: Capabilities | None
    _controls_lock: asyncio.Lock

    if TYPE_CHECKING:
        # Provided by ZteClient (client.py).
        host: str
        _lock: asyncio.Lock

        async def _write(self, goform_id: str, params: Mapping[str, str] | None = None) -> None: ...
        async def _get_guarded(self, fields: Iterable[str]) -> dict[str, str]: ...
        async def _get_json_guarded(
            self, params: Mapping[str, str], *, expect: str, blank_is_suspect: bool
        ) -> dict[str, Any]: ...
        async def _get_text(self, path: str) -> str | None: ...

    def _init_controls(self) -> None:
        self.control_poll_interval = CONTROL_POLL_INTERVAL
        self.readback_timeout = READBACK_TIMEOUT
        self.ussd_poll_interval = CONTROL_POLL_INTERVAL
        self.ussd_expects_reply = False
        self.plan_clock = _local_now
        self._settings_raw = {}
        self._capabilities = None
        self._controls_lock = asyncio.Lock()

    # -- settings ---------------------------------------------------------

    async def read_settings(self) -> None:
        """Read the lock and data-plan settings (one GET); every later `read()` carries them.

        They change only when someone changes them, so they are not in every poll: read them at
        setup and now and then (each control's read-back refreshes its own fields too).
        """
        await self._read_fields(SETTINGS_FIELDS)

    # -- mobile data ------------------------------------------------------

    # `timeout` (the public name) is how long the router may take to report the new state,
    # ending in our own error, not a cancellation deadline: hence the noqa on ASYNC109.
    async def set_mobile_data(self, on: bool, *, timeout: float = MOBILE_DATA_TIMEOUT) -> None:  # noqa: ASYNC109
        """Connect or disconnect the data session and wait until `ppp_status` settles there.

        The switch state (`snapshot.controls.mobile_data`) counts connecting as on; this waits
        for the end state (`ppp_connected`/IPv6 variants, or `ppp_disconnected`), as the stock
        page does, and raises `ZteControlTimeoutError` when it does not come within `timeout`.
        """
        async with self._controls_lock:
            await self._control_write(
                "CONNECT_NETWORK" if on else "DISCONNECT_NETWORK", {"notCallback": "true"}
            )
            await self._read_back(
                ("ppp_status",),
                lambda answer: mobile_data_settled(answer.get("ppp_status"), on=on),
                limit=timeout,
                what="the mobile data state",
            )
        _LOGGER.info("Mobile data turned %s", "on" if on else "off")

    # -- network mode -----------------------------------------------------

    async def network_modes(self) -> tuple[str, ...]:
        """The network modes (BearerPreference values) this firmware offers; learnt once per client
        from its web UI (a few requests the first time, none after)."""
        async with self._controls_lock:
            return (await self._capabilities_locked()).network_modes

    async def set_network_mode(self, mode: str) -> None:
        """Switch the bearer preference and wait until `net_select` reports it."""
        async with self._controls_lock:
            modes = (await self._capabilities_locked()).network_modes
            if mode not in modes:
                raise ZteControlValidationError(f"The router offers no network mode {mode!r}")
            await self._control_write("SET_BEARER_PREFERENCE", {"BearerPreference": mode})
            await self._read_back(
                ("net_select",),
                lambda answer: answer.get("net_select") == mode,
                limit=self.readback_timeout,
                what="the network mode",
            )
        _LOGGER.info("Network mode set to %s", mode)

    # -- band lock --------------------------------------------------------

    async def set_band_lock(
        self, *, lte_bands: Sequence[int] | None = None, nr_bands: Sequence[int] | None = None
    ) -> None:
        """Allow only these bands (an empty list: every band the router supports; None: unchanged).

        Bands the router does not support (as far as it says) are refused before anything is
        sent; LTE goes first, then NR, each read back.
        """
        if lte_bands is None and nr_bands is None:
            raise ZteControlValidationError("Give LTE bands, NR bands or both")
        async with self._controls_lock:
            capabilities = await self._capabilities_locked()
            mask = check_lte_bands(lte_bands, capabilities) if lte_bands is not None else None
            nr = check_nr_bands(nr_bands, capabilities) if nr_bands is not None else None
            if mask == 0 or nr == ():
                raise ZteControlValidationError("A band lock must leave at least one band")
            if mask is not None:
                await self._control_write(
                    "BAND_SELECT",
                    {
                        "is_gw_band": "0",
                        "gw_band_mask": "0",
                        "is_lte_band": "1",
                        "lte_band_mask": format_lte_mask(mask),
                    },
                )
                await self._read_back_lock(
                    ("lte_band_lock",),
                    lambda answer: lte_lock_applied(answer.get("lte_band_lock"), mask),
                    what="the LTE band lock",
                )
                everything = not lte_bands
                _LOGGER.info("LTE band lock %s", "removed (all bands)" if everything else "changed")
            if nr is not None:
                await self._control_write(
                    "WAN_PERFORM_NR5G_BAND_LOCK", {"nr5g_band_mask": format_band_list(nr)}
                )
                await self._read_back_lock(
                    ("nr5g_sa_band_lock", "nr5g_nsa_band_lock"),
                    lambda answer: nr_lock_applied(
                        answer.get("nr5g_sa_band_lock"), answer.get("nr5g_nsa_band_lock"), nr
                    ),
                    what="the 5G band lock",
                )
                _LOGGER.info("5G band lock %s", "removed (all bands)" if not nr_bands else "changed")

    # -- cell lock --------------------------------------------------------

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
        """Lock to one cell (LTE: PCI 0-503 and EARFCN; NR: PCI 0-1007, NR-ARFCN, band, SCS in kHz)
        or unlock (`clear=True`). The modem applies it after a reboot, which this does not do."""
        if rat == "lte":
            if arfcn is not None or scs is not None:
                raise ZteControlValidationError("An LTE cell lock takes an EARFCN, no NR-ARFCN or SCS")
            lock = lte_cell_lock(pci=pci, earfcn=earfcn, band=band, clear=clear)
        elif rat == "nr":
            if earfcn is not None:
                raise ZteControlValidationError("An NR cell lock takes an NR-ARFCN (arfcn), not an EARFCN")
            lock = nr_cell_lock(pci=pci, arfcn=arfcn, band=band, scs=scs, clear=clear)
        else:
            raise ZteControlValidationError("rat must be 'lte' or 'nr'")
        async with self._controls_lock:
            if rat == "lte":
                await self._set_lte_cell_lock(lock)
            else:
                if not (await self._capabilities_locked()).has_5g:
                    raise ZteControlValidationError("This router has no 5G: there is no NR cell lock")
                await self._set_nr_cell_lock(lock)
        _LOGGER.info("%s cell lock %s", "LTE" if rat == "lte" else "5G", "removed" if lock.cleared else "set")

    async def _set_lte_cell_lock(self, lock: CellLock) -> None:
        await self._control_write(
            "LTE_LOCK_CELL_SET", {"lte_pci_lock": str(lock.pci), "lte_earfcn_lock": str(lock.channel)}
        )

        def applied(answer: Mapping[str, str]) -> bool | None:
            stored = read_lte_cell_lock(answer.get("lte_pci_lock"), answer.get("lte_earfcn_lock"))
            return None if stored is None else stored == lock

        await self._read_back_lock(("lte_pci_lock", "lte_earfcn_lock"), applied, what="the LTE cell lock")

    async def _set_nr_cell_lock(self, lock: CellLock) -> None:
        await self._control_write("NR5G_LOCK_CELL_SET", {"nr5g_cell_lock": nr_cell_lock_param(lock)})

        def applied(answer: Mapping[str, str]) -> bool | None:
            stored = read_nr_cell_lock(answer.get("nr5g_cell_lock"))
            if stored is None:
                return None
            return stored.cleared if lock.cleared else stored == lock

        await self._read_back_lock(("nr5g_cell_lock",), applied, what="the 5G cell lock")

    # -- USSD -------------------------------------------------------------
    # Codes and texts are never logged (a balance, a voucher number).

    async def send_ussd(self, code: str, *, timeout: float = USSD_TIMEOUT) -> str:  # noqa: ASYNC109
        """Send a USSD code ('*100#') and return the network's answer, decoded.

        When the answer is a menu (`ussd_expects_reply`), answer with `ussd_reply` or end it
        with `ussd_cancel`. Raises `ZteUssdUnsupportedError` (router or network without USSD),
        `ZteUssdTimeoutError` or `ZteUssdFailedError`.
        """
        checked = check_ussd_code(code)
        async with self._controls_lock:
            await self._ussd_write({"USSD_operator": "ussd_send", "USSD_send_number": checked})
            text = await self._ussd_answer(timeout)
        _LOGGER.info("USSD request answered%s", " with a menu" if self.ussd_expects_reply else "")
        return text

    async def ussd_reply(self, text: str, *, timeout: float = USSD_TIMEOUT) -> str:  # noqa: ASYNC109
        """Answer a USSD menu; returns the network's next answer."""
        checked = check_ussd_reply(text)
        async with self._controls_lock:
            await self._ussd_write({"USSD_operator": "ussd_reply", "USSD_reply_number": checked})
            answer = await self._ussd_answer(timeout)
        _LOGGER.info("USSD reply answered%s", " with a menu" if self.ussd_expects_reply else "")
        return answer

    async def ussd_cancel(self, *, timeout: float = USSD_CANCEL_TIMEOUT) -> None:  # noqa: ASYNC109
        """End an open USSD session; the router reports 13 when it is closed."""
        async with self._controls_lock:
            await self._ussd_write({"USSD_operator": "ussd_cancel"})
            self.ussd_expects_reply = False
            deadline = asyncio.get_running_loop().time() + timeout
            while True:
                flag = await self._ussd_flag()
                if flag == USSD_CANCELLED:
                    break
                if flag not in (USSD_PENDING, ""):
                    raise ZteUssdFailedError("The router could not end the USSD session", flag)
                if asyncio.get_running_loop().time() >= deadline:
                    raise ZteUssdTimeoutError(f"The router did not end the USSD session within {timeout:g} s")
                await asyncio.sleep(self.ussd_poll_interval)
        _LOGGER.info("USSD session ended")

    async def _ussd_write(self, params: Mapping[str, str]) -> None:
        try:
            await self._write("USSD_PROCESS", {**params, "notCallback": "true"})
        except ZteCommandError as err:
            raise ZteUssdFailedError("The router refused the USSD request") from err

    async def _ussd_answer(self, limit: float) -> str:
        """Follow `ussd_write_flag` as the stock page does: 15 waiting, 16 answer ready, else done."""
        self.ussd_expects_reply = False
        deadline = asyncio.get_running_loop().time() + limit
        while True:
            flag = await self._ussd_flag()
            if flag == USSD_READY:
                answer = await self._get_control_json({"cmd": "ussd_data_info"}, expect="ussd_data")
                self.ussd_expects_reply = ussd_expects_reply(answer)
                return ussd_text(answer)
            if flag in USSD_UNSUPPORTED:
                raise ZteUssdUnsupportedError(f"The router or the network does not support USSD ({flag})")
            if flag in USSD_ROUTER_TIMEOUT:
                raise ZteUssdTimeoutError("The network did not answer the USSD request (router timeout)")
            if flag not in (USSD_PENDING, ""):
                reason = USSD_FAILURES.get(flag, "failed")
                raise ZteUssdFailedError(f"The USSD request failed: {reason} ({flag})", flag)
            if asyncio.get_running_loop().time() >= deadline:
                raise ZteUssdTimeoutError(f"No USSD answer within {limit:g} s")
            await asyncio.sleep(self.ussd_poll_interval)

    async def _ussd_flag(self) -> str:
        answer = await self._get_control_json({"cmd": "ussd_write_flag"}, expect="ussd_write_flag")
        flag = answer.get("ussd_write_flag")
        return flag.strip() if isinstance(flag, str) else ""

    # -- plumbing ---------------------------------------------------------

    async def _capabilities_locked(self) -> Capabilities:
        """Modes and bands of this firmware, decided once (web UI lists, factory fields)."""
        if self._capabilities is None:
            async with self._lock:
                web_ui = await read_web_ui(self._get_text)
            raw = await self._read_fields(CAPABILITY_FIELDS)
            capabilities = capabilities_from(web_ui, raw)
            current = clean(raw.get("net_select"))
            if current and current not in capabilities.network_modes and current.replace("_", "").isalnum():
                # The router is in a mode its list lacks (set by an older page): it is offered.
                capabilities = _with_mode(capabilities, current)
            self._capabilities = capabilities
            _LOGGER.debug("Controls of %s: %s", self.host, "; ".join(capabilities.evidence))
        return self._capabilities

    async def _control_write(self, goform_id: str, params: Mapping[str, str]) -> None:
        try:
            await self._write(goform_id, params)
        except ZteCommandError as err:
            raise ZteControlRefusedError(f"The router refused {goform_id}") from err

    async def _read_fields(self, fields: Sequence[str]) -> dict[str, str]:
        """One multi_data GET of `fields` through the guarded request; settings fields are kept."""
        answer = await self._get_guarded(fields)
        self._settings_raw.update({key: answer.get(key, "") for key in fields if key in SETTINGS_FIELDS})
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
        deadline = asyncio.get_running_loop().time() + limit
        while True:
            answer = await self._read_fields(fields)
            if matches(answer):
                return answer
            if asyncio.get_running_loop().time() >= deadline:
                raise ZteControlTimeoutError(f"The router did not report {what} within {limit:g} s")
            await asyncio.sleep(self.control_poll_interval)

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

        await self._read_back(fields, settled, limit=self.readback_timeout, what=what)
        if unreported:
            _LOGGER.debug("The router does not report %s; the write was accepted", what)

    async def _get_control_json(self, params: Mapping[str, str], *, expect: str) -> dict[str, Any]:
        """A single-key GET without multi_data (USSD keys answer blank with it)."""
        return await self._get_json_guarded(params, expect=expect, blank_is_suspect=True)


def _with_mode(capabilities: Capabilities, mode: str) -> Capabilities:
    return replace(
        capabilities,
        network_modes=(*capabilities.network_modes, mode),
        evidence=(*capabilities.evidence, "network modes: the current mode added"),
    )
