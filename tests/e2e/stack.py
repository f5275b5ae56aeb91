"""A whole stack on one machine: Mosquitto, the modem simulator and a real `hass` process.

Used by the end-to-end tests and by scripts/develop. Everything talks over
127.0.0.1: HA's REST API as the frontend would use it, MQTT through a real broker,
the modem over HTTP.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp

from tests.broker import Mosquitto, free_port

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "scripts" / "config_template" / "configuration.yaml"
BLUEPRINTS = ROOT / "blueprints" / "automation" / "zte_modem"
DEMO_USER = "demo"
DEMO_PASSWORD = "zte-demo-password"


def write_config(config_dir: Path, http_port: int, extra: str = "") -> None:
    """A fresh HA config dir from the committed template, with our integration linked in."""
    config_dir.mkdir(parents=True, exist_ok=True)
    text = TEMPLATE.read_text().replace("__HTTP_PORT__", str(http_port)).replace("__EXTRA__", extra)
    (config_dir / "configuration.yaml").write_text(text)
    automations = config_dir / "automations.yaml"
    if not automations.exists():
        automations.write_text("[]\n")
    components = config_dir / "custom_components"
    components.mkdir(exist_ok=True)
    link = components / "zte_modem"
    if not link.exists():
        link.symlink_to(ROOT / "custom_components" / "zte_modem")
    blueprint_dir = config_dir / "blueprints" / "automation" / "zte_modem"
    blueprint_dir.mkdir(parents=True, exist_ok=True)
    for blueprint in BLUEPRINTS.glob("*.yaml"):
        shutil.copy(blueprint, blueprint_dir / blueprint.name)


class SimulatorProcess:
    """python -m tests.simulator in its own process, steered over its control endpoint."""

    def __init__(
        self, profile: str, password: str, port: int | None = None, scenario: str | None = None
    ) -> None:
        from tests.simulator.ubus import UBUS_PROFILES

        self.port = port or free_port()
        https = profile in UBUS_PROFILES and UBUS_PROFILES[profile].https
        self.url = f"{'https' if https else 'http'}://127.0.0.1:{self.port}"
        command = [
            sys.executable, "-m", "tests.simulator", "--port", str(self.port), "--profile", profile,
            "--password", password, "--latency", "0.01", "0.05",
        ]  # fmt: skip
        if scenario:
            command += ["--scenario", scenario]
        self.process = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    async def wait_ready(self, session: aiohttp.ClientSession) -> None:
        for _ in range(200):
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(f"{self.url}/__sim__/stats", ssl=False) as response:
                    if response.status == 200:
                        return
            await asyncio.sleep(0.05)
        raise RuntimeError("the modem simulator did not start")

    async def control(self, session: aiohttp.ClientSession, **command: Any) -> dict[str, Any]:
        async with session.post(f"{self.url}/__sim__/control", json=command) as response:
            response.raise_for_status()
            result: dict[str, Any] = await response.json()
            return result

    async def stats(self, session: aiohttp.ClientSession) -> dict[str, Any]:
        async with session.get(f"{self.url}/__sim__/stats", ssl=False) as response:
            result: dict[str, Any] = await response.json()
            return result

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def hass_binary() -> str:
    """hass of the lane's real-hass venv (scripts/in-lane sets ZTE_HASS_PYTHON), else of this venv.

    The current lane runs pytest on the HA version its test harness pins and a real hass
    of a newer release from another venv; the Python 3.13 lanes have both in one venv.
    """
    python = os.environ.get("ZTE_HASS_PYTHON") or sys.executable
    candidate = Path(python).parent / "hass"  # not resolved: a venv's python is a symlink
    if not candidate.exists():
        raise RuntimeError(f"no hass next to {python}; run scripts/setup")
    return str(candidate)


def initial_form_data(schema: list[dict[str, Any]]) -> dict[str, Any]:
    """What HA's frontend fills a flow form with before the user types anything.

    Mirrors the frontend's computeInitialHaFormData for the fields flows use: defaults,
    then for required fields without one, false for booleans and the first option of a
    select; collapsible sections ("expandable") as nested dicts. HA 2026.11's MQTT broker
    step, for one, requires its "other_settings" section that older versions lack.
    """
    data: dict[str, Any] = {}
    for item in schema:
        name = item.get("name")
        if name is None:
            continue
        if item.get("type") == "expandable":
            data[name] = initial_form_data(item.get("schema", []))
        elif "default" in item:
            data[name] = item["default"]
        elif item.get("required"):
            selector = item.get("selector", {})
            if item.get("type") == "boolean" or "boolean" in selector:
                data[name] = False
            elif options := (selector.get("select") or {}).get("options"):
                first = options[0]
                data[name] = first["value"] if isinstance(first, dict) else first
    return data


def merge_form_data(initial: dict[str, Any], typed: dict[str, Any]) -> dict[str, Any]:
    """The user's values over the form's initial ones (sections merged key by key)."""
    merged = dict(initial)
    for key, value in typed.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge_form_data(merged[key], value)
        else:
            merged[key] = value
    return merged


class EntryChanges:
    """Config entry states as HA announces them on a config_entries/subscribe websocket."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self._socket = socket

    async def wait_reloaded(self, entry_id: str, timeout: float = 60) -> None:
        """Until the entry has left the "loaded" state and is "loaded" again.

        A reload the options flow schedules runs in the background after the flow has
        answered; until it is over the entry's entities are missing (HA 2026.11 then
        ignores a button press with a warning instead of running it).
        """
        left_loaded = False
        async with asyncio.timeout(timeout):
            while True:
                message = await self._socket.receive_json()
                if message.get("type") != "event":
                    continue
                for change in message["event"]:
                    entry = change["entry"]
                    if entry["entry_id"] != entry_id:
                        continue
                    if entry["state"] != "loaded":
                        left_loaded = True
                    elif left_loaded:
                        return


@dataclass
class HassProcess:
    """A real Home Assistant, driven through its REST API."""

    config_dir: Path
    port: int
    process: subprocess.Popen[bytes] | None = None
    token: str | None = None
    log_path: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log_path = self.config_dir / "home-assistant.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [hass_binary(), "-c", str(self.config_dir), "--skip-pip", "--log-file", str(self.log_path)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    async def wait_ready(self, session: aiohttp.ClientSession, timeout: float = 180) -> None:
        """Until the HTTP API answers (401 without a token is an answer)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RuntimeError(f"hass exited with {self.process.returncode}; see {self.log_path}")
            with contextlib.suppress(aiohttp.ClientError):
                async with session.get(f"{self.url}/api/onboarding") as response:
                    if response.status in (200, 401, 404):
                        return
            await asyncio.sleep(0.5)
        raise RuntimeError(f"hass did not come up within {timeout:.0f} s; see {self.log_path}")

    async def onboard(self, session: aiohttp.ClientSession) -> str:
        """Create the local user and finish onboarding, like the first-run wizard."""
        client_id = f"{self.url}/"
        async with session.post(
            f"{self.url}/api/onboarding/users",
            json={
                "client_id": client_id,
                "name": "Demo",
                "username": DEMO_USER,
                "password": DEMO_PASSWORD,
                "language": "en",
            },
        ) as response:
            response.raise_for_status()
            auth_code = (await response.json())["auth_code"]
        async with session.post(
            f"{self.url}/auth/token",
            data={"grant_type": "authorization_code", "code": auth_code, "client_id": client_id},
        ) as response:
            response.raise_for_status()
            self.token = (await response.json())["access_token"]
        for step, payload in (
            ("core_config", {}),
            ("analytics", {}),
            ("integration", {"client_id": client_id, "redirect_uri": f"{client_id}?auth_callback=1"}),
        ):
            async with session.post(f"{self.url}/api/onboarding/{step}", json=payload, headers=self.headers):
                pass
        return self.token

    async def login(self, session: aiohttp.ClientSession) -> str:
        """A token for an already onboarded instance (the login form's flow)."""
        client_id = f"{self.url}/"
        async with session.post(
            f"{self.url}/auth/login_flow",
            json={"client_id": client_id, "handler": ["homeassistant", None], "redirect_uri": client_id},
        ) as response:
            flow_id = (await response.json())["flow_id"]
        async with session.post(
            f"{self.url}/auth/login_flow/{flow_id}",
            json={"client_id": client_id, "username": DEMO_USER, "password": DEMO_PASSWORD},
        ) as response:
            code = (await response.json())["result"]
        async with session.post(
            f"{self.url}/auth/token",
            data={"grant_type": "authorization_code", "code": code, "client_id": client_id},
        ) as response:
            self.token = (await response.json())["access_token"]
        return self.token

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    async def api(self, session: aiohttp.ClientSession, method: str, path: str, payload: Any = None) -> Any:
        async with session.request(
            method, f"{self.url}{path}", json=payload, headers=self.headers
        ) as response:
            if response.status >= 400:
                raise RuntimeError(f"{method} {path}: HTTP {response.status}: {await response.text()}")
            if response.content_type == "application/json":
                return await response.json()
            return await response.text()

    async def _ws_auth(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        await socket.receive_json()  # auth_required
        await socket.send_json({"type": "auth", "access_token": self.token})
        auth = await socket.receive_json()
        if auth["type"] != "auth_ok":
            raise RuntimeError(f"websocket auth failed: {auth}")

    async def ws(self, session: aiohttp.ClientSession, command: str, **data: Any) -> Any:
        """One command over HA's websocket API (what the frontend uses for lists)."""
        async with session.ws_connect(f"{self.url}/api/websocket") as socket:
            await self._ws_auth(socket)
            await socket.send_json({"id": 1, "type": command, **data})
            while True:
                message = await socket.receive_json()
                if message.get("id") == 1 and message["type"] == "result":
                    if not message["success"]:
                        raise RuntimeError(f"{command}: {message['error']}")
                    return message["result"]

    @contextlib.asynccontextmanager
    async def entry_changes(self, session: aiohttp.ClientSession) -> AsyncIterator[EntryChanges]:
        """Config entry state changes from here on (websocket config_entries/subscribe)."""
        async with session.ws_connect(f"{self.url}/api/websocket") as socket:
            await self._ws_auth(socket)
            await socket.send_json({"id": 1, "type": "config_entries/subscribe"})
            yield EntryChanges(socket)

    async def config_flow(self, session: aiohttp.ClientSession, handler: str, *steps: dict[str, Any]) -> Any:
        """Start a config flow and submit each step, as the UI does: what the user typed
        on top of what the form starts with (see initial_form_data)."""
        result = await self.api(session, "POST", "/api/config/config_entries/flow", {"handler": handler})
        for step in steps:
            payload = merge_form_data(initial_form_data(result.get("data_schema") or []), step)
            result = await self.api(
                session, "POST", f"/api/config/config_entries/flow/{result['flow_id']}", payload
            )
        return result

    async def state(self, session: aiohttp.ClientSession, entity_id: str) -> dict[str, Any] | None:
        try:
            result: dict[str, Any] = await self.api(session, "GET", f"/api/states/{entity_id}")
        except RuntimeError:
            return None
        return result

    async def wait_state(
        self, session: aiohttp.ClientSession, entity_id: str, predicate: Any, timeout: float = 60
    ) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            last = await self.state(session, entity_id)
            if last is not None and predicate(last["state"]):
                return last
            await asyncio.sleep(0.5)
        raise AssertionError(f"{entity_id} never matched; last state {last}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None


class Stack:
    """Broker + simulator + hass, started and wired together like a user would."""

    def __init__(
        self,
        workdir: Path,
        *,
        profile: str = "mc801a",
        scenario: str | None = "nsa",
        modem_password: str = "admin-pw-1234",
        mqtt_port: int | None = None,
        http_port: int | None = None,
        modem_url: str | None = None,
    ) -> None:
        self.workdir = workdir
        self.config_dir = workdir / "config"
        self.modem_password = modem_password
        self.broker = Mosquitto(mqtt_port)
        self.simulator = None if modem_url else SimulatorProcess(profile, modem_password, scenario=scenario)
        self.modem_url = modem_url or (self.simulator.url if self.simulator else "")
        self.hass = HassProcess(self.config_dir, http_port or free_port())
        self.session = aiohttp.ClientSession()
        self.zte_entry_id: str | None = None

    async def start(self, *, frontend_extra: str = "") -> None:
        """Start broker, simulator and hass; onboard; nothing configured yet."""
        self.broker.start()
        if self.simulator is not None:
            await self.simulator.wait_ready(self.session)
        write_config(self.config_dir, self.hass.port, frontend_extra)
        self.hass.start()
        await self.hass.wait_ready(self.session)
        await self.hass.onboard(self.session)

    async def add_mqtt(self) -> dict[str, Any]:
        """The MQTT integration through its config flow, pointed at our broker."""
        result = await self.hass.config_flow(
            self.session, "mqtt", {"broker": "127.0.0.1", "port": self.broker.port}
        )
        assert result["type"] == "create_entry", result
        return dict(result)

    async def add_modem(self, password: str | None = None) -> dict[str, Any]:
        """Our integration through its config flow, as typed into the UI."""
        result = await self.hass.config_flow(
            self.session,
            "zte_modem",
            {"host": self.modem_url, "password": password or self.modem_password},
        )
        if result["type"] == "create_entry":
            self.zte_entry_id = result["result"]["entry_id"]
        return dict(result)

    async def set_options(self, **options: Any) -> None:
        """Our options flow through the API (the form's defaults for the rest)."""
        flow = await self.hass.api(
            self.session, "POST", "/api/config/config_entries/options/flow", {"handler": self.zte_entry_id}
        )
        # What the form shows (the current options, suggested), as the frontend would submit them.
        defaults = {
            field["name"]: field["description"]["suggested_value"]
            for field in flow["data_schema"]
            if "suggested_value" in (field.get("description") or {})
        }
        assert self.zte_entry_id is not None
        async with self.hass.entry_changes(self.session) as changes:
            result = await self.hass.api(
                self.session,
                "POST",
                f"/api/config/config_entries/options/flow/{flow['flow_id']}",
                {**defaults, **options},
            )
            assert result["type"] == "create_entry", result
            # The flow schedules a reload of the entry; new options count once it is done.
            await changes.wait_reloaded(self.zte_entry_id)

    async def press(self, entity_id: str) -> None:
        await self.hass.api(self.session, "POST", "/api/services/button/press", {"entity_id": entity_id})

    async def restart_hass(self) -> None:
        self.hass.stop()
        self.hass.start()
        await self.hass.wait_ready(self.session)
        await self.hass.login(self.session)

    async def stop(self) -> None:
        self.hass.stop()
        if self.simulator is not None:
            self.simulator.stop()
        self.broker.close()
        await self.session.close()


__all__ = [
    "DEMO_PASSWORD",
    "DEMO_USER",
    "HassProcess",
    "Mosquitto",
    "SimulatorProcess",
    "Stack",
    "write_config",
]


class InProcessModem(SimulatorProcess):
    """The simulator on a real socket in the test process, so tests can read what the router did."""

    # no child process: nothing of the parent's __init__
    def __init__(self, password: str, ubus_profile: str | None = None) -> None:
        from tests.simulator.server import ModemSimulator
        from tests.simulator.ubus import UbusSimulator

        self.modem: Any = (
            UbusSimulator(ubus_profile, password)
            if ubus_profile
            else ModemSimulator("mc801a", password, scenario="nsa", latency=(0.01, 0.05))
        )
        self.port = 0
        self.url = ""

    async def wait_ready(self, session: aiohttp.ClientSession) -> None:
        if not self.url:
            self.url = await self.modem.start()
            self.port = int(self.url.rsplit(":", 1)[1])

    def stop(self) -> None:
        """Closed by InProcessStack.stop (an in-process server needs the event loop)."""


class InProcessStack(Stack):
    """The usual stack (real hass and Mosquitto) around the in-process simulator (goform's MC801A,
    or a ubus profile)."""

    def __init__(self, workdir: Path, *, ubus_profile: str | None = None) -> None:
        super().__init__(workdir, modem_url="http://127.0.0.1:9")  # placeholder: no simulator process
        self.sim = InProcessModem(self.modem_password, ubus_profile)
        self.simulator = self.sim

    async def start(self, *, frontend_extra: str = "") -> None:
        await self.sim.wait_ready(self.session)
        self.modem_url = self.sim.url
        await super().start(frontend_extra=frontend_extra)

    async def stop(self) -> None:
        try:
            # In a thread: hass logs out of the modem while it shuts down, and the modem lives on this loop.
            await asyncio.to_thread(self.hass.stop)
        finally:
            await self.sim.modem.stop()
            await super().stop()
