"""Set up and tear down one modem (a config entry)."""

from __future__ import annotations

import aiohttp
from homeassistant.config_entries import (
    SIGNAL_CONFIG_ENTRY_CHANGED,
    ConfigEntry,
    ConfigEntryChange,
    ConfigEntryState,
)
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME, Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.aiohttp_client import async_create_clientsession
from homeassistant.helpers.dispatcher import async_dispatcher_connect

from .const import (
    CONF_PROFILE,
    DOMAIN,
    LOGGER,
)
from .coordinator import ZteConfigEntry, ZteCoordinator, ZteRuntimeData
from .options import ZteOptions
from .zte import LoginProfile, ZteClient, ZteError

PLATFORMS: list[Platform] = [Platform.BINARY_SENSOR, Platform.BUTTON, Platform.SENSOR, Platform.SWITCH]
MQTT_DOMAIN = "mqtt"


def create_client(data: dict[str, object], session: aiohttp.ClientSession) -> ZteClient:
    """A client for the stored settings and login profile."""
    profile = None
    if isinstance(stored := data.get(CONF_PROFILE), dict):
        try:
            profile = LoginProfile.from_dict(stored)
        except (KeyError, ValueError):
            LOGGER.debug("Stored login profile unusable, detecting again")
    username = data.get(CONF_USERNAME)
    return ZteClient(
        str(data[CONF_HOST]),
        str(data[CONF_PASSWORD]),
        session=session,
        username=username if isinstance(username, str) and username else None,
        profile=profile,
    )


async def async_setup_entry(hass: HomeAssistant, entry: ZteConfigEntry) -> bool:
    """Connect to the modem, poll once, create the entities, start the MQTT bridge."""
    # A session of its own (the modem's cookie belongs to this entry); HA detaches it on unload.
    session = async_create_clientsession(hass, cookie_jar=aiohttp.CookieJar(unsafe=True))
    client = create_client(dict(entry.data), session)
    coordinator = ZteCoordinator(hass, entry, client)
    await coordinator.async_config_entry_first_refresh()
    entry.runtime_data = ZteRuntimeData(client=client, coordinator=coordinator)

    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    await _async_setup_bridge(hass, entry)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: ZteConfigEntry) -> bool:
    """Stop everything and give the modem's single session back to the web UI."""
    runtime = entry.runtime_data
    if runtime.bridge is not None:
        await runtime.bridge.async_stop()
        runtime.bridge = None
    unloaded = await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
    if unloaded:
        try:
            await runtime.client.logout()
        except ZteError as err:
            LOGGER.debug("Logout on unload failed: %s", err)
    return unloaded


async def async_remove_entry(hass: HomeAssistant, entry: ZteConfigEntry) -> None:
    """A deleted modem takes its MQTT discovery configs and repair issue with it."""
    ir.async_delete_issue(hass, DOMAIN, _issue_id(entry))
    options = ZteOptions.from_entry(entry)
    if not options.discovery_active:
        return
    if not _mqtt_loaded(hass):
        return
    from .mqtt_bridge import async_remove_discovery_configs  # lazy: MQTT stays optional

    try:
        await async_remove_discovery_configs(hass, entry, options.discovery_prefix)
    except HomeAssistantError as err:
        LOGGER.warning("Could not remove the MQTT discovery configs of %s: %s", entry.title, err)


def _issue_id(entry: ConfigEntry) -> str:
    return f"mqtt_not_available_{entry.entry_id}"


def _mqtt_loaded(hass: HomeAssistant) -> bool:
    return any(
        item.state is ConfigEntryState.LOADED for item in hass.config_entries.async_entries(MQTT_DOMAIN)
    )


async def _async_setup_bridge(hass: HomeAssistant, entry: ZteConfigEntry) -> None:
    """Start the bridge now if MQTT is up, else raise a repair issue and start it when MQTT arrives."""
    if not ZteOptions.from_entry(entry).mqtt_bridge:
        ir.async_delete_issue(hass, DOMAIN, _issue_id(entry))
        return
    if _mqtt_loaded(hass):
        await _async_start_bridge(hass, entry)
        return
    ir.async_create_issue(
        hass,
        DOMAIN,
        _issue_id(entry),
        is_fixable=False,
        severity=ir.IssueSeverity.WARNING,
        translation_key="mqtt_not_available",
        translation_placeholders={"title": entry.title},
    )

    @callback
    def _on_entry_change(change: ConfigEntryChange, changed: ConfigEntry) -> None:
        if changed.domain == MQTT_DOMAIN and _mqtt_loaded(hass) and entry.runtime_data.bridge is None:
            entry.async_create_task(hass, _async_start_bridge(hass, entry), "zte_modem start mqtt bridge")

    entry.async_on_unload(async_dispatcher_connect(hass, SIGNAL_CONFIG_ENTRY_CHANGED, _on_entry_change))


async def _async_start_bridge(hass: HomeAssistant, entry: ZteConfigEntry) -> None:
    from .mqtt_bridge import MqttBridge  # lazy: imports paho, present once MQTT is set up

    bridge = MqttBridge(hass, entry)
    entry.runtime_data.bridge = bridge
    try:
        await bridge.async_start()
    except HomeAssistantError as err:
        LOGGER.warning("MQTT bridge of %s could not start: %s", entry.title, err)
        await bridge.async_stop()  # drop what it did subscribe
        entry.runtime_data.bridge = None
        return
    ir.async_delete_issue(hass, DOMAIN, _issue_id(entry))
