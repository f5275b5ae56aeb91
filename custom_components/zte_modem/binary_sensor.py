"""Binary sensors: the yes/no values of the catalogue (mobile data, roaming, SMS storage, the data
plan at risk), and whether mobile data is in use (usage.py: a state across polls)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.binary_sensor import (
    BinarySensorEntity,
    BinarySensorEntityDescription,
)
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.util import dt as dt_util

from .compat import BinarySensorDeviceClass
from .coordinator import ZteCoordinator
from .entity import ZteEntity, offered, remove_not_offered
from .options import ZteOptions
from .runtime import ZteConfigEntry
from .usage import InUseDetector
from .zte import ModemSnapshot, billing_period

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
        key="data_plan_at_risk",
        translation_key="data_plan_at_risk",
        device_class=BinarySensorDeviceClass.PROBLEM,
        is_on_fn=lambda snapshot: snapshot.data_plan.at_risk,
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
    async_add_entities(
        ZteDataPlanAtRisk(coordinator, description)
        if description.key == "data_plan_at_risk"
        else ZteBinarySensor(coordinator, description)
        for description in wanted
    )
    if offered(capabilities, "connected"):
        threshold = ZteOptions.from_entry(entry).in_use_threshold
        async_add_entities([ZteMobileDataInUse(coordinator, InUseDetector(threshold_kbit=threshold))])


class ZteBinarySensor(ZteEntity, BinarySensorEntity):
    """A yes/no modem value."""

    entity_description: ZteBinarySensorEntityDescription

    @property
    def is_on(self) -> bool | None:
        """True/False, or None (unknown) when the modem does not say."""
        return self.entity_description.is_on_fn(self.coordinator.data)


class ZteDataPlanAtRisk(ZteBinarySensor):
    """On when the projection passes the limit or the alert threshold is crossed; the figures
    behind it as attributes."""

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """Projection, limit, use, threshold and the date the router resets its counters."""
        plan = self.coordinator.data.data_plan
        _, end = billing_period(dt_util.now(), plan.reset_day)
        return {
            **(super().extra_state_attributes or {}),
            "projected": plan.projected,
            "limit": plan.limit,
            "used_percent": plan.used_percent,
            "alert_percent": plan.alert_percent,
            "reset_date": end.date().isoformat() if plan.limit is not None else None,
        }


MOBILE_DATA_IN_USE = BinarySensorEntityDescription(
    key="mobile_data_in_use",
    translation_key="mobile_data_in_use",
    device_class=BinarySensorDeviceClass.RUNNING,
)


class ZteMobileDataInUse(ZteEntity, BinarySensorEntity):
    """Is the mobile link carrying traffic (usage.py): for a router that is a backup link."""

    def __init__(self, coordinator: ZteCoordinator, detector: InUseDetector) -> None:
        super().__init__(coordinator, MOBILE_DATA_IN_USE)
        self._detector = detector
        self._seen: ModemSnapshot | None = None
        self._take()

    def _take(self) -> None:
        snapshot = self.coordinator.data
        # Each read once: a paused coordinator hands the same snapshot again.
        if self.coordinator.last_update_success and snapshot is not None and snapshot is not self._seen:
            self._seen = snapshot
            self._detector.update(snapshot, dt_util.utcnow())

    @callback
    def _handle_coordinator_update(self) -> None:
        self._take()
        super()._handle_coordinator_update()

    @property
    def is_on(self) -> bool:
        """Above the threshold for two polls running, until two polls below it."""
        return self._detector.is_on

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """When the state last changed."""
        since = self._detector.since
        return {**(super().extra_state_attributes or {}), "since": since.isoformat() if since else None}
