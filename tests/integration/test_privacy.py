"""No password, hash, cookie or token ever reaches the log."""

from __future__ import annotations

import base64
import hashlib
import logging

import pytest
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from tests.integration.conftest import PASSWORD
from tests.simulator import ModemSimulator


async def test_debug_log_has_no_secrets(
    hass: HomeAssistant,
    modem: ModemSimulator,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Setup and 20 polls at DEBUG, with session losses and faults, leak nothing."""
    caplog.set_level(logging.DEBUG)
    seen_sessions: set[str] = set()
    seen_nonces: set[str] = set()
    original_field = modem._field

    def recording_field(key: str, logged_in: bool, **kwargs: bool) -> str:
        value = original_field(key, logged_in, **kwargs)
        if key in ("LD", "RD") and value:
            seen_nonces.add(value)
        return value

    modem._field = recording_field  # type: ignore[method-assign]
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    coordinator = mock_config_entry.runtime_data.coordinator
    for poll in range(20):
        if modem._session:
            seen_sessions.add(modem._session)
        if poll % 5 == 0:
            modem.expire_sessions()
        if poll == 7:
            modem.inject_fault("html", count=1)
        await coordinator.async_refresh()
        await hass.async_block_till_done()
    await hass.config_entries.async_unload(mock_config_entry.entry_id)
    await hass.async_block_till_done()

    sha = hashlib.sha256(PASSWORD.encode()).hexdigest()
    secrets = {
        PASSWORD,
        base64.b64encode(PASSWORD.encode()).decode(),
        sha,
        sha.upper(),
        *seen_sessions,
        *seen_nonces,
    }
    assert len(seen_sessions) >= 4
    log = caplog.text
    assert "zte_modem" in log  # the integration did log at debug level
    for secret in secrets:
        assert secret not in log
