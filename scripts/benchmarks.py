"""Load and speed figures for docs/performance.md (run through scripts/bench)."""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time

import aiohttp

from custom_components.zte_modem.zte import ModemSnapshot, ZteClient
from tests.simulator import PROFILES, ModemSimulator

READS = 100
EXPIRE_EVERY = 10


async def bench_profile(name: str) -> dict[str, float]:
    """Figures for one simulated firmware build."""
    modem = ModemSimulator(name, "bench-pw", latency=(0.001, 0.003))
    await modem.start()
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            client = ZteClient(modem.url, "bench-pw", session=session)
            await client.read()

            modem.stats.reset()
            for _ in range(READS):
                await client.read()
            per_read = modem.stats.requests / READS

            modem.stats.reset()
            for index in range(READS):
                if index % EXPIRE_EVERY == 0:
                    modem.expire_sessions()
                await client.read()
            logins_with_expiry = modem.stats.logins

            modem.stats.reset()
            await asyncio.gather(*(client.read() for _ in range(READS)))
            concurrent_requests = modem.stats.requests
            max_concurrency = modem.stats.max_concurrency

            raw = dict((await client.read()).raw)
    finally:
        await modem.stop()

    rounds = 2000
    start = time.perf_counter()
    for _ in range(rounds):
        ModemSnapshot.from_raw(raw)
    parse_us = (time.perf_counter() - start) / rounds * 1e6
    return {
        "requests_per_read": per_read,
        "logins_100_reads_expiring": logins_with_expiry,
        "requests_100_concurrent": concurrent_requests,
        "max_concurrency": max_concurrency,
        "parse_us": parse_us,
    }


async def bench_client() -> None:
    """Print one row per profile."""
    print("## Client (scripts/bench client)\n")
    print(
        "| profile | family | HTTP requests per read (target 1) "
        "| logins / 100 reads, session expiring every 10 (target 10) "
        "| HTTP requests for 100 concurrent reads (target 1) | max concurrency (target 1) "
        "| parse time per snapshot |"
    )
    print("|---|---|---|---|---|---|---|")
    parse_times = []
    for name, profile in PROFILES.items():
        figures = await bench_profile(name)
        parse_times.append(figures["parse_us"])
        print(
            f"| {name} | {profile.family} | {figures['requests_per_read']:.2f} "
            f"| {figures['logins_100_reads_expiring']:.0f} | {figures['requests_100_concurrent']:.0f} "
            f"| {figures['max_concurrency']:.0f} | {figures['parse_us']:.0f} µs |"
        )
    print(f"\nMedian parse time: {statistics.median(parse_times):.0f} µs per snapshot.")


def main() -> None:
    parser = argparse.ArgumentParser(prog="scripts/bench")
    parser.add_argument("suite", choices=["client", "mqtt", "all"], nargs="?", default="client")
    args = parser.parse_args()
    if args.suite in ("client", "all"):
        asyncio.run(bench_client())
    if args.suite in ("mqtt", "all"):
        # The MQTT figures need a running Home Assistant: pytest's HA harness provides it.
        command = [
            sys.executable,
            "-m",
            "pytest",
            "benchmarks",
            "-q",
            "-p",
            "no:cacheprovider",
            "--no-cov",
            "-s",
        ]
        raise SystemExit(subprocess.call(command))


if __name__ == "__main__":
    main()
