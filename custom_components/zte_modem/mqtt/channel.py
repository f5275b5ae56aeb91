"""Publishing through Home Assistant's MQTT integration, with failures logged once per kind."""

from __future__ import annotations

from homeassistant.components import mqtt
from homeassistant.core import HomeAssistant

from ..const import LOGGER


class Channel:
    """One modem's way out to the broker: its root topic and its failure log."""

    def __init__(self, hass: HomeAssistant, root: str) -> None:
        self.hass = hass
        self.root = root
        self._reported: set[str] = set()

    async def publish(self, topic: str, payload: str, *, qos: int = 0, retain: bool = False) -> None:
        """Publish as is (QoS 0, not retained unless asked)."""
        await mqtt.async_publish(self.hass, topic, payload, qos=qos, retain=retain)

    def report_failure(self, where: str, message: str) -> None:
        """Log a failure of one kind once with its traceback, later ones at debug level."""
        if where in self._reported:
            LOGGER.debug(message, exc_info=True)
            return
        self._reported.add(where)
        LOGGER.exception("%s (reported once; the bridge keeps running)", message)
