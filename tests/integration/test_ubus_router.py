"""A ubus router (G5TS over https) through Home Assistant: the flow finds the API, the entities and
MQTT answer as on goform, a network-mode change goes through, a browser login costs one login."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator
from typing import Any

import pytest
from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import CONF_HOST, CONF_PASSWORD
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from pytest_homeassistant_custom_component.typing import MqttMockHAClient

from custom_components.zte_modem.const import CONF_PROFILE, DOMAIN
from custom_components.zte_modem.diagnostics import async_get_config_entry_diagnostics
from tests.integration.conftest import PASSWORD, async_poll, setup_modem_entry
from tests.integration.test_mqtt_bridge import cancel_mqtt_misc_timer, published, request
from tests.simulator.ubus import UbusSimulator, web_password

__all__ = ["cancel_mqtt_misc_timer"]  # the autouse fixture of the MQTT tests applies here too


@pytest.fixture
async def g5ts(socket_enabled: None) -> AsyncIterator[UbusSimulator]:
    """A G5TS simulator over https, with the integration tests' password."""
    modem = UbusSimulator("g5ts", PASSWORD)
    await modem.start()
    yield modem
    await modem.stop()


async def test_flow_finds_ubus_and_the_entities_follow(hass: HomeAssistant, g5ts: UbusSimulator) -> None:
    """Host and password only: the flow finds the ubus API, stores it, and the entry's sensors read it."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: g5ts.url, CONF_PASSWORD: PASSWORD}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "ZTE G5TS"
    assert result["data"][CONF_PROFILE]["transport"] == "ubus"
    await hass.async_block_till_done()

    assert hass.states.get("sensor.zte_g5ts_lte_rsrp").state == "-80"
    assert hass.states.get("sensor.zte_g5ts_lte_ca_bands").state == "B1+B3+B20"
    assert hass.states.get("sensor.zte_g5ts_5g_band").state == "n78"
    assert hass.states.get("switch.zte_g5ts_mobile_data").state == "on"
    assert hass.states.get("event.zte_g5ts_sms") is not None
    options = hass.states.get("select.zte_g5ts_network_mode").attributes["options"]
    assert options == ["4g_and_5g", "lte_and_5g", "only_5g", "only_lte"]
    # One login to test the settings (then logout), one by the entry's setup; no failure.
    assert (g5ts.stats.logins, g5ts.stats.failed_logins) == (2, 0)


async def test_polls_writes_and_a_browser_login(hass: HomeAssistant, g5ts: UbusSimulator) -> None:
    """Each poll is one POST; a mode change is written and read back; the web page taking the session
    costs exactly one login at the next poll."""
    entry = await setup_modem_entry(hass, g5ts)
    requests = g5ts.stats.requests
    await async_poll(hass, entry)
    assert g5ts.stats.requests - requests == 1

    await hass.services.async_call(
        "select",
        "select_option",
        {"entity_id": "select.zte_g5ts_network_mode", "option": "only_lte"},
        blocking=True,
    )
    assert g5ts.state.net_select == "Only_LTE"
    assert hass.states.get("select.zte_g5ts_network_mode").state == "only_lte"

    logins = g5ts.stats.logins
    g5ts.browser_login()
    await async_poll(hass, entry)
    assert g5ts.stats.logins == logins + 1
    assert hass.states.get("sensor.zte_g5ts_lte_rsrp").state == "-80"


async def test_mqtt_lte_answer(hass: HomeAssistant, mqtt_mock: MqttMockHAClient, g5ts: UbusSimulator) -> None:
    """zte/lte/get is answered with the LTE aggregate, as on goform."""
    await setup_modem_entry(hass, g5ts, {})
    await request(hass, "zte/lte/get")
    payload: dict[str, Any] = json.loads(published(mqtt_mock, "zte/lte")[-1][0])
    assert payload["rsrp"] == -80
    assert payload["ca_bands"] == "B1+B3+B20"
    assert payload["sinr"] == 7.0


async def test_nothing_secret_in_diagnostics_or_log(
    hass: HomeAssistant, g5ts: UbusSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    """At DEBUG, through a lost session and an SMS both ways: no password, salt, hashed password,
    session token, webtoken cookie, SMS key, phone number, message text or IMEI in the
    diagnostics or the log."""
    caplog.set_level(logging.DEBUG)
    entry = await setup_modem_entry(hass, g5ts)
    tokens = {str(g5ts.state.token)}
    g5ts.browser_login()
    g5ts.inject_sms("+46709998877", "secret meeting at noon")
    await async_poll(hass, entry)
    tokens.add(str(g5ts.state.token))
    await hass.services.async_call(
        DOMAIN, "send_sms", {"number": "+46701112233", "message": "reply text here"}, blocking=True
    )
    assert g5ts.state.aes_key is not None
    dump = json.dumps(await async_get_config_entry_diagnostics(hass, entry), default=str)
    assert '"transport": "ubus"' in dump
    secrets = (
        PASSWORD,
        g5ts.state.salt,
        web_password(PASSWORD, g5ts.state.salt),
        g5ts.values["imei"],
        str(g5ts._webtoken),
        g5ts.state.aes_key.hex(),
        "46709998877",
        "46701112233",
        "secret meeting",
        "reply text",
        *tokens,
    )
    for secret in secrets:
        assert secret not in dump, secret
        assert secret not in caplog.text, secret


async def test_sms_both_ways(hass: HomeAssistant, g5ts: UbusSimulator) -> None:
    """An incoming (encrypted) message fires the event with its text and is marked read; send_sms
    answers through the router, encrypted as the web page does."""
    entry = await setup_modem_entry(hass, g5ts)
    message_id = g5ts.inject_sms("+46701234567", "Your code is 4242")
    await async_poll(hass, entry)
    state = hass.states.get("event.zte_g5ts_sms")
    assert state.attributes["message_id"] == message_id
    assert state.attributes["text"] == "Your code is 4242"
    assert [m["tag"] for m in g5ts.state.messages] == ["0"]  # marked read
    await async_poll(hass, entry)
    assert hass.states.get("sensor.zte_g5ts_unread_sms").state == "0"

    await hass.services.async_call(
        DOMAIN, "send_sms", {"number": "+46700000042", "message": "Got it ✅"}, blocking=True
    )
    assert g5ts.state.sends == [{"number": "+46700000042", "text": "Got it ✅"}]
