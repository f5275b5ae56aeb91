"""Actions for the router's radio: band lock, cell lock, USSD (never reachable over MQTT)."""

from __future__ import annotations

from homeassistant.core import ServiceCall, ServiceResponse
from homeassistant.helpers import config_validation as cv

from .compat import vol
from .const import LOGGER
from .controls import async_call_modem
from .targets import ATTR_DEVICE_ID, entry_for

BAND = vol.All(vol.Coerce(int), vol.Range(min=1, max=512))

SET_BAND_LOCK_SCHEMA = vol.Schema(
    {
        vol.Optional(ATTR_DEVICE_ID): cv.string,
        vol.Optional("lte_bands"): vol.All(cv.ensure_list, [BAND]),
        vol.Optional("nr_bands"): vol.All(cv.ensure_list, [BAND]),
    }
)
SET_CELL_LOCK_SCHEMA = vol.Schema(
    {
        vol.Optional(ATTR_DEVICE_ID): cv.string,
        vol.Required("rat"): vol.In(["lte", "nr"]),
        vol.Optional("pci"): vol.All(vol.Coerce(int), vol.Range(min=0, max=1007)),
        vol.Optional("earfcn"): vol.All(vol.Coerce(int), vol.Range(min=0)),
        vol.Optional("arfcn"): vol.All(vol.Coerce(int), vol.Range(min=0)),
        vol.Optional("band"): BAND,
        vol.Optional("scs"): vol.All(vol.Coerce(int), vol.In([15, 30, 60, 120, 240])),
        vol.Optional("clear", default=False): cv.boolean,
        vol.Optional("reboot", default=False): cv.boolean,
    }
)
SEND_USSD_SCHEMA = vol.Schema({vol.Optional(ATTR_DEVICE_ID): cv.string, vol.Required("code"): cv.string})
USSD_REPLY_SCHEMA = vol.Schema({vol.Optional(ATTR_DEVICE_ID): cv.string, vol.Required("text"): cv.string})
USSD_CANCEL_SCHEMA = vol.Schema({vol.Optional(ATTR_DEVICE_ID): cv.string})


async def async_set_band_lock(call: ServiceCall) -> None:
    """Allow only these bands; an empty list allows every band the router supports."""
    coordinator = entry_for(call).runtime_data.coordinator
    await async_call_modem(
        coordinator,
        lambda: coordinator.client.set_band_lock(
            lte_bands=call.data.get("lte_bands"), nr_bands=call.data.get("nr_bands")
        ),
    )


async def async_set_cell_lock(call: ServiceCall) -> None:
    """Lock to one cell (or clear the lock); optionally reboot, as many builds apply it only then."""
    coordinator = entry_for(call).runtime_data.coordinator
    client = coordinator.client
    await async_call_modem(
        coordinator,
        lambda: client.set_cell_lock(
            rat=call.data["rat"],
            pci=call.data.get("pci"),
            earfcn=call.data.get("earfcn"),
            arfcn=call.data.get("arfcn"),
            band=call.data.get("band"),
            scs=call.data.get("scs"),
            clear=call.data["clear"],
        ),
    )
    if call.data["reboot"]:
        LOGGER.info("Rebooting %s so the cell lock applies", coordinator.config_entry.title)
        await async_call_modem(coordinator, client.reboot, refresh=False)


async def async_send_ussd(call: ServiceCall) -> ServiceResponse:
    """Send a USSD code; the network's answer is the response."""
    coordinator = entry_for(call).runtime_data.coordinator
    reply = await async_call_modem(coordinator, lambda: coordinator.client.send_ussd(call.data["code"]))
    return {"reply": reply}


async def async_ussd_reply(call: ServiceCall) -> ServiceResponse:
    """Answer a USSD menu; the network's next answer is the response."""
    coordinator = entry_for(call).runtime_data.coordinator
    reply = await async_call_modem(coordinator, lambda: coordinator.client.ussd_reply(call.data["text"]))
    return {"reply": reply}


async def async_ussd_cancel(call: ServiceCall) -> None:
    """End a USSD session."""
    coordinator = entry_for(call).runtime_data.coordinator
    await async_call_modem(coordinator, coordinator.client.ussd_cancel)
