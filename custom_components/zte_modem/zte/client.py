"""The library's entry point: `ZteClient`, one router whatever API it speaks.

The one place a transport is chosen.

Scripts and the probe use it as they always have: `ZteClient(host, password, session=...)`,
then `login()`, `read()`, `logout()`. Home Assistant builds it with `from_stored`, which
also takes what an earlier login stored, and otherwise names only the `ModemClient`
interface (interface.py). Today every router is reached through goform (goform/client.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import aiohttp

from .capabilities import ModemCapabilities
from .connection import ClientStats, ClientTiming
from .controls import MOBILE_DATA_TIMEOUT, USSD_CANCEL_TIMEOUT, USSD_TIMEOUT
from .goform.client import GoformClient
from .goform.detect import Detection
from .goform.profile import LoginProfile
from .models import ModemSnapshot
from .sms import MEM_DEVICE, SmsCapacity, SmsMessage, SmsSendResult

_LOGGER = logging.getLogger(__name__)


class ZteClient:
    """One router, strictly one request at a time; implements `ModemClient`.

    The caller owns the aiohttp session; it needs ``CookieJar(unsafe=True)`` because routers
    are reached by IP address. `profile` (goform's login scheme) skips detection;
    `request_timeout` is a shorthand for `timing.request_timeout`.
    """

    # Tuning lives in `timing`: an attribute set on the client itself would change nothing.
    __slots__ = ("transport",)

    def __init__(
        self,
        host: str,
        password: str,
        *,
        session: aiohttp.ClientSession,
        username: str | None = None,
        profile: LoginProfile | None = None,
        timing: ClientTiming | None = None,
        request_timeout: float | None = None,
    ) -> None:
        timing = timing or ClientTiming()
        if request_timeout is not None:
            timing.request_timeout = request_timeout
        self.transport = GoformClient(
            host, password, session=session, username=username, profile=profile, timing=timing
        )

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
        profile = None
        if stored_profile is not None:
            try:
                profile = LoginProfile.from_dict(dict(stored_profile))
            except (KeyError, TypeError, ValueError):
                _LOGGER.debug("Stored login profile unusable, detecting again")
        return cls(host, password, session=session, username=username, profile=profile)

    def __repr__(self) -> str:
        return f"ZteClient(host={self.host!r})"

    @property
    def host(self) -> str:
        """The router's address as used, e.g. http://192.168.0.1."""
        return self.transport.host

    @property
    def stats(self) -> ClientStats:
        """What the client has cost the router so far."""
        return self.transport.stats

    @property
    def timing(self) -> ClientTiming:
        """Timeouts and intervals, shared with the transport (shorten them on a live client)."""
        return self.transport.timing

    @property
    def stored_profile(self) -> dict[str, Any] | None:
        """What to store so the next start skips detection; pass it back to `from_stored`."""
        return self.transport.stored_profile

    @property
    def profile(self) -> LoginProfile | None:
        """goform's login scheme in use (None before the first login)."""
        return self.transport.profile

    @property
    def detection(self) -> Detection | None:
        """What detecting goform's login scheme found (None: a stored profile was used)."""
        return self.transport.detection

    @property
    def ussd_expects_reply(self) -> bool:
        """The last USSD answer was a menu: `ussd_reply` or `ussd_cancel` next."""
        return self.transport.ussd_expects_reply

    async def login(self) -> LoginProfile | None:
        """Detect the login scheme when needed and log in; the goform login scheme that worked."""
        await self.transport.login()
        return self.transport.profile

    async def read(self) -> ModemSnapshot:
        """One poll; concurrent callers share one read."""
        return await self.transport.read()

    async def read_settings(self) -> None:
        """Read the lock and data-plan settings now rather than at their hourly turn."""
        await self.transport.read_settings()

    async def logout(self) -> None:
        """Give the single admin session back to the router's web page."""
        await self.transport.logout()

    async def reboot(self) -> None:
        """Restart the router; the session ends with it."""
        await self.transport.reboot()

    async def capabilities(self) -> ModemCapabilities:
        """What this router offers; learnt once per client."""
        return await self.transport.capabilities()

    def diagnostics(self) -> dict[str, Any]:
        """What the diagnostics download may show of the client (nothing secret)."""
        return self.transport.diagnostics()

    async def list_sms(self, *, mem_store: int = MEM_DEVICE) -> list[SmsMessage]:
        """Every message in one storage (the device memory unless told), newest first, multipart joined."""
        return await self.transport.list_sms(mem_store=mem_store)

    async def send_sms(self, numbers: str | Sequence[str], message: str) -> SmsSendResult:
        """Send to one number (errors raise) or several (the result says which went)."""
        return await self.transport.send_sms(numbers, message)

    async def delete_sms(self, ids: Iterable[int]) -> None:
        """Delete messages by id."""
        await self.transport.delete_sms(ids)

    async def delete_all_but(self, keep_latest: int, *, sim: bool = False) -> list[int]:
        """Delete all but the newest `keep_latest` messages; the deleted ids."""
        return await self.transport.delete_all_but(keep_latest, sim=sim)

    async def mark_sms_read(self, ids: Iterable[int]) -> None:
        """Mark messages read."""
        await self.transport.mark_sms_read(ids)

    async def sms_capacity(self) -> SmsCapacity:
        """Storage size and use."""
        return await self.transport.sms_capacity()

    async def set_mobile_data(self, on: bool, *, timeout: float = MOBILE_DATA_TIMEOUT) -> None:  # noqa: ASYNC109
        """Connect or disconnect the data session and wait until the router reports it."""
        await self.transport.set_mobile_data(on, timeout=timeout)

    async def network_modes(self) -> tuple[str, ...]:
        """The network modes this router offers, as it names them."""
        return await self.transport.network_modes()

    async def set_network_mode(self, mode: str) -> None:
        """Switch the network mode and wait until the router reports it."""
        await self.transport.set_network_mode(mode)

    async def set_band_lock(
        self, *, lte_bands: Sequence[int] | None = None, nr_bands: Sequence[int] | None = None
    ) -> None:
        """Allow only these bands (empty: all; None: unchanged)."""
        await self.transport.set_band_lock(lte_bands=lte_bands, nr_bands=nr_bands)

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
        await self.transport.set_cell_lock(
            rat=rat, pci=pci, earfcn=earfcn, arfcn=arfcn, band=band, scs=scs, clear=clear
        )

    async def send_ussd(self, code: str, *, timeout: float = USSD_TIMEOUT) -> str:  # noqa: ASYNC109
        """Send a USSD code; the network's answer."""
        return await self.transport.send_ussd(code, timeout=timeout)

    async def ussd_reply(self, text: str, *, timeout: float = USSD_TIMEOUT) -> str:  # noqa: ASYNC109
        """Answer a USSD menu; the network's next answer."""
        return await self.transport.ussd_reply(text, timeout=timeout)

    async def ussd_cancel(self, *, timeout: float = USSD_CANCEL_TIMEOUT) -> None:  # noqa: ASYNC109
        """End an open USSD session."""
        await self.transport.ussd_cancel(timeout=timeout)
