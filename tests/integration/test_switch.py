"""The Polling switch: pausing for the web page, resuming by hand and by itself."""

from __future__ import annotations

from datetime import timedelta

import pytest
from homeassistant.components.switch import SERVICE_TURN_OFF, SERVICE_TURN_ON
from homeassistant.const import ATTR_ENTITY_ID, STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed
from syrupy.assertion import SnapshotAssertion

from tests.integration.conftest import async_poll, platform_summary
from tests.simulator import ModemSimulator

RSRP = "sensor.zte_mc801a_lte_rsrp"
POLLING = "switch.zte_mc801a_polling"


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_switch_snapshot(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    init_integration: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    """Every switch with its state, unit, classes and category (version-independent form)."""
    assert platform_summary(hass, entity_registry, init_integration, "switch") == snapshot


async def test_pause_switch(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """Pausing logs out, keeps the last state, stops requests, and resumes after 15 minutes."""
    assert hass.states.get(POLLING).state == STATE_ON
    await hass.services.async_call("switch", SERVICE_TURN_OFF, {ATTR_ENTITY_ID: POLLING}, blocking=True)

    assert hass.states.get(POLLING).state == STATE_OFF
    assert "resumes_at" in hass.states.get(POLLING).attributes
    assert modem.snapshot_state()["logged_in"] is False
    modem.stats.reset()
    modem.set_values({"lte_rsrp": "-110"})
    for _ in range(20):  # ten minutes
        await async_poll(hass, init_integration)
    state = hass.states.get(RSRP)
    assert state.state == "-95"
    assert state.attributes["polling_paused"] is True
    assert modem.stats.requests == 0

    async_fire_time_changed(hass, dt_util.utcnow() + timedelta(minutes=15, seconds=1))
    await hass.async_block_till_done()
    assert hass.states.get(POLLING).state == STATE_ON
    assert hass.states.get(RSRP).state == "-110"
    assert "polling_paused" not in hass.states.get(RSRP).attributes


async def test_pause_and_resume_by_hand(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """Turning polling back on reads at once; pausing twice is harmless."""
    await hass.services.async_call("switch", SERVICE_TURN_OFF, {ATTR_ENTITY_ID: POLLING}, blocking=True)
    modem.inject_fault("reset")  # the logout of a second pause fails: still paused
    await hass.services.async_call("switch", SERVICE_TURN_OFF, {ATTR_ENTITY_ID: POLLING}, blocking=True)
    modem.inject_fault(None)
    modem.set_values({"lte_rsrp": "-88"})
    await hass.services.async_call("switch", SERVICE_TURN_ON, {ATTR_ENTITY_ID: POLLING}, blocking=True)
    await hass.async_block_till_done()
    assert hass.states.get(RSRP).state == "-88"
    await hass.services.async_call("switch", SERVICE_TURN_ON, {ATTR_ENTITY_ID: POLLING}, blocking=True)
    assert hass.states.get(POLLING).state == STATE_ON


async def test_unload_while_paused(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """Unloading cancels the auto-resume timer (no lingering timers)."""
    await hass.services.async_call("switch", SERVICE_TURN_OFF, {ATTR_ENTITY_ID: POLLING}, blocking=True)
    assert await hass.config_entries.async_unload(init_integration.entry_id)
    await hass.async_block_till_done()
