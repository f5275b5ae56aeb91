"""The Python side of scripts/develop: start the stack, wire it up, print how to use it."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import shutil
import signal
import socket
from pathlib import Path

from tests.e2e.stack import DEMO_PASSWORD, DEMO_USER, Stack
from tests.simulator import PROFILES

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = ROOT / ".develop"


def port_or_free(preferred: int) -> int:
    """The usual port when it is free, else any free one."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", preferred))
        except OSError:
            probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def run(args: argparse.Namespace) -> None:
    if WORKDIR.exists():
        shutil.rmtree(WORKDIR)  # a fresh runtime config from the committed template each time
    WORKDIR.mkdir()
    stack = Stack(
        WORKDIR,
        profile=args.profile,
        scenario=None if args.modem else args.scenario,
        modem_password=args.password,
        mqtt_port=port_or_free(1883),
        http_port=port_or_free(8123),
        modem_url=args.modem,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        print(
            "Starting Mosquitto, the modem"
            + (" simulator" if not args.modem else "")
            + " and Home Assistant ..."
        )
        await stack.start()
        await stack.add_mqtt()
        result = await stack.add_modem()
        if result["type"] != "create_entry":
            raise SystemExit(f"Adding the modem failed: {result.get('errors') or result}")
        port = stack.broker.port
        print(
            f"""
Home Assistant:  {stack.hass.url}   (user {DEMO_USER!r}, password {DEMO_PASSWORD!r})
Modem:           {stack.modem_url}{"" if args.modem else f"  (simulated {PROFILES[args.profile].model})"}
MQTT broker:     127.0.0.1:{port}
HA log:          {stack.hass.log_path}

Try the MQTT contract (docs/mqtt.md) in another terminal:
  mosquitto_sub -h 127.0.0.1 -p {port} -t 'zte/#' -v &
  mosquitto_pub -h 127.0.0.1 -p {port} -t zte/lte/get -n
"""
        )
        if not args.modem:
            print(
                f"Steer the simulator: curl -X POST {stack.modem_url}/__sim__/control "
                """-d '{"action": "set", "values": {"lte_rsrp": "-118"}}'"""
            )
        print("\nCtrl-C stops everything.", flush=True)
        await stop.wait()
    finally:
        print("\nStopping ...")
        with contextlib.suppress(Exception):
            await stack.stop()
        print("Stopped: Home Assistant, the simulator and Mosquitto.")


def main() -> None:
    parser = argparse.ArgumentParser(prog="scripts/develop")
    parser.add_argument("--modem", help="URL of a real router instead of the simulator")
    parser.add_argument(
        "--password", default="admin-pw-1234", help="router password (simulator: the one it gets)"
    )
    parser.add_argument("--profile", choices=sorted(PROFILES), default="mc801a", help="simulated firmware")
    parser.add_argument(
        "--scenario", default="nsa", help="simulated radio scenario (lte, lte_ca, nsa, sa, ...)"
    )
    args = parser.parse_args()
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
