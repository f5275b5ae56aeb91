"""Setup, unload, reload of an entry against the simulator."""

from __future__ import annotations

from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.zte_modem.const import CONF_PROFILE
from tests.simulator import ModemSimulator


async def test_setup_and_unload(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """Setup polls once with one login; unload logs out so the web UI is free."""
    entry = init_integration
    assert entry.state is ConfigEntryState.LOADED
    assert hass.states.get("sensor.zte_mc801a_lte_rsrp").state == "-95"
    assert modem.stats.logins == 1
    assert entry.data[CONF_PROFILE]["password_encoding"] == "sha256_ld"

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()

    assert entry.state is ConfigEntryState.NOT_LOADED
    assert modem.snapshot_state()["logged_in"] is False


async def test_reload_uses_stored_profile(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """After the first setup the detected scheme is stored: no detection on reload."""
    modem.stats.reset()
    assert await hass.config_entries.async_reload(init_integration.entry_id)
    await hass.async_block_till_done()

    assert init_integration.state is ConfigEntryState.LOADED
    # logout (AD read + POST), pre-login state, LD, LOGIN, whether SMS are encrypted (web_crt_get,
    # once per client on firmware without the scheme), the settings (locks, data plan), read, the
    # first SMS check of a start (message list + storage use), the network modes the web page
    # offers (its JS, read once per start for the select), and the two client lists: no
    # login-scheme detection.
    assert modem.stats.requests == 16


async def test_setup_retries_when_modem_unreachable(
    hass: HomeAssistant, modem: ModemSimulator, mock_config_entry: MockConfigEntry
) -> None:
    """An unreachable modem is retried later, not an error."""
    await modem.stop()
    mock_config_entry.add_to_hass(hass)
    await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert mock_config_entry.state is ConfigEntryState.SETUP_RETRY


async def test_setup_with_wrong_password_starts_reauth(
    hass: HomeAssistant, modem: ModemSimulator, mock_config_entry: MockConfigEntry
) -> None:
    """A changed router password asks the user instead of retrying."""
    modem.set_password("changed")
    mock_config_entry.add_to_hass(hass)
    await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()

    assert mock_config_entry.state is ConfigEntryState.SETUP_ERROR
    flows = hass.config_entries.flow.async_progress()
    assert [flow["context"]["source"] for flow in flows] == [SOURCE_REAUTH]
    assert modem.stats.failed_logins == 1


async def test_unusable_stored_profile_is_detected_again(
    hass: HomeAssistant, modem: ModemSimulator, mock_config_entry: MockConfigEntry
) -> None:
    """A stored profile from an older version that no longer parses is replaced."""
    mock_config_entry.add_to_hass(hass)
    hass.config_entries.async_update_entry(
        mock_config_entry, data={**mock_config_entry.data, CONF_PROFILE: {"password_encoding": "rot13"}}
    )
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    assert mock_config_entry.data[CONF_PROFILE]["password_encoding"] == "sha256_ld"
    assert modem.stats.failed_logins == 0
