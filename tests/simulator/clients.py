"""Connected clients of a simulated router: who is on Wi-Fi, guest Wi-Fi and LAN, in each reply shape.

goform (/work/shared/docs/ubus-protocol.md §3.1): `station_list` rows `{mac_addr, hostname,
ip_addr, ssid_index}` and `lan_station_list` rows `{hostname, mac_addr, ip_addr}` (the shape of
an MC888 Ultra's recorded answer, Damecek/zte-mce888-ultra-daemon docs/discover), answered as an
object, a bare array or the array inside a string (ids 68861593999, 66726598447); with
`table_strict` a list asked with multi_data or beside other commands comes back empty (id
68861593999). ubus (§3.2): `router_get_user_list_num`, `router_wireless_access_list` (paged 64,
`interface_type` main_2g/main_5g/guest_2g/guest_5g), `router_lan_access_list`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

INTERFACE_TYPES = {"wifi_2.4": "main_2g", "wifi_5": "main_5g", "guest": "guest_2g", "lan": "lan"}


@dataclass
class SimClient:
    """One device attached to the simulated router."""

    mac: str
    hostname: str
    ip: str
    interface: str = "wifi_2.4"  # wifi_2.4, wifi_5, guest, lan


@dataclass
class SimClients:
    """The router's client table; tests let devices join and leave, and break the lists."""

    clients: dict[str, SimClient] = field(default_factory=dict)
    # goform reply shape: "object", "array" (bare) or "string" (the array JSON-encoded in a string).
    shape: str = "object"
    table_strict: bool = False
    # Lists answered blank (as without a session) while > 0, one per list read.
    fail_lists: int = 0
    # The LAN list only fails (a partial read: Wi-Fi answered, LAN did not).
    fail_lan: int = 0
    list_reads: int = 0

    def join(self, mac: str, hostname: str, ip: str, interface: str = "wifi_2.4") -> None:
        """A device connects (or moves to another interface)."""
        self.clients[mac.upper()] = SimClient(mac.upper(), hostname, ip, interface)

    def leave(self, mac: str) -> None:
        """A device disconnects."""
        self.clients.pop(mac.upper(), None)

    def _failing(self, lan: bool) -> bool:
        if lan and self.fail_lan > 0:
            self.fail_lan -= 1
            return True
        if self.fail_lists > 0:
            self.fail_lists -= 1
            return True
        return False

    # -- goform -------------------------------------------------------------

    def goform_rows(self, *, lan: bool) -> list[dict[str, str]]:
        """The rows of station_list (Wi-Fi and guest) or lan_station_list."""
        rows = []
        for client in self.clients.values():
            if (client.interface == "lan") != lan:
                continue
            row = {"mac_addr": client.mac, "hostname": client.hostname, "ip_addr": client.ip}
            if not lan:
                # SSID1 is the main network, SSID2 the guest one (the stock page's layout).
                row["ssid_index"] = "1" if client.interface == "guest" else "0"
                if client.interface == "guest":
                    row["interfacetype"] = "guest"
                elif client.interface == "wifi_5":
                    row["interfacetype"] = "5G"
            rows.append(row)
        return rows

    def goform_table(self, key: str, *, logged_in: bool, alone: bool) -> Any:
        """The whole JSON answer to `cmd=<key>`: `alone` means one command without multi_data."""
        self.list_reads += 1
        lan = key == "lan_station_list"
        if not logged_in or self._failing(lan):
            return {key: ""}
        if self.table_strict and not alone:
            return {key: []}
        rows = self.goform_rows(lan=lan)
        if self.shape == "array":
            return rows
        if self.shape == "string":
            return {key: json.dumps(rows)}
        return {key: rows}

    # -- ubus ---------------------------------------------------------------

    def ubus_counts(self) -> dict[str, int]:
        """router_get_user_list_num."""
        wifi = [client for client in self.clients.values() if client.interface != "lan"]
        lan = len(self.clients) - len(wifi)
        guests = sum(1 for client in wifi if client.interface == "guest")
        return {
            "access_total_num": len(self.clients),
            "wireless_num": len(wifi),
            "lan_num": lan,
            "offline_num": 0,
            "guest_num_24g": guests,
            "guest_num_5g": 0,
        }

    def ubus_wifi_page(self, start_id: int, end_id: int) -> dict[str, Any] | None:
        """router_wireless_access_list: rows start_id..end_id (1-based, inclusive); None: fails."""
        self.list_reads += 1
        if self._failing(False):
            return None
        wifi = [client for client in self.clients.values() if client.interface != "lan"]
        page = wifi[max(start_id, 1) - 1 : max(end_id, 0)]
        return {"wireless_access_list_info": [self._ubus_row(client) for client in page]}

    def ubus_lan(self) -> dict[str, Any] | None:
        """router_lan_access_list; None: fails."""
        self.list_reads += 1
        if self._failing(True):
            return None
        lan = [client for client in self.clients.values() if client.interface == "lan"]
        return {"lan_access_list_info": [self._ubus_row(client) for client in lan]}

    @staticmethod
    def _ubus_row(client: SimClient) -> dict[str, Any]:
        return {
            "mac_address": client.mac.lower(),
            "hostname": client.hostname,
            "ip_address": client.ip,
            "ipv6_address": "",
            "address_source": "DHCP",
            "interface_type": INTERFACE_TYPES[client.interface],
            "access_time": 120,
        }


def household(*, wifi: bool = True) -> SimClients:
    """Three devices: a phone on 5 GHz, a guest's tablet, a wired NAS (an outdoor unit: LAN only)."""
    clients = SimClients()
    if wifi:
        clients.join("A4:C3:F0:11:22:33", "pixel-8", "192.168.0.101", "wifi_5")
        clients.join("3C:22:FB:44:55:66", "guest-tablet", "192.168.0.150", "guest")
    clients.join("00:11:32:77:88:99", "nas", "192.168.0.10", "lan")
    return clients
