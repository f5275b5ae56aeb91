"""Incoming SMS: which messages are new, kept across restarts so nothing fires twice.

The transport tells with each poll whether new messages may be waiting (`sms_waiting`);
the message list (one more request) is read only then, and every CHECK_EVERY as a safety
net for firmware whose signs stay put when one message is read and another arrives.
"""

from __future__ import annotations

import time
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.storage import Store

from .const import DOMAIN, LOGGER
from .zte import ModemClient, ModemSnapshot, SmsMessage, ZteError, new_messages

STORAGE_VERSION = 1
CHECK_EVERY = 600.0  # seconds


class SmsInbox:
    """Finds new incoming messages after a poll and remembers the highest id handled."""

    def __init__(self, hass: HomeAssistant, entry_id: str, client: ModemClient, *, mark_read: bool) -> None:
        self.client = client
        self.mark_read = mark_read
        self.fired = 0
        # Found but not yet handed to the event entity (e.g. found by the first poll after a restart,
        # before the entity exists).
        self._pending: list[SmsMessage] = []
        self._store: Store[dict[str, Any]] = Store(hass, STORAGE_VERSION, f"{DOMAIN}.{entry_id}.sms")
        self._last_id: int | None = None
        self._checked_at: float | None = None
        self._retry = False

    async def async_load(self) -> None:
        """The highest id handled before a restart (None on a brand-new entry)."""
        stored = await self._store.async_load()
        if stored and isinstance(stored.get("last_id"), int):
            self._last_id = stored["last_id"]

    async def async_check(self, snapshot: ModemSnapshot, *, quiet: bool = False) -> None:
        """Read the list when the poll says messages may be waiting (or the safety interval
        passed) and collect the new ones. `quiet` (alignment mode: one request per poll): the
        read waits, and is made at the first poll after it."""
        due = self._checked_at is None or time.monotonic() - self._checked_at >= CHECK_EVERY
        if not (due or self._retry or snapshot.sms_waiting):
            return
        if quiet:
            self._retry = True
            return
        try:
            messages = await self.client.list_sms()
        except ZteError as err:
            # The sign that asked for this read will not come again: try after the next poll.
            self._retry = True
            LOGGER.debug("Could not read the SMS list (tried again after the next poll): %s", err)
            return
        self._retry = False
        self._checked_at = time.monotonic()
        highest = max((message.id for message in messages if message.incoming), default=0)
        if self._last_id is None or highest < self._last_id:
            # First setup (messages already there are not news), or the router lost its storage.
            await self._async_remember(highest)
            return
        fresh = new_messages(messages, self._last_id)
        if not fresh:
            return
        await self._async_remember(max(message.id for message in fresh))
        self._pending.extend(fresh)
        self.fired += len(fresh)
        LOGGER.debug("%d new SMS (ids %s)", len(fresh), [message.id for message in fresh])
        if self.mark_read:
            unread = [message.id for message in fresh if message.unread]
            try:
                await self.client.mark_sms_read(unread)
            except ZteError as err:
                LOGGER.debug("Could not mark %d SMS read: %s", len(unread), err)

    async def _async_remember(self, last_id: int) -> None:
        self._last_id = last_id
        await self._store.async_save({"last_id": last_id})

    def take_new(self) -> list[SmsMessage]:
        """The new messages, each handed out once."""
        taken, self._pending = self._pending, []
        return taken

    def diagnostics(self) -> dict[str, Any]:
        """Counts only: never a number or a text."""
        return {"fired": self.fired, "last_id_known": self._last_id is not None}
