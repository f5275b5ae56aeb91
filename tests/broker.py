"""A real Mosquitto broker on a free 127.0.0.1 port, and an independent paho client for it."""

from __future__ import annotations

import asyncio
import contextlib
import queue
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import paho.mqtt.client as paho


def mosquitto_binary() -> str:
    """Debian installs mosquitto in /usr/sbin, which is not always on PATH."""
    found = shutil.which("mosquitto") or (
        "/usr/sbin/mosquitto" if Path("/usr/sbin/mosquitto").exists() else None
    )
    if found is None:
        raise RuntimeError("mosquitto is not installed; run scripts/setup")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Mosquitto:
    """One broker process; stop() and start() again keep the port (a broker restart)."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self._dir = tempfile.TemporaryDirectory(prefix="zte-mosquitto-")
        self._config = Path(self._dir.name) / "mosquitto.conf"
        self._config.write_text(f"listener {self.port} 127.0.0.1\nallow_anonymous true\npersistence false\n")
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [mosquitto_binary(), "-c", str(self._config)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2),
            ):
                return
            time.sleep(0.05)
        raise RuntimeError(f"mosquitto did not start on port {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    def close(self) -> None:
        self.stop()
        self._dir.cleanup()


@dataclass(frozen=True)
class Message:
    topic: str
    payload: bytes
    retain: bool


class Watcher:
    """An independent MQTT client (paho in its own thread) that records what it sees."""

    def __init__(self, port: int, topics: list[str]) -> None:
        self.messages: queue.Queue[Message] = queue.Queue()
        self._loop = asyncio.get_running_loop()
        self._arrived = asyncio.Event()
        self.seen: list[Message] = []
        self._connected = queue.Queue[bool]()
        self._topics = topics
        self.client = paho.Client(paho.CallbackAPIVersion.VERSION2)
        self.client.on_connect = self._on_connect
        self.client.on_subscribe = self._on_subscribe
        self.client.on_message = self._on_message
        self._pending_subscriptions = len(topics)
        self.client.connect("127.0.0.1", port)
        self.client.loop_start()
        self._connected.get(timeout=10)

    def _on_connect(
        self, client: paho.Client, userdata: object, flags: object, code: object, props: object
    ) -> None:
        for topic in self._topics:
            client.subscribe(topic)

    def _on_subscribe(
        self, client: paho.Client, userdata: object, mid: int, codes: object, props: object
    ) -> None:
        # Ready only once the broker acknowledged every subscription: earlier messages would be missed.
        self._pending_subscriptions -= 1
        if self._pending_subscriptions == 0:
            self._connected.put(True)

    def _on_message(self, client: paho.Client, userdata: object, msg: paho.MQTTMessage) -> None:
        self.messages.put(Message(msg.topic, msg.payload, bool(msg.retain)))
        self._loop.call_soon_threadsafe(self._arrived.set)

    def publish(self, topic: str, payload: str = "", *, retain: bool = False) -> None:
        self.client.publish(topic, payload, retain=retain).wait_for_publish(timeout=5)

    async def wait_for(self, predicate: Callable[[Message], bool], timeout: float = 10) -> Message:
        """Yield to the event loop (HA runs there) until a matching message arrives."""
        for message in self.seen:
            if predicate(message):
                self.seen.remove(message)
                return message
        deadline = time.monotonic() + timeout
        while (remaining := deadline - time.monotonic()) > 0:
            self._arrived.clear()
            while not self.messages.empty():
                message = self.messages.get_nowait()
                if predicate(message):
                    return message
                self.seen.append(message)
            try:
                await asyncio.wait_for(self._arrived.wait(), remaining)
            except TimeoutError:
                break
        raise TimeoutError("no matching MQTT message")

    async def drain(self, seconds: float = 0.3) -> list[Message]:
        """Everything that arrives within `seconds`."""
        await asyncio.sleep(seconds)
        collected = list(self.seen)
        self.seen.clear()
        while not self.messages.empty():
            collected.append(self.messages.get_nowait())
        return collected

    def close(self) -> None:
        self.client.loop_stop()
        self.client.disconnect()
