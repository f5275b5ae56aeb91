"""The coordinator: the only place that polls the modem."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryAuthFailed, HomeAssistantError
from homeassistant.helpers.event import async_call_later
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from .alignment import ALIGNMENT_LIMIT, AlignmentRun
from .cell_history import CellHistory
from .const import (
    CONF_PROFILE,
    DOMAIN,
    LOGGER,
    MAX_ALIGNMENT_INTERVAL,
    MIN_ALIGNMENT_INTERVAL,
    PAUSE_DURATION,
)
from .errors import PAUSED, describe_error, unavailable_reason
from .inbox import SmsInbox
from .options import ZteOptions
from .presence import PresenceTracker
from .runtime import ZteConfigEntry
from .zte import (
    Feature,
    ModemCapabilities,
    ModemClient,
    ModemSnapshot,
    ZteAuthenticationError,
    ZteError,
    ZteLockedError,
)


@dataclass(frozen=True, slots=True)
class ModemAvailability:
    """Whether the last read is good, and if not, why (a code of the MQTT contract) in words."""

    online: bool
    reason: str | None = None
    message: str = ""


class ModemUnavailableError(HomeAssistantError):
    """No reading young enough can be had; carries the availability that says why."""

    def __init__(self, availability: ModemAvailability) -> None:
        super().__init__(availability.message)
        self.availability = availability


class ZteCoordinator(DataUpdateCoordinator[ModemSnapshot]):
    """Polls one modem: one request per poll, no login while locked or after a wrong password."""

    config_entry: ZteConfigEntry

    def __init__(self, hass: HomeAssistant, entry: ZteConfigEntry, client: ModemClient) -> None:
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"{DOMAIN} {client.host}",
            update_interval=timedelta(seconds=ZteOptions.from_entry(entry).scan_interval),
        )
        self.client = client
        self.paused_until: datetime | None = None
        self.last_read_at: float | None = None  # time.monotonic() of the last good read
        self._locked_until: float | None = None
        self._auth_failed = False
        self._cancel_resume: CALLBACK_TYPE | None = None
        self._last_error: ZteError | None = None
        self._shared_refresh: asyncio.Task[None] | None = None
        self._failed_at: float | None = None  # time.monotonic() of the last failed shared refresh
        self.shared_refreshes = 0
        # What the router offers: learnt right after the first poll (entry.py); None until then.
        self.capabilities: ModemCapabilities | None = None
        options = ZteOptions.from_entry(entry)
        self.inbox = SmsInbox(hass, entry.entry_id, client, mark_read=options.sms_mark_read)
        # Who is home, from the client lists the polls bring (presence.py).
        self.presence = PresenceTracker(consider_home=timedelta(seconds=options.consider_home))
        # Which cell serves the router, and its changes (cell_history.py): good reads only.
        self.cells = CellHistory()
        # Antenna alignment mode: the run while it lasts, and the timer that ends it.
        self.alignment: AlignmentRun | None = None
        self._cancel_alignment: CALLBACK_TYPE | None = None

    @property
    def availability(self) -> ModemAvailability:
        """Online, or the reason it is not: paused, auth_failed, modem_unavailable."""
        if self.paused:
            return ModemAvailability(False, PAUSED, "Polling is paused so the router's web page can be used")
        if self.last_update_success and self.data is not None:
            return ModemAvailability(True)
        reason, message = unavailable_reason(self._last_error)
        return ModemAvailability(False, reason, message)

    async def async_fresh_data(self, max_age: float) -> ModemSnapshot:
        """A reading at most `max_age` seconds old; callers arriving together share one refresh.

        A refresh that just failed is not repeated for every caller of a burst (no storm on a
        router that is down): within `max_age` of a failure the callers are told at once.
        """
        if self.paused:
            raise ModemUnavailableError(self.availability)
        if self._is_fresh(max_age):
            return self.data
        recently_failed = self._failed_at is not None and time.monotonic() - self._failed_at < max_age
        if not recently_failed or self._shared_refresh is not None:
            if self._shared_refresh is None:
                self._shared_refresh = self.config_entry.async_create_task(
                    self.hass, self._async_shared_refresh(), "zte_modem fresh data"
                )
            await asyncio.shield(self._shared_refresh)
            if self.last_update_success and self.data is not None and not self.paused:
                return self.data
        raise ModemUnavailableError(self.availability)

    def _is_fresh(self, max_age: float) -> bool:
        read_at = self.last_read_at
        return (
            self.last_update_success
            and self.data is not None
            and read_at is not None
            and time.monotonic() - read_at <= max_age
        )

    async def _async_shared_refresh(self) -> None:
        try:
            self.shared_refreshes += 1
            await self.async_refresh()
            self._failed_at = None if self.last_update_success else time.monotonic()
        finally:
            self._shared_refresh = None

    @property
    def paused(self) -> bool:
        """Polling is paused so a person can use the router's web page."""
        return self.paused_until is not None

    async def _async_update_data(self) -> ModemSnapshot:
        if self.paused and self.data is not None:
            return self.data
        if self._auth_failed:
            raise ConfigEntryAuthFailed(translation_domain=DOMAIN, translation_key="invalid_auth")
        if self._locked_until is not None:
            remaining = int(self._locked_until - time.monotonic())
            if remaining > 0:
                key, placeholders = describe_error(ZteLockedError(remaining))
                raise UpdateFailed(
                    translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
                )
            self._locked_until = None
        try:
            # The transport adds its extra reads (settings, SMS storage, client lists) when due.
            snapshot = await self.client.read()
        except ZteError as err:
            # A failed read never counts as a client's absence.
            self.presence.interrupt()
            # The router is unavailable: alignment ends at once (no fast polls at a dead router).
            self.stop_alignment()
            raise self._update_error(err) from err
        self.last_read_at = time.monotonic()
        self._store_profile()
        self.presence.update(snapshot.clients, dt_util.utcnow())
        self.cells.update(snapshot)
        if self.alignment is not None:
            self.alignment.observe(snapshot.signal_quality, dt_util.utcnow())
        if self.capabilities is None or self.capabilities.supports(Feature.SMS):
            # While alignment runs the list waits (one request per poll); it is read right after.
            await self.inbox.async_check(snapshot, quiet=self.alignment is not None)
        return snapshot

    async def async_start_alignment(self) -> None:
        """Antenna alignment mode: poll every "Alignment interval" seconds, with no extra read,
        for at most ALIGNMENT_LIMIT (callers refuse while paused: controls.async_call_modem)."""
        if self.paused:
            raise HomeAssistantError(translation_domain=DOMAIN, translation_key="paused")
        if self.alignment is None:
            now = dt_util.utcnow()
            self.alignment = AlignmentRun(started_at=now, ends_at=now + ALIGNMENT_LIMIT)
            self._cancel_alignment = async_call_later(self.hass, ALIGNMENT_LIMIT, self._alignment_expired)
            option = ZteOptions.from_entry(self.config_entry).alignment_interval
            interval = min(MAX_ALIGNMENT_INTERVAL, max(MIN_ALIGNMENT_INTERVAL, option))
            LOGGER.info("Alignment mode on for %s: a poll every %d s", self.client.host, interval)
            # The transport leaves its extra reads (settings, SMS storage, client lists) for later.
            self.client.timing.quiet = True
            self.update_interval = timedelta(seconds=interval)
        # A read now, and the next one scheduled at the fast interval.
        await self.async_refresh()

    @callback
    def stop_alignment(self) -> None:
        """End alignment mode (switched off, its limit reached, paused, router unavailable)."""
        if self._cancel_alignment is not None:
            self._cancel_alignment()
            self._cancel_alignment = None
        if self.alignment is None:
            return
        self.alignment = None
        self.client.timing.quiet = False
        self.update_interval = timedelta(seconds=ZteOptions.from_entry(self.config_entry).scan_interval)
        LOGGER.info("Alignment mode of %s ended", self.client.host)
        self.async_update_listeners()

    @callback
    def _alignment_expired(self, _now: datetime) -> None:
        self._cancel_alignment = None
        self.stop_alignment()

    def _update_error(self, err: ZteError) -> HomeAssistantError:
        """What a failed read raises: reauth for a rejected password, else UpdateFailed (and a
        lockout remembered so no login is tried before it ends)."""
        self._last_error = err
        if isinstance(err, ZteAuthenticationError):
            # Never retried: every attempt burns one of the modem's five tries.
            self._auth_failed = True
            return ConfigEntryAuthFailed(translation_domain=DOMAIN, translation_key="invalid_auth")
        if isinstance(err, ZteLockedError) and err.seconds_remaining > 0:
            self._locked_until = time.monotonic() + err.seconds_remaining
        key, placeholders = describe_error(err)
        return UpdateFailed(
            translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
        )

    def mark_auth_failed(self, err: ZteAuthenticationError) -> None:
        """A call on a person's behalf met a rejected password: polling stops trying it, and the
        reauthentication dialog opens."""
        self._last_error = err
        self._auth_failed = True
        self.config_entry.async_start_reauth(self.hass)

    def _store_profile(self) -> None:
        """Keep what the client learnt (scheme, PCI notation) so the next start skips detection."""
        profile = self.client.stored_profile
        entry = self.config_entry
        if profile is not None and profile != entry.data.get(CONF_PROFILE):
            self.hass.config_entries.async_update_entry(entry, data={**entry.data, CONF_PROFILE: profile})

    async def async_refresh_or_raise(self) -> None:
        """Read now for the Refresh button; the client error, if any, reaches the caller."""
        await self.async_refresh()
        cause = self.last_exception.__cause__ if self.last_exception is not None else None
        if not self.last_update_success and isinstance(cause, ZteError):
            raise cause

    async def async_pause(self) -> None:
        """Stop polling and give the session to the web UI; resumes by itself."""
        self.paused_until = dt_util.utcnow() + PAUSE_DURATION
        if self._cancel_resume is not None:
            self._cancel_resume()
        self._cancel_resume = async_call_later(self.hass, PAUSE_DURATION, self._resume_later)
        self.stop_alignment()
        LOGGER.info("Polling of %s paused for %s so the web UI can log in", self.client.host, PAUSE_DURATION)
        # Nobody leaves while the lists are not read.
        self.presence.interrupt()
        try:
            await self.client.logout()
        except ZteError as err:
            LOGGER.debug("Logout while pausing failed: %s", err)
        # Every entity (the Polling switch included) and the MQTT bridge listen to the coordinator.
        self.async_update_listeners()

    async def async_resume(self) -> None:
        """Poll again now."""
        if self._cancel_resume is not None:
            self._cancel_resume()
            self._cancel_resume = None
        if not self.paused:
            return
        self.paused_until = None
        LOGGER.info("Polling of %s resumed", self.client.host)
        # Every entity (the Polling switch included) and the MQTT bridge listen to the coordinator.
        self.async_update_listeners()
        await self.async_request_refresh()

    @callback
    def _resume_later(self, _now: datetime) -> None:
        self._cancel_resume = None
        self.config_entry.async_create_task(self.hass, self.async_resume(), "zte_modem resume polling")

    async def async_shutdown(self) -> None:
        """Entry unload (HA calls this itself): the auto-resume and alignment timers go too."""
        if self._cancel_resume is not None:
            self._cancel_resume()
            self._cancel_resume = None
        self.stop_alignment()
        await super().async_shutdown()

    def diagnostics(self) -> dict[str, Any]:
        """Coordinator state for the diagnostics download."""
        return {
            "paused_until": self.paused_until.isoformat() if self.paused_until else None,
            "locked": self._locked_until is not None,
            "auth_failed": self._auth_failed,
            "last_update_success": self.last_update_success,
        }
