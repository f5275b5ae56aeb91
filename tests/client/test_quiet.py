"""Fast mode (`ClientTiming.quiet`, antenna alignment): every poll is its one request on both
transports; what fell due meanwhile is read at the first poll after it."""

from __future__ import annotations

import aiohttp

from custom_components.zte_modem.zte import ZteClient
from tests.conftest import ClientFactory, ModemFactory
from tests.simulator import FakeClock
from tests.simulator.ubus import UbusSimulator

LIST_CALLS = {"router_wireless_access_list", "router_lan_access_list"}


async def test_goform_quiet_polls_are_one_get(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """SMS storage due (the list changed) and client lists due: quiet, each poll is the one GET;
    after, the storage and the lists join the next poll."""
    modem = await make_modem("mc801a")
    client = await make_client(modem)
    clock = FakeClock()
    client.timing.monotonic = clock
    client.timing.client_list_interval = 60
    await client.read()
    await client.list_sms()
    modem.inject_sms("+46700000000", "new")
    await client.list_sms()  # a changed list makes the storage due
    client.timing.quiet = True
    modem.stats.reset()
    for _ in range(30):
        clock.advance(2)
        snapshot = await client.read()
    assert modem.stats.requests == 30
    assert snapshot.signal_quality == 68  # the score comes with every poll
    client.timing.quiet = False
    modem.stats.reset()
    await client.read()
    assert modem.stats.requests == 4  # the poll, the storage, the two lists


async def test_ubus_quiet_polls_carry_only_the_poll_calls(socket_enabled: None) -> None:
    """One POST per poll either way; quiet, the client-list calls wait although due."""
    modem = UbusSimulator("g5ts", "admin")
    await modem.start()
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            client = ZteClient(modem.url, "admin", session=session)
            clock = FakeClock()
            client.timing.monotonic = clock
            client.timing.client_list_interval = 60
            await client.read()
            client.timing.quiet = True
            modem.stats.reset()
            modem.batches.clear()
            for _ in range(40):
                clock.advance(2)
                await client.read()
            assert modem.stats.requests == 40
            names = [{name.rsplit(".", 1)[-1] for name in batch} for batch in modem.batches]
            assert not any(LIST_CALLS & batch for batch in names)
            client.timing.quiet = False
            modem.batches.clear()
            await client.read()
            assert {name.rsplit(".", 1)[-1] for name in modem.batches[0]} >= LIST_CALLS
    finally:
        await modem.stop()
