"""python -m tests.simulator --port 8080 --profile mc801a --password admin"""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from .profiles import PROFILES
from .scenarios import SCENARIOS
from .server import CONTROL_PREFIX, ModemSimulator, self_signed_context
from .ubus import UBUS_PROFILES, UbusSimulator


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.simulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--profile", choices=sorted({*PROFILES, *UBUS_PROFILES}), default="mc801a")
    parser.add_argument("--scenario", choices=sorted(SCENARIOS), default=None)
    parser.add_argument("--password", default="admin")
    parser.add_argument("--latency", type=float, nargs=2, default=(0.05, 0.3), metavar=("MIN", "MAX"))
    parser.add_argument("--idle-timeout", type=float, default=300.0)
    parser.add_argument("--https", action="store_true", help="serve HTTPS with a self-signed certificate")
    args = parser.parse_args()

    async def run_ubus() -> None:
        simulator = UbusSimulator(args.profile, args.password)
        url = await simulator.start(args.host, args.port)
        print(f"ZTE {simulator.profile.market_name} simulator (ubus) on {url}", flush=True)
        try:
            await asyncio.Event().wait()
        finally:
            await simulator.stop()

    async def run() -> None:
        if args.profile in UBUS_PROFILES:
            await run_ubus()
            return
        simulator = ModemSimulator(
            args.profile,
            args.password,
            scenario=args.scenario,
            latency=tuple(args.latency),
            idle_timeout=args.idle_timeout,
        )
        url = await simulator.start(args.host, args.port, self_signed_context() if args.https else None)
        print(
            f"ZTE {simulator.profile.model} simulator (family {simulator.profile.family}) on {url}",
            flush=True,
        )
        print(
            f"control: POST {url}{CONTROL_PREFIX}/control, stats: GET {url}{CONTROL_PREFIX}/stats", flush=True
        )
        try:
            await asyncio.Event().wait()
        finally:
            await simulator.stop()

    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run())


if __name__ == "__main__":
    main()
