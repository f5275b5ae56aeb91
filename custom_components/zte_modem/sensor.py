"""Sensors: one per sensor metric of the catalogue."""

from __future__ import annotations

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddEntitiesCallback
from homeassistant.helpers.typing import StateType

from .coordinator import ZteConfigEntry, ZteCoordinator
from .entity import ZteEntity
from .zte import METRICS, Metric

PARALLEL_UPDATES = 0


def sensor_description(metric: Metric) -> SensorEntityDescription:
    """The HA description of a catalogue metric."""
    return SensorEntityDescription(
        key=metric.key,
        translation_key=metric.key,
        device_class=SensorDeviceClass(metric.device_class) if metric.device_class else None,
        native_unit_of_measurement=metric.unit,
        state_class=SensorStateClass(metric.state_class) if metric.state_class else None,
        entity_category=EntityCategory(metric.entity_category) if metric.entity_category else None,
        entity_registry_enabled_default=metric.enabled_by_default,
        suggested_display_precision=metric.suggested_display_precision,
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
