"""While polling is paused the person is on the router's web page, which holds its single
session: nothing a person can press or call may log in behind its back (a login throws them out).

Walks every button, switch and select of the device and every action of the integration, so a
new one is covered without editing this test (and a new action must say how it is called)."""

from __future__ import annotations

from typing import Any

import pytest
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.zte_modem.const import DOMAIN
from tests.integration.conftest import setup_modem_entry
from tests.simulator import ModemSimulator

# How each action is called by a person (valid data: only the pause may refuse it).
ACTION_CALLS: dict[str, dict[str, Any]] = {
    "send_sms": {"number": "+46709998877", "message": "hello"},
    "delete_sms": {"keep_latest": 0},
    "set_band_lock": {"lte_bands": [3, 20]},
    "set_cell_lock": {"rat": "lte", "pci": 101, "earfcn": 6300, "reboot": True},
    "send_ussd": {"code": "*100#"},
    "ussd_reply": {"text": "1"},
    "ussd_cancel": {},
}
# Actions that answer: called the way their response is asked for.
WITH_RESPONSE = {"send_ussd", "ussd_reply"}
# The Polling switch is the pause itself: turning it on resumes polling, by design.
PAUSE_SWITCH = "polling"


def _entity_calls(hass: HomeAssistant, entry: MockConfigEntry) -> list[tuple[str, str, dict[str, Any]]]:
    """(domain, service, data) for every control entity of the entry."""
    calls: list[tuple[str, str, dict[str, Any]]] = []
    for entity in er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id):
        target = {ATTR_ENTITY_ID: entity.entity_id}
        if entity.domain == Platform.BUTTON:
            calls.append(("button", "press", target))
        elif entity.domain == Platform.SWITCH and not entity.unique_id.endswith(PAUSE_SWITCH):
            calls += [("switch", "turn_on", target), ("switch", "turn_off", target)]
        elif entity.domain == Platform.SELECT:
            state = hass.states.get(entity.entity_id)
            assert state is not None
            for option in state.attributes["options"]:
                calls.append(("select", "select_option", {**target, "option": option}))
    return calls


async def test_nothing_reaches_the_router_while_paused(hass: HomeAssistant, modem: ModemSimulator) -> None:
    entry = await setup_modem_entry(hass, modem)
    assert set(hass.services.async_services()[DOMAIN]) == set(ACTION_CALLS)
    calls = _entity_calls(hass, entry)
    assert {domain for domain, _, _ in calls} == {"button", "switch", "select"}
    await entry.runtime_data.coordinator.async_pause()
    requests, logins, reboots = modem.stats.requests, modem.stats.logins, modem.stats.reboots

    for domain, service, data in calls:
        with pytest.raises(HomeAssistantError, match="paused"):
            await hass.services.async_call(domain, service, data, blocking=True)
    for action, data in ACTION_CALLS.items():
        with pytest.raises(HomeAssistantError, match="paused"):
            await hass.services.async_call(
                DOMAIN, action, data, blocking=True, return_response=action in WITH_RESPONSE
            )

    assert modem.stats.requests == requests
    assert (modem.stats.logins, modem.stats.reboots) == (logins, reboots)
    assert modem.controls.writes == []
    assert modem.sms.sends == []


async def test_reboot_works_again_after_resume(hass: HomeAssistant, modem: ModemSimulator) -> None:
    """The refusal is the pause's, not the button's: resumed, Reboot reboots."""
    entry = await setup_modem_entry(hass, modem)
    coordinator = entry.runtime_data.coordinator
    await coordinator.async_pause()
    reboot = next(
        entity.entity_id
        for entity in er.async_entries_for_config_entry(er.async_get(hass), entry.entry_id)
        if entity.unique_id.endswith("reboot")
    )
    with pytest.raises(HomeAssistantError, match="paused"):
        await hass.services.async_call("button", "press", {ATTR_ENTITY_ID: reboot}, blocking=True)
    assert modem.stats.reboots == 0

    await coordinator.async_resume()
    await hass.services.async_call("button", "press", {ATTR_ENTITY_ID: reboot}, blocking=True)
    assert modem.stats.reboots == 1
