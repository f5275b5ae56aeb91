"""Connected clients on both transports: every reply shape, partial lists, the schedule, the cost."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from custom_components.zte_modem.zte import Feature, ZteClient
from custom_components.zte_modem.zte.clients import ClientInterface, ClientList, normalize_mac
from custom_components.zte_modem.zte.goform.client_lists import table_rows
from tests.conftest import ClientFactory, ModemFactory
from tests.simulator.ubus import UbusSimulator

PHONE = "A4:C3:F0:11:22:33"
GUEST = "3C:22:FB:44:55:66"
NAS = "00:11:32:77:88:99"


def by_mac(found: ClientList | None) -> dict[str, tuple[str, str | None, str | None]]:
    assert found is not None
    return {
        client.mac: (client.interface.value, client.hostname, client.ip_address) for client in found.clients
    }


@pytest.mark.parametrize("profile", ["mc801a", "mf79u", "mc888"])
async def test_goform_lists_in_each_shape(
    make_modem: ModemFactory, make_client: ClientFactory, profile: str
) -> None:
    """Object (MC801A), bare array (MF79U) and a string holding the array (MC888, whose lists
    come back empty beside other commands): the same three clients, and a complete list."""
    modem = await make_modem(profile)
    client = await make_client(modem)
    snapshot = await client.read()
    assert snapshot.clients is not None
    assert snapshot.clients.complete
    clients = by_mac(snapshot.clients)
    assert clients[NAS] == ("lan", "nas", "192.168.0.10")
    assert clients[GUEST][0] == "guest"
    assert clients[PHONE] == ("wifi_5", "pixel-8", "192.168.0.101")
    assert snapshot.values["connected_devices"] == 3
    assert Feature.CLIENTS in (await client.capabilities()).features


async def test_outdoor_unit_has_only_its_lan_client(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    modem = await make_modem("mc7010")
    client = await make_client(modem)
    snapshot = await client.read()
    assert by_mac(snapshot.clients) == {NAS: ("lan", "nas", "192.168.0.10")}
    assert snapshot.values["connected_devices"] == 1


async def test_goform_lists_cost_two_gets_once_per_interval(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """The lists join the poll at most once per interval; in between a poll is one GET and the
    snapshot carries the last list (same generation)."""
    modem = await make_modem("mc801a")
    client = await make_client(modem)
    client.timing.client_list_interval = 3600
    first = await client.read()
    modem.stats.reset()
    second = await client.read()
    assert modem.stats.reads == 1
    assert second.clients == first.clients
    client.timing.client_list_interval = 0
    modem.clients.leave(PHONE)
    modem.stats.reset()
    third = await client.read()
    assert modem.stats.reads == 3
    assert third.clients is not None
    assert first.clients is not None
    assert third.clients.generation == first.clients.generation + 1
    assert PHONE not in by_mac(third.clients)


async def test_a_failed_list_makes_a_partial_list(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """The LAN list answered blank (as without a session) while the session holds: the Wi-Fi
    clients are there, the list is not complete, and the poll itself goes on."""
    modem = await make_modem("mc801a")
    client = await make_client(modem)
    client.timing.client_list_interval = 0
    await client.read()
    modem.clients.fail_lan = 5
    snapshot = await client.read()
    assert snapshot.clients is not None
    assert not snapshot.clients.complete
    assert set(by_mac(snapshot.clients)) == {PHONE, GUEST}
    assert snapshot.lte.rsrp is not None


async def test_lists_after_the_web_page_took_the_session(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    modem = await make_modem("mc888")
    client = await make_client(modem)
    client.timing.client_list_interval = 0
    await client.read()
    modem.web_ui_login()
    snapshot = await client.read()
    assert snapshot.clients is not None
    assert snapshot.clients.complete
    assert len(snapshot.clients.clients) == 3


def test_reply_shapes_and_odd_rows() -> None:
    rows = [{"mac_addr": "aa-bb-cc-dd-ee-01", "hostname": "--"}]
    assert table_rows({"station_list": rows}, "station_list") == rows
    assert table_rows(rows, "station_list") == rows
    assert table_rows({"station_list": '[{"mac_addr": "x"}]'}, "station_list") == [{"mac_addr": "x"}]
    assert table_rows({"station_list": ""}, "station_list") is None
    assert table_rows({"station_list": "<html>"}, "station_list") is None
    assert table_rows({}, "station_list") is None
    assert normalize_mac("aa-bb-cc-dd-ee-01") == "AA:BB:CC:DD:EE:01"
    assert normalize_mac("00:00:00:00:00:00") is None
    assert normalize_mac("not a mac") is None


@pytest.fixture
async def ubus_client(socket_enabled: None) -> AsyncIterator[tuple[UbusSimulator, ZteClient]]:
    modem = UbusSimulator("g5ts", "pw")
    await modem.start()
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        yield modem, ZteClient(modem.url, "pw", session=session)
    await modem.stop()


async def test_ubus_lists_inside_the_poll_post(ubus_client: tuple[UbusSimulator, ZteClient]) -> None:
    modem, client = ubus_client
    snapshot = await client.read()
    clients = by_mac(snapshot.clients)
    assert clients == {
        PHONE: ("wifi_5", "pixel-8", "192.168.0.101"),
        GUEST: ("guest", "guest-tablet", "192.168.0.150"),
        NAS: ("lan", "nas", "192.168.0.10"),
    }
    assert Feature.CLIENTS in (await client.capabilities()).features
    client.timing.client_list_interval = 0
    modem.stats.reset()
    modem.clients.leave(GUEST)
    snapshot = await client.read()
    assert modem.stats.requests == 1
    assert GUEST not in by_mac(snapshot.clients)


async def test_ubus_pages_beyond_64(ubus_client: tuple[UbusSimulator, ZteClient]) -> None:
    modem, client = ubus_client
    for index in range(70):
        modem.clients.join(f"02:00:00:00:01:{index:02X}", f"sensor-{index}", f"192.168.0.{index + 20}")
    snapshot = await client.read()
    assert snapshot.clients is not None
    assert snapshot.clients.complete
    assert snapshot.values["connected_devices"] == 73
    assert all(client.interface is not ClientInterface.LAN for client in snapshot.clients.clients[:72])


async def test_ubus_failed_list_is_partial(ubus_client: tuple[UbusSimulator, ZteClient]) -> None:
    modem, client = ubus_client
    modem.clients.fail_lan = 1
    snapshot = await client.read()
    assert snapshot.clients is not None
    assert not snapshot.clients.complete
    assert set(by_mac(snapshot.clients)) == {PHONE, GUEST}
