"""Connected devices on a real hass, on both transports: the count sensor follows the router's lists,
a device that appears gets a tracker without a reload, is home once its tracker is enabled, and
goes away only after the "Consider home" grace period once it left."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e.stack import InProcessStack

pytestmark = pytest.mark.timeout(240)

LAPTOP_MAC = "02:00:00:00:E2:E2"
LAPTOP = "device_tracker.e2e_laptop"
GRACE = 15  # seconds: "Consider home"


@pytest.fixture(params=["goform", "ubus"])
async def stack(
    request: pytest.FixtureRequest, socket_enabled: None, tmp_path: Path
) -> AsyncIterator[InProcessStack]:
    running = InProcessStack(tmp_path, ubus_profile="g5ts" if request.param == "ubus" else None)
    try:
        await running.start()
        result = await running.add_modem()
        assert result["type"] == "create_entry", result
        yield running
    finally:
        await running.stop()


async def wait_registered(stack: InProcessStack, entity_id: str, timeout: float = 60) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        entries = await stack.hass.ws(stack.session, "config/entity_registry/list")
        for entry in entries:
            if entry["entity_id"] == entity_id:
                return dict(entry)
        await asyncio.sleep(0.5)
    raise AssertionError(f"{entity_id} was never registered")


async def test_a_device_appears_is_tracked_and_leaves(stack: InProcessStack) -> None:
    ubus = stack.sim.modem.__class__.__name__ == "UbusSimulator"
    title = "zte_g5ts" if ubus else "zte_mc801a"
    count = f"sensor.{title}_connected_devices"
    await stack.hass.wait_state(stack.session, count, lambda value: value == "3", timeout=60)
    await stack.set_options(track_devices=True, consider_home=GRACE, tracking_interval=10, scan_interval=10)

    modem = stack.sim.modem
    modem.clients.join(LAPTOP_MAC, "e2e-laptop", "192.168.0.77", "wifi_2.4")
    await stack.hass.wait_state(stack.session, count, lambda value: value == "4", timeout=60)
    registered = await wait_registered(stack, LAPTOP)
    # No known device has this MAC: Home Assistant's own rule creates it disabled.
    assert registered["disabled_by"] == "integration"

    await stack.hass.ws(stack.session, "config/entity_registry/update", entity_id=LAPTOP, disabled_by=None)
    assert stack.zte_entry_id is not None
    async with stack.hass.entry_changes(stack.session) as changes:
        await stack.hass.api(
            stack.session, "POST", f"/api/config/config_entries/entry/{stack.zte_entry_id}/reload"
        )
        await changes.wait_reloaded(stack.zte_entry_id)
    state = await stack.hass.wait_state(stack.session, LAPTOP, lambda value: value == "home", timeout=60)
    # A goform station_list row without a band hint says only "Wi-Fi" (client_lists.py).
    assert state["attributes"]["interface"] == ("wifi_2.4" if ubus else "wifi")
    assert state["attributes"]["ip"] == "192.168.0.77"

    modem.clients.leave(LAPTOP_MAC)
    left_at = time.monotonic()
    await stack.hass.wait_state(stack.session, count, lambda value: value == "3", timeout=60)
    assert (await stack.hass.state(stack.session, LAPTOP) or {}).get("state") == "home"
    await stack.hass.wait_state(stack.session, LAPTOP, lambda value: value == "not_home", timeout=90)
    assert time.monotonic() - left_at >= GRACE
