"""Who is home: the client lists of the polls turned into presence, with a grace period.

Rules (the tracker complaints in /work/shared/docs/ubus-protocol.md §3.3 are what they avoid):
- A client is home from the first list that names it.
- It goes away only after it has been missing from *complete* lists for `consider_home`:
  absence starts at the first complete list without it, and is confirmed by a complete list at
  least `consider_home` later. A partial list (one list failed) names who is there, never who
  is gone.
- A failed poll or a pause interrupts absence: the clock starts again at the next complete list,
  so an outage of the router or of the session never sends anybody away.
- A list is looked at once (its `generation`); a snapshot that carries an older list changes
  nothing.
- Nobody is home before a list says so: records restored after a restart start away.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .zte import ClientList


@dataclass(slots=True, kw_only=True)
class ClientPresence:
    """What is known of one MAC."""

    mac: str
    hostname: str | None = None
    ip_address: str | None = None
    interface: str | None = None
    home: bool = False
    last_seen: datetime | None = None
    absent_since: datetime | None = None


class PresenceTracker:
    """Presence of every MAC the router has listed since setup (or that was restored)."""

    def __init__(self, *, consider_home: timedelta) -> None:
        self.consider_home = consider_home
        self.clients: dict[str, ClientPresence] = {}
        self._generation: int | None = None

    def restore(self, record: ClientPresence) -> None:
        """A client known before a restart: away until a list names it."""
        existing = self.clients.get(record.mac)
        if existing is None:
            record.home = False
            self.clients[record.mac] = record

    def update(self, clients: ClientList | None, now: datetime) -> bool:
        """Take a new list; whether anything changed (False for a list seen already)."""
        if clients is None or clients.generation == self._generation:
            return False
        self._generation = clients.generation
        listed = clients.by_mac()
        for mac, client in listed.items():
            record = self.clients.setdefault(mac, ClientPresence(mac=mac))
            record.home = True
            record.last_seen = now
            record.absent_since = None
            record.interface = client.interface.value
            record.hostname = client.hostname or record.hostname
            record.ip_address = client.ip_address or record.ip_address
        if clients.complete:
            for mac, record in self.clients.items():
                if mac in listed or not record.home:
                    continue
                if record.absent_since is None:
                    record.absent_since = now
                if now - record.absent_since >= self.consider_home:
                    record.home = False
                    record.absent_since = None
        return True

    def interrupt(self) -> None:
        """A poll failed or polling paused: absence counted so far does not count."""
        for record in self.clients.values():
            record.absent_since = None
