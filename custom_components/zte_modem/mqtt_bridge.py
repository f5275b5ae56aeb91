"""The MQTT bridge: answers <root>/<metric>/get through Home Assistant's MQTT integration.

It reads the coordinator and the metric catalogue only, never the modem: a
request is answered from the last poll when that is younger than max_age,
otherwise from one refresh that every waiting request shares.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Mapping
from typing import Any

from homeassistant.components import mqtt
from homeassistant.components.mqtt import ReceiveMessage
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryAuthFailed, HomeAssistantError
from homeassistant.helpers.json import json_dumps
from homeassistant.loader import async_get_integration

from .const import (
    CONF_LEGACY_DISCOVERY_CLEARED,
    DOMAIN,
    LOGGER,
)
from .coordinator import ZteConfigEntry, ZteCoordinator
from .options import ZteOptions
from .zte import AGGREGATES, METRICS, METRICS_BY_KEY, ModemSnapshot, aggregate_keys

ALL = "all"
ONLINE = "online"
OFFLINE = "offline"
DOCS_HINT = "see docs/metrics.md for the metric keys"
AGGREGATE_KEYS: Mapping[str, Mapping[str, str]] = {name: aggregate_keys(name) for name in AGGREGATES}
REQUESTABLE = frozenset({*METRICS_BY_KEY, *AGGREGATES, ALL})
_UNSAFE_ID = re.compile(r"[^a-zA-Z0-9_-]")


class RequestError(Exception):
    """A request that cannot be answered, with its contract error code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def node_id(entry: ZteConfigEntry) -> str:
    """zte_modem_<entry unique id>, reduced to what discovery topics allow."""
    return "zte_modem_" + _UNSAFE_ID.sub("_", str(entry.unique_id))


def discovery_topic(entry: ZteConfigEntry, prefix: str) -> str:
    """The one device-based discovery config of a modem (HA 2024.11+)."""
    return f"{prefix}/device/{node_id(entry)}/config"


def legacy_discovery_topics(entry: ZteConfigEntry, prefix: str) -> list[str]:
    """The per-metric config topics of earlier releases, cleared once after the upgrade."""
    node = node_id(entry)
    return [f"{prefix}/{metric.platform}/{node}/{metric.key}/config" for metric in METRICS]


def render_one(snapshot: ModemSnapshot, request: str) -> str:
    """The JSON payload answering one request key (a metric, an aggregate or `all`)."""
    values = snapshot.values
    answer: Any
    if request == ALL:
        answer = {key: values.get(key) for key in METRICS_BY_KEY}
    elif request in AGGREGATE_KEYS:
        answer = {short: values.get(key) for short, key in AGGREGATE_KEYS[request].items()}
    else:
        answer = values.get(request)
    return json_dumps(answer)


def render_payloads(snapshot: ModemSnapshot) -> dict[str, str]:
    """What publish-on-poll sends: every metric and the lte and nr5g objects."""
    return {key: render_one(snapshot, key) for key in (*METRICS_BY_KEY, *AGGREGATES)}


class MqttBridge:
    """One modem's MQTT contract (docs/mqtt.md)."""

    def __init__(self, hass: HomeAssistant, entry: ZteConfigEntry) -> None:
        self.hass = hass
        self.entry = entry
        self.coordinator: ZteCoordinator = entry.runtime_data.coordinator
        options = ZteOptions.from_entry(entry)
        self.root = options.mqtt_root
        self.max_age = options.max_age
        self.discovery = options.discovery
        self.prefix = options.discovery_prefix
        self.publish_on_poll = options.discovery or options.publish_on_poll
        self._request_prefix = f"{self.root}/"
        self._unsubscribe: list[CALLBACK_TYPE] = []
        self._refresh: asyncio.Task[None] | None = None
        self._failed_at: float | None = None  # time.monotonic() of the last failed refresh
        self._status: str | None = None
        self._reported_failures: set[str] = set()
        self._origin: dict[str, str] = {"name": DOMAIN}
        self.stats = {"requests": 0, "answered": 0, "errors": 0, "refreshes": 0}

    async def async_start(self) -> None:
        """Subscribe, announce availability, publish discovery."""
        integration = await async_get_integration(self.hass, DOMAIN)
        self._origin = {
            "name": DOMAIN,
            "sw_version": str(integration.version),
            "support_url": str(integration.documentation),
        }
        self._unsubscribe.append(
            # encoding=None: the payload is ignored, so binary or non-UTF-8 requests are answered too.
            await mqtt.async_subscribe(
                self.hass, f"{self.root}/+/get", self._async_handle_request, qos=0, encoding=None
            )
        )
        self._unsubscribe.append(self.coordinator.async_add_listener(self._on_coordinator_update))
        self._unsubscribe.append(
            mqtt.async_subscribe_connection_status(self.hass, self._on_connection_change)
        )
        if self.discovery:
            self._unsubscribe.append(
                await mqtt.async_subscribe(
                    self.hass, f"{self.prefix}/status", self._async_handle_birth, qos=0
                )
            )
            await self.async_publish_discovery()
        await self._async_publish_status()
        if self.publish_on_poll:
            await self._async_publish_all()
        LOGGER.debug("MQTT bridge listening on %s/+/get", self.root)

    async def async_stop(self) -> None:
        """Unsubscribe, say offline, and withdraw discovery if it was switched off."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
        if self._refresh is not None:
            self._refresh.cancel()
        discovery_now = ZteOptions.from_entry(self.entry).discovery_active
        try:
            await self._publish(f"{self.root}/status", OFFLINE, qos=1, retain=True)
            if self.discovery and not discovery_now:
                await async_remove_discovery_configs(self.hass, self.entry, self.prefix)
        except HomeAssistantError as err:
            LOGGER.debug("MQTT not reachable while stopping the bridge: %s", err)

    # -- requests -------------------------------------------------------

    async def _async_handle_request(self, msg: ReceiveMessage) -> None:
        """Answer one <root>/<metric>/get; never raises into the MQTT client."""
        if msg.retain:
            return
        self.stats["requests"] += 1
        requested = msg.topic.removeprefix(self._request_prefix).removesuffix("/get")
        try:
            key = requested.lower()
            if key not in REQUESTABLE:
                raise RequestError("unknown_metric", f"Unknown metric {requested!r}; {DOCS_HINT}")
            snapshot = await self._async_fresh_snapshot()
            await self._publish(f"{self.root}/{key}", render_one(snapshot, key))
            self.stats["answered"] += 1
        except RequestError as err:
            self.stats["errors"] += 1
            await self._async_publish_error(requested, err.code, str(err))
        except Exception:  # noqa: BLE001 - the bridge must survive anything one request does
            self.stats["errors"] += 1
            self._report_failure("request", f"Unexpected failure answering {msg.topic!r}")

    async def _async_fresh_snapshot(self) -> ModemSnapshot:
        coordinator = self.coordinator
        if coordinator.paused:
            raise RequestError("paused", "Polling is paused so the router's web page can be used")
        if self._is_fresh():
            return coordinator.data
        recently_failed = self._failed_at is not None and time.monotonic() - self._failed_at < self.max_age
        if not recently_failed or self._refresh is not None:
            if self._refresh is None:
                self._refresh = self.entry.async_create_task(
                    self.hass, self._async_refresh(), "zte_modem mqtt refresh"
                )
            await asyncio.shield(self._refresh)
        if coordinator.last_update_success and coordinator.data is not None and self._is_fresh():
            return coordinator.data
        if isinstance(coordinator.last_exception, ConfigEntryAuthFailed):
            raise RequestError(
                "auth_failed", "The router rejected the password; reauthenticate in Home Assistant"
            )
        raise RequestError("modem_unavailable", f"The router cannot be read: {coordinator.last_exception}")

    def _is_fresh(self) -> bool:
        coordinator = self.coordinator
        read_at = coordinator.last_read_at
        return (
            coordinator.last_update_success
            and coordinator.data is not None
            and read_at is not None
            and time.monotonic() - read_at <= self.max_age
        )

    async def _async_refresh(self) -> None:
        try:
            self.stats["refreshes"] += 1
            await self.coordinator.async_refresh()
            # A failed refresh is not repeated for every request of a burst.
            self._failed_at = None if self.coordinator.last_update_success else time.monotonic()
        finally:
            self._refresh = None

    async def _async_publish_error(self, requested: str, code: str, message: str) -> None:
        payload = json_dumps({"request": requested, "error": code, "message": message})
        try:
            await self._publish(f"{self.root}/error", payload)
        except Exception:  # noqa: BLE001 - a broker hiccup must not break the bridge
            self._report_failure("error", "Could not publish an MQTT error answer")

    # -- publishing ------------------------------------------------------

    async def _publish(self, topic: str, payload: str, *, qos: int = 0, retain: bool = False) -> None:
        await mqtt.async_publish(self.hass, topic, payload, qos=qos, retain=retain)

    @callback
    def _on_coordinator_update(self) -> None:
        self.entry.async_create_task(self.hass, self._async_after_poll(), "zte_modem mqtt publish")

    async def _async_after_poll(self) -> None:
        try:
            await self._async_publish_status()
            if self.publish_on_poll and self.coordinator.last_update_success and not self.coordinator.paused:
                await self._async_publish_all()
        except Exception:  # noqa: BLE001 - publishing must never stop polling
            self._report_failure("poll", "Could not publish modem values to MQTT")

    async def _async_publish_status(self, *, force: bool = False) -> None:
        online = self.coordinator.last_update_success and not self.coordinator.paused
        status = ONLINE if online else OFFLINE
        if status != self._status or force:
            self._status = status
            await self._publish(f"{self.root}/status", status, qos=1, retain=True)

    async def _async_publish_all(self) -> None:
        for key, payload in render_payloads(self.coordinator.data).items():
            await self._publish(f"{self.root}/{key}", payload)

    @callback
    def _on_connection_change(self, connected: bool) -> None:
        if connected:
            # A restarted broker may have lost retained messages: state them again.
            self.entry.async_create_task(self.hass, self._async_republish(), "zte_modem mqtt reconnect")

    async def _async_republish(self) -> None:
        try:
            await self._async_publish_status(force=True)
            if self.discovery:
                await self.async_publish_discovery()
        except Exception:  # noqa: BLE001
            self._report_failure("reconnect", "Could not republish after the MQTT broker came back")

    async def _async_handle_birth(self, msg: ReceiveMessage) -> None:
        if msg.payload in (ONLINE, ONLINE.encode()):
            await self._async_republish()

    # -- discovery -------------------------------------------------------

    async def async_publish_discovery(self) -> None:
        """One retained device-based config: device and origin once, every metric a component."""
        if not self.entry.data.get(CONF_LEGACY_DISCOVERY_CLEARED):
            # Earlier releases sent one config per metric; empty them once so nothing is orphaned.
            for topic in legacy_discovery_topics(self.entry, self.prefix):
                await self._publish(topic, "", retain=True)
            self.hass.config_entries.async_update_entry(
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
            "o": self._origin,
            "availability_topic": f"{self.root}/status",
            "qos": 0,
            "cmps": {metric.key: self._component(metric.key, node) for metric in METRICS},
        }
        await self._publish(discovery_topic(self.entry, self.prefix), json_dumps(config), retain=True)

    def _component(self, key: str, node: str) -> dict[str, Any]:
        metric = METRICS_BY_KEY[key]
        config: dict[str, Any] = {
            "p": metric.platform,
            "name": metric.name,
            "unique_id": f"{node}_{key}",
            "state_topic": f"{self.root}/{key}",
            "value_template": "{{ value_json }}",
        }
        if metric.platform == "binary_sensor":
            config["payload_on"] = "True"
            config["payload_off"] = "False"
        else:
            if metric.unit:
                config["unit_of_measurement"] = metric.unit
            if metric.state_class:
                config["state_class"] = metric.state_class
        if metric.device_class:
            config["device_class"] = metric.device_class
        if metric.entity_category:
            config["entity_category"] = metric.entity_category
        if not metric.enabled_by_default:
            config["enabled_by_default"] = False
        return config

    def _report_failure(self, where: str, message: str) -> None:
        if where in self._reported_failures:
            LOGGER.debug(message, exc_info=True)
            return
        self._reported_failures.add(where)
        LOGGER.exception("%s (reported once; the bridge keeps running)", message)


async def async_remove_discovery_configs(hass: HomeAssistant, entry: ZteConfigEntry, prefix: str) -> None:
    """An empty retained payload on the config topic removes the device from every consumer."""
    await mqtt.async_publish(hass, discovery_topic(entry, prefix), "", qos=0, retain=True)
    if not entry.data.get(CONF_LEGACY_DISCOVERY_CLEARED):
        for topic in legacy_discovery_topics(entry, prefix):
            await mqtt.async_publish(hass, topic, "", qos=0, retain=True)
