"""The entry's options, typed and with their defaults, read in one place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from homeassistant.config_entries import ConfigEntry

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
    DEFAULT_CONSIDER_HOME,
    DEFAULT_DISCOVERY,
    DEFAULT_DISCOVERY_PREFIX,
    DEFAULT_IN_USE_THRESHOLD,
    DEFAULT_MAX_AGE,
    DEFAULT_MQTT_BRIDGE,
    DEFAULT_MQTT_ROOT,
    DEFAULT_PUBLISH_ON_POLL,
    DEFAULT_SCAN_INTERVAL,
    DEFAULT_SMS_MARK_READ,
    DEFAULT_TRACK_DEVICES,
    DEFAULT_TRACKING_INTERVAL,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ZteOptions:
    """What the options flow stores; an entry without options gets the defaults."""

    scan_interval: int = DEFAULT_SCAN_INTERVAL
    mqtt_bridge: bool = DEFAULT_MQTT_BRIDGE
    mqtt_root: str = DEFAULT_MQTT_ROOT
    publish_on_poll: bool = DEFAULT_PUBLISH_ON_POLL
    max_age: float = DEFAULT_MAX_AGE
    discovery: bool = DEFAULT_DISCOVERY
    discovery_prefix: str = DEFAULT_DISCOVERY_PREFIX
    sms_mark_read: bool = DEFAULT_SMS_MARK_READ
    track_devices: bool = DEFAULT_TRACK_DEVICES
    consider_home: int = DEFAULT_CONSIDER_HOME
    tracking_interval: int = DEFAULT_TRACKING_INTERVAL
    in_use_threshold: float = DEFAULT_IN_USE_THRESHOLD
    alignment_interval: int = DEFAULT_ALIGNMENT_INTERVAL

    @classmethod
    def from_mapping(cls, options: Mapping[str, Any]) -> ZteOptions:
        """Options as stored (any missing one at its default)."""
        defaults = cls()
        return cls(
            scan_interval=int(options.get(CONF_SCAN_INTERVAL, defaults.scan_interval)),
            mqtt_bridge=bool(options.get(CONF_MQTT_BRIDGE, defaults.mqtt_bridge)),
            mqtt_root=str(options.get(CONF_MQTT_ROOT, defaults.mqtt_root)),
            publish_on_poll=bool(options.get(CONF_PUBLISH_ON_POLL, defaults.publish_on_poll)),
            max_age=float(options.get(CONF_MAX_AGE, defaults.max_age)),
            discovery=bool(options.get(CONF_DISCOVERY, defaults.discovery)),
            discovery_prefix=str(options.get(CONF_DISCOVERY_PREFIX, defaults.discovery_prefix)),
            sms_mark_read=bool(options.get(CONF_SMS_MARK_READ, defaults.sms_mark_read)),
            track_devices=bool(options.get(CONF_TRACK_DEVICES, defaults.track_devices)),
            consider_home=int(options.get(CONF_CONSIDER_HOME, defaults.consider_home)),
            tracking_interval=int(options.get(CONF_TRACKING_INTERVAL, defaults.tracking_interval)),
            in_use_threshold=float(options.get(CONF_IN_USE_THRESHOLD, defaults.in_use_threshold)),
            alignment_interval=int(options.get(CONF_ALIGNMENT_INTERVAL, defaults.alignment_interval)),
        )

    @classmethod
    def from_entry(cls, entry: ConfigEntry[Any]) -> ZteOptions:
        """The options of a config entry."""
        return cls.from_mapping(entry.options)

    @property
    def discovery_active(self) -> bool:
        """Discovery configs are out there: discovery needs the bridge."""
        return self.mqtt_bridge and self.discovery

    def as_form(self) -> dict[str, Any]:
        """The options flow's form values."""
        return {
            CONF_SCAN_INTERVAL: self.scan_interval,
            CONF_MQTT_BRIDGE: self.mqtt_bridge,
            CONF_MQTT_ROOT: self.mqtt_root,
            CONF_PUBLISH_ON_POLL: self.publish_on_poll,
            CONF_MAX_AGE: self.max_age,
            CONF_DISCOVERY: self.discovery,
            CONF_DISCOVERY_PREFIX: self.discovery_prefix,
            CONF_SMS_MARK_READ: self.sms_mark_read,
            CONF_TRACK_DEVICES: self.track_devices,
            CONF_CONSIDER_HOME: self.consider_home,
            CONF_TRACKING_INTERVAL: self.tracking_interval,
            CONF_IN_USE_THRESHOLD: self.in_use_threshold,
            CONF_ALIGNMENT_INTERVAL: self.alignment_interval,
        }
