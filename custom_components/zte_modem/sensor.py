"""Sensors: one per sensor metric of the catalogue."""

from __future__ import annotations

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import EntityCategory, UnitOfDataRate, UnitOfInformation, UnitOfTime
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddEntitiesCallback
from homeassistant.helpers.typing import StateType

from .coordinator import ZteConfigEntry, ZteCoordinator
from .entity import ZteEntity
from .zte import METRICS, Metric

PARALLEL_UPDATES = 0

# What people read on the device page; statistics and MQTT keep the catalogue's base units
# (B/s, B, s), HA converts for display.
SUGGESTED_UNITS: dict[SensorDeviceClass, str] = {
    SensorDeviceClass.DATA_RATE: UnitOfDataRate.MEGABITS_PER_SECOND,
    SensorDeviceClass.DATA_SIZE: UnitOfInformation.GIGABYTES,
    SensorDeviceClass.DURATION: UnitOfTime.HOURS,
}
SUGGESTED_PRECISION: dict[SensorDeviceClass, int] = {
    SensorDeviceClass.DATA_RATE: 1,
    SensorDeviceClass.DATA_SIZE: 2,
    SensorDeviceClass.DURATION: 1,
}


def sensor_description(metric: Metric) -> SensorEntityDescription:
    """The HA description of a catalogue metric."""
    device_class = SensorDeviceClass(metric.device_class) if metric.device_class else None
    suggested_unit = SUGGESTED_UNITS.get(device_class) if device_class else None
    precision = metric.suggested_display_precision
    if suggested_unit is not None and device_class is not None:
        precision = SUGGESTED_PRECISION[device_class]
    return SensorEntityDescription(
        key=metric.key,
        translation_key=metric.key,
        device_class=device_class,
        native_unit_of_measurement=metric.unit,
        suggested_unit_of_measurement=suggested_unit,
        state_class=SensorStateClass(metric.state_class) if metric.state_class else None,
        entity_category=EntityCategory(metric.entity_category) if metric.entity_category else None,
        entity_registry_enabled_default=metric.enabled_by_default,
        suggested_display_precision=precision,
    )


async def async_setup_entry(
    hass: HomeAssistant, entry: ZteConfigEntry, async_add_entities: AddEntitiesCallback
) -> None:
    """Add a sensor for every sensor metric."""
    coordinator = entry.runtime_data.coordinator
    async_add_entities(ZteSensor(coordinator, metric) for metric in METRICS if metric.platform == "sensor")


class ZteSensor(ZteEntity, SensorEntity):
    """A modem value."""

    def __init__(self, coordinator: ZteCoordinator, metric: Metric) -> None:
        super().__init__(coordinator, metric.key)
        self.entity_description = sensor_description(metric)

    @property
    def native_value(self) -> StateType:
        """The parsed value; None (unknown) when the modem does not report it now."""
        value = self.coordinator.data.values.get(self.entity_description.key)
        return None if isinstance(value, bool) else value
