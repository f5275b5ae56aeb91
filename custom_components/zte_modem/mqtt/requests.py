"""Answering `<root>/<metric>/get` requests (docs/mqtt.md, "Requests" and "Errors")."""

from __future__ import annotations

from homeassistant.components import mqtt
from homeassistant.components.mqtt import ReceiveMessage
from homeassistant.core import CALLBACK_TYPE
from homeassistant.helpers.json import json_dumps

from ..coordinator import ModemUnavailableError, ZteCoordinator
from .channel import Channel
from .render import REQUESTABLE, render_one

UNKNOWN_METRIC = "unknown_metric"
DOCS_HINT = "see docs/metrics.md for the metric keys"


class RequestHandler:
    """Subscribes to `<root>/+/get` and answers from a reading no older than `max_age`."""

    def __init__(self, coordinator: ZteCoordinator, channel: Channel, max_age: float) -> None:
        self.coordinator = coordinator
        self.channel = channel
        self.max_age = max_age
        self._prefix = f"{channel.root}/"
        self.stats = {"requests": 0, "answered": 0, "errors": 0}

    async def async_subscribe(self) -> CALLBACK_TYPE:
        """Listen for requests; the payload is never decoded, so any bytes are answered."""
        return await mqtt.async_subscribe(
            self.channel.hass, f"{self.channel.root}/+/get", self._async_handle, qos=0, encoding=None
        )

    async def _async_handle(self, msg: ReceiveMessage) -> None:
        if msg.retain:
            return  # a stale retained request must not fire on every start
        self.stats["requests"] += 1
        requested = msg.topic.removeprefix(self._prefix).removesuffix("/get")
        key = requested.lower()
        try:
            if key not in REQUESTABLE:
                await self._async_error(
                    requested, UNKNOWN_METRIC, f"Unknown metric {requested!r}; {DOCS_HINT}"
                )
                return
            snapshot = await self.coordinator.async_fresh_data(self.max_age)
            await self.channel.publish(f"{self.channel.root}/{key}", render_one(snapshot, key))
            self.stats["answered"] += 1
        except ModemUnavailableError as err:
            availability = err.availability
            await self._async_error(requested, availability.reason or "", availability.message)
        except Exception:  # noqa: BLE001 - the bridge must survive anything one request does
            self.stats["errors"] += 1
            self.channel.report_failure("request", f"Unexpected failure answering {msg.topic!r}")

    async def _async_error(self, requested: str, code: str, message: str) -> None:
        self.stats["errors"] += 1
        payload = json_dumps({"request": requested, "error": code, "message": message})
        try:
            await self.channel.publish(f"{self.channel.root}/error", payload)
        except Exception:  # noqa: BLE001 - a broker hiccup must not break the bridge
            self.channel.report_failure("error", "Could not publish an MQTT error answer")
