"""The kinds of sensor the router has, as Home Assistant presents them (used by sensor.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.const import (
    PERCENTAGE,
    SIGNAL_STRENGTH_DECIBELS,
    SIGNAL_STRENGTH_DECIBELS_MILLIWATT,
    EntityCategory,
    UnitOfDataRate,
    UnitOfFrequency,
    UnitOfInformation,
    UnitOfTemperature,
)
from homeassistant.helpers.typing import StateType

from .zte import ModemSnapshot


@dataclass(frozen=True, kw_only=True)
class ZteSensorEntityDescription(SensorEntityDescription):
    """A sensor and where its value sits in a read."""

    value_fn: Callable[[ModemSnapshot], StateType]
    # State attributes beside the value (the neighbour cells' list); None: none.
    attributes_fn: Callable[[ModemSnapshot], dict[str, Any]] | None = None


def signal(
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


def diagnostic(
    key: str, value_fn: Callable[[ModemSnapshot], StateType], *, enabled: bool = True
) -> ZteSensorEntityDescription:
    return ZteSensorEntityDescription(
        key=key,
        translation_key=key,
        entity_category=EntityCategory.DIAGNOSTIC,
        entity_registry_enabled_default=enabled,
        value_fn=value_fn,
    )


def frequency(
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


def volume(
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


def rate(key: str, value_fn: Callable[[ModemSnapshot], StateType]) -> ZteSensorEntityDescription:
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


def temperature(key: str, value_fn: Callable[[ModemSnapshot], StateType]) -> ZteSensorEntityDescription:
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


def plan_volume(
    key: str, value_fn: Callable[[ModemSnapshot], StateType], *, measured: bool = False
) -> ZteSensorEntityDescription:
    return ZteSensorEntityDescription(
        key=key,
        translation_key=key,
        device_class=SensorDeviceClass.DATA_SIZE,
        native_unit_of_measurement=UnitOfInformation.GIGABYTES,
        suggested_display_precision=1,
        state_class=SensorStateClass.MEASUREMENT if measured else None,
        value_fn=value_fn,
    )


def plan_percent(
    key: str, value_fn: Callable[[ModemSnapshot], StateType], *, measured: bool = False
) -> ZteSensorEntityDescription:
    return ZteSensorEntityDescription(
        key=key,
        translation_key=key,
        native_unit_of_measurement=PERCENTAGE,
        suggested_display_precision=0,
        state_class=SensorStateClass.MEASUREMENT if measured else None,
        value_fn=value_fn,
    )


def lte_antenna(index: int, *, sinr: bool) -> Callable[[ModemSnapshot], StateType]:
    if sinr:
        return lambda snapshot: snapshot.lte.antenna_sinr[index]
    return lambda snapshot: snapshot.lte.antenna_rsrp[index]


def nr_chain_rsrp(index: int) -> Callable[[ModemSnapshot], StateType]:
    return lambda snapshot: snapshot.nr5g.chain_rsrp[index]
