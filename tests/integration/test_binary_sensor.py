"""Binary sensors: mobile data and roaming, on, off and unknown."""

from __future__ import annotations

import pytest
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry
from syrupy.assertion import SnapshotAssertion

from tests.integration.conftest import platform_summary
from tests.simulator import ModemSimulator


@pytest.mark.freeze_time("2026-12-07 12:00:00+00:00")
@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_binary_sensor_snapshot(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    init_integration: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    """Every binary sensor with its state and class (version-independent form); the clock frozen
    for the `since` of mobile data in use."""
    assert platform_summary(hass, entity_registry, init_integration, "binary_sensor") == snapshot


async def test_mobile_data_follows_the_data_session(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """ppp_status connected is on, disconnected off, nothing reported unknown."""
    assert hass.states.get("binary_sensor.zte_mc801a_mobile_data").state == "on"
    for ppp_status, expected in (("ppp_disconnected", "off"), ("ipv4_ipv6_connected", "on"), ("", "unknown")):
        modem.set_values({"ppp_status": ppp_status})
        await init_integration.runtime_data.coordinator.async_refresh()
        await hass.async_block_till_done()
        assert hass.states.get("binary_sensor.zte_mc801a_mobile_data").state == expected, ppp_status
