"""Base entity: one device per modem, state from the coordinator."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.entity import EntityDescription
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .const import DOMAIN
from .coordinator import ZteCoordinator
from .runtime import ZteConfigEntry
from .zte import METRICS_BY_KEY, Feature, ModemCapabilities


def offered(capabilities: ModemCapabilities, key: str, *features: Feature) -> bool:
    """Whether this router can report the value of `key` (its catalogue features) and offers
    `features` besides: no 5G sensors on an LTE-only router, no SMS entities without SMS."""
    metric = METRICS_BY_KEY.get(key)
    needed = (*(metric.features if metric is not None else ()), *features)
    return capabilities.supports(*needed)


def remove_not_offered(
    hass: HomeAssistant, entry: ZteConfigEntry, platform: str, keys: Iterable[str]
) -> None:
    """Entities of an earlier setup that this router turned out not to offer leave the registry
    (instead of lingering as "no longer provided")."""
    registry = er.async_get(hass)
    for key in keys:
        entity_id = registry.async_get_entity_id(platform, DOMAIN, f"{entry.unique_id}_{key}")
        if entity_id is not None:
            registry.async_remove(entity_id)


class ZteEntity(CoordinatorEntity[ZteCoordinator]):
    """An entity of one modem."""

    _attr_has_entity_name = True

    def __init__(self, coordinator: ZteCoordinator, description: EntityDescription) -> None:
        super().__init__(coordinator)
        self.entity_description = description
        entry = coordinator.config_entry
        device = coordinator.data.device
        self._attr_unique_id = f"{entry.unique_id}_{description.key}"
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, str(entry.unique_id))},
            manufacturer="ZTE",
            model=device.model,
            name=device.name,
            sw_version=device.firmware,
            hw_version=device.hardware_version,
            serial_number=device.serial,
            configuration_url=coordinator.client.host,
        )

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """While polling is paused the state is the last one read; say so."""
        if self.coordinator.paused:
            return {"polling_paused": True}
        return None
