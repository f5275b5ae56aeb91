"""A running bridge: its subscriptions, and what it publishes when things change."""

from __future__ import annotations

from homeassistant.components import mqtt
from homeassistant.components.mqtt import ReceiveMessage
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.loader import async_get_integration

from ..const import DOMAIN, LOGGER
from ..coordinator import ZteCoordinator
from ..options import ZteOptions
from ..runtime import ZteConfigEntry
from .availability import ONLINE, StatusPublisher
from .channel import Channel
from .discovery import DiscoveryPublisher, async_remove_discovery
from .requests import RequestHandler


class BridgeSession:
    """Subscribed to requests, HA's birth message and the broker connection; stopped for good."""

    def __init__(
        self, hass: HomeAssistant, entry: ZteConfigEntry, coordinator: ZteCoordinator, options: ZteOptions
    ) -> None:
        self.hass = hass
        self.entry = entry
        self.coordinator = coordinator
        self.options = options
        self.channel = Channel(hass, options.mqtt_root)
        self.requests = RequestHandler(coordinator, self.channel, options.max_age)
        # Discovery implies publish on poll, so consumers get values.
        self.status = StatusPublisher(
            coordinator, self.channel, publish_on_poll=options.discovery or options.publish_on_poll
        )
        self.discovery = (
            DiscoveryPublisher(entry, coordinator, self.channel, options.discovery_prefix)
            if options.discovery
            else None
        )
        self._unsubscribe: list[CALLBACK_TYPE] = []

    async def async_start(self) -> None:
        """Subscribe, announce availability, publish discovery and the values."""
        self._unsubscribe.append(await self.requests.async_subscribe())
        self._unsubscribe.append(self.coordinator.async_add_listener(self._on_coordinator_update))
        self._unsubscribe.append(
            mqtt.async_subscribe_connection_status(self.hass, self._on_connection_change)
        )
        if self.discovery is not None:
            integration = await async_get_integration(self.hass, DOMAIN)
            self.discovery.origin = {
                "name": DOMAIN,
                "sw_version": str(integration.version),
                "support_url": str(integration.documentation),
            }
            self._unsubscribe.append(
                await mqtt.async_subscribe(
                    self.hass, f"{self.options.discovery_prefix}/status", self._async_handle_birth, qos=0
                )
            )
            await self.discovery.async_publish()
        await self.status.async_publish_status()
        if self.status.publish_on_poll and self.coordinator.availability.online:
            await self.status.async_publish_values()
        LOGGER.debug("MQTT bridge listening on %s/+/get", self.channel.root)

    async def async_stop(self, *, withdraw_discovery: bool) -> None:
        """Unsubscribe, say offline, and withdraw discovery when asked."""
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        self._unsubscribe.clear()
        try:
            await self.status.async_publish_offline()
            if self.discovery is not None and withdraw_discovery:
                await async_remove_discovery(self.hass, self.entry, self.options.discovery_prefix)
        except HomeAssistantError as err:
            LOGGER.debug("MQTT not reachable while stopping the bridge: %s", err)

    @callback
    def _on_coordinator_update(self) -> None:
        self.entry.async_create_task(self.hass, self.status.async_after_poll(), "zte_modem mqtt publish")

    @callback
    def _on_connection_change(self, connected: bool) -> None:
        if connected:
            # A restarted broker may have lost retained messages: state them again.
            self.entry.async_create_task(self.hass, self._async_republish(), "zte_modem mqtt reconnect")

    async def _async_republish(self) -> None:
        try:
            await self.status.async_publish_status(force=True)
            if self.discovery is not None:
                await self.discovery.async_publish()
        except Exception:  # noqa: BLE001 - a broker hiccup must not break the bridge
            self.channel.report_failure("reconnect", "Could not republish after the MQTT broker came back")

    async def _async_handle_birth(self, msg: ReceiveMessage) -> None:
        if msg.payload in (ONLINE, ONLINE.encode()):
            await self._async_republish()
