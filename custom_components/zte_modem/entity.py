"""Base entity: one device per modem, state from the coordinator."""

from __future__ import annotations

from typing import Any

from homeassistant.helpers.device_registry import DeviceInfo
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .const import DOMAIN
from .coordinator import ZteCoordinator


class ZteEntity(CoordinatorEntity[ZteCoordinator]):
    """An entity of one modem."""

    _attr_has_entity_name = True

    def __init__(self, coordinator: ZteCoordinator, key: str) -> None:
        super().__init__(coordinator)
        entry = coordinator.config_entry
        device = coordinator.data.device
        self._attr_unique_id = f"{entry.unique_id}_{key}"
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
