"""Buttons: reboot the modem, read it now."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .compat import ButtonDeviceClass
from .controls import async_call_modem
from .coordinator import ZteCoordinator
from .entity import ZteEntity
from .runtime import ZteConfigEntry

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class ZteButtonDescription(ButtonEntityDescription):
    """A button and what it does."""

    press_fn: Callable[[ZteCoordinator], Awaitable[None]]
    # A press that changes the router reads it again afterwards (not a reboot: it is going away).
    refresh_after: bool = False


BUTTONS: tuple[ZteButtonDescription, ...] = (
    ZteButtonDescription(
        key="reboot",
        translation_key="reboot",
        device_class=ButtonDeviceClass.RESTART,
        entity_category=EntityCategory.CONFIG,
        press_fn=lambda coordinator: coordinator.client.reboot(),
    ),
    ZteButtonDescription(
        key="refresh",
        translation_key="refresh",
        entity_category=EntityCategory.DIAGNOSTIC,
        press_fn=lambda coordinator: coordinator.async_refresh_or_raise(),
    ),
)


async def async_setup_entry(
    hass: HomeAssistant, entry: ZteConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add the buttons."""
    coordinator = entry.runtime_data.coordinator
    async_add_entities(ZteButton(coordinator, description) for description in BUTTONS)


class ZteButton(ZteEntity, ButtonEntity):
    """A modem action."""

    entity_description: ZteButtonDescription

    @property
    def available(self) -> bool:
        """Buttons work whenever the entry is loaded; the modem may be briefly down."""
        return True

    async def async_press(self) -> None:
        """Run the action through the shared wrapper: refused while paused, errors mapped as polling's."""
        description = self.entity_description
        await async_call_modem(
            self.coordinator,
            lambda: description.press_fn(self.coordinator),
            refresh=description.refresh_after,
        )
