"""Test helpers that behave the same on every HA lane (HA 2025.4.4 to 2026.10.4).

What differs between the Home Assistant versions the tests run on is bridged here, in
the tests' own code, so that no test needs to know which version it runs on.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from homeassistant.helpers import device_registry as dr


def plain(data: Any) -> Any:
    """Data as a snapshot should see it on every HA version.

    Enum members become their values (HA 2026.10 keys state attributes with the StrEnum
    EntityStateAttribute, which syrupy writes as `<EntityStateAttribute.X: 'x'>`, older
    versions with plain strings); mappings become plain dicts in key order; lists and
    tuples are converted element by element.
    """
    if isinstance(data, Enum):
        return data.value
    if isinstance(data, Mapping):
        items = [(plain(key), plain(value)) for key, value in data.items()]
        return dict(sorted(items, key=lambda item: str(item[0])))
    if isinstance(data, list):
        return [plain(value) for value in data]
    if isinstance(data, tuple):
        return tuple(plain(value) for value in data)
    return data


def device_with_identifier(
    device_registry: dr.DeviceRegistry, config_entry_id: str, identifier: tuple[str, str]
) -> dr.DeviceEntry | None:
    """The config entry's device that carries `identifier`.

    HA 2026.10 refuses `DeviceRegistry.async_get_device(identifiers=...)` (identifiers are
    unique per config entry only) in favour of `async_get_device_by_identifier`, which
    HA 2025.4 does not have. The entry's device list exists in both.
    """
    for device in dr.async_entries_for_config_entry(device_registry, config_entry_id):
        if identifier in device.identifiers:
            return device
    return None
