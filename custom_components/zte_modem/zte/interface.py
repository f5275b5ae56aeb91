"""The one client interface the HA side names: every transport (goform today) implements it.

Construction (which transport, which stored profile) happens in one place: client.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal, Protocol

from .apn import ApnState
from .capabilities import ModemCapabilities
from .connection import ClientStats, ClientTiming
from .controls import MOBILE_DATA_TIMEOUT, USSD_CANCEL_TIMEOUT, USSD_TIMEOUT
from .models import ModemSnapshot
from .plan import PlanSettings
from .sms import SmsCapacity, SmsMessage, SmsSendResult


class ModemClient(Protocol):
    """One router, strictly one request at a time; every method may raise a `ZteError`."""

    @property
    def host(self) -> str:
        """The router's address as used, e.g. http://192.168.0.1."""

    @property
    def stats(self) -> ClientStats:
        """What the client has cost the router so far."""

    @property
    def timing(self) -> ClientTiming:
        """Timeouts and intervals, shared with the transport."""

    @property
    def stored_profile(self) -> dict[str, Any] | None:
        """What to store so the next start skips detection (JSON-safe); None before a login."""

    @property
    def ussd_expects_reply(self) -> bool:
        """The last USSD answer was a menu: `ussd_reply` or `ussd_cancel` next."""

    async def login(self) -> object:
        """Detect the login scheme when needed and log in (what it returns is the transport's)."""

    async def read(self) -> ModemSnapshot:
        """One poll; concurrent callers share one read."""

    async def logout(self) -> None:
        """Give the single admin session back to the router's web page."""

    async def reboot(self) -> None:
        """Restart the router; the session ends with it."""

    async def capabilities(self) -> ModemCapabilities:
        """What this router offers; learnt once per client."""

    def diagnostics(self) -> dict[str, Any]:
        """What the diagnostics download may show of the client (nothing secret)."""

    async def list_sms(self) -> list[SmsMessage]:
        """Every message in the device memory, newest first, multipart joined."""

    async def send_sms(self, numbers: str | Sequence[str], message: str) -> SmsSendResult:
        """Send to one number (errors raise) or several (the result says which went)."""

    async def delete_sms(self, ids: Iterable[int]) -> None:
        """Delete messages by id."""

    async def delete_all_but(self, keep_latest: int, *, sim: bool = False) -> list[int]:
        """Delete all but the newest `keep_latest` messages; the deleted ids."""

    async def mark_sms_read(self, ids: Iterable[int]) -> None:
        """Mark messages read."""

    async def sms_capacity(self) -> SmsCapacity:
        """Storage size and use."""

    async def set_mobile_data(self, on: bool, *, timeout: float = MOBILE_DATA_TIMEOUT) -> None:  # noqa: ASYNC109
        """Connect or disconnect the data session and wait until the router reports it."""

    async def network_modes(self) -> tuple[str, ...]:
        """The network modes this router offers, as it names them."""

    async def set_network_mode(self, mode: str) -> None:
        """Switch the network mode and wait until the router reports it."""

    async def set_band_lock(
        self, *, lte_bands: Sequence[int] | None = None, nr_bands: Sequence[int] | None = None
    ) -> None:
        """Allow only these bands (empty: all; None: unchanged)."""

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

    async def set_apn(self, option: str) -> ApnState:
        """Make the stored APN profile named `option` the default, or "Automatic"; the data
        session is reconnected when it was up; read back."""

    async def set_data_plan(
        self,
        *,
        enabled: bool | None = None,
        limit_gb: float | None = None,
        alert_percent: int | None = None,
        reset_day: int | None = None,
    ) -> PlanSettings:
        """Change the router's data-plan settings (None: unchanged); read back."""

    async def send_ussd(self, code: str, *, timeout: float = USSD_TIMEOUT) -> str:  # noqa: ASYNC109
        """Send a USSD code; the network's answer."""

    async def ussd_reply(self, text: str, *, timeout: float = USSD_TIMEOUT) -> str:  # noqa: ASYNC109
        """Answer a USSD menu; the network's next answer."""

    async def ussd_cancel(self, *, timeout: float = USSD_CANCEL_TIMEOUT) -> None:  # noqa: ASYNC109
        """End an open USSD session."""
