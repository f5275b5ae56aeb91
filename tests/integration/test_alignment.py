"""Antenna alignment mode and the signal-quality sensor, as a person aiming an antenna sees them.

On: a poll every "Alignment interval" seconds, each one request (settings, SMS list and storage,
client lists wait), for at most 10 minutes; off at once on pause, on a failed poll, when switched
off; refused while paused. The signal-quality sensor shows the best score of the run.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.switch import SERVICE_TURN_OFF, SERVICE_TURN_ON
from homeassistant.const import ATTR_ENTITY_ID, STATE_OFF, STATE_ON
from homeassistant.core import Event, HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.exceptions import HomeAssistantError
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_time_changed
from pytest_homeassistant_custom_component.typing import MqttMockHAClient

from custom_components.zte_modem.const import (
    CONF_ALIGNMENT_INTERVAL,
    CONF_PUBLISH_ON_POLL,
    CONF_TRACK_DEVICES,
    CONF_TRACKING_INTERVAL,
    DOMAIN,
)
from custom_components.zte_modem.options import ZteOptions
from tests.integration.conftest import PASSWORD, async_poll, setup_modem_entry
from tests.integration.test_mqtt_bridge import cancel_mqtt_misc_timer, published
from tests.simulator import FakeClock, ModemSimulator
from tests.simulator.ubus import UbusSimulator

__all__ = ["cancel_mqtt_misc_timer"]  # the autouse fixture of the MQTT tests applies here too

ALIGNMENT = "switch.zte_mc801a_alignment_mode"
QUALITY = "sensor.zte_mc801a_signal_quality"
POLLING = "switch.zte_mc801a_polling"
SMS_EVENT = "event.zte_mc801a_sms"


async def _switch(hass: HomeAssistant, service: str, entity_id: str = ALIGNMENT) -> None:
    await hass.services.async_call("switch", service, {ATTR_ENTITY_ID: entity_id}, blocking=True)
    await hass.async_block_till_done()


@pytest.fixture
async def entry(hass: HomeAssistant, modem: ModemSimulator) -> MockConfigEntry:
    """Tracking on (client lists every 10 s: due at every fast poll too), SMS status polls fast;
    the client's schedule clock is one the test moves."""
    entry = await setup_modem_entry(hass, modem, {CONF_TRACK_DEVICES: True, CONF_TRACKING_INTERVAL: 10})
    timing = entry.runtime_data.client.timing
    timing.sms_poll_interval = 0.02
    timing.monotonic = FakeClock(time.monotonic())
    return entry


def _advance(entry: MockConfigEntry, seconds: float) -> None:
    clock = entry.runtime_data.client.timing.monotonic
    assert isinstance(clock, FakeClock)
    clock.advance(seconds)


async def test_signal_quality_always_on(
    hass: HomeAssistant, modem: ModemSimulator, entry: MockConfigEntry
) -> None:
    """The score follows every poll; without alignment it has no best/best_at."""
    assert hass.states.get(QUALITY).state == "68"  # MC801A: LTE -95 dBm / 12 dB with NR (NSA)
    assert hass.states.get(QUALITY).attributes["unit_of_measurement"] == "%"
    modem.set_values({"lte_rsrp": "-75", "lte_snr": "30", "Z5g_rsrp": "-75", "Z5g_SINR": "30"})
    await async_poll(hass, entry)
    assert hass.states.get(QUALITY).state == "100"
    assert "best" not in hass.states.get(QUALITY).attributes


async def test_fast_polls_one_request_each_then_extra_reads_catch_up(
    hass: HomeAssistant, modem: ModemSimulator, entry: MockConfigEntry
) -> None:
    """On: a 2 s interval and every poll is one GET, even with client lists due and an SMS waiting;
    off: the interval goes back, the lists and the SMS list are read at the next poll."""
    coordinator = entry.runtime_data.coordinator
    events: list[Event] = []
    hass.bus.async_listen(
        "state_changed", lambda e: events.append(e) if e.data["entity_id"] == SMS_EVENT else None
    )
    await _switch(hass, SERVICE_TURN_ON)
    assert hass.states.get(ALIGNMENT).state == STATE_ON
    assert "ends_at" in hass.states.get(ALIGNMENT).attributes
    assert coordinator.update_interval == timedelta(seconds=2)

    modem.inject_sms("+46709998877", "while aiming")
    modem.stats.reset()
    for _ in range(10):
        _advance(entry, 2)  # the client lists fall due within these polls
        await async_poll(hass, entry)
    assert modem.stats.requests == 10
    assert modem.stats.reads == 10
    assert events == []  # the SMS list waits

    await _switch(hass, SERVICE_TURN_OFF)
    assert hass.states.get(ALIGNMENT).state == STATE_OFF
    assert coordinator.update_interval == timedelta(seconds=ZteOptions().scan_interval)
    modem.stats.reset()
    await async_poll(hass, entry)
    assert modem.stats.requests > 1  # the poll, the lists, the SMS list and storage
    assert len(events) == 1


async def test_interval_option(hass: HomeAssistant, modem: ModemSimulator) -> None:
    """The "Alignment interval" option sets the fast interval."""
    entry = await setup_modem_entry(hass, modem, {CONF_ALIGNMENT_INTERVAL: 5})
    await _switch(hass, SERVICE_TURN_ON)
    assert entry.runtime_data.coordinator.update_interval == timedelta(seconds=5)
    await _switch(hass, SERVICE_TURN_OFF)


async def test_interval_option_bounds(hass: HomeAssistant, modem: ModemSimulator) -> None:
    """1 to 10 s in the options flow; stored as an int."""
    entry = await setup_modem_entry(hass, modem)
    form = ZteOptions().as_form()
    for bad in (0, 11):
        result = await hass.config_entries.options.async_init(entry.entry_id)
        with pytest.raises(Exception, match="alignment_interval"):
            await hass.config_entries.options.async_configure(
                result["flow_id"], {**form, CONF_ALIGNMENT_INTERVAL: bad}
            )
    result = await hass.config_entries.options.async_init(entry.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**form, CONF_ALIGNMENT_INTERVAL: 3.0}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert entry.options[CONF_ALIGNMENT_INTERVAL] == 3
    await hass.async_block_till_done()


async def test_ends_by_itself_after_ten_minutes(
    hass: HomeAssistant, modem: ModemSimulator, entry: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    """Still on just before 10 minutes, off (and back to 30 s) right after."""
    await _switch(hass, SERVICE_TURN_ON)
    freezer.tick(timedelta(minutes=9, seconds=59))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert hass.states.get(ALIGNMENT).state == STATE_ON
    freezer.tick(timedelta(seconds=2))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()
    assert hass.states.get(ALIGNMENT).state == STATE_OFF
    assert entry.runtime_data.coordinator.update_interval == timedelta(seconds=30)
    assert entry.runtime_data.client.timing.quiet is False


async def test_ends_at_once_on_pause_and_is_refused_while_paused(
    hass: HomeAssistant, modem: ModemSimulator, entry: MockConfigEntry
) -> None:
    """Pausing ends it; switching it on while paused is refused and sends nothing."""
    await _switch(hass, SERVICE_TURN_ON)
    await _switch(hass, SERVICE_TURN_OFF, POLLING)
    assert hass.states.get(ALIGNMENT).state == STATE_OFF
    assert entry.runtime_data.coordinator.update_interval == timedelta(seconds=30)

    modem.stats.reset()
    with pytest.raises(HomeAssistantError, match="paused"):
        await _switch(hass, SERVICE_TURN_ON)
    assert hass.states.get(ALIGNMENT).state == STATE_OFF
    assert modem.stats.requests == 0


async def test_ends_at_once_on_a_failed_poll(
    hass: HomeAssistant, modem: ModemSimulator, entry: MockConfigEntry
) -> None:
    """The router stops answering: no fast polls at an unavailable router."""
    await _switch(hass, SERVICE_TURN_ON)
    coordinator = entry.runtime_data.coordinator
    modem.inject_fault("reset")
    await async_poll(hass, entry)
    assert coordinator.alignment is None
    assert hass.states.get(ALIGNMENT).state != STATE_ON
    assert coordinator.update_interval == timedelta(seconds=30)
    modem.inject_fault(None)
    await async_poll(hass, entry)
    assert hass.states.get(ALIGNMENT).state == STATE_OFF


async def test_best_and_best_at(
    hass: HomeAssistant, modem: ModemSimulator, entry: MockConfigEntry, freezer: FrozenDateTimeFactory
) -> None:
    """The best score since the run started, and when; gone when the run ends."""
    await _switch(hass, SERVICE_TURN_ON)
    started = dt_util.utcnow()
    assert hass.states.get(QUALITY).attributes["best"] == 68
    seen = []
    for rsrp in ("-85", "-110"):
        freezer.tick(timedelta(seconds=2))
        modem.set_values({"lte_rsrp": rsrp})
        await async_poll(hass, entry)
        seen.append(int(hass.states.get(QUALITY).state))
    assert seen[0] > 68 > seen[1]
    state = hass.states.get(QUALITY)
    assert state.attributes["best"] == seen[0]  # at -85 dBm
    assert dt_util.parse_datetime(state.attributes["best_at"]) == started + timedelta(seconds=2)

    await _switch(hass, SERVICE_TURN_OFF)
    assert "best" not in hass.states.get(QUALITY).attributes


@pytest.mark.parametrize("bridge_options", [{CONF_PUBLISH_ON_POLL: True}])
async def test_mqtt_follows_the_fast_polls(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, modem: ModemSimulator, bridge_options: dict[str, Any]
) -> None:
    """Publish on poll: `lte`, `nr5g` and `signal_quality` go out after every fast poll."""
    entry = await setup_modem_entry(hass, modem, bridge_options)
    await _switch(hass, SERVICE_TURN_ON)
    before = len(published(mqtt_mock, "zte/lte"))
    for _ in range(3):
        await async_poll(hass, entry)
    assert len(published(mqtt_mock, "zte/lte")) == before + 3
    assert len(published(mqtt_mock, "zte/nr5g")) >= 3
    assert published(mqtt_mock, "zte/signal_quality")[-1][0] == "68"
    await _switch(hass, SERVICE_TURN_OFF)


async def test_ubus_one_post_without_extra_calls(hass: HomeAssistant, socket_enabled: None) -> None:
    """On a ubus router each fast poll is one POST with the poll's calls only (no data plan, APN,
    firmware or client-list calls), and the score reads the G5TS's LTE and NR values."""
    g5ts = UbusSimulator("g5ts", PASSWORD)
    await g5ts.start()
    try:
        entry = MockConfigEntry(
            domain=DOMAIN,
            unique_id="g5ts",
            data={"host": g5ts.url, "password": PASSWORD},
            options={CONF_TRACK_DEVICES: True, CONF_TRACKING_INTERVAL: 10},
        )
        entry.add_to_hass(hass)
        assert await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
        timing = entry.runtime_data.client.timing
        timing.monotonic = FakeClock(time.monotonic())
        quality = hass.states.get("sensor.zte_g5ts_signal_quality")
        assert quality is not None
        assert 0 <= int(quality.state) <= 100
        await _switch(hass, SERVICE_TURN_ON, "switch.zte_g5ts_alignment_mode")
        g5ts.stats.requests, g5ts.batches = 0, []
        for _ in range(5):
            timing.monotonic.advance(3600)  # data plan, firmware and the lists would all be due
            await async_poll(hass, entry)
        assert g5ts.stats.requests == 5
        lists = {"router_wireless_access_list", "router_lan_access_list"}
        assert not any(lists & {name.rsplit(".", 1)[-1] for name in batch} for batch in g5ts.batches)
        assert len({len(batch) for batch in g5ts.batches}) == 1  # the same calls every time
        await _switch(hass, SERVICE_TURN_OFF, "switch.zte_g5ts_alignment_mode")
        g5ts.batches = []
        await async_poll(hass, entry)
        assert lists <= {name.rsplit(".", 1)[-1] for name in g5ts.batches[0]}  # the lists catch up
        assert await hass.config_entries.async_unload(entry.entry_id)
    finally:
        await g5ts.stop()
