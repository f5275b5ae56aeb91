"""Fixtures for tests that run Home Assistant with the integration against the simulator."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest.mock import PropertyMock, patch

import pytest
from homeassistant.const import CONF_HOST, CONF_PASSWORD
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.amber import AmberSnapshotExtension
from syrupy.location import PyTestLocation

from custom_components.zte_modem.const import DOMAIN
from tests.conftest import ModemFactory
from tests.integration.compat import plain
from tests.simulator import FakeClock, ModemSimulator

PASSWORD = "Sup3r-Secret-pw"


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> Iterator[None]:
    """Let the loader see custom_components/."""
    return


@pytest.fixture
def entity_registry_enabled_by_default() -> Iterator[None]:
    """Every entity enabled, including the long tail."""
    with patch(
        "homeassistant.helpers.entity.Entity.entity_registry_enabled_default",
        new_callable=PropertyMock,
        return_value=True,
    ):
        yield


# The data-plan projection depends on the day of the month: entity snapshots must not.
PLAN_NOW = datetime(2026, 11, 15, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def fixed_plan_clock() -> Iterator[None]:
    """Every client made in a test sees the same local 'now' (its data plan, SMS time stamps)."""
    with patch("custom_components.zte_modem.zte.connection.local_now", return_value=PLAN_NOW):
        yield


@pytest.fixture
def modem_clock() -> FakeClock:
    """The simulator's clock: counters stay put unless a test moves it."""
    return FakeClock()


@pytest.fixture
async def modem(hass: HomeAssistant, make_modem: ModemFactory, modem_clock: FakeClock) -> ModemSimulator:
    """An MC801A (family C, 5G NSA) on 127.0.0.1."""
    return await make_modem("mc801a", PASSWORD, clock=modem_clock)


def modem_entry(modem: ModemSimulator, options: dict[str, Any] | None = None) -> MockConfigEntry:
    """An entry for a simulated modem, as the config flow would create it."""
    return MockConfigEntry(
        domain=DOMAIN,
        title="ZTE MC801A",
        unique_id=modem.values["imei"],
        data={CONF_HOST: modem.url, CONF_PASSWORD: PASSWORD},
        options=options or {},
    )


async def setup_modem_entry(
    hass: HomeAssistant, modem: ModemSimulator, options: dict[str, Any] | None = None
) -> MockConfigEntry:
    """Add the modem's entry and set it up, first poll done."""
    entry = modem_entry(modem, options)
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


@pytest.fixture
def mock_config_entry(modem: ModemSimulator) -> MockConfigEntry:
    """An entry for the simulated modem, not yet added."""
    return modem_entry(modem)


@pytest.fixture
async def init_integration(
    hass: HomeAssistant, modem: ModemSimulator, mock_config_entry: MockConfigEntry
) -> AsyncIterator[MockConfigEntry]:
    """The entry set up and its first poll done."""
    mock_config_entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(mock_config_entry.entry_id)
    await hass.async_block_till_done()
    return mock_config_entry


async def async_poll(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """One scheduled poll, run directly.

    async_fire_time_changed would also fire aiohttp's own timers of the real
    sockets in these tests, so polls are triggered the way the timer does it.
    """
    await entry.runtime_data.coordinator.async_refresh()
    await hass.async_block_till_done()


def platform_summary(
    hass: HomeAssistant, entity_registry: er.EntityRegistry, entry: MockConfigEntry, platform: str
) -> dict[str, Any]:
    """One platform's entities as plain data, the same on every HA version (our snapshot_platform)."""
    summary = {}
    entities = er.async_entries_for_config_entry(entity_registry, entry.entry_id)
    for item in sorted(entities, key=lambda entity: entity.entity_id):
        if item.domain != platform:
            continue
        state = hass.states.get(item.entity_id)
        assert state is not None, item.entity_id
        summary[item.entity_id] = {
            "unique_id": item.unique_id,
            "translation_key": item.translation_key,
            "entity_category": str(item.entity_category) if item.entity_category else None,
            "state": state.state,
            "attributes": {key: str(value) for key, value in state.attributes.items()},
        }
    return summary


class LaneIndependentSnapshots(AmberSnapshotExtension):
    """Plain amber files in tests/integration/snapshots, the same on both HA lanes.

    The pytest-homeassistant-custom-component versions default to different snapshot
    folders and serializers, and HA versions hand out different types for the same data
    (enum or string keys): the tests snapshot data made plain by `compat.plain`.
    """

    @classmethod
    def dirname(cls, *, test_location: PyTestLocation) -> str:
        return str(Path(test_location.filepath).parent / "snapshots")

    def serialize(self, data: Any, **kwargs: Any) -> Any:
        """Serialized after our own normalisation: enum keys as strings, dicts sorted."""
        return super().serialize(plain(data), **kwargs)


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Syrupy's snapshot with the lane-independent extension."""
    return snapshot.use_extension(LaneIndependentSnapshots)
