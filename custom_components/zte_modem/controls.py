"""Guard rails shared by every write to the router from Home Assistant (switches, select, actions)."""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any, TypeVar

from homeassistant.exceptions import HomeAssistantError, ServiceValidationError

from .const import DOMAIN
from .coordinator import ZteCoordinator
from .errors import VALIDATION_KEYS, describe_error
from .zte import ZteAuthenticationError, ZteError

T = TypeVar("T")


def refuse_while_paused(coordinator: ZteCoordinator) -> None:
    """The web page holds the router's single session: never log in behind its back."""
    if coordinator.paused:
        raise HomeAssistantError(translation_domain=DOMAIN, translation_key="paused")


async def async_run_control(coordinator: ZteCoordinator, write: Coroutine[Any, Any, T]) -> T:
    """Run one write (the client holds its one lock, fetches a fresh AD and reads back), map its
    errors through the shared mapping (a wrong password opens reauth), and read once more so every
    entity shows the result at once."""
    try:
        refuse_while_paused(coordinator)
        result = await write
    except ZteError as err:
        if isinstance(err, ZteAuthenticationError):
            coordinator.config_entry.async_start_reauth(coordinator.hass)
        key, placeholders = describe_error(err)
        kind = ServiceValidationError if key in VALIDATION_KEYS else HomeAssistantError
        raise kind(
            translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
        ) from err
    finally:
        write.close()  # never awaited when refused while paused; a no-op once it ran
    # A direct read, not the debounced one: two writes in a row must both show at once.
    await coordinator.async_refresh()
    return result
