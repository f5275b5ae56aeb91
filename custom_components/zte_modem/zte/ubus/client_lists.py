"""Connected clients on ubus: the paged access lists, inside the poll's one POST.

Facts (/work/shared/docs/ubus-protocol.md §3.2): `zwrt_router.api.router_get_user_list_num`
counts (`wireless_num`, `lan_num`, `guest_num_24g`, `guest_num_5g`);
`router_wireless_access_list {start_id, end_id}` pages 64 at a time (`wireless_access_list_info`),
`router_lan_access_list {}` lists the wired ones (`lan_access_list_info`). Rows name
`mac_address`, `hostname` ("" unknown), `ip_address` and `interface_type` (`main_2g` in a
tracker's recorded test, id 71303430453; guest and 5 GHz read from the same word). Some
firmware reports wrong counters, so the first page is always asked (a peer does the same).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

from ..clients import ClientInterface, ClientList, ConnectedClient, clean_hostname, list_due, normalize_mac
from ..connection import ClientTiming
from ..exceptions import ZteConnectionError, ZteSessionError
from .rpc import Call, Reply

API = "zwrt_router.api"
PAGE = 64
COUNTS = Call(API, "router_get_user_list_num")
LAN = Call(API, "router_lan_access_list")
WIFI_KEY = "wireless_access_list_info"
LAN_KEY = "lan_access_list_info"


def wifi_page(start: int) -> Call:
    """One page of the Wi-Fi list (ids are 1-based and inclusive)."""
    return Call(API, "router_wireless_access_list", {"start_id": start, "end_id": start + PAGE - 1})


FIRST_CALLS = (COUNTS, wifi_page(1), LAN)


def interface_of(row: Mapping[str, Any], *, lan: bool) -> ClientInterface:
    """`interface_type` as the router writes it: main_2g, main_5g, guest_2g, guest_5g, lan."""
    if lan:
        return ClientInterface.LAN
    kind = str(row.get("interface_type", "")).lower()
    if "guest" in kind:
        return ClientInterface.GUEST
    if "5g" in kind:
        return ClientInterface.WIFI_5
    if "2g" in kind or "2.4" in kind:
        return ClientInterface.WIFI_24
    return ClientInterface.WIFI


def rows_of(reply: Reply | None, key: str) -> list[Mapping[str, Any]] | None:
    """The rows of one list call; None when it failed or answered another shape."""
    if reply is None or not reply.ok:
        return None
    rows = reply.data.get(key)
    if rows is None and not reply.data:
        return []  # an empty list answers `{}` on some builds
    if not isinstance(rows, list):
        return None
    return [row for row in rows if isinstance(row, dict)]


def clients_of(rows: Sequence[Mapping[str, Any]], *, lan: bool) -> list[ConnectedClient]:
    """Rows as clients; a row without a usable MAC is left out."""
    found = []
    for row in rows:
        mac = normalize_mac(row.get("mac_address"))
        if mac is None:
            continue
        found.append(
            ConnectedClient(
                mac=mac,
                interface=interface_of(row, lan=lan),
                ip_address=str(row.get("ip_address") or "").strip() or None,
                hostname=clean_hostname(row.get("hostname")),
            )
        )
    return found


def wifi_total(answers: Mapping[str, Reply]) -> int:
    """The Wi-Fi count the router reports (0 when it does not)."""
    reply = answers.get(COUNTS.key)
    value = reply.data.get("wireless_num") if reply is not None and reply.ok else None
    try:
        return int(value) if value is not None else 0
    except (TypeError, ValueError):
        return 0


Ask = Callable[[Sequence[Call]], Awaitable[dict[str, Reply]]]


class UbusClientLists:
    """When the lists join the poll's POST, and what the last read found."""

    def __init__(self, timing: ClientTiming) -> None:
        self._timing = timing
        self._read_at: float | None = None
        self._generation = 0
        self.offered: bool | None = None  # None: not asked yet; False: neither list answered
        self.current: ClientList | None = None

    def calls_if_due(self) -> tuple[Call, ...]:
        """The list calls for this poll's POST, or () when not due (or not offered)."""
        if self.offered is False or not list_due(
            self._read_at, self._timing.client_list_interval, self._timing.monotonic()
        ):
            return ()
        return FIRST_CALLS

    async def take(self, answers: Mapping[str, Reply], ask: Ask) -> None:
        """The lists of this poll's POST, and any further Wi-Fi page (one POST each, only on a
        router with more than 64 Wi-Fi clients); complete when every list call answered."""
        wifi = rows_of(answers.get(wifi_page(1).key), WIFI_KEY)
        lan = rows_of(answers.get(LAN.key), LAN_KEY)
        self._read_at = self._timing.monotonic()
        if self.offered is None:
            self.offered = wifi is not None or lan is not None
        if not self.offered:
            return
        complete = wifi is not None and lan is not None
        start = PAGE + 1
        while wifi is not None and len(wifi) >= start - 1 and wifi_total(answers) >= start:
            page = wifi_page(start)
            try:
                more = rows_of((await ask([page]))[page.key], WIFI_KEY)
            except (ZteConnectionError, ZteSessionError):
                more = None
            if more is None:
                complete = False
                break
            wifi.extend(more)
            start += PAGE
        found = [*clients_of(wifi or [], lan=False), *clients_of(lan or [], lan=True)]
        self._generation += 1
        self.current = ClientList(clients=tuple(found), complete=complete, generation=self._generation)
