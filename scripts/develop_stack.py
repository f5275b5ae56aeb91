"""The Python side of scripts/develop: start the stack, wire it up, print how to use it."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import re
import shutil
import signal
import socket
import subprocess
from pathlib import Path

import yaml

from scripts.dashboard import LOVELACE_CONFIG, entity_prefix, install_dashboard
from scripts.dashboard import URL_PATH as DASHBOARD_PATH
from tests.e2e.stack import DEMO_PASSWORD, DEMO_USER, HassProcess, Stack, hass_binary
from tests.simulator import PROFILES
from tests.simulator.ubus import UBUS_PROFILES

ROOT = Path(__file__).resolve().parent.parent
WORKDIR = ROOT / ".develop"
# The `http:` block of the config template with the comment above it, up to the next
# top-level key.
HTTP_BLOCK = re.compile(r"^(?:#.*\n)*http:[ \t]*\n(?:[ \t]+\S.*\n|[ \t]*\n)*", re.MULTILINE)
MOVED_NOTE = "# http: in .storage/http, where this Home Assistant keeps it (scripts/develop_stack.py)\n\n"


def http_config_in_storage(python: str) -> bool:
    """Whether the hass of that Python keeps its HTTP settings in .storage/http.

    Asked of its own code: from HA 2026.x on (2026.11 here; 2026.2 not yet) the http
    integration has a config store (http/config.py) and takes a YAML `http:` block only
    as a one-off import, with a "deprecated YAML" repair and a trial of the imported
    settings that the UI must confirm within five minutes or HA reverts and restarts.
    """
    check = subprocess.run(
        [python, "-c", "import homeassistant.components.http.config"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    return check.returncode == 0


def move_http_to_storage(config_dir: Path) -> None:
    """The template's `http:` block out of configuration.yaml, into .storage/http.

    Written in the layout HA up to 2026.2 saved there itself (storage version 1: the
    settings as in YAML), which newer HA migrates on its own, filling in the defaults:
    as it finds this file after an upgrade once the YAML is gone. Its current layout
    (stable and pending settings, and whether the YAML import is done) stays HA's.
    """
    configuration = config_dir / "configuration.yaml"
    text = configuration.read_text()
    block = HTTP_BLOCK.search(text)
    if block is None:
        return
    settings = yaml.safe_load(block.group())["http"]
    configuration.write_text(text[: block.start()] + MOVED_NOTE + text[block.end() :])
    storage = config_dir / ".storage" / "http"
    storage.parent.mkdir(exist_ok=True)
    storage.write_text(json.dumps({"version": 1, "minor_version": 1, "key": "http", "data": settings}))


class DemoHass(HassProcess):
    """The stack's hass, configured the way its version expects (see move_http_to_storage)."""

    def start(self) -> None:
        if http_config_in_storage(str(Path(hass_binary()).parent / "python")):
            move_http_to_storage(self.config_dir)
        super().start()


def model_name(profile: str) -> str:
    """The model the simulator reports (the device, and so the entity ids, are named after it)."""
    return UBUS_PROFILES[profile].market_name if profile in UBUS_PROFILES else PROFILES[profile].model


def simulated_model(profile: str) -> str:
    """What the demo says it simulates."""
    if profile in UBUS_PROFILES:
        return f"{UBUS_PROFILES[profile].market_name}, ubus"
    return PROFILES[profile].model


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
    stack.hass = DemoHass(stack.config_dir, stack.hass.port)
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
        # The ready dashboard, as the README adds it (scripts/dashboard.py).
        install_dashboard(stack.config_dir, prefix=entity_prefix(model_name(args.profile)))
        await stack.start(frontend_extra=LOVELACE_CONFIG)
        await stack.add_mqtt()
        result = await stack.add_modem()
        if result["type"] != "create_entry":
            raise SystemExit(f"Adding the modem failed: {result.get('errors') or result}")
        port = stack.broker.port
        print(
            f"""
Home Assistant:  {stack.hass.url}   (user {DEMO_USER!r}, password {DEMO_PASSWORD!r})
Dashboard:       {stack.hass.url}/{DASHBOARD_PATH}
Modem:           {stack.modem_url}{"" if args.modem else f"  (simulated {simulated_model(args.profile)})"}
MQTT broker:     127.0.0.1:{port}
HA log:          {stack.hass.log_path}

Try the MQTT contract (docs/mqtt.md) in another terminal:
  mosquitto_sub -h 127.0.0.1 -p {port} -t 'zte/#' -v &
  mosquitto_pub -h 127.0.0.1 -p {port} -t zte/lte/get -n
"""
        )
        if not args.modem and args.profile in PROFILES:
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
    parser.add_argument(
        "--profile",
        choices=sorted({*PROFILES, *UBUS_PROFILES}),
        default="mc801a",
        help="simulated firmware (goform, or a ubus router: g5ts, u60pro, mc7500, g5ultra)",
    )
    parser.add_argument(
        "--scenario", default="nsa", help="simulated radio scenario (lte, lte_ca, nsa, sa, ...)"
    )
    args = parser.parse_args()
    asyncio.run(run(args))


if __name__ == "__main__":
    main()
