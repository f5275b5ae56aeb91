"""Antenna alignment mode on a real hass: a poll every 2 s (one request each), and off at once when
polling is paused. Its 10-minute self-stop is proven with a frozen clock in
tests/integration/test_alignment.py (a real hass cannot be made to wait 10 minutes here)."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.e2e.stack import Stack

pytestmark = pytest.mark.timeout(240)

ALIGNMENT = "switch.zte_mc801a_alignment_mode"
POLLING = "switch.zte_mc801a_polling"
QUALITY = "sensor.zte_mc801a_signal_quality"


async def _switch(stack: Stack, service: str, entity_id: str) -> None:
    await stack.hass.api(stack.session, "POST", f"/api/services/switch/{service}", {"entity_id": entity_id})


async def _counts(stack: Stack) -> tuple[int, int]:
    assert stack.simulator is not None
    stats = await stack.simulator.stats(stack.session)
    return int(stats["requests"]), int(stats["reads"])


async def test_alignment_polls_every_two_seconds_and_pause_ends_it(stack: Stack) -> None:
    """Off: 30 s between polls. On: about five polls in 10 s, each one request, the quality sensor
    follows them with its best; pausing ends it at once and the polls stop."""
    assert stack.simulator is not None
    quality = await stack.hass.state(stack.session, QUALITY)
    assert quality is not None
    assert quality["state"] == "68"

    await _switch(stack, "turn_on", ALIGNMENT)
    await stack.hass.wait_state(stack.session, ALIGNMENT, lambda state: state == "on", timeout=30)
    requests, reads = await _counts(stack)
    started = time.monotonic()
    await asyncio.sleep(10)
    more_requests, more_reads = await _counts(stack)
    elapsed = time.monotonic() - started
    polls = more_reads - reads
    # One poll every 2 s (a poll takes a few ms on the simulator): 4 to 6 in 10 s.
    assert elapsed / 2 - 1.5 <= polls <= elapsed / 2 + 1.5, (polls, elapsed)
    assert more_requests - requests == polls  # one request per poll, no extra read
    state = await stack.hass.state(stack.session, QUALITY)
    assert state is not None
    assert state["attributes"]["best"] == 68

    # A better signal shows within a fast poll.
    await stack.simulator.control(stack.session, action="set", values={"lte_rsrp": "-85"})
    await stack.hass.wait_state(stack.session, QUALITY, lambda s: s == "72", timeout=6)

    await _switch(stack, "turn_off", POLLING)
    await stack.hass.wait_state(stack.session, ALIGNMENT, lambda state: state == "off", timeout=5)
    _, reads = await _counts(stack)
    await asyncio.sleep(6)
    _, after = await _counts(stack)
    assert after == reads  # paused: no poll at all, fast or slow
    state = await stack.hass.state(stack.session, QUALITY)
    assert state is not None
    assert "best" not in state["attributes"]
    await _switch(stack, "turn_on", POLLING)
