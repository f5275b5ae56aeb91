"""Set up and tear down one modem (a config entry)."""

from __future__ import annotations

import math
from collections.abc import Mapping

import aiohttp
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME, Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import ConfigEntryNotReady
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.aiohttp_client import async_create_clientsession

from .const import CONF_PROFILE, DOMAIN, LOGGER
from .coordinator import ZteCoordinator
from .mqtt import MqttBridge, async_remove_bridge
from .options import ZteOptions
from .runtime import ZteConfigEntry, ZteRuntimeData
from .zte import ModemClient, ZteClient, ZteError

PLATFORMS: list[Platform] = [
    Platform.BINARY_SENSOR,
    Platform.BUTTON,
    Platform.DEVICE_TRACKER,
    Platform.EVENT,
    Platform.NUMBER,
    Platform.SELECT,
    Platform.SENSOR,
    Platform.SWITCH,
    Platform.UPDATE,
]


def create_client(data: Mapping[str, object], session: aiohttp.ClientSession) -> ModemClient:
    """A client for an entry's settings and stored login profile, or for the config flow's
    check (no profile yet): the one place the HA side builds one; the library picks the transport."""
    username = data.get(CONF_USERNAME)
    stored = data.get(CONF_PROFILE)
    return ZteClient.from_stored(
        str(data[CONF_HOST]),
        str(data[CONF_PASSWORD]),
        session=session,
        username=username if isinstance(username, str) and username else None,
        stored_profile=stored if isinstance(stored, dict) else None,
    )


async def async_setup_entry(hass: HomeAssistant, entry: ZteConfigEntry) -> bool:
    """Connect to the modem, poll once, create the entities, start the MQTT bridge."""
    # A session of its own (the modem's cookie belongs to this entry); HA detaches it on unload.
    session = async_create_clientsession(hass, cookie_jar=aiohttp.CookieJar(unsafe=True))
    client = create_client(dict(entry.data), session)
    # How often the client lists join a poll (the "Tracking interval" option).
    client.timing.client_list_interval = ZteOptions.from_entry(entry).tracking_interval
    coordinator = ZteCoordinator(hass, entry, client)
    await coordinator.inbox.async_load()
    await coordinator.async_config_entry_first_refresh()
    try:
        # What the router offers decides which entities exist; learnt once per client.
        capabilities = await client.capabilities()
    except ZteError as err:
        raise ConfigEntryNotReady(str(err)) from err
    coordinator.capabilities = capabilities
    bridge = MqttBridge(hass, entry, coordinator, ZteOptions.from_entry(entry))
    entry.runtime_data = ZteRuntimeData(
        client=client, coordinator=coordinator, bridge=bridge, capabilities=capabilities
    )

    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    if not _client_lists_wanted(hass, entry):
        # Nobody tracks devices and the count sensor is disabled: the lists cost requests for
        # nothing. Enabling the sensor reloads the entry (HA does), which reads them again.
        client.timing.client_list_interval = math.inf
    await bridge.async_setup()
    return True


def _client_lists_wanted(hass: HomeAssistant, entry: ZteConfigEntry) -> bool:
    """Trackers are on, or the Connected devices sensor is enabled (or not created yet)."""
    if ZteOptions.from_entry(entry).track_devices:
        return True
    registry = er.async_get(hass)
    entity_id = registry.async_get_entity_id(Platform.SENSOR, DOMAIN, f"{entry.unique_id}_connected_devices")
    found = registry.async_get(entity_id) if entity_id is not None else None
    return found is None or found.disabled_by is None


async def async_unload_entry(hass: HomeAssistant, entry: ZteConfigEntry) -> bool:
    """Stop everything and give the modem's single session back to the web UI."""
    runtime = entry.runtime_data
    await runtime.bridge.async_unload()
    unloaded = await hass.config_entries.async_unload_platforms(entry, PLATFORMS)
    if unloaded:
        try:
            await runtime.client.logout()
        except ZteError as err:
            LOGGER.debug("Logout on unload failed: %s", err)
    return unloaded


async def async_remove_entry(hass: HomeAssistant, entry: ZteConfigEntry) -> None:
    """A deleted modem takes its MQTT discovery config and repair issue with it."""
    await async_remove_bridge(hass, entry)
