"""Every call that needs a session, right after the router's web page took it, on builds whose
`loginfo` still says "ok" to us: the client notices (session witnesses), logs in exactly once, and
the answer is the router's real one, never blanks taken for values."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from custom_components.zte_modem.zte import ZteClient
from tests.conftest import ClientFactory, ModemFactory
from tests.simulator import ModemSimulator

NUMBER = "+46701234567"


async def _poll(modem: ModemSimulator, client: ZteClient) -> None:
    snapshot = await client.read()
    assert snapshot.values["lte_rsrp"] == -95


async def _settings(modem: ModemSimulator, client: ZteClient) -> None:
    await client.read_settings()
    # What the lock and data-plan sensors show after the next poll.
    values = (await client.read()).values
    assert values["lte_band_lock"]
    assert values["data_limit"] is not None
    assert values["data_reset_day"] is not None


async def _sms_list(modem: ModemSimulator, client: ZteClient) -> None:
    messages = await client.list_sms()
    assert "waiting for you" in [message.text for message in messages]


async def _sms_capacity(modem: ModemSimulator, client: ZteClient) -> None:
    capacity = await client.sms_capacity()
    assert capacity.nv_total is not None
    assert capacity.nv_total > 0
    assert capacity.nv_received is not None
    assert capacity.nv_received >= 1


async def _network_modes(modem: ModemSimulator, client: ZteClient) -> None:
    modes = await client.network_modes()
    assert "Only_LTE" in modes


async def _set_network_mode(modem: ModemSimulator, client: ZteClient) -> None:
    await client.set_network_mode("Only_LTE")
    assert modem.controls.values["net_select"] == "Only_LTE"


async def _mark_read(modem: ModemSimulator, client: ZteClient) -> None:
    assert modem.sms.unread() >= 1
    await client.mark_sms_read(message.id for message in modem.sms.messages)
    assert modem.sms.unread() == 0


async def _send_sms(modem: ModemSimulator, client: ZteClient) -> None:
    await client.send_sms(NUMBER, "on my way")
    assert [sent["Number"] for sent in modem.sms.sends] == [NUMBER]


async def _ussd(modem: ModemSimulator, client: ZteClient) -> None:
    reply = await client.send_ussd("*100#")
    assert "EUR" in reply or "Balance" in reply


CALLS: dict[str, Callable[[ModemSimulator, ZteClient], Awaitable[None]]] = {
    "poll": _poll,
    "settings": _settings,
    "sms_list": _sms_list,
    "sms_capacity": _sms_capacity,
    "network_modes": _network_modes,
    "set_network_mode": _set_network_mode,
    "mark_read": _mark_read,
    "send_sms": _send_sms,
    "ussd": _ussd,
}


@pytest.mark.parametrize("profile", ["mc801a", "mc7010"])  # without and with the address witness
@pytest.mark.parametrize("call", list(CALLS))
async def test_web_page_took_the_session(
    make_modem: ModemFactory, make_client: ClientFactory, profile: str, call: str
) -> None:
    modem = await make_modem(profile, loginfo_lies=True)
    modem.controls.connect_seconds = 0.05
    modem.controls.ussd_delay = 0.05
    client = await make_client(modem)
    client.timing.control_poll_interval = 0.01
    client.timing.ussd_poll_interval = 0.01
    client.timing.sms_poll_interval = 0.01
    await client.read()  # a session, and the build's witnesses learnt
    modem.inject_sms(NUMBER, "waiting for you")
    logins = modem.stats.logins

    modem.web_ui_login()
    await CALLS[call](modem, client)

    assert modem.stats.logins == logins + 1
    assert modem.stats.max_concurrency == 1
