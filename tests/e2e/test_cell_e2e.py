"""Cell history on a real hass: the router moves to another cell and `event.<device>_cell` fires
`cell_changed` exactly once (seen on HA's websocket, as an automation's trigger sees it), the
counter goes to 1, and the polls after it fire nothing more.

The modem simulator runs inside the test process, so the test moves it between polls.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.e2e.stack import InProcessStack
from tests.simulator.scenarios import OTHER_CELL

pytestmark = pytest.mark.timeout(240)

EVENT = "event.zte_mc801a_cell"
CHANGES = "sensor.zte_mc801a_cell_changes"
ENODEB = "sensor.zte_mc801a_lte_enodeb_id"
REFRESH = "button.zte_mc801a_refresh"


@pytest.fixture
async def stack(socket_enabled: None, tmp_path: Path) -> AsyncIterator[InProcessStack]:
    running = InProcessStack(tmp_path)
    try:
        await running.start()
        result = await running.add_modem()
        assert result["type"] == "create_entry", result
        await running.hass.wait_state(running.session, CHANGES, lambda state: state == "0")
        yield running
    finally:
        await running.stop()


async def _collect(socket: aiohttp.ClientWebSocketResponse, into: list[dict[str, Any]]) -> None:
    """Every state change of the cell event entity, as the websocket announces it."""
    async for message in socket:
        data = message.json()
        if data.get("type") != "event":
            continue
        event = data["event"]["data"]
        if event.get("entity_id") == EVENT and event.get("new_state"):
            into.append(event["new_state"])


async def _poll(stack: InProcessStack) -> None:
    reads = stack.sim.modem.stats.requests
    await stack.press(REFRESH)
    for _ in range(40):
        if stack.sim.modem.stats.requests > reads:
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.5)


async def test_a_cell_change_fires_the_event_once(stack: InProcessStack) -> None:
    hass = stack.hass
    assert (await hass.state(stack.session, EVENT) or {})["state"] == "unknown"  # nothing at setup
    async with stack.session.ws_connect(f"{hass.url}/api/websocket") as socket:
        await hass._ws_auth(socket)
        await socket.send_json({"id": 1, "type": "subscribe_events", "event_type": "state_changed"})
        assert (await socket.receive_json())["success"]
        seen: list[dict[str, Any]] = []
        collector = asyncio.create_task(_collect(socket, seen))
        try:
            await _poll(stack)  # the same cell: nothing
            assert seen == []
            stack.sim.modem.set_values(OTHER_CELL)
            for _ in range(3):
                await _poll(stack)
        finally:
            collector.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await collector

    fired = [state for state in seen if state["attributes"].get("event_type") == "cell_changed"]
    assert len(fired) == 1, seen
    attributes = fired[0]["attributes"]
    assert (attributes["rat"], attributes["cell_id"], attributes["enodeb_id"]) == ("lte", 0x2C2A107, 0x2C2A1)
    assert (attributes["pci"], attributes["band"], attributes["earfcn"]) == (0xC9, "B20", 6300)
    assert (attributes["previous_cell_id"], attributes["previous_pci"]) == (0x2C20F34, 0x1F4)
    assert (attributes["previous_band"], attributes["previous_earfcn"]) == ("B3", 1300)
    assert (await hass.state(stack.session, CHANGES) or {})["state"] == "1"
    assert (await hass.state(stack.session, ENODEB) or {})["state"] == str(0x2C2A1)
