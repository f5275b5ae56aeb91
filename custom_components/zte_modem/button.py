"""Buttons: reboot the modem, read it now."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from homeassistant.components.button import ButtonEntity, ButtonEntityDescription
from homeassistant.const import EntityCategory
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers.entity_platform import AddEntitiesCallback

from .compat import ButtonDeviceClass
from .const import DOMAIN
from .coordinator import ZteCoordinator
from .entity import ZteEntity
from .errors import describe_error
from .runtime import ZteConfigEntry
from .zte import ZteAuthenticationError, ZteError

PARALLEL_UPDATES = 1


@dataclass(frozen=True, kw_only=True)
class ZteButtonDescription(ButtonEntityDescription):
    """A button and what it does."""

    press_fn: Callable[[ZteCoordinator], Awaitable[None]]


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
    hass: HomeAssistant, entry: ZteConfigEntry, async_add_entities: AddEntitiesCallback
) -> None:
    """Add the buttons."""
    coordinator = entry.runtime_data.coordinator
    async_add_entities(ZteButton(coordinator, description) for description in BUTTONS)


class ZteButton(ZteEntity, ButtonEntity):
    """A modem action."""

    entity_description: ZteButtonDescription

    def __init__(self, coordinator: ZteCoordinator, description: ZteButtonDescription) -> None:
        super().__init__(coordinator, description.key)
        self.entity_description = description

    @property
    def available(self) -> bool:
        """Buttons work whenever the entry is loaded; the modem may be briefly down."""
        return True

    async def async_press(self) -> None:
        """Run the action; a modem error becomes the same message polling would give."""
        try:
            await self.entity_description.press_fn(self.coordinator)
        except ZteError as err:
            if isinstance(err, ZteAuthenticationError):
                # Never retried: the user enters the new password once, in the reauth dialog.
                self.coordinator.config_entry.async_start_reauth(self.hass)
            key, placeholders = describe_error(err)
            raise HomeAssistantError(
                translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
            ) from err
