"""Sensors: how Home Assistant presents each numeric and text value of the catalogue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.sensor import (
    RestoreSensor,
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import PERCENTAGE, EntityCategory, Platform, UnitOfTime
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from . import sensor_kinds as kinds
from .cell_history import CELL_CHANGED
from .coordinator import ZteCoordinator
from .entity import ZteEntity, offered, remove_not_offered
from .runtime import ZteConfigEntry
from .sensor_kinds import ZteSensorEntityDescription
from .zte import ModemCapabilities, ModemSnapshot

PARALLEL_UPDATES = 0

# A sensor of the HA side, not of the catalogue: how often the serving cell changed (cell_history.py).
CELL_CHANGES = SensorEntityDescription(
    key="cell_changes", translation_key="cell_changes", state_class=SensorStateClass.TOTAL_INCREASING
)
# Names of the sensors outside the catalogue (scripts/generate.py writes them into the translations).
HA_SENSOR_NAMES = {CELL_CHANGES.key: "Cell changes"}


SENSORS: tuple[ZteSensorEntityDescription, ...] = (
    ZteSensorEntityDescription(
        key="provider", translation_key="provider", value_fn=lambda s: s.network.provider
    ),
    ZteSensorEntityDescription(
        key="network_type", translation_key="network_type", value_fn=lambda s: s.network.network_type
    ),
    ZteSensorEntityDescription(
        key="signal_bars",
        translation_key="signal_bars",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda s: s.network.signal_bars,
    ),
    kinds.signal("lte_rsrp", lambda s: s.lte.rsrp, dbm=True),
    kinds.signal("lte_rsrq", lambda s: s.lte.rsrq, dbm=False),
    kinds.signal("lte_sinr", lambda s: s.lte.sinr, dbm=False),
    kinds.signal("lte_rssi", lambda s: s.lte.rssi, dbm=True),
    ZteSensorEntityDescription(key="lte_band", translation_key="lte_band", value_fn=lambda s: s.lte.band),
    kinds.diagnostic("lte_earfcn", lambda s: s.lte.earfcn, enabled=False),
    kinds.diagnostic("lte_pci", lambda s: s.lte.pci),
    kinds.diagnostic("cell_id", lambda s: s.lte.cell_id),
    kinds.diagnostic("lte_enodeb_id", lambda s: s.lte.enodeb_id),
    kinds.diagnostic("lte_sector", lambda s: s.lte.sector),
    ZteSensorEntityDescription(
        key="neighbour_cells",
        translation_key="neighbour_cells",
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=False,
        value_fn=lambda s: len(s.neighbours) if s.neighbours is not None else None,
        attributes_fn=lambda s: {"cells": [cell.as_dict() for cell in s.neighbours or ()]},
    ),
    kinds.frequency("lte_bandwidth", lambda s: s.lte.bandwidth, enabled=True),
    ZteSensorEntityDescription(
        key="lte_ca_bands", translation_key="lte_ca_bands", value_fn=lambda s: s.lte.ca_bands
    ),
    kinds.frequency("lte_ca_total_bandwidth", lambda s: s.lte.ca_total_bandwidth, enabled=False),
    kinds.frequency("lte_frequency", lambda s: s.lte.frequency, enabled=False, precision=1),
    kinds.signal("nr5g_rsrp", lambda s: s.nr5g.rsrp, dbm=True),
    kinds.signal("nr5g_rsrq", lambda s: s.nr5g.rsrq, dbm=False),
    kinds.signal("nr5g_sinr", lambda s: s.nr5g.sinr, dbm=False),
    ZteSensorEntityDescription(key="nr5g_band", translation_key="nr5g_band", value_fn=lambda s: s.nr5g.band),
    kinds.diagnostic("nr5g_pci", lambda s: s.nr5g.pci),
    kinds.diagnostic("nr5g_cell_id", lambda s: s.nr5g.cell_id, enabled=False),
    kinds.diagnostic("nr5g_arfcn", lambda s: s.nr5g.arfcn, enabled=False),
    kinds.frequency("nr5g_frequency", lambda s: s.nr5g.frequency, enabled=False, precision=2),
    kinds.diagnostic("nr5g_ca_bands", lambda s: s.nr5g.ca_bands, enabled=False),
    *(kinds.signal(f"nr5g_rsrp_{n + 1}", kinds.nr_chain_rsrp(n), dbm=True, enabled=False) for n in range(2)),
    *(
        description
        for n in range(4)
        for description in (
            kinds.signal(f"lte_rsrp_{n + 1}", kinds.lte_antenna(n, sinr=False), dbm=True, enabled=False),
            kinds.signal(f"lte_sinr_{n + 1}", kinds.lte_antenna(n, sinr=True), dbm=False, enabled=False),
        )
    ),
    kinds.diagnostic("wan_ip", lambda s: s.network.wan_ip),
    kinds.diagnostic("wan_ipv6", lambda s: s.network.wan_ipv6, enabled=False),
    kinds.rate("rx_rate", lambda s: s.traffic.rx_rate),
    kinds.rate("tx_rate", lambda s: s.traffic.tx_rate),
    kinds.volume("monthly_rx", lambda s: s.traffic.monthly_rx),
    kinds.volume("monthly_tx", lambda s: s.traffic.monthly_tx),
    kinds.volume("session_rx", lambda s: s.traffic.session_rx, enabled=False),
    kinds.volume("session_tx", lambda s: s.traffic.session_tx, enabled=False),
    ZteSensorEntityDescription(
        key="session_duration",
        translation_key="session_duration",
        device_class=SensorDeviceClass.DURATION,
        native_unit_of_measurement=UnitOfTime.SECONDS,
        suggested_unit_of_measurement=UnitOfTime.HOURS,
        suggested_display_precision=1,
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=False,
        value_fn=lambda s: s.traffic.session_duration,
    ),
    ZteSensorEntityDescription(
        key="sms_unread",
        translation_key="sms_unread",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda s: s.network.sms_unread,
    ),
    ZteSensorEntityDescription(
        key="sms_stored",
        translation_key="sms_stored",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda s: s.network.sms_stored,
    ),
    ZteSensorEntityDescription(
        key="connected_devices",
        translation_key="connected_devices",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda s: s.clients.count if s.clients is not None else None,
    ),
    kinds.diagnostic("sim_state", lambda s: s.network.sim_state, enabled=False),
    kinds.diagnostic("network_mode", lambda s: s.controls.network_mode, enabled=False),
    kinds.diagnostic("lte_band_lock", lambda s: s.controls.lte_band_lock),
    kinds.diagnostic("nr5g_band_lock", lambda s: s.controls.nr5g_band_lock),
    kinds.diagnostic("lte_cell_lock", lambda s: s.controls.lte_cell_lock),
    kinds.diagnostic("nr5g_cell_lock", lambda s: s.controls.nr5g_cell_lock),
    kinds.plan_volume("data_limit", lambda s: s.data_plan.limit),
    kinds.plan_percent("data_alert_percent", lambda s: s.data_plan.alert_percent),
    ZteSensorEntityDescription(
        key="data_reset_day", translation_key="data_reset_day", value_fn=lambda s: s.data_plan.reset_day
    ),
    kinds.plan_percent("data_used_percent", lambda s: s.data_plan.used_percent, measured=True),
    kinds.plan_volume("data_projected", lambda s: s.data_plan.projected, measured=True),
    kinds.plan_volume("data_remaining", lambda s: s.data_plan.remaining, measured=True),
    kinds.temperature("modem_temperature", lambda s: s.temperatures.modem),
    kinds.temperature("modem_5g_temperature", lambda s: s.temperatures.modem_5g),
    kinds.temperature("ambient_temperature", lambda s: s.temperatures.ambient),
    kinds.temperature("pa_temperature", lambda s: s.temperatures.power_amplifier),
    kinds.temperature("rf_5g_temperature", lambda s: s.temperatures.rf_5g),
    kinds.temperature("wifi_temperature", lambda s: s.temperatures.wifi),
    ZteSensorEntityDescription(
        key="signal_quality",
        translation_key="signal_quality",
        native_unit_of_measurement=PERCENTAGE,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0,
        value_fn=lambda s: s.signal_quality,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant, entry: ZteConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add a sensor for every value this router can report."""
    coordinator, capabilities = entry.runtime_data.coordinator, entry.runtime_data.capabilities
    wanted = [description for description in SENSORS if offered(capabilities, description.key)]
    remove_not_offered(hass, entry, Platform.SENSOR, {d.key for d in SENSORS} - {d.key for d in wanted})
    entities: list[SensorEntity] = [
        (
            ZteSignalQualitySensor
            if description.key == "signal_quality"
            else ZteBandLockSensor
            if description.key in BAND_LOCKS
            else ZteSensor
        )(coordinator, description)
        for description in wanted
    ]
    entities.append(ZteCellChangesSensor(coordinator))
    async_add_entities(entities)


class ZteSensor(ZteEntity, SensorEntity):
    """A modem value."""

    entity_description: ZteSensorEntityDescription
    # The neighbour list changes at nearly every poll: shown, not kept in the recorder's history.
    _unrecorded_attributes = frozenset({"cells"})

    @property
    def native_value(self) -> StateType:
        """The value; None (unknown) when the modem does not report it now."""
        return self.entity_description.value_fn(self.coordinator.data)

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """The description's attributes (the neighbour cells' list), and the paused flag."""
        attributes_fn = self.entity_description.attributes_fn
        base = super().extra_state_attributes
        if attributes_fn is None:
            return base
        return {**attributes_fn(self.coordinator.data), **(base or {})}


@dataclass(frozen=True, slots=True)
class BandLock:
    """A band-lock sensor: its band prefix, the bands it allows, the bands this router supports."""

    prefix: str
    allowed: Callable[[ModemSnapshot], tuple[int, ...] | None]
    supported: Callable[[ModemCapabilities], frozenset[int] | None]


BAND_LOCKS = {
    "lte_band_lock": BandLock("B", lambda s: s.controls.lte_bands_allowed, lambda c: c.lte_bands),
    "nr5g_band_lock": BandLock("n", lambda s: s.controls.nr_bands_allowed, lambda c: c.nr_bands),
}


# More bands than this read as their number on the device page ("12 bands"), the list in `bands`.
LONG_LIST = 6


class ZteBandLockSensor(ZteSensor):
    """A band lock kept short enough to read on the device page: `all` when every band this router
    supports is allowed (a 5G lock of every band would read `n1+n3+n5+...+n78` and push the
    name out of view), the number of bands when the list is long and the router does not say
    what it supports, the band list itself in the `bands` attribute. MQTT keeps the router's
    list (the catalogue value)."""

    def _bands(self) -> tuple[tuple[int, ...] | None, frozenset[int] | None]:
        lock = BAND_LOCKS[self.entity_description.key]
        capabilities = self.coordinator.capabilities
        return lock.allowed(self.coordinator.data), lock.supported(capabilities) if capabilities else None

    @property
    def native_value(self) -> StateType:
        """`all`; else the allowed bands (`B1+B3+B20`), or their number past LONG_LIST bands."""
        allowed, supported = self._bands()
        if allowed and supported and supported <= set(allowed):
            return "all"
        if allowed and len(allowed) > LONG_LIST:
            return f"{len(allowed)} bands"
        return super().native_value

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """The allowed bands as a list (every supported one when the lock reads all)."""
        allowed, supported = self._bands()
        if allowed == () and supported:
            allowed = tuple(sorted(supported))
        prefix = BAND_LOCKS[self.entity_description.key].prefix
        bands = [f"{prefix}{band}" for band in allowed] if allowed else None
        return {**(super().extra_state_attributes or {}), "bands": bands}


class ZteCellChangesSensor(ZteEntity, RestoreSensor):
    """How many times the serving cell changed: once per `cell_changed`, kept across restarts."""

    def __init__(self, coordinator: ZteCoordinator) -> None:
        super().__init__(coordinator, CELL_CHANGES)
        self._count = 0
        self._attr_native_value = 0
        self._seen = coordinator.cells.sequence

    async def async_added_to_hass(self) -> None:
        """Count on from the last count stored before the restart."""
        await super().async_added_to_hass()
        last = await self.async_get_last_sensor_data()
        if last is not None and isinstance(last.native_value, int | float):
            self._count = self._attr_native_value = int(last.native_value)
        self._seen = self.coordinator.cells.sequence

    @callback
    def _handle_coordinator_update(self) -> None:
        for event in self.coordinator.cells.since(self._seen):
            self._seen = event.sequence
            if event.event_type == CELL_CHANGED:
                self._count += 1
                self._attr_native_value = self._count
        super()._handle_coordinator_update()

    @property
    def available(self) -> bool:
        """A count of what was seen: usable while the modem is briefly unreachable."""
        return True


class ZteSignalQualitySensor(ZteSensor):
    """The 0-100 signal quality (zte/quality.py); while alignment runs, the best since it started."""

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """`best` and `best_at` during alignment mode."""
        run = self.coordinator.alignment
        return run.attributes() if run is not None else None
