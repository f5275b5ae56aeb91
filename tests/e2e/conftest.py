"""End-to-end fixtures: a whole stack per test (hass starts in a few seconds)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e.stack import Stack


@pytest.fixture
async def stack(socket_enabled: None, tmp_path: Path) -> AsyncIterator[Stack]:
    """Broker, simulator (MC801A, 5G NSA) and a real hass, onboarded, with MQTT and the modem added."""
    running = Stack(tmp_path)
    try:
        await running.start()
        await running.add_mqtt()
        result = await running.add_modem()
        assert result["type"] == "create_entry", result
        yield running
    finally:
        await running.stop()
