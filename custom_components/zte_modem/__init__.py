"""Home Assistant integration for ZTE LTE/5G routers (both web APIs: goform and ubus).

Home Assistant imports this package in an executor, so its imports run off the
event loop. The HA-free client in ``zte/`` is run without Home Assistant through
``scripts/probe``, which loads ``zte`` on its own and never imports this package.
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers.typing import ConfigType

from .const import DOMAIN
from .entry import async_remove_entry, async_setup_entry, async_unload_entry
from .services import async_setup_services

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)

__all__ = ["CONFIG_SCHEMA", "async_remove_entry", "async_setup", "async_setup_entry", "async_unload_entry"]


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """The actions exist as soon as the integration loads, with or without a router configured."""
    async_setup_services(hass)
    return True
