"""The ubus transport: routers that speak the JSON-RPC API at `POST /ubus/` (G5TS, G5 Ultra, U60 Pro, MC7500).

A poll is one POST whose batch holds every call it needs (radio, traffic, data session,
temperature; the identity too at the first poll); writes go through the same guarded batch,
under a controls lock, and are read back. What this transport does not do yet (SMS, band and
cell locks, USSD, the data plan) is left out of its capabilities, so no entity offers it, and
an action asking for it gets a clear error.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import Any, Literal

import aiohttp

from ..capabilities import Feature, ModemCapabilities
from ..connection import ClientStats, ClientTiming, normalize_host
from ..controls import MOBILE_DATA_TIMEOUT, USSD_CANCEL_TIMEOUT, USSD_TIMEOUT
from ..exceptions import (
    ZteControlRefusedError,
    ZteControlTimeoutError,
    ZteControlValidationError,
    ZteSmsUnavailableError,
    ZteUnsupportedFirmwareError,
    ZteUssdUnsupportedError,
)
from ..goform.controls import mobile_data_settled
from ..goform.parse import PciFormat, ValueFormat
from ..goform.plan import CLOCK_FIELD
from ..goform.snapshot import snapshot_from_raw
from ..models import ModemSnapshot
from ..single_flight import SingleFlight
from ..sms import SmsCapacity, SmsMessage, SmsSendResult
from .fields import IDENTITY_CALLS, NETINFO, POLL_CALLS, WAN, WEB, goform_view, identity_view
from .login import UbusLogin
from .modes import network_modes_for
from .profile import UbusProfile
from .rpc import Call, Reply, UbusHttp
from .session import UbusSession

NOT_YET = "not supported on routers that speak ubus yet"
REBOOT = Call("zwrt_mc.device.manager", "device_reboot", {"moduleName": "web"}, write=True)


class UbusClient:
    """One ubus router, strictly one HTTP exchange at a time."""

    def __init__(
        self,
        host: str,
        password: str,
        *,
        session: aiohttp.ClientSession,
        username: str | None = None,
        profile: UbusProfile | None = None,
        timing: ClientTiming | None = None,
        stats: ClientStats | None = None,
    ) -> None:
        self.timing = timing or ClientTiming()
        self.stats = stats or ClientStats()
        self.http = UbusHttp(normalize_host(host), session=session, timing=self.timing, stats=self.stats)
        self.session = UbusSession(
            self.http,
            UbusLogin(self.http, password=password, username=username),
            profile=profile or UbusProfile(),
        )
        self._flight: SingleFlight[ModemSnapshot] = SingleFlight()
        self._controls_lock = asyncio.Lock()
        self._identity: dict[str, str] = {}
        self._last: dict[str, str] = {}
        self._capabilities: ModemCapabilities | None = None

    def __repr__(self) -> str:
        return f"UbusClient(host={self.host!r})"

    @property
    def host(self) -> str:
        """The router's address, e.g. https://192.168.0.1."""
        return self.http.host

    @property
    def stored_profile(self) -> dict[str, Any] | None:
        """The transport and what logins showed, to store and pass back."""
        return self.session.profile.as_dict()

    @property
    def ussd_expects_reply(self) -> bool:
        """USSD is not offered on this transport yet."""
        return False

    async def login(self) -> None:
        """Log in (the login scheme is the web page's own; nothing to detect)."""
        await self.session.login()

    async def logout(self) -> None:
        """Give the single admin session back to the web page."""
        await self.session.logout()

    async def reboot(self) -> None:
        """Restart the router; the session ends with it."""
        async with self._controls_lock:
            await self._write(
                Call("zwrt_mc.device.manager", "device_reboot", {"moduleName": "web"}, write=True)
            )
        self.session.forget()

    async def read(self) -> ModemSnapshot:
        """One poll: one POST with every call; concurrent callers share it."""
        return await self._flight.run(self._read_once)

    async def _read_once(self) -> ModemSnapshot:
        calls = [*POLL_CALLS, *(IDENTITY_CALLS if not self._identity else ())]
        answers = await self._ask(calls)
        if not answers[NETINFO.key].ok:
            raise ZteUnsupportedFirmwareError("nwinfo_get_netinfo not answered")
        self.stats.reads += 1
        self._identity = identity_view(answers) or self._identity
        raw = {**self._identity, **goform_view(answers)}
        self._last = raw
        # Every identifier of this API is decimal (fields.py).
        value_format = ValueFormat(lte_pci=PciFormat.DECIMAL)
        return snapshot_from_raw({**raw, CLOCK_FIELD: self.timing.clock().isoformat()}, value_format)

    async def _ask(self, calls: Sequence[Call]) -> dict[str, Reply]:
        replies = await self.session.call(calls)
        return {call.key: reply for call, reply in zip(calls, replies, strict=True)}

    async def capabilities(self) -> ModemCapabilities:
        """Every ubus model is a 5G router; the network modes are this firmware's own tokens."""
        if self._capabilities is None:
            if not self._last:
                await self.read()
            modes, evidence = network_modes_for(self._last.get("net_select", ""))
            features = {Feature.NR5G, Feature.MOBILE_DATA}
            if modes:
                features.add(Feature.NETWORK_MODE)
            self._capabilities = ModemCapabilities(
                features=frozenset(features),
                network_modes=modes,
                evidence=(evidence, f"ubus: {NOT_YET}: SMS, band and cell locks, USSD, data plan"),
            )
        return self._capabilities

    def diagnostics(self) -> dict[str, Any]:
        """Transport and request counts (nothing secret: no token, salt or key)."""
        return {"transport": "ubus", "family": None, "detection": None, "client_stats": asdict(self.stats)}

    # -- controls --------------------------------------------------------------

    async def set_mobile_data(self, on: bool, *, timeout: float = MOBILE_DATA_TIMEOUT) -> None:  # noqa: ASYNC109
        """Connect or disconnect the data session and wait until the router reports it."""
        async with self._controls_lock:
            await self._write(
                Call("zwrt_data", "set_wwaniface", {**WEB, "enable": 1 if on else 0}, write=True)
            )
            await self._read_back(
                WAN,
                lambda view: mobile_data_settled(view.get("ppp_status"), on=on),
                limit=timeout,
                what="the mobile data state",
            )

    async def network_modes(self) -> tuple[str, ...]:
        """The network modes this firmware offers, as it names them."""
        return (await self.capabilities()).network_modes

    async def set_network_mode(self, mode: str) -> None:
        """Switch the network mode and wait until `net_select` reports it."""
        async with self._controls_lock:
            if mode not in (await self.capabilities()).network_modes:
                raise ZteControlValidationError(f"The router offers no network mode {mode!r}")
            await self._write(
                Call("zte_nwinfo_api", "nwinfo_set_netselect", {"net_select": mode}, write=True)
            )
            await self._read_back(
                NETINFO,
                lambda view: view.get("net_select") == mode,
                limit=self.timing.readback_timeout,
                what="the network mode",
            )

    async def _write(self, call: Call) -> None:
        (reply,) = await self.session.call([call])
        if not reply.ok:
            raise ZteControlRefusedError(f"The router refused {call.method} (status {reply.status})")

    async def _read_back(
        self, call: Call, matches: Callable[[Mapping[str, str]], bool], *, limit: float, what: str
    ) -> None:
        deadline = asyncio.get_running_loop().time() + limit
        while True:
            view = goform_view(await self._ask([call]))
            if matches(view):
                return
            if asyncio.get_running_loop().time() >= deadline:
                raise ZteControlTimeoutError(f"The router did not report {what} within {limit:g} s")
            await asyncio.sleep(self.timing.control_poll_interval)

    async def set_band_lock(
        self, *, lte_bands: Sequence[int] | None = None, nr_bands: Sequence[int] | None = None
    ) -> None:
        """Not offered on this transport yet."""
        raise ZteControlRefusedError(f"Band locks are {NOT_YET}")

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
        """Not offered on this transport yet."""
        raise ZteControlRefusedError(f"Cell locks are {NOT_YET}")

    async def send_ussd(self, code: str, *, timeout: float = USSD_TIMEOUT) -> str:  # noqa: ASYNC109
        """Not offered on this transport yet."""
        raise ZteUssdUnsupportedError(f"USSD is {NOT_YET}")

    async def ussd_reply(self, text: str, *, timeout: float = USSD_TIMEOUT) -> str:  # noqa: ASYNC109
        """Not offered on this transport yet."""
        raise ZteUssdUnsupportedError(f"USSD is {NOT_YET}")

    async def ussd_cancel(self, *, timeout: float = USSD_CANCEL_TIMEOUT) -> None:  # noqa: ASYNC109
        """Not offered on this transport yet."""
        raise ZteUssdUnsupportedError(f"USSD is {NOT_YET}")

    # -- SMS (not yet: the fields are AES-encrypted on this generation) ---------

    async def list_sms(self, *, mem_store: int = 1) -> list[SmsMessage]:
        """Not offered on this transport yet."""
        raise ZteSmsUnavailableError(f"SMS are {NOT_YET}")

    async def send_sms(self, numbers: str | Sequence[str], message: str) -> SmsSendResult:
        """Not offered on this transport yet."""
        raise ZteSmsUnavailableError(f"SMS are {NOT_YET}")

    async def delete_sms(self, ids: Iterable[int]) -> None:
        """Not offered on this transport yet."""
        raise ZteSmsUnavailableError(f"SMS are {NOT_YET}")

    async def delete_all_but(self, keep_latest: int, *, sim: bool = False) -> list[int]:
        """Not offered on this transport yet."""
        raise ZteSmsUnavailableError(f"SMS are {NOT_YET}")

    async def mark_sms_read(self, ids: Iterable[int]) -> None:
        """Not offered on this transport yet."""
        raise ZteSmsUnavailableError(f"SMS are {NOT_YET}")

    async def sms_capacity(self) -> SmsCapacity:
        """Not offered on this transport yet."""
        raise ZteSmsUnavailableError(f"SMS are {NOT_YET}")
