"""The firmware update entity: what the router says about its firmware, read only, on both APIs."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from homeassistant.components.update import UpdateEntityFeature
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.zte_modem.const import DOMAIN
from custom_components.zte_modem.diagnostics import async_get_config_entry_diagnostics
from tests.conftest import ModemFactory
from tests.integration.conftest import PASSWORD, async_poll, modem_entry, setup_modem_entry
from tests.simulator import ModemSimulator
from tests.simulator.firmware import DESCRIPTION
from tests.simulator.ubus import UbusSimulator

ENTITY = "update.zte_mc801a_firmware"
INSTALLED = "BD_UKH3GMC801AV1.0.0B15"
NEWER = "BD_UKH3GMC801AV1.0.0B16"


async def _router_moves(
    hass: HomeAssistant, entry: MockConfigEntry, modem: ModemSimulator, state: str
) -> None:
    """The router's update state changes; the next settings read (asked now, not in an hour) sees it."""
    assert modem.firmware is not None
    modem.firmware.set_state(state)
    await entry.runtime_data.client.read_settings()
    await async_poll(hass, entry)


async def test_idle_then_a_newer_version_with_its_summary(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """Up to date: off, latest = installed. A newer version: on, with the router's description."""
    state = hass.states.get(ENTITY)
    assert state is not None
    assert state.state == "off"
    assert state.attributes["installed_version"] == INSTALLED
    assert state.attributes["latest_version"] == INSTALLED
    assert state.attributes["stage"] == "idle"
    assert state.attributes["device_class"] == "firmware"

    await _router_moves(hass, init_integration, modem, "available")
    state = hass.states.get(ENTITY)
    assert state is not None
    assert state.state == "on"
    assert state.attributes["latest_version"] == NEWER
    assert state.attributes["release_summary"] == DESCRIPTION
    assert state.attributes["in_progress"] is False


async def test_download_progress_and_install_on_the_router(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """A download the router runs shows its percentage; then downloaded; then installing (no %)."""
    await _router_moves(hass, init_integration, modem, "downloading")
    state = hass.states.get(ENTITY)
    assert state is not None
    assert (state.state, state.attributes["in_progress"], state.attributes["update_percentage"]) == (
        "on",
        True,
        25,
    )
    assert state.attributes["stage"] == "downloading"
    await entry_read_settings_and_poll(hass, init_integration)
    assert hass.states.get(ENTITY).attributes["update_percentage"] == 50  # type: ignore[union-attr]

    await _router_moves(hass, init_integration, modem, "completed")
    state = hass.states.get(ENTITY)
    assert state is not None
    assert (state.state, state.attributes["in_progress"], state.attributes["stage"]) == (
        "on",
        False,
        "downloaded",
    )

    await _router_moves(hass, init_integration, modem, "installing")
    state = hass.states.get(ENTITY)
    assert state is not None
    assert (state.attributes["in_progress"], state.attributes["update_percentage"]) == (True, None)


async def entry_read_settings_and_poll(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """The settings read again now (the download moved), then a poll."""
    await entry.runtime_data.client.read_settings()
    await async_poll(hass, entry)


async def test_read_only_no_install(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """No install feature: the install action is refused and nothing reaches the router."""
    await _router_moves(hass, init_integration, modem, "available")
    state = hass.states.get(ENTITY)
    assert state is not None
    features = UpdateEntityFeature(state.attributes["supported_features"])
    assert UpdateEntityFeature.INSTALL not in features
    assert UpdateEntityFeature.PROGRESS in features
    writes = modem.stats.writes
    with pytest.raises(HomeAssistantError):
        await hass.services.async_call("update", "install", {"entity_id": ENTITY}, blocking=True)
    assert modem.stats.writes == writes
    assert modem.firmware is not None
    assert modem.firmware.state == "available"


async def test_unavailable_when_the_router_stops_reporting(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """The update fields answer blank after all (a firmware change): unavailable, not a stale version."""
    modem.firmware = None
    await entry_read_settings_and_poll(hass, init_integration)
    state = hass.states.get(ENTITY)
    assert state is not None
    assert state.state == "unavailable"


@pytest.mark.parametrize("profile", ["mf286", "mf79u"])
async def test_no_entity_without_update_fields(
    hass: HomeAssistant, make_modem: ModemFactory, profile: str
) -> None:
    """Routers without the fields get no firmware entity; one an earlier setup made leaves the registry."""
    modem = await make_modem(profile, PASSWORD)
    entry = modem_entry(modem)
    entry.add_to_hass(hass)
    registry = er.async_get(hass)
    earlier = registry.async_get_or_create(
        Platform.UPDATE, DOMAIN, f"{entry.unique_id}_firmware", config_entry=entry
    ).entity_id
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert registry.async_get(earlier) is None
    assert not [state for state in hass.states.async_all("update")]


async def test_diagnostics_hold_nothing_secret_with_an_update(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """The update fields join the raw answer; password, IMEI, MAC and WAN address stay out."""
    await _router_moves(hass, init_integration, modem, "downloading")
    dump = json.dumps(await async_get_config_entry_diagnostics(hass, init_integration), default=str)
    assert "firmware_update" in dump
    assert '"current_upgrade_state": "downloading"' in dump
    for secret in (PASSWORD, modem.values["imei"], modem.values["mac_address"], modem.values["wan_ipaddr"]):
        assert secret not in dump


@pytest.fixture
async def ubus_router(socket_enabled: None) -> AsyncIterator[Callable[[str], Awaitable[UbusSimulator]]]:
    """Started per test with the profile the test names (g5ts by default)."""
    started: list[UbusSimulator] = []

    async def start(profile: str) -> UbusSimulator:
        modem = UbusSimulator(profile, PASSWORD)
        await modem.start()
        started.append(modem)
        return modem

    yield start
    for modem in started:
        await modem.stop()


async def test_ubus_router_shows_a_newer_version(hass: HomeAssistant, ubus_router: Any) -> None:
    """A G5TS reporting a newer version: the entity is on with the new version and its summary."""
    modem = await ubus_router("g5ts")
    modem.firmware.set_state("available")
    await setup_modem_entry(hass, modem)
    state = hass.states.get("update.zte_g5ts_firmware")
    assert state is not None
    assert (state.state, state.attributes["installed_version"]) == ("on", "BD_G5TSV1.0.0B05")
    assert state.attributes["latest_version"] == "BD_G5TSV1.0.0B06"
    assert state.attributes["release_summary"] == DESCRIPTION


async def test_ubus_router_without_the_module_has_no_entity(hass: HomeAssistant, ubus_router: Any) -> None:
    """An MC7500 answers neither update read: no firmware entity, the rest as usual."""
    modem = await ubus_router("mc7500")
    await setup_modem_entry(hass, modem)
    assert hass.states.get("update.zte_mc7500_firmware") is None
    assert hass.states.get("sensor.zte_mc7500_lte_rsrp") is not None
