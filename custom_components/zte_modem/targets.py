"""Which router an action call means (the actions pick it by device_id)."""

from __future__ import annotations

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import ServiceCall
from homeassistant.exceptions import ServiceValidationError
from homeassistant.helpers import device_registry as dr

from .const import DOMAIN
from .runtime import ZteConfigEntry

ATTR_DEVICE_ID = "device_id"


def entry_for(call: ServiceCall) -> ZteConfigEntry:
    """The loaded router the call means: the one named by device_id, or the only one loaded."""
    loaded: list[ZteConfigEntry] = [
        entry
        for entry in call.hass.config_entries.async_entries(DOMAIN)
        if entry.state is ConfigEntryState.LOADED
    ]
    if (device_id := call.data.get(ATTR_DEVICE_ID)) is not None:
        device = dr.async_get(call.hass).async_get(device_id)
        chosen = [entry for entry in loaded if device is not None and entry.entry_id in device.config_entries]
        if not chosen:
            raise ServiceValidationError(translation_domain=DOMAIN, translation_key="unknown_device")
        return chosen[0]
    if len(loaded) == 1:
        return loaded[0]
    raise ServiceValidationError(translation_domain=DOMAIN, translation_key="no_device")
