"""Options flow: polling interval and the MQTT bridge of a configured modem."""

from __future__ import annotations

import re
from typing import Any

from homeassistant.config_entries import ConfigFlowResult, OptionsFlow
from homeassistant.core import HomeAssistant
from homeassistant.helpers.selector import NumberSelector, NumberSelectorConfig, NumberSelectorMode

from .compat import vol
from .const import (
    CONF_ALIGNMENT_INTERVAL,
    CONF_CONSIDER_HOME,
    CONF_DISCOVERY,
    CONF_DISCOVERY_PREFIX,
    CONF_IN_USE_THRESHOLD,
    CONF_MAX_AGE,
    CONF_MQTT_BRIDGE,
    CONF_MQTT_ROOT,
    CONF_PUBLISH_ON_POLL,
    CONF_SCAN_INTERVAL,
    CONF_SMS_MARK_READ,
    CONF_TRACK_DEVICES,
    CONF_TRACKING_INTERVAL,
    DEFAULT_ALIGNMENT_INTERVAL,
    DEFAULT_DISCOVERY_PREFIX,
    DOMAIN,
    MAX_ALIGNMENT_INTERVAL,
    MAX_SCAN_INTERVAL,
    MIN_ALIGNMENT_INTERVAL,
    MIN_SCAN_INTERVAL,
    MIN_TRACKING_INTERVAL,
    MQTT_DOMAIN,
)
from .options import ZteOptions

ROOT_TOPIC = re.compile(r"[a-z0-9_-]+(?:/[a-z0-9_-]+)*")


def normalize_root(root: str) -> str | None:
    """The root topic stored lowercased, or None when it breaks the contract's rules."""
    candidate = root.strip().lower()
    return candidate if ROOT_TOPIC.fullmatch(candidate) else None


def own_discovery_prefix(hass: HomeAssistant) -> str | None:
    """The prefix this Home Assistant's MQTT integration discovers on, when MQTT is set up."""
    for entry in hass.config_entries.async_entries(MQTT_DOMAIN):
        prefix = entry.options.get("discovery_prefix", entry.data.get("discovery_prefix"))
        enabled = entry.options.get("discovery", entry.data.get("discovery", True))
        return str(prefix or DEFAULT_DISCOVERY_PREFIX) if enabled else None
    return None


def _seconds(low: int, high: int) -> NumberSelector:
    return NumberSelector(
        NumberSelectorConfig(min=low, max=high, step=1, unit_of_measurement="s", mode=NumberSelectorMode.BOX)
    )


def _options_schema() -> vol.Schema:
    """The options form: polling, the MQTT bridge, discovery, SMS."""
    return vol.Schema(
        {
            vol.Required(CONF_SCAN_INTERVAL): NumberSelector(
                NumberSelectorConfig(
                    min=MIN_SCAN_INTERVAL,
                    max=MAX_SCAN_INTERVAL,
                    step=1,
                    unit_of_measurement="s",
                    mode=NumberSelectorMode.BOX,
                )
            ),
            vol.Required(CONF_MQTT_BRIDGE): bool,
            vol.Required(CONF_MQTT_ROOT): str,
            vol.Required(CONF_PUBLISH_ON_POLL): bool,
            vol.Required(CONF_MAX_AGE): NumberSelector(
                NumberSelectorConfig(
                    min=0, max=3600, step=1, unit_of_measurement="s", mode=NumberSelectorMode.BOX
                )
            ),
            vol.Required(CONF_DISCOVERY): bool,
            vol.Required(CONF_DISCOVERY_PREFIX): str,
            vol.Required(CONF_SMS_MARK_READ): bool,
            vol.Required(CONF_TRACK_DEVICES): bool,
            vol.Required(CONF_CONSIDER_HOME): _seconds(0, 3600),
            vol.Required(CONF_TRACKING_INTERVAL): _seconds(MIN_TRACKING_INTERVAL, MAX_SCAN_INTERVAL),
            vol.Required(CONF_IN_USE_THRESHOLD): NumberSelector(
                NumberSelectorConfig(
                    min=1, max=100000, step=1, unit_of_measurement="kbit/s", mode=NumberSelectorMode.BOX
                )
            ),
            vol.Optional(CONF_ALIGNMENT_INTERVAL, default=DEFAULT_ALIGNMENT_INTERVAL): _seconds(
                MIN_ALIGNMENT_INTERVAL, MAX_ALIGNMENT_INTERVAL
            ),
        }
    )


class ZteModemOptionsFlow(OptionsFlow):
    """Polling interval and the MQTT bridge."""

    _prefix_warned: str | None = None

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """One form with every option."""
        errors: dict[str, str] = {}
        if user_input is not None:
            root = normalize_root(user_input[CONF_MQTT_ROOT])
            prefix = normalize_root(user_input[CONF_DISCOVERY_PREFIX])
            if root is None:
                errors[CONF_MQTT_ROOT] = "invalid_root"
            elif any(
                other.entry_id != self.config_entry.entry_id
                and ZteOptions.from_entry(other).mqtt_root == root
                for other in self.hass.config_entries.async_entries(DOMAIN)
            ):
                errors[CONF_MQTT_ROOT] = "root_in_use"
            if prefix is None:
                errors[CONF_DISCOVERY_PREFIX] = "invalid_root"
            elif (
                user_input[CONF_DISCOVERY]
                and prefix == own_discovery_prefix(self.hass)
                and self._prefix_warned != prefix
            ):
                # This HA would discover its own modem a second time; said once, then accepted.
                errors[CONF_DISCOVERY_PREFIX] = "prefix_of_this_ha"
                self._prefix_warned = prefix
            if not errors:
                options = {
                    **user_input,
                    CONF_MQTT_ROOT: root,
                    CONF_DISCOVERY_PREFIX: prefix,
                    CONF_SCAN_INTERVAL: int(user_input[CONF_SCAN_INTERVAL]),
                    CONF_MAX_AGE: int(user_input[CONF_MAX_AGE]),
                    CONF_CONSIDER_HOME: int(user_input[CONF_CONSIDER_HOME]),
                    CONF_TRACKING_INTERVAL: int(user_input[CONF_TRACKING_INTERVAL]),
                    CONF_IN_USE_THRESHOLD: float(user_input[CONF_IN_USE_THRESHOLD]),
                    CONF_ALIGNMENT_INTERVAL: int(user_input[CONF_ALIGNMENT_INTERVAL]),
                }
                # No update listener in __init__.py: the flow schedules the entry's reload itself.
                self.hass.config_entries.async_schedule_reload(self.config_entry.entry_id)
                return self.async_create_entry(data=options)
        current = {**ZteOptions.from_entry(self.config_entry).as_form(), **(user_input or {})}
        schema = _options_schema()
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(schema, current),
            errors=errors,
        )
