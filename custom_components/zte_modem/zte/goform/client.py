"""The goform transport: one router that speaks the goform web API, behind the ModemClient interface.

Every read and write goes through the session's one guarded request (session.py); the feature
groups (sms.py, network.py, ussd.py) ask through it, and the extra reads (extra_reads.py) join
the poll when the transport decides they are due.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from typing import Any, Literal

import aiohttp

from ..apn import ApnState
from ..capabilities import Feature, ModemCapabilities
from ..clients import ClientList, list_due
from ..connection import ClientStats, ClientTiming, normalize_host
from ..controls import MOBILE_DATA_TIMEOUT, USSD_CANCEL_TIMEOUT, USSD_TIMEOUT
from ..models import ModemSnapshot
from ..plan import PlanSettings
from ..single_flight import SingleFlight
from ..sms import MEM_DEVICE, SmsCapacity, SmsMessage, SmsSendResult
from .admin import GoformAdmin
from .apn import APN_FIELDS, apn_state
from .client_lists import GoformClientLists
from .detect import Detection
from .developer import DeveloperLogin
from .extra_reads import ExtraRead
from .fields import ReadBy, fields_read_by
from .firmware import FIRMWARE_FIELDS, reports_updates
from .http import GoformHttp
from .login import Login
from .network import GoformControls
from .plan import CLOCK_FIELD
from .profile import LoginProfile
from .session import GoformSession
from .sms import GoformSms
from .sms_format import CAPACITY_FIELDS, DEFAULT_PAGE_SIZE, SMS_POLL_FIELDS
from .snapshot import snapshot_from_raw
from .ussd import GoformUssd

SETTINGS_EVERY = 3600.0  # seconds between reads of the lock, data-plan and firmware-update settings
# While the router downloads or installs an update, the settings are read this often instead, so
# its progress moves (one GET a minute for the few minutes it lasts).
FIRMWARE_BUSY_EVERY = 60.0
POLL_FIELDS = tuple(dict.fromkeys((*fields_read_by(ReadBy.POLL), *SMS_POLL_FIELDS)))
# The settings' own GET (with the firmware-update fields: they change as rarely); what the poll
# reads anyway (the monthly counters) and the client's clock (no modem field) are not asked
# again. The APN profiles (apn.py) come with the settings.
SETTINGS_FIELDS = tuple(
    dict.fromkeys(
        field
        for field in (*fields_read_by(ReadBy.SETTINGS), *FIRMWARE_FIELDS, *APN_FIELDS)
        if field not in POLL_FIELDS and field != CLOCK_FIELD
    )
)


class GoformClient:
    """One goform router, strictly one HTTP exchange at a time.

    The caller owns the aiohttp session; it needs ``CookieJar(unsafe=True)`` because routers
    are reached by IP address.
    """

    def __init__(
        self,
        host: str,
        password: str,
        *,
        session: aiohttp.ClientSession,
        username: str | None = None,
        profile: LoginProfile | None = None,
        timing: ClientTiming | None = None,
        stats: ClientStats | None = None,
    ) -> None:
        self.timing = timing or ClientTiming()
        self.stats = stats or ClientStats()
        self.http = GoformHttp(normalize_host(host), session=session, timing=self.timing, stats=self.stats)
        self._login = Login(self.http, password=password, username=username)
        self.session = GoformSession(self.http, self._login, profile=profile)
        self._settings = ExtraRead(
            "settings", self._read_settings, fields=SETTINGS_FIELDS, every=SETTINGS_EVERY, optional=False
        )
        self._capacity = ExtraRead(
            "sms_capacity", self._read_capacity, fields=CAPACITY_FIELDS, every=None, optional=True
        )
        self.sms = GoformSms(self.session, self.timing)
        controls_lock = asyncio.Lock()
        self.developer = DeveloperLogin(self.session, self._login)
        self.controls = GoformControls(
            self.session, self.timing, lock=controls_lock, settings=self._settings, developer=self.developer
        )
        self.ussd = GoformUssd(self.session, self.timing, lock=controls_lock)
        self.client_lists = GoformClientLists(self.session)
        self._clients: ClientList | None = None
        self._clients_read_at: float | None = None
        self._lists_offered: bool | None = None  # None: not asked yet
        self.admin = GoformAdmin(
            self.session, self.timing, lock=controls_lock, settings=self._settings, controls=self.controls
        )
        self._flight: SingleFlight[ModemSnapshot] = SingleFlight()
        self._listed_ids: tuple[int, ...] | None = None
        self._capabilities: ModemCapabilities | None = None

    def __repr__(self) -> str:
        return f"GoformClient(host={self.host!r})"

    @property
    def host(self) -> str:
        """The router's address, e.g. http://192.168.0.1."""
        return self.http.host

    @property
    def profile(self) -> LoginProfile | None:
        """The login scheme in use."""
        return self.session.profile

    @property
    def stored_profile(self) -> dict[str, Any] | None:
        """The login profile as plain data, to store and pass back (skips detection)."""
        profile = self.session.profile
        return profile.as_dict() if profile is not None else None

    @property
    def detection(self) -> Detection | None:
        """What the last detection of the login scheme found (None: a stored profile was used)."""
        return self._login.detection

    @property
    def ussd_expects_reply(self) -> bool:
        """The last USSD answer was a menu."""
        return self.ussd.expects_reply

    # -- session -----------------------------------------------------------

    async def login(self) -> None:
        """Detect the scheme if needed and log in."""
        await self.session.login()

    async def logout(self) -> None:
        """Give the single admin session back to the web UI."""
        await self.session.logout()

    async def reboot(self) -> None:
        """Restart the modem; the session ends with it."""
        await self.session.write("REBOOT_DEVICE")
        self.session.logged_in = False

    # -- reading -------------------------------------------------------------

    async def read(self) -> ModemSnapshot:
        """One poll (and any extra read that is due); concurrent callers share one read."""
        return await self._flight.run(self._read_once)

    async def read_settings(self) -> None:
        """Read the lock, data-plan and firmware-update settings now rather than at their hourly turn."""
        self._settings.ask()
        await self._settings.run_if_due()

    async def _read_once(self) -> ModemSnapshot:
        # Fast mode (timing.quiet): the poll's GET alone; what falls due is read after it ends.
        quiet = self.timing.quiet
        if not quiet:
            await self._settings.run_if_due()
            await self._capacity.run_if_due()
        raw = await self.session.get_fields(POLL_FIELDS)
        self.stats.reads += 1
        self.session.decide_pci_format(raw)
        assert self.session.profile is not None
        if not quiet:
            await self._read_client_lists_if_due()
        merged = {**self._settings.values, **raw, **self._capacity.values}
        # The local time feeds the data-plan projection.
        snapshot = snapshot_from_raw(
            {**merged, CLOCK_FIELD: self.timing.clock().isoformat()},
            self.session.profile.value_format,
            sms_waiting=self.sms.waiting(raw),
            clients=self._clients,
        )
        update = snapshot.firmware_update
        self._settings.sooner(FIRMWARE_BUSY_EVERY if update is not None and update.in_progress else None)
        return snapshot

    async def _read_client_lists_if_due(self) -> None:
        """Right after the poll's GET, whose witnesses just showed the session: the two lists,
        at most once per `client_list_interval`; never again on a router that answered neither
        at the first read."""
        now = self.timing.monotonic()
        if self._lists_offered is False or not list_due(
            self._clients_read_at, self.timing.client_list_interval, now
        ):
            return
        lists = await self.client_lists.read()
        self._clients_read_at = now
        if self._lists_offered is None:
            self._lists_offered = lists.complete or bool(lists.clients)
            if not self._lists_offered:
                return
        self._clients = lists

    async def _read_settings(self) -> Mapping[str, str]:
        return await self.session.get_fields(SETTINGS_FIELDS)

    async def _read_capacity(self) -> Mapping[str, str]:
        await self.sms.sms_capacity()
        return self.sms.capacity_raw

    # -- what the router offers ---------------------------------------------

    async def capabilities(self) -> ModemCapabilities:
        """Decided once: the controls' web-UI lists and factory fields, and whether SMS answer."""
        if self._capabilities is None:
            offered = await self.controls.capabilities()
            features = {
                Feature.USSD,
                Feature.BAND_LOCK,
                Feature.CELL_LOCK,
                Feature.MOBILE_DATA,
                Feature.DATA_PLAN,
                Feature.NEIGHBOUR_CELLS,  # ngbr_cell_info rides in the poll's GET; "" where absent
            }
            evidence = list(offered.evidence)
            if offered.has_5g:
                features.add(Feature.NR5G)
            if offered.network_modes:
                features.add(Feature.NETWORK_MODE)
            if self._lists_offered:
                features.add(Feature.CLIENTS)
            else:
                evidence.append("clients: neither station_list nor lan_station_list answered")
            if not self._settings.values:
                await self._settings.run_if_due()
            if apn_state(self._settings.values) is not None:
                features.add(Feature.APN)
            else:
                evidence.append("APN: no APN_config or apn_mode reported")
            if await self._answers_sms():
                features.add(Feature.SMS)
            else:
                evidence.append("SMS: sms_capacity_info not answered")
            if await self._reports_updates():
                features.add(Feature.FIRMWARE_UPDATE)
            else:
                evidence.append("Firmware update: new_version_state/current_upgrade_state not answered")
            self._capabilities = ModemCapabilities(
                features=frozenset(features),
                network_modes=offered.network_modes,
                lte_bands=offered.lte_bands,
                nr_bands=offered.nr_bands,
                evidence=tuple(evidence),
            )
        return self._capabilities

    async def _answers_sms(self) -> bool:
        if self._capacity.values:
            capacity = self._capacity.values
        else:
            await self._capacity.run_if_due()
            capacity = self._capacity.values
        return any(value.strip() for value in capacity.values())

    async def _reports_updates(self) -> bool:
        await self._settings.run_if_due()
        return reports_updates(self._settings.values)

    def diagnostics(self) -> dict[str, Any]:
        """Family, detection evidence (file names and code shapes only) and request counts."""
        profile = self.session.profile
        detection = self._login.detection
        return {
            "transport": "goform",
            "family": profile.family.value if profile else None,
            "detection": (
                {"confident": detection.confident, "evidence": list(detection.evidence)}
                if detection
                else None
            ),
            # Whether SMS fields travel encrypted (None: not asked yet) and whether this session
            # holds the developer login; never a key.
            "sms_encrypted": self.sms.key.encrypts,
            "developer_login": self.developer.active,
            "client_stats": asdict(self.stats),
        }

    # -- SMS -----------------------------------------------------------------

    async def list_sms(
        self, *, mem_store: int = MEM_DEVICE, page_size: int = DEFAULT_PAGE_SIZE
    ) -> list[SmsMessage]:
        """Every message in one storage, newest first; a changed list makes the storage due."""
        messages = await self.sms.list_sms(mem_store=mem_store, page_size=page_size)
        listed = tuple(message.id for message in messages)
        if mem_store == MEM_DEVICE and listed != self._listed_ids:
            # The first list is the baseline: the first poll read the storage already.
            if self._listed_ids is not None:
                self._capacity.ask()
            self._listed_ids = listed
        return messages

    async def send_sms(self, numbers: str | Sequence[str], message: str) -> SmsSendResult:
        """See ModemClient.send_sms; the sent copy changes the storage."""
        try:
            return await self.sms.send_sms(numbers, message)
        finally:
            self._capacity.ask()

    async def delete_sms(self, ids: Iterable[int]) -> None:
        """Delete messages by id."""
        await self.sms.delete_sms(ids)
        self._capacity.ask()

    async def delete_all_but(self, keep_latest: int, *, sim: bool = False) -> list[int]:
        """Delete all but the newest `keep_latest` messages; the deleted ids."""
        deleted = await self.sms.delete_all_but(keep_latest, sim=sim)
        self._capacity.ask()
        return deleted

    async def mark_sms_read(self, ids: Iterable[int]) -> None:
        """Mark messages read."""
        await self.sms.mark_sms_read(ids)

    async def sms_capacity(self) -> SmsCapacity:
        """Storage size and use, read now."""
        capacity = await self.sms.sms_capacity()
        self._capacity.keep(self.sms.capacity_raw)
        return capacity

    # -- controls ------------------------------------------------------------

    async def set_mobile_data(self, on: bool, *, timeout: float = MOBILE_DATA_TIMEOUT) -> None:  # noqa: ASYNC109
        """Connect or disconnect the data session."""
        await self.controls.set_mobile_data(on, timeout=timeout)

    async def network_modes(self) -> tuple[str, ...]:
        """The network modes this firmware offers."""
        return await self.controls.network_modes()

    async def set_network_mode(self, mode: str) -> None:
        """Switch the network mode."""
        await self.controls.set_network_mode(mode)

    async def set_band_lock(
        self, *, lte_bands: Sequence[int] | None = None, nr_bands: Sequence[int] | None = None
    ) -> None:
        """Allow only these bands."""
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
        return await self.admin.set_apn(option)

    async def set_data_plan(
        self,
        *,
        enabled: bool | None = None,
        limit_gb: float | None = None,
        alert_percent: int | None = None,
        reset_day: int | None = None,
    ) -> PlanSettings:
        """Change the router's data-plan settings (None: unchanged)."""
        return await self.admin.set_data_plan(
            enabled=enabled, limit_gb=limit_gb, alert_percent=alert_percent, reset_day=reset_day
        )

    async def send_ussd(self, code: str, *, timeout: float = USSD_TIMEOUT) -> str:  # noqa: ASYNC109
        """Send a USSD code."""
        return await self.ussd.send_ussd(code, timeout=timeout)

    async def ussd_reply(self, text: str, *, timeout: float = USSD_TIMEOUT) -> str:  # noqa: ASYNC109
        """Answer a USSD menu."""
        return await self.ussd.ussd_reply(text, timeout=timeout)

    async def ussd_cancel(self, *, timeout: float = USSD_CANCEL_TIMEOUT) -> None:  # noqa: ASYNC109
        """End an open USSD session."""
        await self.ussd.ussd_cancel(timeout=timeout)
