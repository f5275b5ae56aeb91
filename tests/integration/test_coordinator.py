"""Polling behaviour a user notices: outages, session loss, lockout, busy, pause."""

from __future__ import annotations

from datetime import timedelta

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.components.button import SERVICE_PRESS
from homeassistant.config_entries import SOURCE_REAUTH
from homeassistant.const import ATTR_ENTITY_ID, STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from tests.integration.conftest import async_poll
from tests.simulator import FakeClock, ModemSimulator

RSRP = "sensor.zte_mc801a_lte_rsrp"
POLLING = "switch.zte_mc801a_polling"


async def test_modem_down_and_back(
    hass: HomeAssistant,
    modem: ModemSimulator,
    init_integration: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Entities go unavailable while the modem is gone and recover by themselves; logged once each."""
    modem.inject_fault("reset")
    await async_poll(hass, init_integration)
    assert hass.states.get(RSRP).state == STATE_UNAVAILABLE
    await async_poll(hass, init_integration)
    await async_poll(hass, init_integration)

    modem.inject_fault(None)
    modem.set_values({"lte_rsrp": "-101"})
    await async_poll(hass, init_integration)

    assert hass.states.get(RSRP).state == "-101"
    unavailable_logs = [r for r in caplog.records if "Error fetching" in r.getMessage()]
    recovered_logs = [r for r in caplog.records if "recovered" in r.getMessage()]
    assert len(unavailable_logs) == 1
    assert len(recovered_logs) == 1


async def test_garbage_answer_is_unavailable_not_a_crash(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """HTML, truncated JSON: unavailable with a clear message, polling goes on."""
    for fault in ("html", "truncated", "garbage"):
        modem.inject_fault(fault)
        await async_poll(hass, init_integration)
        assert hass.states.get(RSRP).state == STATE_UNAVAILABLE, fault
    modem.inject_fault(None)
    await async_poll(hass, init_integration)
    assert hass.states.get(RSRP).state == "-95"


async def test_session_expiry_keeps_values(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """An expired session costs one login and no unavailable state."""
    modem.expire_sessions()
    await async_poll(hass, init_integration)
    assert hass.states.get(RSRP).state == "-95"
    assert modem.stats.logins == 2


async def test_steady_state_one_request_per_poll(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """Each poll is one HTTP request, never two at once."""
    modem.stats.reset()
    for _ in range(5):
        await async_poll(hass, init_integration)
    assert modem.stats.requests == 5
    assert modem.stats.max_concurrency == 1


async def test_lockout_respected(
    hass: HomeAssistant,
    modem: ModemSimulator,
    modem_clock: FakeClock,
    init_integration: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """While the modem is locked no login is attempted; after the lock, polling resumes."""
    modem._attempts_left = 0
    modem._lock_until = modem_clock() + 300
    modem.expire_sessions()
    await async_poll(hass, init_integration)
    assert hass.states.get(RSRP).state == STATE_UNAVAILABLE
    coordinator = init_integration.runtime_data.coordinator
    assert "5 minutes" in str(coordinator.last_exception)

    modem.stats.reset()
    for _ in range(8):  # four minutes of polls
        await async_poll(hass, init_integration)
    assert modem.stats.requests == 0
    assert modem.stats.logins == 0

    modem_clock.advance(300)
    freezer.tick(timedelta(seconds=301))
    await async_poll(hass, init_integration)
    assert hass.states.get(RSRP).state == "-95"
    assert (modem.stats.logins, modem.stats.failed_logins) == (1, 0)


async def test_low_attempts_never_tries(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """With one attempt left, the integration reads the counter but never logs in."""
    modem._attempts_left = 1
    modem.expire_sessions()
    modem.stats.reset()
    for _ in range(3):
        await async_poll(hass, init_integration)
    assert hass.states.get(RSRP).state == STATE_UNAVAILABLE
    assert modem.stats.logins == 0
    assert "1 login attempt" in str(init_integration.runtime_data.coordinator.last_exception)


async def test_busy_backs_off(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """Someone in the web UI (result 2): unavailable with a busy message, no lockout."""
    modem.reject_with_2 = True
    modem.web_ui_login()
    await async_poll(hass, init_integration)
    assert hass.states.get(RSRP).state == STATE_UNAVAILABLE
    assert "web page" in str(init_integration.runtime_data.coordinator.last_exception)
    assert modem.snapshot_state()["attempts_left"] == 5


async def test_wrong_password_starts_reauth_and_stops_logging_in(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """A changed password costs one attempt, then a reauth flow; no more logins."""
    modem.set_password("changed-on-router")
    modem.expire_sessions()
    await async_poll(hass, init_integration)

    flows = hass.config_entries.flow.async_progress()
    assert [flow["context"]["source"] for flow in flows] == [SOURCE_REAUTH]
    for _ in range(10):
        await async_poll(hass, init_integration)
    await hass.services.async_call(
        "button", SERVICE_PRESS, {ATTR_ENTITY_ID: "button.zte_mc801a_refresh"}, blocking=True
    )
    assert modem.stats.failed_logins == 1
    assert modem.snapshot_state()["attempts_left"] == 4
