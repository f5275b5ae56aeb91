"""Binary sensors: the yes/no values of the catalogue (mobile data, roaming)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .compat import BinarySensorDeviceClass
from .entity import ZteEntity, offered, remove_not_offered
from .runtime import ZteConfigEntry
from .zte import ModemSnapshot

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class ZteBinarySensorEntityDescription(BinarySensorEntityDescription):
    """A binary sensor and where its value sits in a read."""

    is_on_fn: Callable[[ModemSnapshot], bool | None]


BINARY_SENSORS: tuple[ZteBinarySensorEntityDescription, ...] = (
    ZteBinarySensorEntityDescription(
        key="connected",
        translation_key="connected",
        device_class=BinarySensorDeviceClass.CONNECTIVITY,
        is_on_fn=lambda snapshot: snapshot.network.connected,
    ),
    ZteBinarySensorEntityDescription(
        key="roaming",
        translation_key="roaming",
        is_on_fn=lambda snapshot: snapshot.network.roaming,
    ),
    ZteBinarySensorEntityDescription(
        key="sms_storage_full",
        translation_key="sms_storage_full",
        device_class=BinarySensorDeviceClass.PROBLEM,
        is_on_fn=lambda snapshot: snapshot.network.sms_storage_full,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant, entry: ZteConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add every binary sensor."""
    coordinator, capabilities = entry.runtime_data.coordinator, entry.runtime_data.capabilities
    wanted = [description for description in BINARY_SENSORS if offered(capabilities, description.key)]
    remove_not_offered(
        hass, entry, Platform.BINARY_SENSOR, {d.key for d in BINARY_SENSORS} - {d.key for d in wanted}
    )
    async_add_entities(ZteBinarySensor(coordinator, description) for description in wanted)


class ZteBinarySensor(ZteEntity, BinarySensorEntity):
    """A yes/no modem value."""

    entity_description: ZteBinarySensorEntityDescription

    @property
    def is_on(self) -> bool | None:
        """True/False, or None (unknown) when the modem does not say."""
        return self.entity_description.is_on_fn(self.coordinator.data)
