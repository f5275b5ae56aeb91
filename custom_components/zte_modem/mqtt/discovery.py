"""Device-based MQTT discovery for other consumers (docs/mqtt.md, "MQTT discovery").

The presentation (device class, unit, state class, category) is the one of the native
entities: it is read from their descriptions, never restated here.
"""

from __future__ import annotations

import re
from typing import Any

from homeassistant.components import mqtt
from homeassistant.core import HomeAssistant
from homeassistant.helpers.json import json_dumps

from ..binary_sensor import BINARY_SENSORS
from ..const import CONF_LEGACY_DISCOVERY_CLEARED
from ..coordinator import ZteCoordinator
from ..runtime import ZteConfigEntry
from ..sensor import SENSORS
from ..zte import METRICS_BY_KEY
from .channel import Channel

_UNSAFE_ID = re.compile(r"[^a-zA-Z0-9_-]")


def node_id(entry: ZteConfigEntry) -> str:
    """zte_modem_<entry unique id>, reduced to what discovery topics allow."""
    return "zte_modem_" + _UNSAFE_ID.sub("_", str(entry.unique_id))


def discovery_topic(entry: ZteConfigEntry, prefix: str) -> str:
    """The one device-based discovery config of a modem (HA 2024.11+)."""
    return f"{prefix}/device/{node_id(entry)}/config"


def legacy_discovery_topics(entry: ZteConfigEntry, prefix: str) -> list[str]:
    """The per-metric config topics of earlier releases, cleared once after the upgrade."""
    node = node_id(entry)
    return [
        *(f"{prefix}/sensor/{node}/{description.key}/config" for description in SENSORS),
        *(f"{prefix}/binary_sensor/{node}/{description.key}/config" for description in BINARY_SENSORS),
    ]


def components(root: str, node: str) -> dict[str, dict[str, Any]]:
    """One component per native entity, with the same presentation."""
    found: dict[str, dict[str, Any]] = {}
    for platform, descriptions in (("sensor", SENSORS), ("binary_sensor", BINARY_SENSORS)):
        for description in descriptions:
            config: dict[str, Any] = {
                "p": platform,
                "name": METRICS_BY_KEY[description.key].name,
                "unique_id": f"{node}_{description.key}",
                "state_topic": f"{root}/{description.key}",
                "value_template": "{{ value_json }}",
            }
            if platform == "binary_sensor":
                config["payload_on"] = "True"
                config["payload_off"] = "False"
            unit = getattr(description, "native_unit_of_measurement", None)
            state_class = getattr(description, "state_class", None)
            for name, value in (
                ("unit_of_measurement", unit),
                ("state_class", state_class),
                ("device_class", description.device_class),
                ("entity_category", description.entity_category),
            ):
                if value is not None:
                    config[name] = str(value)
            if not description.entity_registry_enabled_default:
                config["enabled_by_default"] = False
            found[description.key] = config
    return found


class DiscoveryPublisher:
    """The retained device config, re-sent on HA's birth message and after reconnects."""

    def __init__(
        self, entry: ZteConfigEntry, coordinator: ZteCoordinator, channel: Channel, prefix: str
    ) -> None:
        self.entry = entry
        self.coordinator = coordinator
        self.channel = channel
        self.prefix = prefix
        self.origin: dict[str, str] = {}

    async def async_publish(self) -> None:
        """Device and origin once, every metric a component; old per-metric configs emptied once."""
        hass = self.channel.hass
        if not self.entry.data.get(CONF_LEGACY_DISCOVERY_CLEARED):
            for topic in legacy_discovery_topics(self.entry, self.prefix):
                await self.channel.publish(topic, "", retain=True)
            hass.config_entries.async_update_entry(
                self.entry, data={**self.entry.data, CONF_LEGACY_DISCOVERY_CLEARED: True}
            )
        node = node_id(self.entry)
        device = self.coordinator.data.device
        config = {
            "dev": {
                "identifiers": [node],
                "manufacturer": "ZTE",
                "model": device.model,
                "name": device.name,
                "sw_version": device.firmware,
            },
            "o": self.origin,
            "availability_topic": f"{self.channel.root}/status",
            "qos": 0,
            "cmps": components(self.channel.root, node),
        }
        await self.channel.publish(discovery_topic(self.entry, self.prefix), json_dumps(config), retain=True)


async def async_remove_discovery(hass: HomeAssistant, entry: ZteConfigEntry, prefix: str) -> None:
    """An empty retained payload on the config topic removes the device from every consumer."""
    await mqtt.async_publish(hass, discovery_topic(entry, prefix), "", qos=0, retain=True)
    if not entry.data.get(CONF_LEGACY_DISCOVERY_CLEARED):
        for topic in legacy_discovery_topics(entry, prefix):
            await mqtt.async_publish(hass, topic, "", qos=0, retain=True)
