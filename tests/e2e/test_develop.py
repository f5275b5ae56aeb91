"""scripts/develop as a newcomer runs it: up, MQTT working, and Ctrl-C leaves nothing behind."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import socket

import pytest

from tests.broker import Watcher
from tests.e2e.stack import ROOT
from tests.integration.test_mqtt_broker import ask

pytestmark = pytest.mark.timeout(240)


def _port_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


async def test_develop_script(socket_enabled: None) -> None:
    """Starts everything, answers MQTT through the broker it printed, and stops everything on Ctrl-C."""
    # The lane this test runs in (scripts/in-lane sets ZTE_LANE): the demo's hass is that lane's.
    lane = ["--lane", os.environ["ZTE_LANE"]] if os.environ.get("ZTE_LANE") else []
    process = await asyncio.create_subprocess_exec(
        str(ROOT / "scripts" / "develop"),
        *lane,
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
        modem_port = int(re.search(r"Modem:\s+http://127\.0\.0\.1:(\d+)", output).group(1))  # type: ignore[union-attr]
        assert "user 'demo'" in output
        assert "mosquitto_pub" in output

        watcher = Watcher(mqtt_port, ["zte/#"])
        try:
            lte = json.loads((await ask(watcher, "zte/lte/get", "zte/lte")).payload)
        finally:
            watcher.close()
        assert lte["rsrp"] == -95
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
