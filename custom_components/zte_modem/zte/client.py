"""The library's entry point: `ZteClient`, one router whatever API it speaks.

The one place a transport is chosen.

Scripts and the probe use it as they always have: `ZteClient(host, password, session=...)`,
then `login()`, `read()`, `logout()`. Home Assistant builds it with `from_stored`, which
also takes what an earlier login stored, and otherwise names only the `ModemClient`
interface (interface.py). Without a stored profile the first call asks the router which API
it speaks (detect_transport.py): goform (goform/client.py) or ubus (ubus/client.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import Any, Literal

import aiohttp

from .apn import ApnState
from .capabilities import ModemCapabilities
from .connection import ClientStats, ClientTiming, normalize_host
from .controls import MOBILE_DATA_TIMEOUT, USSD_CANCEL_TIMEOUT, USSD_TIMEOUT
from .detect_transport import Transport, find_transport
from .goform.client import GoformClient
from .goform.detect import Detection
from .goform.profile import LoginProfile
from .models import ModemSnapshot
from .plan import PlanSettings
from .sms import MEM_DEVICE, SmsCapacity, SmsMessage, SmsSendResult
from .ubus.client import UbusClient
from .ubus.profile import UbusProfile

_LOGGER = logging.getLogger(__name__)


class ZteClient:
    """One router, strictly one request at a time; implements `ModemClient`.

    The caller owns the aiohttp session; it needs ``CookieJar(unsafe=True)`` because routers
    are reached by IP address. `profile` (goform's login scheme) skips detection;
    `request_timeout` is a shorthand for `timing.request_timeout`.
    """

    # Tuning lives in `timing`: an attribute set on the client itself would change nothing.
    __slots__ = (
        "_found",
        "_host",
        "_lock",
        "_password",
        "_session",
        "_stats",
        "_timing",
        "_username",
        "transport",
    )

    def __init__(
        self,
        host: str,
        password: str,
        *,
        session: aiohttp.ClientSession,
        username: str | None = None,
        profile: LoginProfile | UbusProfile | None = None,
        timing: ClientTiming | None = None,
        request_timeout: float | None = None,
    ) -> None:
        self._timing = timing or ClientTiming()
        if request_timeout is not None:
            self._timing.request_timeout = request_timeout
        self._stats = ClientStats()
        self._host = normalize_host(host)
        self._password = password
        self._username = username or None
        self._session = session
        self._lock = asyncio.Lock()
        # None until the first call asks the router which API it speaks (no stored profile).
        self.transport: GoformClient | UbusClient | None = None
        if isinstance(profile, LoginProfile):
            self.transport = self._goform(profile)
        elif isinstance(profile, UbusProfile):
            self.transport = self._ubus(profile)

    @classmethod
    def from_stored(
        cls,
        host: str,
        password: str,
        *,
        session: aiohttp.ClientSession,
        username: str | None = None,
        stored_profile: Mapping[str, Any] | None = None,
    ) -> ZteClient:
        """A client for stored settings; a stored profile it cannot use means detecting again."""
        profile: LoginProfile | UbusProfile | None = None
        if stored_profile is not None:
            try:
                if stored_profile.get("transport") == Transport.UBUS:
                    profile = UbusProfile.from_dict(dict(stored_profile))
                else:
                    profile = LoginProfile.from_dict(dict(stored_profile))
            except (KeyError, TypeError, ValueError):
                _LOGGER.debug("Stored login profile unusable, detecting again")
        return cls(host, password, session=session, username=username, profile=profile)

    def _goform(self, profile: LoginProfile | None) -> GoformClient:
        return GoformClient(
            self._host,
            self._password,
            session=self._session,
            username=self._username,
            profile=profile,
            timing=self._timing,
            stats=self._stats,
        )

    def _ubus(self, profile: UbusProfile | None) -> UbusClient:
        return UbusClient(
            self._host,
            self._password,
            session=self._session,
            username=self._username,
            profile=profile,
            timing=self._timing,
            stats=self._stats,
        )

    async def _ready(self) -> GoformClient | UbusClient:
        """The transport; the first call without a stored profile asks the router which one."""
        if self.transport is None:
            async with self._lock:
                if self.transport is None:
                    found = await find_transport(
                        self._host, session=self._session, timing=self._timing, stats=self._stats
                    )
                    self._host = found.host
                    _LOGGER.debug("%s speaks %s", self._host, found.transport)
                    self.transport = (
                        self._ubus(None) if found.transport is Transport.UBUS else self._goform(None)
                    )
        return self.transport

    def __repr__(self) -> str:
        return f"ZteClient(host={self.host!r})"

    @property
    def host(self) -> str:
        """The router's address as used, e.g. http://192.168.0.1 (https when the router sent us there)."""
        return self.transport.host if self.transport is not None else self._host

    @property
    def stats(self) -> ClientStats:
        """What the client has cost the router so far."""
        return self._stats

    @property
    def timing(self) -> ClientTiming:
        """Timeouts and intervals, shared with the transport (shorten them on a live client)."""
        return self._timing

    @property
    def transport_name(self) -> str | None:
        """ "goform" or "ubus"; None until the router was asked."""
        if self.transport is None:
            return None
        return Transport.UBUS if isinstance(self.transport, UbusClient) else Transport.GOFORM

    @property
    def stored_profile(self) -> dict[str, Any] | None:
        """What to store so the next start skips detection; pass it back to `from_stored`."""
        return self.transport.stored_profile if self.transport is not None else None

    @property
    def profile(self) -> LoginProfile | None:
        """goform's login scheme in use (None before the first login, and on ubus)."""
        return self.transport.profile if isinstance(self.transport, GoformClient) else None

    @property
    def detection(self) -> Detection | None:
        """What detecting goform's login scheme found (None: a stored profile was used, or ubus)."""
        return self.transport.detection if isinstance(self.transport, GoformClient) else None

    @property
    def ussd_expects_reply(self) -> bool:
        """The last USSD answer was a menu: `ussd_reply` or `ussd_cancel` next."""
        return self.transport.ussd_expects_reply if self.transport is not None else False

    async def login(self) -> LoginProfile | None:
        """Find the API and the login scheme when needed and log in; the goform login scheme that
        worked (None on ubus, whose scheme is fixed)."""
        await (await self._ready()).login()
        return self.profile

    async def read(self) -> ModemSnapshot:
        """One poll; concurrent callers share one read."""
        return await (await self._ready()).read()

    async def read_settings(self) -> None:
        """Read the settings (locks, data plan, firmware update) now, not at their hourly turn (goform)."""
        transport = await self._ready()
        if isinstance(transport, GoformClient):
            await transport.read_settings()

    async def logout(self) -> None:
        """Give the single admin session back to the router's web page."""
        await (await self._ready()).logout()

    async def reboot(self) -> None:
        """Restart the router; the session ends with it."""
        await (await self._ready()).reboot()

    async def capabilities(self) -> ModemCapabilities:
        """What this router offers; learnt once per client."""
        return await (await self._ready()).capabilities()

    def diagnostics(self) -> dict[str, Any]:
        """What the diagnostics download may show of the client (nothing secret)."""
        if self.transport is None:
            return {"transport": None, "family": None, "detection": None, "client_stats": asdict(self._stats)}
        return self.transport.diagnostics()

    async def list_sms(self, *, mem_store: int = MEM_DEVICE) -> list[SmsMessage]:
        """Every message in one storage (the device memory unless told), newest first, multipart joined."""
        return await (await self._ready()).list_sms(mem_store=mem_store)

    async def send_sms(self, numbers: str | Sequence[str], message: str) -> SmsSendResult:
        """Send to one number (errors raise) or several (the result says which went)."""
        return await (await self._ready()).send_sms(numbers, message)

    async def delete_sms(self, ids: Iterable[int]) -> None:
        """Delete messages by id."""
        await (await self._ready()).delete_sms(ids)

    async def delete_all_but(self, keep_latest: int, *, sim: bool = False) -> list[int]:
        """Delete all but the newest `keep_latest` messages; the deleted ids."""
        return await (await self._ready()).delete_all_but(keep_latest, sim=sim)

    async def mark_sms_read(self, ids: Iterable[int]) -> None:
        """Mark messages read."""
        await (await self._ready()).mark_sms_read(ids)

    async def sms_capacity(self) -> SmsCapacity:
        """Storage size and use."""
        return await (await self._ready()).sms_capacity()

    async def set_mobile_data(self, on: bool, *, timeout: float = MOBILE_DATA_TIMEOUT) -> None:  # noqa: ASYNC109
        """Connect or disconnect the data session and wait until the router reports it."""
        await (await self._ready()).set_mobile_data(on, timeout=timeout)

    async def network_modes(self) -> tuple[str, ...]:
        """The network modes this router offers, as it names them."""
        return await (await self._ready()).network_modes()

    async def set_network_mode(self, mode: str) -> None:
        """Switch the network mode and wait until the router reports it."""
        await (await self._ready()).set_network_mode(mode)

    async def set_band_lock(
        self, *, lte_bands: Sequence[int] | None = None, nr_bands: Sequence[int] | None = None
    ) -> None:
        """Allow only these bands (empty: all; None: unchanged)."""
        await (await self._ready()).set_band_lock(lte_bands=lte_bands, nr_bands=nr_bands)

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
        """Lock to one cell, or unlock."""
        await (await self._ready()).set_cell_lock(
            rat=rat, pci=pci, earfcn=earfcn, arfcn=arfcn, band=band, scs=scs, clear=clear
        )

    async def set_apn(self, option: str) -> ApnState:
        """Make the stored APN profile named `option` the default, or "Automatic"; read back."""
        return await (await self._ready()).set_apn(option)

    async def set_data_plan(
        self,
        *,
        enabled: bool | None = None,
        limit_gb: float | None = None,
        alert_percent: int | None = None,
        reset_day: int | None = None,
    ) -> PlanSettings:
        """Change the router's data-plan settings (None: unchanged); read back."""
        return await (await self._ready()).set_data_plan(
            enabled=enabled, limit_gb=limit_gb, alert_percent=alert_percent, reset_day=reset_day
        )

    async def send_ussd(self, code: str, *, timeout: float = USSD_TIMEOUT) -> str:  # noqa: ASYNC109
        """Send a USSD code; the network's answer."""
        return await (await self._ready()).send_ussd(code, timeout=timeout)

    async def ussd_reply(self, text: str, *, timeout: float = USSD_TIMEOUT) -> str:  # noqa: ASYNC109
        """Answer a USSD menu; the network's next answer."""
        return await (await self._ready()).ussd_reply(text, timeout=timeout)

    async def ussd_cancel(self, *, timeout: float = USSD_CANCEL_TIMEOUT) -> None:  # noqa: ASYNC109
        """End an open USSD session."""
        await (await self._ready()).ussd_cancel(timeout=timeout)
