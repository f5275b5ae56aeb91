"""Actions: zte_modem.send_sms and zte_modem.delete_sms (never reachable over MQTT)."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers import device_registry as dr

from .compat import vol
from .const import DOMAIN, LOGGER
from .errors import VALIDATION_KEYS, describe_error
from .runtime import ZteConfigEntry
from .zte import ZteAuthenticationError, ZteError

ATTR_DEVICE_ID = "device_id"
ATTR_NUMBER = "number"
ATTR_MESSAGE = "message"
ATTR_KEEP_LATEST = "keep_latest"

SEND_SMS_SCHEMA = vol.Schema(
    {
        vol.Optional(ATTR_DEVICE_ID): cv.string,
        vol.Required(ATTR_NUMBER): vol.All(cv.ensure_list, [cv.string], vol.Length(min=1)),
        vol.Required(ATTR_MESSAGE): cv.string,
    }
)
DELETE_SMS_SCHEMA = vol.Schema(
    {
        vol.Optional(ATTR_DEVICE_ID): cv.string,
        vol.Optional(ATTR_KEEP_LATEST, default=0): vol.All(vol.Coerce(int), vol.Range(min=0)),
    }
)


def async_setup_services(hass: HomeAssistant) -> None:
    """Register the actions once for the integration (they pick the router by device_id)."""
    hass.services.async_register(
        DOMAIN,
        "send_sms",
        _async_send_sms,
        schema=SEND_SMS_SCHEMA,
        supports_response=SupportsResponse.OPTIONAL,
    )
    hass.services.async_register(DOMAIN, "delete_sms", _async_delete_sms, schema=DELETE_SMS_SCHEMA)
    from . import control_actions as controls

    hass.services.async_register(
        DOMAIN, "set_band_lock", controls.async_set_band_lock, schema=controls.SET_BAND_LOCK_SCHEMA
    )
    hass.services.async_register(
        DOMAIN, "set_cell_lock", controls.async_set_cell_lock, schema=controls.SET_CELL_LOCK_SCHEMA
    )
    for name, handler, schema in (
        ("send_ussd", controls.async_send_ussd, controls.SEND_USSD_SCHEMA),
        ("ussd_reply", controls.async_ussd_reply, controls.USSD_REPLY_SCHEMA),
    ):
        hass.services.async_register(
            DOMAIN, name, handler, schema=schema, supports_response=SupportsResponse.ONLY
        )
    hass.services.async_register(
        DOMAIN, "ussd_cancel", controls.async_ussd_cancel, schema=controls.USSD_CANCEL_SCHEMA
    )


def entry_for(call: ServiceCall) -> ZteConfigEntry:
    """The loaded router the call means; refused while its polling is paused (the web page has it)."""
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
        entry = chosen[0]
    elif len(loaded) == 1:
        entry = loaded[0]
    else:
        raise ServiceValidationError(translation_domain=DOMAIN, translation_key="no_device")
    if entry.runtime_data.coordinator.paused:
        raise HomeAssistantError(translation_domain=DOMAIN, translation_key="paused")
    return entry


def _raise_for(entry: ZteConfigEntry, err: ZteError) -> None:
    """The shared mapping; a wrong password opens reauth, never a retry."""
    if isinstance(err, ZteAuthenticationError):
        entry.async_start_reauth(entry.runtime_data.coordinator.hass)
    key, placeholders = describe_error(err)
    kind = ServiceValidationError if key in VALIDATION_KEYS else HomeAssistantError
    raise kind(translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders) from err


async def _async_send_sms(call: ServiceCall) -> ServiceResponse:
    entry = entry_for(call)
    numbers: list[str] = call.data[ATTR_NUMBER]
    try:
        result = await entry.runtime_data.client.send_sms(numbers, call.data[ATTR_MESSAGE])
    except ZteError as err:
        _raise_for(entry, err)
        raise  # pragma: no cover - _raise_for always raises
    LOGGER.info("Sent %d SMS through %s (%d failed)", len(result.sent), entry.title, len(result.failed))
    response: dict[str, Any] = {"sent": list(result.sent), "failed": list(result.failed)}
    if result.failed and not call.return_response:
        raise HomeAssistantError(
            translation_domain=DOMAIN,
            translation_key="sms_partly_failed",
            translation_placeholders={"failed": str(len(result.failed)), "total": str(len(numbers))},
        )
    return response if call.return_response else None


async def _async_delete_sms(call: ServiceCall) -> None:
    entry = entry_for(call)
    try:
        deleted = await entry.runtime_data.client.delete_all_but(call.data[ATTR_KEEP_LATEST])
    except ZteError as err:
        _raise_for(entry, err)
        raise  # pragma: no cover - _raise_for always raises
    LOGGER.info("Deleted %d SMS from %s", len(deleted), entry.title)
