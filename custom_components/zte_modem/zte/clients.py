"""Connected clients: the devices a router sees on Wi-Fi, guest Wi-Fi and LAN, whatever the transport.

A list is `complete` when every list the router offers answered in a shape we read; a partial
list (one of them failed or came back in an unknown shape) still says who is there, but not who
is gone: presence must never count a client absent from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class ClientInterface(StrEnum):
    """Where a client is attached."""

    WIFI = "wifi"  # Wi-Fi whose band the firmware does not say (goform station_list rows often)
    WIFI_24 = "wifi_2.4"
    WIFI_5 = "wifi_5"
    GUEST = "guest"
    LAN = "lan"


_MAC = re.compile(r"[0-9A-F]{2}(?::[0-9A-F]{2}){5}")
# Host names routers write for "unknown".
_NO_NAME = frozenset({"", "--", "*", "unknown"})


def normalize_mac(raw: object) -> str | None:
    """'aa-bb-cc-dd-ee-ff' or 'aabbccddeeff' -> 'AA:BB:CC:DD:EE:FF'; None when it is no MAC."""
    if not isinstance(raw, str):
        return None
    hexdigits = re.sub(r"[^0-9A-Fa-f]", "", raw).upper()
    if len(hexdigits) != 12:
        return None
    mac = ":".join(hexdigits[index : index + 2] for index in range(0, 12, 2))
    return mac if _MAC.fullmatch(mac) and mac != "00:00:00:00:00:00" else None


def clean_hostname(raw: object) -> str | None:
    """A host name as routers write it, or None where they mean "unknown"."""
    if not isinstance(raw, str):
        return None
    name = raw.strip()
    return None if name.lower() in _NO_NAME else name


@dataclass(frozen=True, slots=True, kw_only=True)
class ConnectedClient:
    """One client in one list."""

    mac: str  # normalized, upper case with colons
    interface: ClientInterface
    ip_address: str | None = None
    hostname: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientList:
    """One read of the client lists.

    `generation` counts the reads of one client: a snapshot that carries the same generation as
    the last one carries the same (older) list, not a new look at the network.
    """

    clients: tuple[ConnectedClient, ...]
    complete: bool
    generation: int

    @property
    def count(self) -> int:
        """Clients on Wi-Fi, guest Wi-Fi and LAN (each MAC once)."""
        return len({client.mac for client in self.clients})

    def by_mac(self) -> dict[str, ConnectedClient]:
        """Each MAC once: the first list that names it wins (Wi-Fi before LAN)."""
        found: dict[str, ConnectedClient] = {}
        for client in self.clients:
            found.setdefault(client.mac, client)
        return found


def list_due(read_at: float | None, every: float, now: float) -> bool:
    """The client lists join this poll: never read yet, or read `every` seconds ago or more."""
    return read_at is None or now - read_at >= every
