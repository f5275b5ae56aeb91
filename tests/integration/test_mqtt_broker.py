"""The bridge through HA's real MQTT integration and a real Mosquitto, seen by an independent client."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from typing import Any
from unittest.mock import patch

import pytest
from homeassistant.components import mqtt
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.zte_modem.const import CONF_DISCOVERY
from custom_components.zte_modem.zte import METRICS
from tests.broker import Message, Mosquitto, Watcher
from tests.integration.conftest import setup_modem_entry
from tests.integration.test_mqtt_bridge import LTE_KEYS
from tests.simulator import ModemSimulator


@pytest.fixture
def broker(socket_enabled: None) -> Iterator[Mosquitto]:
    mosquitto = Mosquitto()
    mosquitto.start()
    yield mosquitto
    mosquitto.close()


@pytest.fixture
async def real_mqtt(hass: HomeAssistant, broker: Mosquitto) -> AsyncIterator[MockConfigEntry]:
    """HA's own MQTT integration, connected to the real broker."""
    entry = MockConfigEntry(domain="mqtt", data={"broker": "127.0.0.1", "port": broker.port})
    entry.add_to_hass(hass)
    with patch("homeassistant.config.async_hass_config_yaml", return_value={}):
        assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    yield entry
    await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()


def _payload(message: Message) -> object:
    return json.loads(message.payload)


def tolerate_birth_message_race(hass: HomeAssistant) -> None:
    """Ignore one known HA-internal failure, and only that one.

    After a broker restart HA's MQTT client sometimes loses its first new connection
    right after CONNACK; its own birth-message task then fails with "not currently
    connected" and nobody retrieves that exception. HA reconnects and works; the
    test harness would still fail the test on the orphaned task.
    """
    original = hass.loop.get_exception_handler()
    assert original is not None

    def handler(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        future = context.get("future")
        if isinstance(context.get("exception"), HomeAssistantError) and "publish_birth_message" in repr(
            future
        ):
            return
        original(loop, context)

    hass.loop.set_exception_handler(handler)


async def ask(watcher: Watcher, request: str, answer: str, timeout: float = 30) -> Message:
    """Publish a request until it is answered.

    HA's MQTT client sends its SUBSCRIBE after a short cooldown, and reconnects to a
    restarted broker on its own schedule; a request sent before that finds no subscriber.
    """
    for _ in range(int(timeout)):
        watcher.publish(request)
        try:
            return await watcher.wait_for(lambda m: m.topic == answer and not m.retain, timeout=1)
        except TimeoutError:
            continue
    raise AssertionError(f"{request} not answered on {answer} within {timeout} s")


async def test_real_broker_round_trip(
    hass: HomeAssistant, broker: Mosquitto, real_mqtt: MockConfigEntry, modem: ModemSimulator
) -> None:
    """Requests, aggregates, errors, availability and discovery over a real broker, then a broker restart."""
    entry = await setup_modem_entry(hass, modem, {CONF_DISCOVERY: True})

    watcher = Watcher(broker.port, ["zte/#"])
    try:
        status = await watcher.wait_for(lambda m: m.topic == "zte/status")
        assert (status.payload, status.retain) == (b"online", True)

        assert _payload(await ask(watcher, "zte/provider/get", "zte/provider")) == "Telia SE"

        lte = _payload(await ask(watcher, "zte/lte/get", "zte/lte"))
        assert set(lte) == LTE_KEYS
        assert lte["rsrp"] == -95

        assert _payload(await ask(watcher, "zte/LTE_RSRP/get", "zte/lte_rsrp")) == -95

        error = _payload(await ask(watcher, "zte/no_such_metric/get", "zte/error"))
        assert error == {
            "request": "no_such_metric",
            "error": "unknown_metric",
            "message": error["message"],
        }

        configs = Watcher(broker.port, ["homeassistant/#"])
        retained = [
            m for m in await configs.drain(1.0) if m.retain and m.payload and m.topic.endswith("/config")
        ]
        configs.close()
        assert [m.topic.split("/")[1] for m in retained] == ["device"]  # one device config, no orphans
        components = json.loads(retained[0].payload)["cmps"]
        assert set(components) == {metric.key for metric in METRICS}
        assert components["lte_rsrp"]["state_topic"] == "zte/lte_rsrp"

        hass.config_entries.async_update_entry(entry, options={CONF_DISCOVERY: False})
        assert await hass.config_entries.async_reload(entry.entry_id)
        await hass.async_block_till_done()
        configs = Watcher(broker.port, ["homeassistant/#"])
        assert [m for m in await configs.drain(1.0) if m.payload and m.topic.endswith("/config")] == []
        configs.close()
    finally:
        watcher.close()

    tolerate_birth_message_race(hass)
    broker.stop()
    # Let HA notice the broker is gone before it comes back, as after a real outage.
    for _ in range(100):
        if not mqtt.is_connected(hass):
            break
        await asyncio.sleep(0.1)
    assert not mqtt.is_connected(hass)
    broker.start()
    watcher = Watcher(broker.port, ["zte/#", "homeassistant/status"])
    try:
        assert _payload(await ask(watcher, "zte/lte_rsrq/get", "zte/lte_rsrq", timeout=30)) == -10
        status = await watcher.wait_for(lambda m: m.topic == "zte/status")
        assert status.payload == b"online"
        # HA's own birth message ends its reconnect; unloading before it would fail HA's task.
        await watcher.wait_for(lambda m: m.topic == "homeassistant/status" and m.payload == b"online")
    finally:
        watcher.close()
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
