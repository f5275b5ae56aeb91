"""Load and speed figures for docs/performance.md (run through scripts/bench)."""

from __future__ import annotations

import argparse
import asyncio
import math
import statistics
import subprocess
import sys
import time

import aiohttp

from custom_components.zte_modem.zte import ZteClient, new_messages
from custom_components.zte_modem.zte.goform.snapshot import snapshot_from_raw
from tests.simulator import PROFILES, ModemSimulator
from tests.simulator.ubus import UBUS_PROFILES, UbusSimulator

READS = 100
EXPIRE_EVERY = 10
POLLS = 100
SMS_EVERY = 10
POLL_SECONDS = 30.0
POLLS_PER_HOUR = 120


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
        snapshot_from_raw(raw)
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


async def bench_sms() -> None:
    """What SMS traffic costs: the HA side's loop (poll, list only when the poll says messages may be
    waiting, mark read; the storage use follows at the next poll as an extra read)."""
    modem = ModemSimulator("mc801a", "bench-pw", latency=(0.001, 0.003))
    await modem.start()
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            client = ZteClient(modem.url, "bench-pw", session=session)
            client.timing.sms_poll_interval = 0.01
            await client.read()
            last_id = max((m.id for m in await client.list_sms()), default=0)
            quiet, finding, after, delivered = [], [], [], 0
            found_before = False
            for poll in range(POLLS):
                if poll % SMS_EVERY == SMS_EVERY - 1:
                    modem.inject_sms("+46700000001", f"bench message {poll}")
                before = modem.stats.requests
                fresh = []
                if (await client.read()).sms_waiting:
                    fresh = new_messages(await client.list_sms(), last_id)
                    if fresh:
                        last_id = max(m.id for m in fresh)
                        delivered += len(fresh)
                        await client.mark_sms_read([m.id for m in fresh])
                cost = modem.stats.requests - before
                (finding if fresh else after if found_before else quiet).append(cost)
                found_before = bool(fresh)
            before = modem.stats.requests
            await client.send_sms("+46700000002", "bench send")
            send_requests = modem.stats.requests - before
            max_concurrency = modem.stats.max_concurrency
    finally:
        await modem.stop()
    print("\n## SMS traffic (scripts/bench client)\n")
    print("| figure | value | target |")
    print("|---|---|---|")
    quiet_mean = statistics.mean(quiet)
    print(f"| HTTP requests per poll without a new SMS ({len(quiet)} polls) | {quiet_mean:.2f} | 1 |")
    print(
        f"| HTTP requests per poll that finds a new SMS ({len(finding)} polls): read, list, "
        f"mark read (RD + POST) | {statistics.mean(finding):.2f} | — |"
    )
    print(
        f"| HTTP requests of the poll after it ({len(after)} polls): read, storage use (extra read) "
        f"| {statistics.mean(after):.2f} | 2 |"
    )
    print(f"| messages delivered of {POLLS // SMS_EVERY} injected | {delivered} | all, once |")
    print(f"| HTTP requests for one send_sms (RD + POST + status polls) | {send_requests} | — |")
    print(f"| max concurrency | {max_concurrency} | 1 |")


async def bench_controls() -> None:
    """What one write to the router costs: RD + POST, then the read-back."""
    modem = ModemSimulator("mc801a", "bench-pw", latency=(0.001, 0.003))
    modem.controls.connect_seconds = 0
    modem.controls.ussd_delay = 0
    await modem.start()
    rows: list[tuple[str, int]] = []
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            client = ZteClient(modem.url, "bench-pw", session=session)
            client.timing.control_poll_interval = 0.01
            client.timing.ussd_poll_interval = 0.01
            await client.read()
            await client.network_modes()  # learnt once per client, not part of a write
            writes = (
                ("mobile data off", client.set_mobile_data(False)),
                ("mobile data on", client.set_mobile_data(True)),
                ("network mode Only_LTE", client.set_network_mode("Only_LTE")),
                ("LTE band lock B3+B20", client.set_band_lock(lte_bands=[3, 20])),
                ("LTE band lock cleared", client.set_band_lock(lte_bands=[])),
                ("LTE cell lock", client.set_cell_lock(rat="lte", pci=123, earfcn=1300)),
            )
            for name, write in writes:
                before = modem.stats.requests
                await write
                rows.append((name, modem.stats.requests - before))
            max_concurrency = modem.stats.max_concurrency
            ad_failures = modem.ad_failures
    finally:
        await modem.stop()
    print("\n## Router controls (scripts/bench client)\n")
    print("| write | HTTP requests (RD + POST + read-back) | target |")
    print("|---|---|---|")
    for name, requests in rows:
        print(f"| {name} | {requests} | ≤ 2 + read-back |")
    print(f"\nMax concurrency {max_concurrency}, write tokens refused {ad_failures}.")


async def bench_ubus_profile(name: str) -> dict[str, float]:
    """Figures for one ubus profile: polls, browser logins, concurrent reads, writes."""
    modem = UbusSimulator(name, "bench-pw")
    await modem.start()
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            client = ZteClient(modem.url, "bench-pw", session=session)
            client.timing.control_poll_interval = 0.01
            await client.read()
            modem.stats.reset()
            for _ in range(READS):
                await client.read()
            per_read = modem.stats.requests / READS
            modem.stats.reset()
            for index in range(READS):
                if index % EXPIRE_EVERY == 0:
                    modem.browser_login()  # the web page takes the session
                await client.read()
            logins = modem.stats.logins
            modem.stats.reset()
            await asyncio.gather(*(client.read() for _ in range(READS)))
            concurrent = modem.stats.requests
            before = modem.stats.requests
            await client.set_network_mode(modem.profile.modes[-1])
            mode_write = modem.stats.requests - before
            before = modem.stats.requests
            await client.set_mobile_data(False)
            data_write = modem.stats.requests - before
            max_concurrency = modem.stats.max_concurrency
    finally:
        await modem.stop()
    return {
        "requests_per_read": per_read,
        "logins": logins,
        "concurrent": concurrent,
        "mode_write": mode_write,
        "data_write": data_write,
        "max_concurrency": max_concurrency,
    }


async def bench_ubus() -> None:
    """One row per ubus profile."""
    print("\n## ubus routers (scripts/bench client)\n")
    print(
        "| profile | HTTP requests per read (target 1) "
        "| logins / 100 reads, web page taking the session every 10 (target 10) "
        "| HTTP requests for 100 concurrent reads (target 1) "
        "| network mode write (call + read-back) | mobile data write (call + read-back) | max concurrency |"
    )
    print("|---|---|---|---|---|---|---|")
    for name in UBUS_PROFILES:
        figures = await bench_ubus_profile(name)
        print(
            f"| {name} | {figures['requests_per_read']:.2f} | {figures['logins']:.0f} "
            f"| {figures['concurrent']:.0f} | {figures['mode_write']:.0f} | {figures['data_write']:.0f} "
            f"| {figures['max_concurrency']:.0f} |"
        )


class BenchClock:
    """Seconds that pass only when the benchmark says so (a poll every 30 s, instantly)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def client_list_cost(transport: str, interval: float) -> float:
    """HTTP requests per poll over an hour of 30 s polls, with the lists due every `interval` s."""
    goform = transport == "goform"
    modem: ModemSimulator | UbusSimulator = (
        ModemSimulator("mc801a", "bench-pw") if goform else UbusSimulator("g5ts", "bench-pw")
    )
    await modem.start()
    clock = BenchClock()
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            client = ZteClient(modem.url, "bench-pw", session=session)
            client.timing.monotonic = clock
            client.timing.client_list_interval = interval
            await client.read()
            modem.stats.reset()
            for poll in range(POLLS_PER_HOUR):
                clock.now += POLL_SECONDS
                if poll % 10 == 0:
                    modem.clients.join(f"02:00:00:00:00:{poll:02X}", f"visitor-{poll}", "192.168.0.200")
                await client.read()
            return modem.stats.requests / POLLS_PER_HOUR
    finally:
        await modem.stop()


async def bench_client_lists() -> None:
    """Requests per poll with connected-device tracking on and off, on both transports."""
    print("\n## Connected devices (scripts/bench client)\n")
    print(f"Polls every {POLL_SECONDS:.0f} s for an hour; a device joins every 5 minutes.\n")
    print(
        "| transport | tracking off, count sensor disabled (no lists) "
        "| count sensor or tracking on, lists every 60 s | lists every 10 s (the shortest interval) |"
    )
    print("|---|---|---|---|")
    for transport in ("goform", "ubus"):
        off = await client_list_cost(transport, math.inf)
        default = await client_list_cost(transport, 60.0)
        fastest = await client_list_cost(transport, 10.0)
        print(f"| {transport} | {off:.2f} | {default:.2f} | {fastest:.2f} |")


ALIGNMENT_SECONDS = 2.0
ALIGNMENT_MINUTES = 10


async def alignment_cost(transport: str, *, quiet: bool, interval: float = ALIGNMENT_SECONDS) -> float:
    """HTTP requests per poll over 10 minutes of polls every `interval` s, the way the coordinator
    runs them (the SMS list read when the poll says messages may wait, as the inbox does, unless
    quiet); tracking on (lists every 60 s), a device joining and an SMS arriving every minute."""
    goform = transport == "goform"
    modem: ModemSimulator | UbusSimulator = (
        ModemSimulator("mc801a", "bench-pw") if goform else UbusSimulator("g5ts", "bench-pw")
    )
    await modem.start()
    clock = BenchClock()
    polls = int(ALIGNMENT_MINUTES * 60 / interval)
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            client = ZteClient(modem.url, "bench-pw", session=session)
            client.timing.monotonic = clock
            client.timing.client_list_interval = 60.0
            await client.read()
            await client.list_sms()
            modem.stats.reset()
            client.timing.quiet = quiet
            for poll in range(polls):
                clock.now += interval
                if clock.now % 60 < interval:
                    modem.clients.join(f"02:00:00:00:01:{poll % 256:02X}", f"visitor-{poll}", "192.168.0.201")
                    modem.inject_sms("+46700000000", f"bench {poll}")
                snapshot = await client.read()
                if snapshot.sms_waiting and not quiet:
                    await client.list_sms()
            return modem.stats.requests / polls
    finally:
        await modem.stop()


async def bench_alignment() -> None:
    """Requests per poll and per minute in antenna alignment mode, on both transports."""
    print("\n## Antenna alignment mode (scripts/bench client)\n")
    print(
        f"A poll every {ALIGNMENT_SECONDS:.0f} s for {ALIGNMENT_MINUTES} minutes (the mode's limit); "
        "tracking on (client lists every 60 s); a device joins and an SMS arrives every minute.\n"
    )
    print(
        "| transport | alignment mode: requests per poll | per minute "
        "| the same fast polls without the quiet mode: per poll | per minute "
        "| normal polling (30 s): per minute |"
    )
    print("|---|---|---|---|---|---|")
    per_minute = 60 / ALIGNMENT_SECONDS
    for transport in ("goform", "ubus"):
        quiet = await alignment_cost(transport, quiet=True)
        loud = await alignment_cost(transport, quiet=False)
        normal = await alignment_cost(transport, quiet=False, interval=POLL_SECONDS)
        print(
            f"| {transport} | {quiet:.2f} | {quiet * per_minute:.1f} | {loud:.2f} | {loud * per_minute:.1f} "
            f"| {normal * 60 / POLL_SECONDS:.1f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(prog="scripts/bench")
    parser.add_argument("suite", choices=["client", "mqtt", "all"], nargs="?", default="client")
    args = parser.parse_args()
    if args.suite in ("client", "all"):
        asyncio.run(bench_client())
        asyncio.run(bench_sms())
        asyncio.run(bench_controls())
        asyncio.run(bench_ubus())
        asyncio.run(bench_client_lists())
        asyncio.run(bench_alignment())
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
