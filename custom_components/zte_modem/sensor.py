"""Sensors: how Home Assistant presents each numeric and text value of the catalogue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import (
    SIGNAL_STRENGTH_DECIBELS,
    SIGNAL_STRENGTH_DECIBELS_MILLIWATT,
    EntityCategory,
    UnitOfDataRate,
    UnitOfFrequency,
    UnitOfInformation,
    UnitOfTemperature,
    UnitOfTime,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddEntitiesCallback
from homeassistant.helpers.typing import StateType

from .coordinator import ZteCoordinator
from .entity import ZteEntity
from .runtime import ZteConfigEntry
from .zte import ModemSnapshot

PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class ZteSensorEntityDescription(SensorEntityDescription):
    """A sensor and where its value sits in a read."""

    value_fn: Callable[[ModemSnapshot], StateType]


def _signal(
    key: str, value_fn: Callable[[ModemSnapshot], StateType], *, dbm: bool, enabled: bool = True
) -> ZteSensorEntityDescription:
    return ZteSensorEntityDescription(
        key=key,
        translation_key=key,
        device_class=SensorDeviceClass.SIGNAL_STRENGTH,
        native_unit_of_measurement=SIGNAL_STRENGTH_DECIBELS_MILLIWATT if dbm else SIGNAL_STRENGTH_DECIBELS,
        state_class=SensorStateClass.MEASUREMENT,
        suggested_display_precision=0 if dbm else 1,
        entity_registry_enabled_default=enabled,
        value_fn=value_fn,
    )


def _diagnostic(
    key: str, value_fn: Callable[[ModemSnapshot], StateType], *, enabled: bool = True
) -> ZteSensorEntityDescription:
    return ZteSensorEntityDescription(
        key=key,
        translation_key=key,
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=enabled,
        value_fn=value_fn,
    )


def _frequency(
    key: str, value_fn: Callable[[ModemSnapshot], StateType], *, enabled: bool, precision: int | None = None
) -> ZteSensorEntityDescription:
    return ZteSensorEntityDescription(
        key=key,
        translation_key=key,
        device_class=SensorDeviceClass.FREQUENCY,
        native_unit_of_measurement=UnitOfFrequency.MEGAHERTZ,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=enabled,
        suggested_display_precision=precision,
        value_fn=value_fn,
    )


def _volume(
    key: str, value_fn: Callable[[ModemSnapshot], StateType], *, enabled: bool = True
) -> ZteSensorEntityDescription:
    # Bytes for statistics and MQTT; GB is what people read on the device page.
    return ZteSensorEntityDescription(
        key=key,
        translation_key=key,
        device_class=SensorDeviceClass.DATA_SIZE,
        native_unit_of_measurement=UnitOfInformation.BYTES,
        suggested_unit_of_measurement=UnitOfInformation.GIGABYTES,
        suggested_display_precision=2,
        state_class=SensorStateClass.TOTAL_INCREASING,
        entity_registry_enabled_default=enabled,
        value_fn=value_fn,
    )


def _rate(key: str, value_fn: Callable[[ModemSnapshot], StateType]) -> ZteSensorEntityDescription:
    return ZteSensorEntityDescription(
        key=key,
        translation_key=key,
        device_class=SensorDeviceClass.DATA_RATE,
        native_unit_of_measurement=UnitOfDataRate.BYTES_PER_SECOND,
        suggested_unit_of_measurement=UnitOfDataRate.MEGABITS_PER_SECOND,
        suggested_display_precision=1,
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=value_fn,
    )


def _temperature(key: str, value_fn: Callable[[ModemSnapshot], StateType]) -> ZteSensorEntityDescription:
    return ZteSensorEntityDescription(
        key=key,
        translation_key=key,
        device_class=SensorDeviceClass.TEMPERATURE,
        native_unit_of_measurement=UnitOfTemperature.CELSIUS,
        state_class=SensorStateClass.MEASUREMENT,
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=False,
        value_fn=value_fn,
    )


def _lte_antenna(index: int, *, sinr: bool) -> Callable[[ModemSnapshot], StateType]:
    if sinr:
        return lambda snapshot: snapshot.lte.antenna_sinr[index]
    return lambda snapshot: snapshot.lte.antenna_rsrp[index]


def _nr_chain_rsrp(index: int) -> Callable[[ModemSnapshot], StateType]:
    return lambda snapshot: snapshot.nr5g.chain_rsrp[index]


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
    _signal("lte_rsrp", lambda s: s.lte.rsrp, dbm=True),
    _signal("lte_rsrq", lambda s: s.lte.rsrq, dbm=False),
    _signal("lte_sinr", lambda s: s.lte.sinr, dbm=False),
    _signal("lte_rssi", lambda s: s.lte.rssi, dbm=True),
    ZteSensorEntityDescription(key="lte_band", translation_key="lte_band", value_fn=lambda s: s.lte.band),
    _diagnostic("lte_earfcn", lambda s: s.lte.earfcn, enabled=False),
    _diagnostic("lte_pci", lambda s: s.lte.pci),
    _diagnostic("cell_id", lambda s: s.lte.cell_id),
    _frequency("lte_bandwidth", lambda s: s.lte.bandwidth, enabled=True),
    ZteSensorEntityDescription(
        key="lte_ca_bands", translation_key="lte_ca_bands", value_fn=lambda s: s.lte.ca_bands
    ),
    _frequency("lte_ca_total_bandwidth", lambda s: s.lte.ca_total_bandwidth, enabled=False),
    _frequency("lte_frequency", lambda s: s.lte.frequency, enabled=False, precision=1),
    _signal("nr5g_rsrp", lambda s: s.nr5g.rsrp, dbm=True),
    _signal("nr5g_rsrq", lambda s: s.nr5g.rsrq, dbm=False),
    _signal("nr5g_sinr", lambda s: s.nr5g.sinr, dbm=False),
    ZteSensorEntityDescription(key="nr5g_band", translation_key="nr5g_band", value_fn=lambda s: s.nr5g.band),
    _diagnostic("nr5g_pci", lambda s: s.nr5g.pci),
    _diagnostic("nr5g_arfcn", lambda s: s.nr5g.arfcn, enabled=False),
    _frequency("nr5g_frequency", lambda s: s.nr5g.frequency, enabled=False, precision=2),
    _diagnostic("nr5g_ca_bands", lambda s: s.nr5g.ca_bands, enabled=False),
    *(_signal(f"nr5g_rsrp_{n + 1}", _nr_chain_rsrp(n), dbm=True, enabled=False) for n in range(2)),
    *(
        description
        for n in range(4)
        for description in (
            _signal(f"lte_rsrp_{n + 1}", _lte_antenna(n, sinr=False), dbm=True, enabled=False),
            _signal(f"lte_sinr_{n + 1}", _lte_antenna(n, sinr=True), dbm=False, enabled=False),
        )
    ),
    _diagnostic("wan_ip", lambda s: s.network.wan_ip),
    _diagnostic("wan_ipv6", lambda s: s.network.wan_ipv6, enabled=False),
    _rate("rx_rate", lambda s: s.traffic.rx_rate),
    _rate("tx_rate", lambda s: s.traffic.tx_rate),
    _volume("monthly_rx", lambda s: s.traffic.monthly_rx),
    _volume("monthly_tx", lambda s: s.traffic.monthly_tx),
    _volume("session_rx", lambda s: s.traffic.session_rx, enabled=False),
    _volume("session_tx", lambda s: s.traffic.session_tx, enabled=False),
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
    _diagnostic("sim_state", lambda s: s.network.sim_state, enabled=False),
    _temperature("modem_temperature", lambda s: s.temperatures.modem),
    _temperature("modem_5g_temperature", lambda s: s.temperatures.modem_5g),
    _temperature("ambient_temperature", lambda s: s.temperatures.ambient),
    _temperature("pa_temperature", lambda s: s.temperatures.power_amplifier),
    _temperature("rf_5g_temperature", lambda s: s.temperatures.rf_5g),
    _temperature("wifi_temperature", lambda s: s.temperatures.wifi),
)


async def async_setup_entry(
    hass: HomeAssistant, entry: ZteConfigEntry, async_add_entities: AddEntitiesCallback
) -> None:
    """Add every sensor."""
    coordinator = entry.runtime_data.coordinator
    async_add_entities(ZteSensor(coordinator, description) for description in SENSORS)


class ZteSensor(ZteEntity, SensorEntity):
    """A modem value."""

    entity_description: ZteSensorEntityDescription

    def __init__(self, coordinator: ZteCoordinator, description: ZteSensorEntityDescription) -> None:
        super().__init__(coordinator, description.key)
        self.entity_description = description

    @property
    def native_value(self) -> StateType:
        """The value; None (unknown) when the modem does not report it now."""
        return self.entity_description.value_fn(self.coordinator.data)
