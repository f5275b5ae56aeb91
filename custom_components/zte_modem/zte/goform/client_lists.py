"""Connected clients on goform: `station_list` (Wi-Fi) and `lan_station_list` (wired), each on its own.

Facts (/work/shared/docs/ubus-protocol.md §3.1): each list is asked alone and without
multi_data, because some firmware answers it empty inside a multi-field read; the answer comes
as an object (`{"station_list": [...]}`), a bare array, or the array written into a string.
Rows name `mac_addr`, `hostname` and `ip_addr`; a Wi-Fi row may say more (`ssid_index`,
`interfacetype`), but no recorded answer says which band, so a Wi-Fi client is on `wifi` unless
its row names the band or the guest network.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from ..clients import ClientInterface, ClientList, ConnectedClient, clean_hostname, normalize_mac
from ..exceptions import ZteConnectionError, ZteSessionError, ZteUnsupportedFirmwareError
from .session import GoformSession

WIFI_LIST = "station_list"
LAN_LIST = "lan_station_list"
_LOGGER = logging.getLogger(__name__)


def table_rows(answer: Any, key: str) -> list[Mapping[str, Any]] | None:
    """The rows of a table answer in any of its three shapes; None when it is none of them."""
    value = answer.get(key) if isinstance(answer, dict) else answer
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            value = json.loads(value)
        except ValueError:
            return None
        if isinstance(value, dict):
            value = value.get(key)
    if not isinstance(value, list):
        return None
    return [row for row in value if isinstance(row, dict)]


def wifi_interface(row: Mapping[str, Any]) -> ClientInterface:
    """Guest or a band only where the row says so."""
    hints = " ".join(str(row.get(name, "")) for name in ("interfacetype", "interface_type", "band")).lower()
    if "guest" in hints:
        return ClientInterface.GUEST
    if "5g" in hints or "5ghz" in hints:
        return ClientInterface.WIFI_5
    if "2.4" in hints or "2g" in hints:
        return ClientInterface.WIFI_24
    return ClientInterface.WIFI


def clients_of(rows: list[Mapping[str, Any]], *, lan: bool) -> list[ConnectedClient]:
    """Rows as clients; a row without a usable MAC is left out."""
    found = []
    for row in rows:
        mac = normalize_mac(row.get("mac_addr") or row.get("mac"))
        if mac is None:
            continue
        ip_address = str(row.get("ip_addr") or row.get("ip") or "").strip() or None
        found.append(
            ConnectedClient(
                mac=mac,
                interface=ClientInterface.LAN if lan else wifi_interface(row),
                ip_address=ip_address,
                hostname=clean_hostname(row.get("hostname")),
            )
        )
    return found


class GoformClientLists:
    """Reads both lists through the guarded request; one that fails makes the list partial."""

    def __init__(self, session: GoformSession) -> None:
        self._session = session
        self._generation = 0

    async def read(self) -> ClientList:
        """Both lists, two GETs; complete only when both answered in a shape we read."""
        clients: list[ConnectedClient] = []
        complete = True
        for command, lan in ((WIFI_LIST, False), (LAN_LIST, True)):
            rows = await self._rows(command)
            if rows is None:
                complete = False
                continue
            clients.extend(clients_of(rows, lan=lan))
        self._generation += 1
        return ClientList(clients=tuple(clients), complete=complete, generation=self._generation)

    async def _rows(self, command: str) -> list[Mapping[str, Any]] | None:
        try:
            answer = await self._session.get_table(
                command, readable=lambda body: table_rows(body, command) is not None
            )
        except (ZteConnectionError, ZteSessionError, ZteUnsupportedFirmwareError) as err:
            # The list is partial for this read; the poll goes on (a rejected password or a
            # lockout still reaches the coordinator).
            _LOGGER.debug("Client list %s not read: %s", command, type(err).__name__)
            return None
        return table_rows(answer, command)
