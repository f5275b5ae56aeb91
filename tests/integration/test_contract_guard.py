"""What users and their automations see must not move when the code is reshaped.

The golden file was recorded on the simulator before the reshape of the HA side (one job
per module, presentation out of the library): every entity's registry entry and
presentation, and every MQTT answer (each catalogue key, `lte`, `nr5g`, `all`, errors,
discovery). Record it again only for an intended change:
`ZTE_RECORD_GOLDEN=1 scripts/test -- tests/integration/test_contract_guard.py`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.typing import MqttMockHAClient

from custom_components.zte_modem.const import CONF_DISCOVERY, DOMAIN
from custom_components.zte_modem.zte import METRICS
from tests.integration.conftest import setup_modem_entry
from tests.integration.test_mqtt_bridge import cancel_mqtt_misc_timer, published, request
from tests.simulator import ModemSimulator

__all__ = ["cancel_mqtt_misc_timer"]  # the autouse fixture of the MQTT tests applies here too

GOLDEN = Path(__file__).parent / "snapshots" / "contract_golden.json"
SCENARIOS = ("nsa", "sa", "no_sim")


def _registry(hass: HomeAssistant) -> list[dict[str, Any]]:
    registry = er.async_get(hass)
    rows = []
    for entry in registry.entities.values():
        if entry.platform != DOMAIN:
            continue  # entities HA's own MQTT made from our discovery depend on HA's version
        state = hass.states.get(entry.entity_id)
        rows.append(
            {
                "entity_id": entry.entity_id,
                "unique_id": entry.unique_id,
                "platform": entry.domain,
                "translation_key": entry.translation_key,
                "entity_category": str(entry.entity_category) if entry.entity_category else None,
                "disabled_by_default": entry.disabled_by is not None,
                "device_class": entry.original_device_class,
                "unit": entry.unit_of_measurement,
                "state": state.state if state else None,
                "state_class": state.attributes.get("state_class") if state else None,
            }
        )
    return sorted(rows, key=lambda row: row["entity_id"])


async def _answers(hass: HomeAssistant, mqtt_mock: MqttMockHAClient) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for key in [*(metric.key for metric in METRICS), "lte", "nr5g", "all", "No_Such"]:
        await request(hass, f"zte/{key}/get")
    for call in mqtt_mock.async_publish.call_args_list:
        topic, payload, qos, retain = call.args[:4]
        if topic.startswith("zte/") and not topic.endswith("/get"):
            answers[topic] = {
                "payload": json.loads(payload) if payload else payload,
                "qos": qos,
                "retain": retain,
            }
    return answers


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_registry_and_mqtt_answers_unchanged(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, modem: ModemSimulator
) -> None:
    """Entity ids, unique ids, presentation, states and every MQTT answer as before the reshape."""
    entry = await setup_modem_entry(hass, modem, {CONF_DISCOVERY: True})
    seen: dict[str, Any] = {"registry": _registry(hass), "mqtt": {}}
    node = f"zte_modem_{modem.values['imei']}"
    discovery = json.loads(published(mqtt_mock, f"homeassistant/device/{node}/config")[-1][0])
    discovery["o"].pop("sw_version", None)
    seen["discovery"] = discovery
    for scenario in SCENARIOS:
        modem.set_scenario(scenario)
        mqtt_mock.async_publish.reset_mock()
        await entry.runtime_data.coordinator.async_refresh()
        await hass.async_block_till_done()
        seen["mqtt"][scenario] = await _answers(hass, mqtt_mock)

    if os.environ.get("ZTE_RECORD_GOLDEN"):
        GOLDEN.write_text(json.dumps(seen, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    golden = json.loads(GOLDEN.read_text())
    assert seen["registry"] == golden["registry"]
    assert seen["discovery"] == golden["discovery"]
    for scenario in SCENARIOS:
        assert seen["mqtt"][scenario] == golden["mqtt"][scenario], scenario
