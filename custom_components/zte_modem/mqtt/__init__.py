"""The MQTT bridge's whole life: waiting for HA's MQTT integration, starting, stopping, removal.

Nothing here imports Home Assistant's MQTT component at module level: it needs paho,
which HA installs only once MQTT is set up. The bridge answers the contract of
docs/mqtt.md through requests.py, availability.py and discovery.py, reading only the
coordinator's typed view (`async_fresh_data`, `availability`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from homeassistant.config_entries import (
    SIGNAL_CONFIG_ENTRY_CHANGED,
    ConfigEntry,
    ConfigEntryChange,
    ConfigEntryState,
)
from homeassistant.core import CALLBACK_TYPE, HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.dispatcher import async_dispatcher_connect

from ..const import DOMAIN, LOGGER, MQTT_DOMAIN
from ..coordinator import ZteCoordinator
from ..options import ZteOptions
from ..runtime import ZteConfigEntry

if TYPE_CHECKING:
    from .session import BridgeSession


def _issue_id(entry: ConfigEntry[Any]) -> str:
    return f"mqtt_not_available_{entry.entry_id}"


def mqtt_loaded(hass: HomeAssistant) -> bool:
    """HA's MQTT integration is set up and connected to a broker config."""
    return any(
        item.state is ConfigEntryState.LOADED for item in hass.config_entries.async_entries(MQTT_DOMAIN)
    )


@dataclass(slots=True)
class MqttBridge:
    """One modem's bridge: idle when switched off, waiting while MQTT is missing, else running."""

    hass: HomeAssistant
    entry: ZteConfigEntry
    coordinator: ZteCoordinator
    options: ZteOptions
    session: BridgeSession | None = None
    _stop_waiting: CALLBACK_TYPE | None = None

    @property
    def stats(self) -> dict[str, int] | None:
        """Request counters for diagnostics; None while the bridge is not running."""
        if self.session is None:
            return None
        return {**self.session.requests.stats, "refreshes": self.coordinator.shared_refreshes}

    async def async_setup(self) -> None:
        """Start now if MQTT is up; else a repair issue, and start once MQTT arrives."""
        if not self.options.mqtt_bridge:
            ir.async_delete_issue(self.hass, DOMAIN, _issue_id(self.entry))
            return
        if mqtt_loaded(self.hass):
            await self._async_start()
            return
        ir.async_create_issue(
            self.hass,
            DOMAIN,
            _issue_id(self.entry),
            is_fixable=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key="mqtt_not_available",
            translation_placeholders={"title": self.entry.title},
        )

        @callback
        def _on_entry_change(change: ConfigEntryChange, changed: ConfigEntry[Any]) -> None:
            if changed.domain == MQTT_DOMAIN and mqtt_loaded(self.hass) and self.session is None:
                self.entry.async_create_task(self.hass, self._async_start(), "zte_modem start mqtt bridge")

        self._stop_waiting = async_dispatcher_connect(
            self.hass, SIGNAL_CONFIG_ENTRY_CHANGED, _on_entry_change
        )

    async def _async_start(self) -> None:
        from .session import BridgeSession

        session = BridgeSession(self.hass, self.entry, self.coordinator, self.options)
        self.session = session
        try:
            await session.async_start()
        except HomeAssistantError as err:
            LOGGER.warning("MQTT bridge of %s could not start: %s", self.entry.title, err)
            await session.async_stop(withdraw_discovery=False)  # drop what it did subscribe
            self.session = None
            return
        ir.async_delete_issue(self.hass, DOMAIN, _issue_id(self.entry))

    async def async_unload(self) -> None:
        """Stop answering; withdraw discovery if the options switched it off."""
        if self._stop_waiting is not None:
            self._stop_waiting()
            self._stop_waiting = None
        if self.session is not None:
            still_wanted = ZteOptions.from_entry(self.entry).discovery_active
            await self.session.async_stop(withdraw_discovery=not still_wanted)
            self.session = None


async def async_remove_bridge(hass: HomeAssistant, entry: ZteConfigEntry) -> None:
    """A deleted modem takes its repair issue and its MQTT discovery config with it."""
    ir.async_delete_issue(hass, DOMAIN, _issue_id(entry))
    options = ZteOptions.from_entry(entry)
    if not options.discovery_active or not mqtt_loaded(hass):
        return
    from .discovery import async_remove_discovery

    try:
        await async_remove_discovery(hass, entry, options.discovery_prefix)
    except HomeAssistantError as err:
        LOGGER.warning("Could not remove the MQTT discovery config of %s: %s", entry.title, err)
