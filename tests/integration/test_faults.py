"""The fault and bad-input suite behind docs/reliability.md: nothing is lost, nothing crashes."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_mqtt_message
from pytest_homeassistant_custom_component.typing import MqttMockHAClient

from custom_components.zte_modem.const import CONF_MAX_AGE
from tests.integration.test_mqtt_bridge import bridge_entry, bridge_options, cancel_mqtt_misc_timer, published
from tests.simulator import ModemSimulator

__all__ = ["bridge_entry", "bridge_options", "cancel_mqtt_misc_timer"]

RSRP = "sensor.zte_mc801a_lte_rsrp"


async def _still_answers(hass: HomeAssistant, mqtt_mock: MqttMockHAClient) -> None:
    before = len(published(mqtt_mock, "zte/lte_rsrq"))
    async_fire_mqtt_message(hass, "zte/lte_rsrq/get", "")
    await hass.async_block_till_done()
    assert len(published(mqtt_mock, "zte/lte_rsrq")) == before + 1


@pytest.mark.parametrize(
    "payload",
    [b"", b"\x00\xff\xfe binary", b"x" * 1_000_000, "caf\u00e9".encode("latin-1")],
    ids=["empty", "binary", "1MB", "non-utf8"],
)
async def test_any_payload_is_answered(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, bridge_entry: MockConfigEntry, payload: bytes
) -> None:
    """The request payload is ignored, whatever it is: empty, binary, 1 MB, not UTF-8."""
    async_fire_mqtt_message(hass, "zte/lte_rsrp/get", payload)
    await hass.async_block_till_done()
    assert published(mqtt_mock, "zte/lte_rsrp")[-1] == ("-95", 0, False)
    assert not published(mqtt_mock, "zte/error")


async def test_deep_and_foreign_topics_ignored(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, bridge_entry: MockConfigEntry
) -> None:
    """zte/a/b/get, zte/get and other roots are not requests: no answer, no error."""
    mqtt_mock.async_publish.reset_mock()
    for topic in ("zte/a/b/get", "zte/get", "zte/lte_rsrp/set", "other/lte_rsrp/get", "zte/lte_rsrp/get/x"):
        async_fire_mqtt_message(hass, topic, "")
    await hass.async_block_till_done()
    assert not mqtt_mock.async_publish.call_args_list
    await _still_answers(hass, mqtt_mock)


async def test_unknown_metrics_never_reach_the_modem(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, modem: ModemSimulator, bridge_entry: MockConfigEntry
) -> None:
    """Names that are not catalogue keys are refused without a modem request."""
    modem.stats.reset()
    for name in ("imsi", "msisdn", "wa_inner_version", "Z5g_rsrp", "..", "lte_rsrp%20"):
        async_fire_mqtt_message(hass, f"zte/{name}/get", "")
    await hass.async_block_till_done()
    errors = [json.loads(p)["error"] for p, _, _ in published(mqtt_mock, "zte/error")]
    assert errors == ["unknown_metric"] * 6
    assert modem.stats.requests == 0


@pytest.mark.parametrize("bridge_options", [{CONF_MAX_AGE: 600}])
async def test_flood_of_5000(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, modem: ModemSimulator, bridge_entry: MockConfigEntry
) -> None:
    """5,000 requests with a stale cache: one modem read, every request answered, HA keeps working.

    All 5,000 arrive before the event loop runs anything else, so every one of them is waiting
    while the one read is in flight: none can be served from a cache that read already filled.
    That read starts at the first request, and the simulator shares the event loop with the
    flood, so it cannot answer until the flood is delivered, which takes seconds on an idle
    machine and more on a busy one. The client's request timeout (10 s) would measure the
    machine, not the bridge: it is lifted here, and pytest's own timeout still ends a hang.
    max_age is long for the same reason: a slow machine must not end the window mid-flood.
    """
    coordinator = bridge_entry.runtime_data.coordinator
    coordinator.client.timing.request_timeout = 3600
    coordinator.last_read_at = -1e9
    modem.stats.reset()
    # The harness runs the loop in debug mode, which records a stack for each of the flood's
    # tens of thousands of tasks and callbacks: most of the test's time, and nothing it
    # checks. Off for the flood, so a busy machine stays far from pytest's timeout.
    debug = hass.loop.get_debug()
    hass.loop.set_debug(False)
    try:
        for index in range(5000):
            async_fire_mqtt_message(hass, "zte/lte/get" if index % 5 == 0 else "zte/lte_rsrp/get", "")
        await hass.async_block_till_done()
    finally:
        hass.loop.set_debug(debug)
    assert not published(mqtt_mock, "zte/error")
    assert modem.stats.reads == 1
    assert len(published(mqtt_mock, "zte/lte_rsrp")) == 4000
    assert len(published(mqtt_mock, "zte/lte")) == 1000
    assert modem.stats.max_concurrency == 1
    await hass.services.async_call(
        "button", "press", {"entity_id": "button.zte_mc801a_refresh"}, blocking=True
    )
    assert hass.states.get(RSRP).state == "-95"


@pytest.mark.parametrize("fault", ["timeout", "reset", "html", "truncated", "garbage"])
async def test_modem_faults_logged_once(
    hass: HomeAssistant,
    mqtt_mock: MqttMockHAClient,
    modem: ModemSimulator,
    bridge_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    fault: str,
) -> None:
    """A bad modem answer: unavailable, offline, one log line for many polls; then recovery."""
    coordinator = bridge_entry.runtime_data.coordinator
    coordinator.client.timing.request_timeout = 0.2
    modem.hang_seconds = 1
    modem.inject_fault(fault)
    caplog.clear()
    for _ in range(5):
        await coordinator.async_refresh()
        await hass.async_block_till_done()
    assert hass.states.get(RSRP).state == "unavailable"
    assert published(mqtt_mock, "zte/status")[-1] == ("offline", 1, True)
    errors = [r for r in caplog.records if r.levelno >= logging.WARNING and "zte_modem" in r.name]
    assert len(errors) == 1, [r.getMessage() for r in errors]
    async_fire_mqtt_message(hass, "zte/lte_rsrp/get", "")
    await hass.async_block_till_done()
    assert json.loads(published(mqtt_mock, "zte/error")[-1][0])["error"] == "modem_unavailable"

    modem.inject_fault(None)
    await coordinator.async_refresh()
    await hass.async_block_till_done()
    assert hass.states.get(RSRP).state == "-95"
    assert published(mqtt_mock, "zte/status")[-1] == ("online", 1, True)


async def test_sentinels_and_empty_values_are_unknown(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, modem: ModemSimulator, bridge_entry: MockConfigEntry
) -> None:
    """Sentinel numbers and blanks become unknown and JSON null, not 255 or ''."""
    modem.set_values({"lte_snr": "255", "Z5g_SINR": "-3276.8", "lte_rsrp": "", "lte_rsrq": "--"})
    await bridge_entry.runtime_data.coordinator.async_refresh()
    await hass.async_block_till_done()
    for entity in (
        "sensor.zte_mc801a_lte_sinr",
        "sensor.zte_mc801a_5g_sinr",
        RSRP,
        "sensor.zte_mc801a_lte_rsrq",
    ):
        assert hass.states.get(entity).state == "unknown", entity
    async_fire_mqtt_message(hass, "zte/lte/get", "")
    await hass.async_block_till_done()
    lte = json.loads(published(mqtt_mock, "zte/lte")[-1][0])
    assert (lte["sinr"], lte["rsrp"], lte["rsrq"]) == (None, None, None)


async def test_session_theft_by_web_ui(
    hass: HomeAssistant, modem: ModemSimulator, bridge_entry: MockConfigEntry
) -> None:
    """The web UI takes the session: one re-login on the next poll, values keep flowing."""
    modem.web_ui_login()
    await bridge_entry.runtime_data.coordinator.async_refresh()
    await hass.async_block_till_done()
    assert hass.states.get(RSRP).state == "-95"
    assert (modem.stats.logins, modem.stats.failed_logins) == (2, 0)


async def test_reboot_mid_poll(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, modem: ModemSimulator, bridge_entry: MockConfigEntry
) -> None:
    """The modem reboots while a poll is on its way: unavailable, then back after the reboot."""
    modem.reboot_seconds = 0.3
    modem.latency = (0.05, 0.05)
    coordinator = bridge_entry.runtime_data.coordinator
    poll = hass.async_create_task(coordinator.async_refresh())
    await asyncio.sleep(0.01)
    modem.reboot()
    await poll
    await hass.async_block_till_done()
    assert hass.states.get(RSRP).state == "unavailable"
    await asyncio.sleep(0.4)
    await coordinator.async_refresh()
    await hass.async_block_till_done()
    assert hass.states.get(RSRP).state == "-95"
    await _still_answers(hass, mqtt_mock)
