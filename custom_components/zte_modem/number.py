"""Numbers: the router's data-plan settings (limit in GB, alert threshold in %, reset day)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from homeassistant.components.number import NumberEntity, NumberEntityDescription, NumberMode
from homeassistant.const import PERCENTAGE, EntityCategory, Platform, UnitOfInformation
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .controls import async_call_modem
from .coordinator import ZteCoordinator
from .entity import ZteEntity, remove_not_offered
from .runtime import ZteConfigEntry
from .zte import Feature, ModemClient, PlanSettings, ZteControlValidationError

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class ZteNumberDescription(NumberEntityDescription):
    """A data-plan setting: how to read it and how to write it."""

    value_fn: Callable[[PlanSettings], float | None]
    write_fn: Callable[[ModemClient, float], Awaitable[PlanSettings]]


NUMBERS: tuple[ZteNumberDescription, ...] = (
    ZteNumberDescription(
        key="data_limit",
        translation_key="data_limit",
        entity_category=EntityCategory.CONFIG,
        native_unit_of_measurement=UnitOfInformation.GIGABYTES,
        native_min_value=0.1,
        native_max_value=10000,
        native_step=0.1,
        mode=NumberMode.BOX,
        # Within a MB: a fraction of a GB is stored in whole MB.
        value_fn=lambda settings: round(settings.limit_gb, 3) if settings.limit_gb is not None else None,
        write_fn=lambda client, value: client.set_data_plan(limit_gb=value),
    ),
    ZteNumberDescription(
        key="data_alert_threshold",
        translation_key="data_alert_threshold",
        entity_category=EntityCategory.CONFIG,
        native_unit_of_measurement=PERCENTAGE,
        native_min_value=1,
        native_max_value=100,
        native_step=1,
        mode=NumberMode.BOX,
        value_fn=lambda settings: settings.alert_percent,
        write_fn=lambda client, value: client.set_data_plan(alert_percent=_whole(value)),
    ),
    ZteNumberDescription(
        key="data_reset_day",
        translation_key="data_reset_day",
        entity_category=EntityCategory.CONFIG,
        native_min_value=1,
        native_max_value=31,
        native_step=1,
        mode=NumberMode.BOX,
        value_fn=lambda settings: settings.reset_day,
        write_fn=lambda client, value: client.set_data_plan(reset_day=_whole(value)),
    ),
)


def _whole(value: float) -> int:
    """A whole number as HA hands it over (30.0); a fraction is a clear error (mapped by
    async_call_modem, which makes this call)."""
    if not float(value).is_integer():
        raise ZteControlValidationError(f"{value:g} is not a whole number")
    return int(value)


async def async_setup_entry(
    hass: HomeAssistant, entry: ZteConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add the data-plan numbers when the router keeps a data plan of its own."""
    if entry.runtime_data.capabilities.supports(Feature.DATA_PLAN):
        coordinator = entry.runtime_data.coordinator
        async_add_entities(ZteDataPlanNumber(coordinator, description) for description in NUMBERS)
    else:
        remove_not_offered(hass, entry, Platform.NUMBER, [description.key for description in NUMBERS])


class ZteDataPlanNumber(ZteEntity, NumberEntity):
    """One data-plan setting; a change re-sends the router's whole settings form and reads it back."""

    entity_description: ZteNumberDescription

    def __init__(self, coordinator: ZteCoordinator, description: ZteNumberDescription) -> None:
        super().__init__(coordinator, description)

    @property
    def native_value(self) -> float | None:
        """The setting as the router last reported it."""
        settings = self.coordinator.data.plan_settings
        return self.entity_description.value_fn(settings) if settings is not None else None

    async def async_set_native_value(self, value: float) -> None:
        """Write the setting (validated by the library first) and wait until the router shows it."""
        client = self.coordinator.client
        await async_call_modem(self.coordinator, lambda: self.entity_description.write_fn(client, value))
