"""The one wrapper for every modem call made on a person's behalf: buttons, switches, selects, actions.

Refused while polling is paused (the web page holds the router's single session: never log in
behind its back), client errors mapped through the shared mapping (errors.py; a wrong password
opens reauth, never a retry), and, for a change, one read so every entity shows it at once.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from homeassistant.exceptions import HomeAssistantError, ServiceValidationError

from .const import DOMAIN
from .coordinator import ZteCoordinator
from .errors import VALIDATION_KEYS, describe_error
from .zte import ZteAuthenticationError, ZteError

T = TypeVar("T")


async def async_call_modem(
    coordinator: ZteCoordinator, call: Callable[[], Awaitable[T]], *, refresh: bool = True
) -> T:
    """Run `call` (the client holds its one lock, fetches a fresh AD and reads back) unless paused.

    `call` is only invoked when allowed, so a refused call sends nothing to the router.
    `refresh`: read once more afterwards; a direct read, not the debounced one, so two writes
    in a row both show at once.
    """
    if coordinator.paused:
        raise HomeAssistantError(translation_domain=DOMAIN, translation_key="paused")
    try:
        result = await call()
    except ZteError as err:
        if isinstance(err, ZteAuthenticationError):
            # No poll may send the rejected password again either (the router locks after five).
            coordinator.mark_auth_failed(err)
        key, placeholders = describe_error(err)
        kind = ServiceValidationError if key in VALIDATION_KEYS else HomeAssistantError
        raise kind(
            translation_domain=DOMAIN, translation_key=key, translation_placeholders=placeholders
        ) from err
    if refresh:
        await coordinator.async_refresh()
    return result
