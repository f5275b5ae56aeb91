"""`<root>/status` and publish-on-poll: what the bridge says after every poll and reconnect."""

from __future__ import annotations

from ..coordinator import ZteCoordinator
from .channel import Channel
from .render import render_payloads

ONLINE = "online"
OFFLINE = "offline"


class StatusPublisher:
    """Retained `online`/`offline` on `<root>/status`, and every value after a poll if asked."""

    def __init__(self, coordinator: ZteCoordinator, channel: Channel, *, publish_on_poll: bool) -> None:
        self.coordinator = coordinator
        self.channel = channel
        self.publish_on_poll = publish_on_poll
        self._status: str | None = None

    async def async_after_poll(self) -> None:
        """Say whether the modem is readable, then publish its values if that option is on."""
        try:
            await self.async_publish_status()
            if self.publish_on_poll and self.coordinator.availability.online:
                await self.async_publish_values()
        except Exception:  # noqa: BLE001 - publishing must never stop polling
            self.channel.report_failure("poll", "Could not publish modem values to MQTT")

    async def async_publish_status(self, *, force: bool = False) -> None:
        """Retained QoS 1, sent when it changes (or again when forced after a reconnect)."""
        status = ONLINE if self.coordinator.availability.online else OFFLINE
        if status != self._status or force:
            self._status = status
            await self.channel.publish(f"{self.channel.root}/status", status, qos=1, retain=True)

    async def async_publish_values(self) -> None:
        """Every metric and the lte and nr5g objects."""
        for key, payload in render_payloads(self.coordinator.data).items():
            await self.channel.publish(f"{self.channel.root}/{key}", payload)

    async def async_publish_offline(self) -> None:
        """The bridge stops: nobody answers for this modem any more."""
        self._status = OFFLINE
        await self.channel.publish(f"{self.channel.root}/status", OFFLINE, qos=1, retain=True)
