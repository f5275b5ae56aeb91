"""The APN select, the data-limit switch and the data-plan numbers in Home Assistant, on a goform
and a ubus router: options and ranges as the router reports them, a change written and shown,
refused while polling is paused (the router sees no request), and no APN secret anywhere."""

from __future__ import annotations

import json
import logging
from collections.abc import AsyncIterator

import pytest
from homeassistant.components.number import ATTR_VALUE, SERVICE_SET_VALUE
from homeassistant.components.select import ATTR_OPTION, SERVICE_SELECT_OPTION
from homeassistant.components.switch import SERVICE_TURN_OFF, SERVICE_TURN_ON
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.zte_modem.diagnostics import async_get_config_entry_diagnostics
from tests.integration.conftest import PASSWORD, async_poll, setup_modem_entry
from tests.simulator import ModemSimulator
from tests.simulator.admin import APN_PASSWORD, APN_USERNAME
from tests.simulator.ubus import UbusSimulator

APN = "select.zte_mc801a_apn"
DATA_LIMIT_SWITCH = "switch.zte_mc801a_data_limit"
DATA_LIMIT = "number.zte_mc801a_data_limit"
ALERT = "number.zte_mc801a_data_alert_threshold"
RESET_DAY = "number.zte_mc801a_data_reset_day"


@pytest.fixture
async def admin_entry(hass: HomeAssistant, modem: ModemSimulator) -> MockConfigEntry:
    """The modem set up; its data session settles at once, read-backs are quick."""
    modem.controls.connect_seconds = 0
    entry = await setup_modem_entry(hass, modem)
    entry.runtime_data.client.timing.control_poll_interval = 0.02
    return entry


@pytest.fixture
async def u60pro(socket_enabled: None) -> AsyncIterator[UbusSimulator]:
    modem = UbusSimulator("u60pro", PASSWORD)
    await modem.start()
    yield modem
    await modem.stop()


async def _select(hass: HomeAssistant, entity_id: str, option: str) -> None:
    await hass.services.async_call(
        "select", SERVICE_SELECT_OPTION, {ATTR_ENTITY_ID: entity_id, ATTR_OPTION: option}, blocking=True
    )


async def _set(hass: HomeAssistant, entity_id: str, value: float) -> None:
    await hass.services.async_call(
        "number", SERVICE_SET_VALUE, {ATTR_ENTITY_ID: entity_id, ATTR_VALUE: value}, blocking=True
    )


async def test_apn_select_offers_the_stored_profiles_and_picks_one(
    hass: HomeAssistant, modem: ModemSimulator, admin_entry: MockConfigEntry
) -> None:
    """Options: Automatic and each profile by name; a choice is made the router's default, the data
    session reconnected around it, and shown at once; Automatic likewise."""
    state = hass.states.get(APN)
    assert state.attributes["options"] == ["Automatic", "Telia Internet", "Work VPN", "IPv6 only"]
    assert state.state == "Telia Internet"
    await _select(hass, APN, "Work VPN")
    assert hass.states.get(APN).state == "Work VPN"
    assert (modem.admin.mode, modem.admin.current) == ("manual", 1)
    assert [goform for goform, _ in modem.controls.writes] == [
        "DISCONNECT_NETWORK",
        "APN_PROC_EX",
        "CONNECT_NETWORK",
    ]
    assert hass.states.get("switch.zte_mc801a_mobile_data").state == "on"
    await _select(hass, APN, "Automatic")
    assert hass.states.get(APN).state == "Automatic"
    assert modem.admin.mode == "auto"
    assert modem.admin.protocol_errors == []


async def test_apn_option_the_router_lacks_is_refused(
    hass: HomeAssistant, modem: ModemSimulator, admin_entry: MockConfigEntry
) -> None:
    with pytest.raises(ServiceValidationError):
        await _select(hass, APN, "Nope")
    assert modem.controls.writes == []


async def test_data_plan_entities_ranges_and_writes(
    hass: HomeAssistant, modem: ModemSimulator, admin_entry: MockConfigEntry
) -> None:
    """The numbers' ranges; each write is one whole DATA_LIMIT_SETTING form, shown at once; the
    limit sensor follows."""
    assert hass.states.get(DATA_LIMIT_SWITCH).state == "on"
    limit = hass.states.get(DATA_LIMIT)
    assert (limit.state, limit.attributes["unit_of_measurement"]) == ("100.0", "GB")
    assert (limit.attributes["min"], limit.attributes["step"]) == (0.1, 0.1)
    alert = hass.states.get(ALERT)
    assert (alert.state, alert.attributes["min"], alert.attributes["max"]) == ("80", 1, 100)
    day = hass.states.get(RESET_DAY)
    assert (day.state, day.attributes["min"], day.attributes["max"], day.attributes["step"]) == (
        "1",
        1,
        31,
        1,
    )

    await _set(hass, DATA_LIMIT, 472)
    assert hass.states.get(DATA_LIMIT).state == "472.0"
    assert hass.states.get("sensor.zte_mc801a_data_limit").state == "472.0"
    assert modem.admin.limit_forms[-1]["data_volume_limit_size"] == "472_1024"
    await _set(hass, ALERT, 95)
    assert hass.states.get(ALERT).state == "95"
    await _set(hass, RESET_DAY, 15)
    assert hass.states.get(RESET_DAY).state == "15"
    await hass.services.async_call(
        "switch", SERVICE_TURN_OFF, {ATTR_ENTITY_ID: DATA_LIMIT_SWITCH}, blocking=True
    )
    assert hass.states.get(DATA_LIMIT_SWITCH).state == "off"
    assert hass.states.get(DATA_LIMIT).state == "472.0"  # the setting stays while the limit is off
    await hass.services.async_call(
        "switch", SERVICE_TURN_ON, {ATTR_ENTITY_ID: DATA_LIMIT_SWITCH}, blocking=True
    )
    assert hass.states.get(DATA_LIMIT_SWITCH).state == "on"
    assert len(modem.admin.limit_forms) == 5
    assert modem.admin.protocol_errors == []
    assert modem.ad_failures == 0


async def test_bad_number_is_a_clear_error_and_sends_nothing(
    hass: HomeAssistant, modem: ModemSimulator, admin_entry: MockConfigEntry
) -> None:
    """Out of range (HA's own check) or not whole: refused before the router is asked."""
    with pytest.raises(ServiceValidationError):
        await _set(hass, ALERT, 0)
    with pytest.raises(ServiceValidationError):
        await _set(hass, RESET_DAY, 32)
    with pytest.raises(ServiceValidationError, match="whole number"):
        await _set(hass, RESET_DAY, 2.5)
    assert modem.admin.limit_forms == []


async def test_refused_while_paused_the_router_sees_nothing(
    hass: HomeAssistant, modem: ModemSimulator, admin_entry: MockConfigEntry
) -> None:
    """The web page has the single session: no APN or data-plan write behind its back."""
    await admin_entry.runtime_data.coordinator.async_pause()
    modem.stats.reset()
    with pytest.raises(HomeAssistantError, match="paused"):
        await _select(hass, APN, "Work VPN")
    with pytest.raises(HomeAssistantError, match="paused"):
        await _set(hass, DATA_LIMIT, 10)
    with pytest.raises(HomeAssistantError, match="paused"):
        await hass.services.async_call(
            "switch", SERVICE_TURN_OFF, {ATTR_ENTITY_ID: DATA_LIMIT_SWITCH}, blocking=True
        )
    assert (modem.stats.requests, modem.stats.writes) == (0, 0)
    assert modem.controls.writes == []
    assert modem.admin.limit_forms == []


async def test_no_apn_secret_in_states_diagnostics_or_log(
    hass: HomeAssistant, modem: ModemSimulator, admin_entry: MockConfigEntry, caplog: pytest.LogCaptureFixture
) -> None:
    """The simulator's profiles carry a distinctive user name and password: after a poll and an
    APN change at DEBUG, neither is in any state or attribute, the diagnostics or the log."""
    caplog.set_level(logging.DEBUG)
    await _select(hass, APN, "Work VPN")
    await async_poll(hass, admin_entry)
    states = json.dumps([state.as_dict() for state in hass.states.async_all()], default=str)
    dump = json.dumps(await async_get_config_entry_diagnostics(hass, admin_entry), default=str)
    assert "Work VPN" in states
    for secret in (APN_PASSWORD, APN_USERNAME):
        assert secret not in states
        assert secret not in dump
        assert secret not in caplog.text


async def test_ubus_router_apn_and_data_plan(
    hass: HomeAssistant, u60pro: UbusSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    """The same entities on a ubus router: getManuApnList names the options, enable_manu_apn_id
    picks one; set_wwandst_monthlimit / set_wwandst_clearday write the plan; no APN secret shows."""
    caplog.set_level(logging.DEBUG)
    entry = await setup_modem_entry(hass, u60pro)
    entry.runtime_data.client.timing.control_poll_interval = 0.02
    apn = next(state for state in hass.states.async_all("select") if state.entity_id.endswith("_apn"))
    assert apn.attributes["options"] == ["Automatic", "Telia Internet", "Work VPN"]
    assert apn.state == "Telia Internet"
    await _select(hass, apn.entity_id, "Work VPN")
    assert hass.states.get(apn.entity_id).state == "Work VPN"
    prefix = apn.entity_id.removeprefix("select.").removesuffix("_apn")
    await _set(hass, f"number.{prefix}_data_limit", 250)
    assert hass.states.get(f"number.{prefix}_data_limit").state == "250.0"
    await _set(hass, f"number.{prefix}_data_reset_day", 5)
    assert u60pro.state.plan_clear["clearday"] == 5
    assert u60pro.state.admin_errors == []
    states = json.dumps([state.as_dict() for state in hass.states.async_all()], default=str)
    dump = json.dumps(await async_get_config_entry_diagnostics(hass, entry), default=str)
    for secret in (APN_PASSWORD, APN_USERNAME):
        assert secret not in states
        assert secret not in dump
        assert secret not in caplog.text
