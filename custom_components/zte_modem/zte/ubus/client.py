"""The ubus transport: routers that speak the JSON-RPC API at `POST /ubus/` (G5TS, G5 Ultra, U60 Pro, MC7500).

A poll is one POST whose batch holds every call it needs (radio, traffic, data session,
temperature, SMS storage; the identity too at the first poll); writes go through the same
guarded batch, under a controls lock, and are read back. SMS go through sms.py. What this
transport does not do yet (USSD: no settled method) is left out of its capabilities, so no
entity offers it, and an action asking for it gets a clear error.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import Any, Literal

import aiohttp

from ..apn import ApnState
from ..capabilities import Feature, ModemCapabilities
from ..connection import ClientStats, ClientTiming, normalize_host
from ..controls import (
    MOBILE_DATA_TIMEOUT,
    USSD_CANCEL_TIMEOUT,
    USSD_TIMEOUT,
)
from ..exceptions import (
    ZteUnsupportedFirmwareError,
    ZteUssdUnsupportedError,
)
from ..goform.firmware import reports_updates
from ..goform.parse import PciFormat, ValueFormat, to_int
from ..goform.plan import CLOCK_FIELD, plan_settings
from ..goform.snapshot import snapshot_from_raw
from ..models import ModemSnapshot
from ..plan import PlanSettings
from ..single_flight import SingleFlight
from ..sms import MEM_DEVICE, SmsCapacity, SmsMessage, SmsSendResult
from .admin import UbusAdmin
from .apn import APN_CALLS, apn_from
from .client_lists import UbusClientLists
from .fields import (
    IDENTITY_CALLS,
    NETINFO,
    POLL_CALLS,
    capacity_view,
    goform_view,
    identity_view,
)
from .firmware import FIRMWARE_CALLS, firmware_view
from .login import UbusLogin
from .modes import network_modes_for
from .network import UbusControls
from .plan import PLAN_CALLS, PLAN_EVERY, plan_view
from .profile import UbusProfile
from .rpc import Call, Reply, UbusHttp
from .session import UbusSession
from .sms import UbusSms

FIRMWARE_BUSY_EVERY = 60.0  # seconds between update-state reads while the router downloads or installs
NOT_YET = "not supported on routers that speak ubus yet"
REBOOT = Call("zwrt_mc.device.manager", "device_reboot", {"moduleName": "web"}, write=True)
RESET_LOCKS = Call("zte_nwinfo_api", "nwinfo_reset_band_cell_setting", write=True)
_LOGGER = logging.getLogger(__name__)


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
        self._identity: dict[str, str] = {}
        self._last: dict[str, str] = {}
        self._capabilities: ModemCapabilities | None = None
        self.sms = UbusSms(self.session, self.timing)
        self.controls = UbusControls(self.session, self.timing)
        self.admin = UbusAdmin(self.session, self.timing, controls=self.controls)
        # The received-messages counter of the last poll, and whether the last list held a
        # message with parts still missing (both decide `sms_waiting`).
        self._received: int | None = None
        self._incomplete = False
        # Unread messages as the last list showed them, less those marked read since (no poll
        # field counts them on this API).
        self._unread: int | None = None
        # The data plan: read hourly inside the poll's POST (plan.py), kept in between.
        self._plan: dict[str, str] = {}
        self._plan_read_at: float | None = None
        # The client lists: inside the poll's POST at most once per client_list_interval.
        self.client_lists = UbusClientLists(self.timing)
        # The APN profiles (apn.py): read with the data plan, kept in between.
        self._apn: ApnState | None = None
        # The firmware-update state: hourly too, every minute while the router downloads or
        # installs (firmware.py); the identity is read again with it (the installed version).
        self._firmware: dict[str, str] = {}
        self._firmware_read_at: float | None = None
        self._firmware_busy = False

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
        await self.controls.reboot()

    async def read(self) -> ModemSnapshot:
        """One poll: one POST with every call; concurrent callers share it."""
        return await self._flight.run(self._read_once)

    async def _read_once(self) -> ModemSnapshot:
        # Fast mode (timing.quiet): the poll's calls alone, once everything was read at least once.
        quiet = self.timing.quiet and self._plan_read_at is not None and self._firmware_read_at is not None
        plan_due = self._plan_read_at is None or time.monotonic() - self._plan_read_at >= PLAN_EVERY
        list_calls = () if quiet else self.client_lists.calls_if_due()
        firmware_due = self._firmware_due() and not quiet
        plan_due = plan_due and not quiet
        calls = [
            *POLL_CALLS,
            *(IDENTITY_CALLS if not self._identity or firmware_due else ()),
            *list_calls,
            *(PLAN_CALLS + APN_CALLS if plan_due else ()),
            *(FIRMWARE_CALLS if firmware_due else ()),
        ]
        answers = await self._ask(calls)
        if not answers[NETINFO.key].ok:
            raise ZteUnsupportedFirmwareError("nwinfo_get_netinfo not answered")
        self.stats.reads += 1
        if list_calls:
            await self.client_lists.take(answers, self._ask)
        self._identity = identity_view(answers) or self._identity
        if plan_due:
            self._plan, self._plan_read_at = plan_view(answers), time.monotonic()
            self._apn = apn_from(answers)
        if firmware_due:
            self._firmware, self._firmware_read_at = firmware_view(answers), time.monotonic()
        raw = {
            **self._identity,
            **self._plan,
            **self._firmware,
            **goform_view(answers),
            **capacity_view(answers),
        }
        if self._unread is not None:
            raw["sms_dev_unread_num"] = str(self._unread)
        self._last = raw
        waiting = self._sms_waiting(raw)
        # Every identifier of this API is decimal (fields.py).
        value_format = ValueFormat(lte_pci=PciFormat.DECIMAL)
        snapshot = snapshot_from_raw(
            {**raw, CLOCK_FIELD: self.timing.clock().isoformat()},
            value_format,
            sms_waiting=waiting,
            clients=self.client_lists.current,
            apn=self._apn,
        )
        self._firmware_busy = snapshot.firmware_update is not None and snapshot.firmware_update.in_progress
        return snapshot

    def _firmware_due(self) -> bool:
        if self._firmware_read_at is None:
            return True
        every = FIRMWARE_BUSY_EVERY if self._firmware_busy else PLAN_EVERY
        return time.monotonic() - self._firmware_read_at >= every

    def _sms_waiting(self, raw: Mapping[str, str]) -> bool:
        """New messages may be waiting: the first poll, the received counter went up, or the last
        list held a message whose parts were still arriving."""
        received = to_int(raw.get("sms_nv_rev_total"))
        previous, self._received = self._received, received
        if received is None:
            return False
        return previous is None or received > previous or self._incomplete

    async def _ask(self, calls: Sequence[Call]) -> dict[str, Reply]:
        replies = await self.session.call(calls)
        return {call.key: reply for call, reply in zip(calls, replies, strict=True)}

    async def capabilities(self) -> ModemCapabilities:
        """Every ubus model is a 5G router; the network modes are this firmware's own tokens."""
        if self._capabilities is None:
            if not self._last:
                await self.read()
            modes, evidence = network_modes_for(self._last.get("net_select", ""))
            features = {Feature.NR5G, Feature.MOBILE_DATA, Feature.BAND_LOCK, Feature.CELL_LOCK}
            if modes:
                features.add(Feature.NETWORK_MODE)
            if self._last.get("sms_nv_total"):
                features.add(Feature.SMS)
            if self._last.get("data_volume_limit_switch"):
                features.add(Feature.DATA_PLAN)
            if self.client_lists.offered:
                features.add(Feature.CLIENTS)
            if self._apn is not None:
                features.add(Feature.APN)
            if reports_updates(self._last):
                features.add(Feature.FIRMWARE_UPDATE)
            self._capabilities = ModemCapabilities(
                features=frozenset(features),
                network_modes=modes,
                evidence=(
                    evidence,
                    "SMS: zwrt_wms answered" if Feature.SMS in features else "SMS: zwrt_wms not answered",
                    "Firmware update: zwrt_zte_dm/zwrt_fota_res "
                    + ("answered" if Feature.FIRMWARE_UPDATE in features else "not answered"),
                    f"ubus: {NOT_YET}: USSD",
                    "ubus: neighbour cells only after nwinfo_scan_nbr, a scan that drops data: not offered",
                ),
            )
        return self._capabilities

    def diagnostics(self) -> dict[str, Any]:
        """Transport and request counts (nothing secret: no token, salt or key)."""
        return {"transport": "ubus", "family": None, "detection": None, "client_stats": asdict(self.stats)}

    # -- controls --------------------------------------------------------------

    async def set_mobile_data(self, on: bool, *, timeout: float = MOBILE_DATA_TIMEOUT) -> None:  # noqa: ASYNC109
        """Connect or disconnect the data session and wait until the router reports it."""
        await self.controls.set_mobile_data(on, timeout=timeout)

    async def network_modes(self) -> tuple[str, ...]:
        """The network modes this firmware offers, as it names them."""
        return (await self.capabilities()).network_modes

    async def set_network_mode(self, mode: str) -> None:
        """Switch the network mode and wait until `net_select` reports it."""
        await self.controls.set_network_mode(mode, offered=await self.network_modes())

    async def set_band_lock(
        self, *, lte_bands: Sequence[int] | None = None, nr_bands: Sequence[int] | None = None
    ) -> None:
        """Allow only these bands (see network.py for what an empty list does here)."""
        await self.controls.set_band_lock(lte_bands=lte_bands, nr_bands=nr_bands)

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
        await self.controls.set_cell_lock(
            rat=rat, pci=pci, earfcn=earfcn, arfcn=arfcn, band=band, scs=scs, clear=clear
        )

    async def set_apn(self, option: str) -> ApnState:
        """Make a stored APN profile (by name) the default, or "Automatic"."""
        self._apn = await self.admin.set_apn(option)
        return self._apn

    async def set_data_plan(
        self,
        *,
        enabled: bool | None = None,
        limit_gb: float | None = None,
        alert_percent: int | None = None,
        reset_day: int | None = None,
    ) -> PlanSettings:
        """Change the router's data-plan settings (None: unchanged)."""
        view = await self.admin.set_data_plan(
            enabled=enabled, limit_gb=limit_gb, alert_percent=alert_percent, reset_day=reset_day
        )
        self._plan = view
        settings = plan_settings(view)
        assert settings is not None
        return settings

    async def send_ussd(self, code: str, *, timeout: float = USSD_TIMEOUT) -> str:  # noqa: ASYNC109
        """Not offered on this transport yet."""
        raise ZteUssdUnsupportedError(f"USSD is {NOT_YET}")

    async def ussd_reply(self, text: str, *, timeout: float = USSD_TIMEOUT) -> str:  # noqa: ASYNC109
        """Not offered on this transport yet."""
        raise ZteUssdUnsupportedError(f"USSD is {NOT_YET}")

    async def ussd_cancel(self, *, timeout: float = USSD_CANCEL_TIMEOUT) -> None:  # noqa: ASYNC109
        """Not offered on this transport yet."""
        raise ZteUssdUnsupportedError(f"USSD is {NOT_YET}")

    # -- SMS -------------------------------------------------------------------

    async def list_sms(self, *, mem_store: int = MEM_DEVICE) -> list[SmsMessage]:
        """Every message in one storage, newest first; a message with parts missing keeps the
        next polls asking (its parts add no message to the counters)."""
        messages = await self.sms.list_sms(mem_store=mem_store)
        if mem_store == MEM_DEVICE:
            self._incomplete = any(message.incoming and not message.complete for message in messages)
            self._unread = sum(1 for message in messages if message.unread)
        return messages

    async def send_sms(self, numbers: str | Sequence[str], message: str) -> SmsSendResult:
        """Send to one number (errors raise) or several (the result says which went)."""
        return await self.sms.send_sms(numbers, message)

    async def delete_sms(self, ids: Iterable[int]) -> None:
        """Delete messages by id (the unread count is known again at the next list)."""
        await self.sms.delete_sms(ids)
        self._unread = None

    async def delete_all_but(self, keep_latest: int, *, sim: bool = False) -> list[int]:
        """Delete all but the newest `keep_latest` messages; the deleted ids."""
        return await self.sms.delete_all_but(keep_latest, sim=sim)

    async def mark_sms_read(self, ids: Iterable[int]) -> None:
        """Mark messages read."""
        marked = set(ids)
        await self.sms.mark_sms_read(marked)
        if self._unread is not None:
            self._unread = max(0, self._unread - len(marked))

    async def sms_capacity(self) -> SmsCapacity:
        """Storage size and use."""
        return await self.sms.sms_capacity()
