"""Sensors: how Home Assistant presents each numeric and text value of the catalogue."""

from __future__ import annotations

from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorStateClass,
)
from homeassistant.const import PERCENTAGE, EntityCategory, Platform, UnitOfTime
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.typing import StateType

from . import sensor_kinds as kinds
from .entity import ZteEntity, offered, remove_not_offered
from .runtime import ZteConfigEntry
from .sensor_kinds import ZteSensorEntityDescription

PARALLEL_UPDATES = 0


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
    async_add_entities(
        (ZteSignalQualitySensor if d.key == "signal_quality" else ZteSensor)(coordinator, d) for d in wanted
    )


class ZteSensor(ZteEntity, SensorEntity):
    """A modem value."""

    entity_description: ZteSensorEntityDescription

    @property
    def native_value(self) -> StateType:
        """The value; None (unknown) when the modem does not report it now."""
        return self.entity_description.value_fn(self.coordinator.data)


class ZteSignalQualitySensor(ZteSensor):
    """The 0-100 signal quality (zte/quality.py); while alignment runs, the best since it started."""

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """`best` and `best_at` during alignment mode."""
        run = self.coordinator.alignment
        return run.attributes() if run is not None else None
