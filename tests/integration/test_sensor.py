"""Sensors: names, units, device classes, states, and what starts disabled."""

from __future__ import annotations

import pytest
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry
from syrupy.assertion import SnapshotAssertion

from custom_components.zte_modem.binary_sensor import BINARY_SENSORS
from custom_components.zte_modem.const import DOMAIN
from custom_components.zte_modem.sensor import SENSORS
from tests.integration.compat import device_with_identifier
from tests.integration.conftest import platform_summary
from tests.simulator import ModemSimulator


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_sensor_snapshot(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    init_integration: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    """Every sensor with its state, unit, classes and category (version-independent form)."""
    assert platform_summary(hass, entity_registry, init_integration, "sensor") == snapshot


async def test_default_entities_and_device(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    device_registry: dr.DeviceRegistry,
    modem: ModemSimulator,
    init_integration: MockConfigEntry,
) -> None:
    """Long-tail metrics start disabled; one device carries model, firmware, hardware, serial."""
    entities = er.async_entries_for_config_entry(entity_registry, init_integration.entry_id)
    disabled = {entry.unique_id.rsplit("_", 1)[0] for entry in entities if entry.disabled_by}
    disabled_keys = {
        entry.unique_id.removeprefix(f"{init_integration.unique_id}_")
        for entry in entities
        if entry.disabled_by
    }
    assert disabled
    descriptions = [*SENSORS, *BINARY_SENSORS]
    assert disabled_keys == {d.key for d in descriptions if not d.entity_registry_enabled_default}

    device = device_with_identifier(
        device_registry, init_integration.entry_id, (DOMAIN, init_integration.unique_id)
    )
    assert device is not None
    assert (device.manufacturer, device.model) == ("ZTE", "MC801A")
    assert device.sw_version == modem.profile.wa_inner_version
    assert device.hw_version == modem.profile.hardware_version
    assert device.serial_number == modem.values["imei"]

    rsrp = hass.states.get("sensor.zte_mc801a_lte_rsrp")
    assert rsrp.attributes["unit_of_measurement"] == "dBm"
    assert rsrp.attributes["device_class"] == "signal_strength"
    assert rsrp.attributes["state_class"] == "measurement"
    monthly = hass.states.get("sensor.zte_mc801a_monthly_download")
    assert monthly.attributes["state_class"] == "total_increasing"
    assert monthly.attributes["device_class"] == "data_size"
    assert hass.states.get("binary_sensor.zte_mc801a_mobile_data").state == "on"
    assert hass.states.get("binary_sensor.zte_mc801a_roaming").state == "off"
    assert hass.states.get("sensor.zte_mc801a_5g_band").state == "n78"


async def test_no_service_values_are_unknown(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """A value the modem does not report is unknown, not unavailable and not 0."""
    modem.set_scenario("no_sim")
    await init_integration.runtime_data.coordinator.async_refresh()
    await hass.async_block_till_done()
    assert hass.states.get("sensor.zte_mc801a_lte_rsrp").state == "unknown"
    assert hass.states.get("binary_sensor.zte_mc801a_roaming").state == "unknown"
    assert hass.states.get("sensor.zte_mc801a_provider").state == "unknown"
