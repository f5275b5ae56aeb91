"""Binary sensors: the boolean metrics of the catalogue (connected, roaming)."""

from __future__ import annotations

from homeassistant.components.binary_sensor import (
    BinarySensorDeviceClass,
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddEntitiesCallback

from .coordinator import ZteConfigEntry, ZteCoordinator
from .entity import ZteEntity
from .zte import METRICS, Metric

PARALLEL_UPDATES = 0


async def async_setup_entry(
    hass: HomeAssistant, entry: ZteConfigEntry, async_add_entities: AddEntitiesCallback
) -> None:
    """Add a binary sensor for every boolean metric."""
    coordinator = entry.runtime_data.coordinator
    async_add_entities(
        ZteBinarySensor(coordinator, metric) for metric in METRICS if metric.platform == "binary_sensor"
    )


class ZteBinarySensor(ZteEntity, BinarySensorEntity):
    """A yes/no modem value."""

    def __init__(self, coordinator: ZteCoordinator, metric: Metric) -> None:
        super().__init__(coordinator, metric.key)
        self.entity_description = BinarySensorEntityDescription(
            key=metric.key,
            translation_key=metric.key,
            device_class=BinarySensorDeviceClass(metric.device_class) if metric.device_class else None,
            entity_registry_enabled_default=metric.enabled_by_default,
        )

    @property
    def is_on(self) -> bool | None:
        """True/False, or None (unknown) when the modem does not say."""
        value = self.coordinator.data.values.get(self.entity_description.key)
        return value if isinstance(value, bool) else None
