"""Constants of the zte_modem integration."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Final

DOMAIN: Final = "zte_modem"
# Home Assistant's MQTT integration, which the bridge and the options flow look for.
MQTT_DOMAIN: Final = "mqtt"
LOGGER = logging.getLogger(__package__)

DEFAULT_HOST: Final = "http://192.168.0.1"
CONF_PROFILE: Final = "profile"
# Set once the per-metric discovery configs of earlier releases have been emptied.
CONF_LEGACY_DISCOVERY_CLEARED: Final = "legacy_discovery_cleared"

CONF_SCAN_INTERVAL: Final = "scan_interval"
DEFAULT_SCAN_INTERVAL: Final = 30
MIN_SCAN_INTERVAL: Final = 10
MAX_SCAN_INTERVAL: Final = 3600

CONF_MQTT_BRIDGE: Final = "mqtt_bridge"
CONF_MQTT_ROOT: Final = "mqtt_root"
CONF_PUBLISH_ON_POLL: Final = "publish_on_poll"
CONF_DISCOVERY: Final = "discovery"
CONF_DISCOVERY_PREFIX: Final = "discovery_prefix"
CONF_MAX_AGE: Final = "max_age"
CONF_SMS_MARK_READ: Final = "sms_mark_read"
CONF_TRACK_DEVICES: Final = "track_devices"
CONF_CONSIDER_HOME: Final = "consider_home"
CONF_TRACKING_INTERVAL: Final = "tracking_interval"
CONF_IN_USE_THRESHOLD: Final = "in_use_threshold"
CONF_ALIGNMENT_INTERVAL: Final = "alignment_interval"

DEFAULT_MQTT_BRIDGE: Final = True
DEFAULT_MQTT_ROOT: Final = "zte"
DEFAULT_PUBLISH_ON_POLL: Final = False
DEFAULT_DISCOVERY: Final = False
DEFAULT_DISCOVERY_PREFIX: Final = "homeassistant"
DEFAULT_MAX_AGE: Final = 5
DEFAULT_SMS_MARK_READ: Final = True
# Connected devices: trackers are opt-in; a client is away after this long missing from the
# lists; the lists join a poll at most this often.
DEFAULT_TRACK_DEVICES: Final = False
DEFAULT_CONSIDER_HOME: Final = 180
DEFAULT_TRACKING_INTERVAL: Final = 60
MIN_TRACKING_INTERVAL: Final = 10
# Mobile data counts as in use above this combined rate (kbit/s) for two polls running.
DEFAULT_IN_USE_THRESHOLD: Final = 50
# Antenna alignment mode polls this often (seconds).
DEFAULT_ALIGNMENT_INTERVAL: Final = 2
MIN_ALIGNMENT_INTERVAL: Final = 1
MAX_ALIGNMENT_INTERVAL: Final = 10

# The web UI gets the modem for this long when the user pauses polling.
PAUSE_DURATION: Final = timedelta(minutes=15)
