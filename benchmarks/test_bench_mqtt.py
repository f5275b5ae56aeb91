"""MQTT bridge figures for docs/performance.md; run by `scripts/bench mqtt`, not by scripts/test."""

from __future__ import annotations

import statistics
import time
from typing import Any
from unittest.mock import patch

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry, async_fire_mqtt_message
from pytest_homeassistant_custom_component.typing import MqttMockHAClient

from custom_components.zte_modem.const import CONF_MAX_AGE
from custom_components.zte_modem.mqtt import channel as mqtt_channel
from tests.broker import Mosquitto, Watcher
from tests.integration.conftest import setup_modem_entry
from tests.integration.test_mqtt_broker import ask
from tests.simulator import ModemSimulator

LATENCY_REQUESTS = 2000
FLOOD = 1000


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def test_bench_in_process(
    hass: HomeAssistant, mqtt_mock: MqttMockHAClient, modem: ModemSimulator, capsys: Any
) -> None:
    """Latency from a request's arrival to the publish call, throughput, and flood cost."""
    # The test harness runs the loop in asyncio debug mode, which slows every task; HA does not.
    hass.loop.set_debug(False)
    entry = await setup_modem_entry(hass, modem, {CONF_MAX_AGE: 5})
    original_publish = mqtt_channel.mqtt.async_publish
    published_at: list[float] = []

    async def timed_publish(*args: Any, **kwargs: Any) -> None:
        published_at.append(time.perf_counter())
        await original_publish(*args, **kwargs)

    coordinator = entry.runtime_data.coordinator
    latencies: list[float] = []
    with patch.object(mqtt_channel.mqtt, "async_publish", timed_publish):
        for index in range(LATENCY_REQUESTS):
            coordinator.last_read_at = time.monotonic()  # keep the cache fresh: latency from cache
            start = time.perf_counter()
            async_fire_mqtt_message(hass, "zte/lte/get" if index % 2 else "zte/lte_rsrp/get", "")
            await hass.async_block_till_done()
            latencies.append(published_at[-1] - start)

        published_at.clear()
        coordinator.last_read_at = time.monotonic()
        start = time.perf_counter()
        for index in range(LATENCY_REQUESTS):
            async_fire_mqtt_message(hass, "zte/lte/get" if index % 2 else "zte/lte_rsrp/get", "")
        await hass.async_block_till_done()
        elapsed = time.perf_counter() - start
        answered = len(published_at)
        throughput = answered / elapsed

        reads_per_flood = []
        for _ in range(5):
            coordinator.last_read_at = -1e9
            modem.stats.reset()
            for _ in range(FLOOD):
                async_fire_mqtt_message(hass, "zte/lte_rsrp/get", "")
            await hass.async_block_till_done()
            reads_per_flood.append(modem.stats.reads)

    with capsys.disabled():
        print("\n## MQTT bridge (scripts/bench mqtt)\n")
        print("| figure | value | target |")
        print("|---|---|---|")
        print(
            f"| request → publish latency from cache, p50 / p99 ({LATENCY_REQUESTS} requests, in-process) "
            f"| {statistics.median(latencies) * 1000:.2f} ms / {_percentile(latencies, 0.99) * 1000:.2f} ms "
            "| p99 < 10 ms |"
        )
        print(f"| requests handled per second (burst of {LATENCY_REQUESTS}) | {throughput:,.0f} | ≥ 2,000 |")
        print(
            f"| modem reads per {FLOOD}-request flood with a stale cache (5 floods) "
            f"| {', '.join(str(r) for r in reads_per_flood)} | 1 per max_age window |"
        )
    assert answered == LATENCY_REQUESTS


async def test_bench_real_broker(
    hass: HomeAssistant, broker: Mosquitto, real_mqtt: MockConfigEntry, modem: ModemSimulator, capsys: Any
) -> None:
    """Round trip through a real Mosquitto: independent client → broker → HA → broker → client."""
    hass.loop.set_debug(False)
    entry = await setup_modem_entry(hass, modem, {CONF_MAX_AGE: 3600})
    watcher = Watcher(broker.port, ["zte/lte_rsrp"])
    try:
        await ask(watcher, "zte/lte_rsrp/get", "zte/lte_rsrp")
        samples = []
        for _ in range(300):
            start = time.perf_counter()
            watcher.publish("zte/lte_rsrp/get")
            await watcher.wait_for(lambda m: m.topic == "zte/lte_rsrp")
            samples.append(time.perf_counter() - start)
    finally:
        watcher.close()
    with capsys.disabled():
        print(
            f"| round trip through real Mosquitto, p50 / p99 (300 requests) "
            f"| {statistics.median(samples) * 1000:.2f} ms / {_percentile(samples, 0.99) * 1000:.2f} ms | — |"
        )
    assert await hass.config_entries.async_unload(entry.entry_id)
