"""Every clause of the MQTT contract (docs/mqtt.md), with HA's MQTT integration mocked at the client."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any
from unittest.mock import patch

import pytest
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_mqtt_message
from pytest_homeassistant_custom_component.typing import MqttMockHAClient, MqttMockHAClientGenerator

from custom_components.zte_modem.const import (
    CONF_DISCOVERY,
    CONF_MAX_AGE,
    CONF_MQTT_BRIDGE,
    CONF_MQTT_ROOT,
    CONF_PUBLISH_ON_POLL,
    DOMAIN,
)
from custom_components.zte_modem.zte import METRICS, ValueKind
from tests.integration.conftest import setup_modem_entry
from tests.simulator import ModemSimulator

# The contract's keys plus `frequency`, the downlink centre frequency added in both objects
# (an added key; every contract key keeps its name, type and meaning: docs/mqtt.md).
LTE_KEYS = {
    "rsrp", "rsrq", "sinr", "rssi", "band", "earfcn", "pci", "cell_id", "bandwidth", "ca_bands",
    "provider", "network_type", "rsrp1", "rsrp2", "rsrp3", "rsrp4", "sinr1", "sinr2", "sinr3", "sinr4",
    "frequency",
}  # fmt: skip
NR5G_KEYS = {"rsrp", "rsrq", "sinr", "band", "pci", "arfcn", "rsrp1", "rsrp2", "frequency"}


def published(mqtt_mock: MqttMockHAClient, topic: str) -> list[tuple[Any, int, bool]]:
    """(payload, qos, retain) of every publish to `topic`, oldest first."""
    return [
        (call.args[1], call.args[2], call.args[3])
        for call in mqtt_mock.async_publish.call_args_list
        if call.args[0] == topic
    ]


def subscribed(mqtt_mock: MqttMockHAClient) -> set[str]:
    """Every topic subscribed at the MQTT client."""
    return {call.args[0] for call in mqtt_mock.async_subscribe.call_args_list}


def last_json(mqtt_mock: MqttMockHAClient, topic: str) -> Any:
    calls = published(mqtt_mock, topic)
    assert calls, f"nothing published on {topic}"
    payload, qos, retain = calls[-1]
    assert (qos, retain) == (0, False)
    return json.loads(payload)


async def request(hass: HomeAssistant, topic: str, payload: str = "", *, retain: bool = False) -> None:
    async_fire_mqtt_message(hass, topic, payload, retain=retain)
    await hass.async_block_till_done()


@pytest.fixture(autouse=True)
async def cancel_mqtt_misc_timer(hass: HomeAssistant) -> AsyncIterator[None]:
    """HA's MQTT client schedules paho's misc loop 1 s ahead and cancels it on socket
    close, which the mocked paho client never reports: cancel it so no timer lingers."""
    yield
    if (data := hass.data.get("mqtt")) is not None and (timer := data.client._misc_timer) is not None:
        timer.cancel()
        data.client._misc_timer = None


@pytest.fixture
def bridge_options() -> dict[str, Any]:
    return {}


@pytest.fixture
async def bridge_entry(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, modem: ModemSimulator, bridge_options: dict[str, Any]
) -> MockConfigEntry:
    """MQTT set up first, then the modem entry with the bridge."""
    return await setup_modem_entry(hass, modem, bridge_options)


async def test_subscribes_and_answers_scalar(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, bridge_entry: MockConfigEntry
) -> None:
    """<root>/<metric>/get is answered on <root>/<metric> with a JSON scalar."""
    assert "zte/+/get" in subscribed(mqtt_mock)
    await request(hass, "zte/lte_rsrp/get")
    assert last_json(mqtt_mock, "zte/lte_rsrp") == -95
    await request(hass, "zte/provider/get", "anything at all")
    assert last_json(mqtt_mock, "zte/provider") == "Telia SE"
    await request(hass, "zte/connected/get")
    assert last_json(mqtt_mock, "zte/connected") is True
    await request(hass, "zte/wan_ipv6/get")
    assert last_json(mqtt_mock, "zte/wan_ipv6") == "2a02:aa1:1001::1"


async def test_null_when_not_reported(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, modem: ModemSimulator, bridge_entry: MockConfigEntry
) -> None:
    """A value the modem does not report now is JSON null, never ''."""
    modem.set_scenario("sa")
    await bridge_entry.runtime_data.coordinator.async_refresh()
    await request(hass, "zte/lte_rsrp/get")
    assert published(mqtt_mock, "zte/lte_rsrp")[-1][0] == "null"


async def test_case_is_normalised(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, bridge_entry: MockConfigEntry
) -> None:
    """zte/Provider/get is answered on zte/provider."""
    await request(hass, "zte/Provider/get")
    assert last_json(mqtt_mock, "zte/provider") == "Telia SE"
    assert not published(mqtt_mock, "zte/Provider")


async def test_retained_request_ignored(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, bridge_entry: MockConfigEntry
) -> None:
    """A retained get does not fire."""
    await request(hass, "zte/lte_rsrp/get", retain=True)
    assert not published(mqtt_mock, "zte/lte_rsrp")


async def test_aggregates(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, bridge_entry: MockConfigEntry
) -> None:
    """lte, nr5g and all objects carry every key, null when unknown."""
    await request(hass, "zte/lte/get")
    lte = last_json(mqtt_mock, "zte/lte")
    assert set(lte) == LTE_KEYS
    assert lte["rsrp"] == -95
    assert lte["pci"] == 500
    assert lte["band"] == "B3"
    assert lte["bandwidth"] == 20
    assert lte["rsrp1"] == -94

    await request(hass, "zte/nr5g/get")
    nr5g = last_json(mqtt_mock, "zte/nr5g")
    assert set(nr5g) == NR5G_KEYS
    assert nr5g["band"] == "n78"
    assert nr5g["pci"] == 0x3EF

    await request(hass, "zte/ALL/get")
    everything = last_json(mqtt_mock, "zte/all")
    assert set(everything) == {metric.key for metric in METRICS}


async def test_unknown_metric_error(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, bridge_entry: MockConfigEntry
) -> None:
    """Unknown metrics answer on <root>/error only; later requests still work."""
    await request(hass, "zte/Bogus/get")
    error = last_json(mqtt_mock, "zte/error")
    assert error["request"] == "Bogus"
    assert error["error"] == "unknown_metric"
    assert "docs/metrics.md" in error["message"]
    assert not published(mqtt_mock, "zte/bogus")

    await request(hass, "zte/lte_rsrq/get")
    assert last_json(mqtt_mock, "zte/lte_rsrq") == -10
    # The counters shown in diagnostics.
    assert bridge_entry.runtime_data.bridge.stats == {
        "requests": 2,
        "answered": 1,
        "errors": 1,
        "refreshes": 0,
    }


async def test_availability(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, modem: ModemSimulator, bridge_entry: MockConfigEntry
) -> None:
    """<root>/status: retained QoS 1, online/offline with the modem, pause and unload."""
    coordinator = bridge_entry.runtime_data.coordinator
    assert published(mqtt_mock, "zte/status")[-1] == ("online", 1, True)

    modem.inject_fault("reset")
    await coordinator.async_refresh()
    await hass.async_block_till_done()
    assert published(mqtt_mock, "zte/status")[-1] == ("offline", 1, True)

    await request(hass, "zte/lte_rsrp/get")
    assert last_json(mqtt_mock, "zte/error")["error"] == "modem_unavailable"

    modem.inject_fault(None)
    await coordinator.async_refresh()
    await hass.async_block_till_done()
    assert published(mqtt_mock, "zte/status")[-1] == ("online", 1, True)

    await coordinator.async_pause()
    await hass.async_block_till_done()
    assert published(mqtt_mock, "zte/status")[-1] == ("offline", 1, True)
    await request(hass, "zte/lte_rsrp/get")
    assert last_json(mqtt_mock, "zte/error")["error"] == "paused"
    await coordinator.async_resume()
    await hass.async_block_till_done()
    assert published(mqtt_mock, "zte/status")[-1] == ("online", 1, True)

    assert await hass.config_entries.async_unload(bridge_entry.entry_id)
    await hass.async_block_till_done()
    assert published(mqtt_mock, "zte/status")[-1] == ("offline", 1, True)


async def test_auth_failed_error(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, modem: ModemSimulator, bridge_entry: MockConfigEntry
) -> None:
    """A rejected password answers auth_failed and costs one attempt only."""
    modem.set_password("changed")
    modem.expire_sessions()
    bridge_entry.runtime_data.coordinator.last_read_at = -1000.0
    for _ in range(3):
        await request(hass, "zte/lte_rsrp/get")
    assert last_json(mqtt_mock, "zte/error")["error"] == "auth_failed"
    assert modem.stats.failed_logins == 1


@pytest.mark.parametrize("bridge_options", [{CONF_MAX_AGE: 60}])
async def test_freshness_and_flood(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, modem: ModemSimulator, bridge_entry: MockConfigEntry
) -> None:
    """Fresh cache: no modem read. Stale cache: 500 requests cost one read, all answered."""
    modem.stats.reset()
    for _ in range(20):
        async_fire_mqtt_message(hass, "zte/lte_rsrp/get", "")
    await hass.async_block_till_done()
    assert modem.stats.reads == 0
    assert len(published(mqtt_mock, "zte/lte_rsrp")) == 20

    bridge_entry.runtime_data.coordinator.last_read_at = -1000.0
    modem.set_values({"lte_rsrp": "-99"})
    for index in range(500):
        async_fire_mqtt_message(hass, "zte/lte_rsrp/get" if index % 2 else "zte/lte/get", "")
    await hass.async_block_till_done()

    assert modem.stats.reads == 1
    answers = published(mqtt_mock, "zte/lte_rsrp")[20:]
    assert len(answers) == 250
    assert {payload for payload, _, _ in answers} == {"-99"}
    assert len(published(mqtt_mock, "zte/lte")) == 250


async def test_failed_refresh_is_not_repeated_per_request(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, modem: ModemSimulator, bridge_entry: MockConfigEntry
) -> None:
    """While the modem is down, a burst of requests does not hammer it."""
    modem.inject_fault("reset")
    bridge_entry.runtime_data.coordinator.last_read_at = -1000.0
    modem.stats.reset()
    for _ in range(50):
        await request(hass, "zte/lte_rsrp/get")
    errors = [json.loads(p)["error"] for p, _, _ in published(mqtt_mock, "zte/error")]
    assert errors == ["modem_unavailable"] * 50
    assert modem.stats.requests <= 2


@pytest.mark.parametrize("bridge_options", [{CONF_PUBLISH_ON_POLL: True, CONF_MQTT_ROOT: "home/modem"}])
async def test_publish_on_poll_and_root(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, modem: ModemSimulator, bridge_entry: MockConfigEntry
) -> None:
    """Every poll publishes each metric and the aggregates under a multi-level root."""
    assert "home/modem/+/get" in subscribed(mqtt_mock)
    mqtt_mock.async_publish.reset_mock()
    modem.set_values({"lte_rsrp": "-80"})
    await bridge_entry.runtime_data.coordinator.async_refresh()
    await hass.async_block_till_done()
    assert last_json(mqtt_mock, "home/modem/lte_rsrp") == -80
    assert last_json(mqtt_mock, "home/modem/lte")["rsrp"] == -80
    assert set(last_json(mqtt_mock, "home/modem/nr5g")) == NR5G_KEYS
    for metric in METRICS:
        assert published(mqtt_mock, f"home/modem/{metric.key}"), metric.key
    await request(hass, "home/modem/cell_id/get")
    assert last_json(mqtt_mock, "home/modem/cell_id") == 0x2C20F34


@pytest.mark.parametrize("bridge_options", [{CONF_DISCOVERY: True}])
async def test_discovery(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, modem: ModemSimulator, bridge_entry: MockConfigEntry
) -> None:
    """One retained device config with every metric a component, republished on HA's birth, removed
    when switched off."""
    node = f"zte_modem_{modem.values['imei']}"
    topic = f"homeassistant/device/{node}/config"
    payload, qos, retain = published(mqtt_mock, topic)[-1]
    assert retain is True
    config = json.loads(payload)
    assert config["dev"]["manufacturer"] == "ZTE"
    assert config["dev"]["model"] == "MC801A"
    assert config["o"]["name"] == DOMAIN
    assert config["availability_topic"] == "zte/status"
    assert set(config["cmps"]) == {metric.key for metric in METRICS}
    rsrp = config["cmps"]["lte_rsrp"]
    assert rsrp["p"] == "sensor"
    assert rsrp["unique_id"] == f"{node}_lte_rsrp"
    assert rsrp["state_topic"] == "zte/lte_rsrp"
    assert (rsrp["device_class"], rsrp["unit_of_measurement"], rsrp["state_class"]) == (
        "signal_strength",
        "dBm",
        "measurement",
    )
    assert "object_id" not in rsrp
    assert "device" not in rsrp  # said once, for the whole device
    assert config["cmps"]["connected"]["p"] == "binary_sensor"
    assert config["cmps"]["connected"]["device_class"] == "connectivity"
    assert config["cmps"]["wan_ip"]["entity_category"] == "diagnostic"
    # Discovery implies publish on poll, so consumers get values.
    assert published(mqtt_mock, "zte/lte_rsrp")

    before = len(published(mqtt_mock, topic))
    await request(hass, "homeassistant/status", "online")
    assert len(published(mqtt_mock, topic)) == before + 1

    hass.config_entries.async_update_entry(bridge_entry, options={CONF_DISCOVERY: False})
    assert await hass.config_entries.async_reload(bridge_entry.entry_id)
    await hass.async_block_till_done()
    assert published(mqtt_mock, topic)[-1] == ("", 0, True)


@pytest.mark.parametrize("bridge_options", [{CONF_DISCOVERY: True}])
async def test_per_metric_configs_of_earlier_releases_are_cleared_once(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, modem: ModemSimulator, bridge_entry: MockConfigEntry
) -> None:
    """Upgrading from per-metric discovery: every old config topic gets one empty retained payload."""
    node = f"zte_modem_{modem.values['imei']}"
    flags = {metric.key for metric in METRICS if metric.kind is ValueKind.FLAG}
    old_topics = [
        f"homeassistant/{'binary_sensor' if metric.key in flags else 'sensor'}/{node}/{metric.key}/config"
        for metric in METRICS
    ]
    for old in old_topics:
        assert published(mqtt_mock, old) == [("", 0, True)]

    assert await hass.config_entries.async_reload(bridge_entry.entry_id)
    await hass.async_block_till_done()
    for old in old_topics:
        assert published(mqtt_mock, old) == [("", 0, True)]  # not again


@pytest.mark.parametrize("bridge_options", [{CONF_DISCOVERY: True}])
async def test_discovery_removed_with_entry(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, modem: ModemSimulator, bridge_entry: MockConfigEntry
) -> None:
    """Deleting the entry withdraws the device config."""
    await hass.config_entries.async_remove(bridge_entry.entry_id)
    await hass.async_block_till_done()
    node = f"zte_modem_{modem.values['imei']}"
    assert published(mqtt_mock, f"homeassistant/device/{node}/config")[-1] == ("", 0, True)


async def test_handler_failure_logged_once_bridge_survives(
    hass: HomeAssistant,
    mqtt_mock: MqttMockHAClient,
    bridge_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """An unexpected exception is logged once; the subscription stays and later requests work."""
    with patch("custom_components.zte_modem.mqtt.requests.render_one", side_effect=RuntimeError("boom")):
        await request(hass, "zte/lte_rsrp/get")
        await request(hass, "zte/lte_rsrp/get")
    assert caplog.text.count("reported once") == 1
    await request(hass, "zte/lte_rsrp/get")
    assert last_json(mqtt_mock, "zte/lte_rsrp") == -95


@pytest.mark.parametrize("bridge_options", [{CONF_MQTT_BRIDGE: False}])
async def test_bridge_off(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, bridge_entry: MockConfigEntry
) -> None:
    """With the bridge off nothing is subscribed or published."""
    assert "zte/+/get" not in subscribed(mqtt_mock)
    assert not published(mqtt_mock, "zte/status")


async def test_mqtt_arrives_later(
    hass: HomeAssistant,
    mqtt_mock_entry: MqttMockHAClientGenerator,
    modem: ModemSimulator,
    mock_config_entry: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
) -> None:
    """Without MQTT the sensors work and a repair issue explains; the bridge starts once MQTT is set up."""
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get("sensor.zte_mc801a_lte_rsrp").state == "-95"
    issue = issue_registry.async_get_issue(DOMAIN, f"mqtt_not_available_{mock_config_entry.entry_id}")
    assert issue is not None
    assert issue.translation_key == "mqtt_not_available"

    # The user adds the MQTT integration in the UI (this test HA has no configuration.yaml).
    with patch("homeassistant.config.async_hass_config_yaml", return_value={}):
        mqtt_mock = await mqtt_mock_entry()
    await hass.async_block_till_done()
    await asyncio.sleep(0)
    await hass.async_block_till_done()

    assert issue_registry.async_get_issue(DOMAIN, f"mqtt_not_available_{mock_config_entry.entry_id}") is None
    await request(hass, "zte/lte_rsrp/get")
    assert last_json(mqtt_mock, "zte/lte_rsrp") == -95


async def test_bridge_start_failure_keeps_sensors(
    hass: HomeAssistant,
    mqtt_mock: MqttMockHAClient,
    modem: ModemSimulator,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """If MQTT refuses the bridge's first publish, the sensors still work and nothing stays subscribed."""
    mock_config_entry.add_to_hass(hass)
    with patch(
        "custom_components.zte_modem.mqtt.channel.mqtt.async_publish",
        side_effect=HomeAssistantError("broker gone"),
    ):
        assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
        await hass.async_block_till_done()
    assert hass.states.get("sensor.zte_mc801a_lte_rsrp").state == "-95"
    assert mock_config_entry.runtime_data.bridge.session is None
    assert "could not start" in caplog.text
    mqtt_mock.async_publish.reset_mock()
    await request(hass, "zte/lte_rsrp/get")
    assert not published(mqtt_mock, "zte/lte_rsrp")


async def test_remove_without_mqtt(
    hass: HomeAssistant,
    modem: ModemSimulator,
    mock_config_entry: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
) -> None:
    """Deleting a modem whose discovery was on, on an HA without MQTT, removes it and its repair issue."""
    mock_config_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(mock_config_entry, options={CONF_DISCOVERY: True})
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert issue_registry.async_get_issue(DOMAIN, f"mqtt_not_available_{mock_config_entry.entry_id}")
    await hass.config_entries.async_remove(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert not hass.config_entries.async_entries(DOMAIN)
    assert not issue_registry.async_get_issue(DOMAIN, f"mqtt_not_available_{mock_config_entry.entry_id}")
