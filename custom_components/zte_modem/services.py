"""Actions: zte_modem.send_sms and zte_modem.delete_sms (never reachable over MQTT)."""

from __future__ import annotations

from typing import Any

from homeassistant.core import HomeAssistant, ServiceCall, ServiceResponse, SupportsResponse
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import config_validation as cv

from . import control_actions as controls
from .compat import vol
from .const import DOMAIN, LOGGER
from .controls import async_call_modem
from .targets import ATTR_DEVICE_ID, entry_for

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


async def _async_send_sms(call: ServiceCall) -> ServiceResponse:
    entry = entry_for(call)
    numbers: list[str] = call.data[ATTR_NUMBER]
    client = entry.runtime_data.client
    result = await async_call_modem(
        entry.runtime_data.coordinator,
        lambda: client.send_sms(numbers, call.data[ATTR_MESSAGE]),
        refresh=False,
    )
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
    client = entry.runtime_data.client
    deleted = await async_call_modem(
        entry.runtime_data.coordinator,
        lambda: client.delete_all_but(call.data[ATTR_KEEP_LATEST]),
        refresh=False,
    )
    LOGGER.info("Deleted %d SMS from %s", len(deleted), entry.title)
