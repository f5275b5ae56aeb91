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
from tests.simulator.ubus import OTHER_CELL_RADIO

pytestmark = pytest.mark.timeout(240)

# The goform MC801A (hex cell ids) and a ubus G5TS (decimal): the same entities, the same event.
TRANSPORTS = {"goform": ("zte_mc801a", None), "ubus": ("zte_g5ts", "g5ts")}


class CellStack(InProcessStack):
    """The in-process stack, with the device's entity id prefix."""

    def __init__(self, workdir: Path, device: str, ubus_profile: str | None) -> None:
        super().__init__(workdir, ubus_profile=ubus_profile)
        self.device = device


@pytest.fixture(params=sorted(TRANSPORTS))
async def stack(
    request: pytest.FixtureRequest, socket_enabled: None, tmp_path: Path
) -> AsyncIterator[CellStack]:
    device, ubus_profile = TRANSPORTS[request.param]
    running = CellStack(tmp_path, device, ubus_profile)
    try:
        await running.start()
        result = await running.add_modem()
        assert result["type"] == "create_entry", result
        await running.hass.wait_state(
            running.session, f"sensor.{device}_cell_changes", lambda state: state == "0"
        )
        yield running
    finally:
        await running.stop()


async def _collect(
    socket: aiohttp.ClientWebSocketResponse, entity_id: str, into: list[dict[str, Any]]
) -> None:
    """Every state change of the cell event entity, as the websocket announces it."""
    async for message in socket:
        data = message.json()
        if data.get("type") != "event":
            continue
        event = data["event"]["data"]
        if event.get("entity_id") == entity_id and event.get("new_state"):
            into.append(event["new_state"])


async def _poll(stack: CellStack) -> None:
    reads = stack.sim.modem.stats.requests
    await stack.press(f"button.{stack.device}_refresh")
    for _ in range(40):
        if stack.sim.modem.stats.requests > reads:
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.5)


async def test_a_cell_change_fires_the_event_once(stack: CellStack) -> None:
    hass, device = stack.hass, stack.device
    event, ubus = f"event.{device}_cell", device == "zte_g5ts"
    assert (await hass.state(stack.session, event) or {})["state"] == "unknown"  # nothing at setup
    async with stack.session.ws_connect(f"{hass.url}/api/websocket") as socket:
        await hass._ws_auth(socket)
        await socket.send_json({"id": 1, "type": "subscribe_events", "event_type": "state_changed"})
        assert (await socket.receive_json())["success"]
        seen: list[dict[str, Any]] = []
        collector = asyncio.create_task(_collect(socket, event, seen))
        try:
            await _poll(stack)  # the same cell: nothing
            assert seen == []
            if ubus:
                stack.sim.modem.radio.update(OTHER_CELL_RADIO)
            else:
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
    before = (35072027, 259, "B1", 75) if ubus else (0x2C20F34, 0x1F4, "B3", 1300)
    assert (
        attributes["previous_cell_id"],
        attributes["previous_pci"],
        attributes["previous_band"],
        attributes["previous_earfcn"],
    ) == before
    assert (await hass.state(stack.session, f"sensor.{device}_cell_changes") or {})["state"] == "1"
    assert (await hass.state(stack.session, f"sensor.{device}_lte_enodeb_id") or {})["state"] == str(0x2C2A1)
