"""scripts/develop as a newcomer runs it: up, MQTT working, and Ctrl-C leaves nothing behind."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import socket
from typing import Any

import aiohttp
import pytest

from tests.broker import Watcher
from tests.e2e.stack import ROOT, HassProcess
from tests.integration.test_mqtt_broker import ask

pytestmark = pytest.mark.timeout(240)


def _port_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


async def _http_config(hass: HassProcess, session: aiohttp.ClientSession) -> dict[str, Any] | None:
    """What HA 2026.x's network settings panel shows (websocket http/config); None on a
    Home Assistant that still reads its HTTP settings from YAML only (no such command)."""
    try:
        result: dict[str, Any] = await hass.ws(session, "http/config")
    except RuntimeError as err:
        if "unknown_command" in str(err):
            return None
        raise
    return result


async def _assert_starts_clean(http_port: int) -> None:
    """Nothing in the UI about the demo's own configuration: no repair (such as "The HTTP
    YAML configuration is deprecated"), no HTTP settings waiting to be confirmed (the
    "Confirm new HTTP server configuration" dialog, reverted within five minutes), and
    Home Assistant listening where the demo's configuration says."""
    hass = HassProcess(ROOT / ".develop" / "config", http_port)
    async with aiohttp.ClientSession() as session:
        await hass.login(session)
        issues = (await hass.ws(session, "repairs/list_issues"))["issues"]
        http_config = await _http_config(hass, session)
    # HA's notice that Core installations (hass in a venv) are deprecated is about how the
    # demo's hass is installed, not how it is configured; every other repair is ours.
    from_our_config = [
        issue
        for issue in issues
        if (issue["domain"], issue["issue_id"]) != ("homeassistant", "deprecated_method")
    ]
    assert from_our_config == [], issues
    if http_config is not None:
        assert http_config["pending"] is None, http_config
        assert http_config["revert_at"] is None, http_config
        assert http_config["active_config_type"] == "stable", http_config
        assert http_config["stable"]["server_host"] == ["127.0.0.1"], http_config
        assert http_config["stable"]["server_port"] == http_port, http_config


@pytest.mark.parametrize(("profile", "rsrp"), [("mc801a", -95), ("g5ts", -80)])
async def test_develop_script(socket_enabled: None, profile: str, rsrp: int) -> None:
    """Starts everything, answers MQTT through the broker it printed, and stops everything on Ctrl-C;
    with a goform router, and with a ubus one (G5TS over https)."""
    # The lane this test runs in (scripts/in-lane sets ZTE_LANE): the demo's hass is that lane's.
    lane = ["--lane", os.environ["ZTE_LANE"]] if os.environ.get("ZTE_LANE") else []
    process = await asyncio.create_subprocess_exec(
        str(ROOT / "scripts" / "develop"),
        *lane,
        "--profile",
        profile,
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        start_new_session=True,  # its own process group, like a terminal session
    )
    assert process.stdout is not None
    output = ""
    try:
        async with asyncio.timeout(180):
            while "Ctrl-C stops everything." not in output:
                line = await process.stdout.readline()
                assert line, f"scripts/develop ended early:\n{output}"
                output += line.decode()
        mqtt_port = int(re.search(r"MQTT broker:\s+127\.0\.0\.1:(\d+)", output).group(1))  # type: ignore[union-attr]
        http_port = int(re.search(r"Home Assistant:\s+http://127\.0\.0\.1:(\d+)", output).group(1))  # type: ignore[union-attr]
        modem_port = int(re.search(r"Modem:\s+https?://127\.0\.0\.1:(\d+)", output).group(1))  # type: ignore[union-attr]
        assert "user 'demo'" in output
        assert "mosquitto_pub" in output

        watcher = Watcher(mqtt_port, ["zte/#"])
        try:
            lte = json.loads((await ask(watcher, "zte/lte/get", "zte/lte")).payload)
        finally:
            watcher.close()
        assert lte["rsrp"] == rsrp
        await _assert_starts_clean(http_port)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGINT)
        async with asyncio.timeout(90):
            rest, _ = await process.communicate()
        output += rest.decode()

    assert "Stopped: Home Assistant, the simulator and Mosquitto." in output
    assert not _port_open(mqtt_port)
    assert not _port_open(http_port)
    assert not _port_open(modem_port)
    pgrep = await asyncio.create_subprocess_exec(
        "pgrep", "-f", str(ROOT / ".develop"), stdout=asyncio.subprocess.PIPE
    )
    leftovers, _ = await pgrep.communicate()
    assert leftovers.split() == []
