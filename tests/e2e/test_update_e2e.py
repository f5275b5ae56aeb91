"""The firmware update entity on a real hass: a router that knows of a newer version shows it (with
the router's description), as the frontend reads it over the REST API; the install action is
refused by HA (read only) and nothing reaches the router; a download the router runs shows its progress.

The simulator runs inside the test process (a real HTTP socket), so the test steers the router's
update state and reads what the router received.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e.stack import InProcessStack
from tests.simulator.firmware import DESCRIPTION

pytestmark = pytest.mark.timeout(240)

GOFORM_FIRMWARE = "update.zte_mc801a_firmware"
UBUS_FIRMWARE = "update.zte_g5ts_firmware"


@pytest.fixture
async def goform_stack(socket_enabled: None, tmp_path: Path) -> AsyncIterator[InProcessStack]:
    """An MC801A that knows of its next build, set up in a real hass."""
    running = InProcessStack(tmp_path)
    running.sim.modem.firmware.set_state("available")
    try:
        await running.start()
        result = await running.add_modem()
        assert result["type"] == "create_entry", result
        yield running
    finally:
        await running.stop()


async def test_goform_router_shows_a_newer_version(goform_stack: InProcessStack) -> None:
    """On, installed B15, latest B16 with its summary; install refused; the router got no write."""
    stack = goform_stack
    state = await stack.hass.wait_state(stack.session, GOFORM_FIRMWARE, lambda value: value == "on")
    attributes = state["attributes"]
    assert attributes["installed_version"] == "BD_UKH3GMC801AV1.0.0B15"
    assert attributes["latest_version"] == "BD_UKH3GMC801AV1.0.0B16"
    assert attributes["release_summary"] == DESCRIPTION
    assert attributes["in_progress"] is False
    assert attributes["supported_features"] & 1 == 0  # UpdateEntityFeature.INSTALL

    modem = stack.sim.modem
    writes = list(modem.controls.writes)
    # As the frontend calls it (over the websocket): HA refuses, the entity has no install.
    with pytest.raises(RuntimeError, match="not_supported|does not support"):
        await stack.hass.ws(
            stack.session,
            "call_service",
            domain="update",
            service="install",
            target={"entity_id": GOFORM_FIRMWARE},
        )
    assert modem.controls.writes == writes
    assert modem.firmware.state == "available"


@pytest.fixture
async def ubus_stack(socket_enabled: None, tmp_path: Path) -> AsyncIterator[InProcessStack]:
    """A G5TS downloading its next build, set up in a real hass."""
    running = InProcessStack(tmp_path, ubus_profile="g5ts")
    running.sim.modem.firmware.set_state("downloading")
    try:
        await running.start()
        result = await running.add_modem()
        assert result["type"] == "create_entry", result
        yield running
    finally:
        await running.stop()


async def test_ubus_router_shows_its_download(ubus_stack: InProcessStack) -> None:
    """A G5TS downloading B06: on, in progress, with the downloaded share."""
    stack = ubus_stack
    state = await stack.hass.wait_state(stack.session, UBUS_FIRMWARE, lambda value: value == "on")
    attributes = state["attributes"]
    assert attributes["installed_version"] == "BD_G5TSV1.0.0B05"
    assert attributes["latest_version"] == "BD_G5TSV1.0.0B06"
    assert attributes["in_progress"] is True
    assert attributes["update_percentage"] in (25, 50, 75, 100)
    assert attributes["stage"] == "downloading"
