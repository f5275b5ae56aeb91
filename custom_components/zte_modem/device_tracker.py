"""Connected devices as device trackers (option "Track connected devices", off by default).

One `ScannerEntity` per MAC the router has listed: Home Assistant's own rules enable it by
default only when a known device has that MAC, and attach it to that device. Presence comes from
the coordinator's `PresenceTracker` (presence.py): away only after the grace period, never on a
failed or paused read, nobody home after a restart until a list says so. Devices that appear
later get their entity at that poll, without a reload.
"""

from __future__ import annotations

from typing import Any

from homeassistant.components.device_tracker.const import SourceType
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import entity_registry as er
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback
from homeassistant.helpers.restore_state import RestoreEntity
from homeassistant.helpers.update_coordinator import CoordinatorEntity
from homeassistant.util import dt as dt_util

from .compat import ScannerEntity
from .coordinator import ZteCoordinator
from .options import ZteOptions
from .presence import ClientPresence
from .runtime import ZteConfigEntry
from .zte import Feature

PARALLEL_UPDATES = 0
ID_INFIX = "_client_"


def tracker_unique_id(entry: ZteConfigEntry, mac: str) -> str:
    """From the entry and the MAC (without separators, lower case)."""
    return f"{entry.unique_id}{ID_INFIX}{mac.replace(':', '').lower()}"


def mac_of_unique_id(unique_id: str) -> str | None:
    """The MAC (upper case with colons) a tracker's unique id was made from."""
    _, _, tail = unique_id.rpartition(ID_INFIX)
    if len(tail) != 12:
        return None
    return ":".join(tail[index : index + 2] for index in range(0, 12, 2)).upper()


async def async_setup_entry(
    hass: HomeAssistant, entry: ZteConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Trackers for every MAC known (restored ones first), then for each new one as it appears."""
    coordinator = entry.runtime_data.coordinator
    registry = er.async_get(hass)
    known = [
        registry_entry
        for registry_entry in er.async_entries_for_config_entry(registry, entry.entry_id)
        if registry_entry.domain == Platform.DEVICE_TRACKER
    ]
    wanted = ZteOptions.from_entry(entry).track_devices and entry.runtime_data.capabilities.supports(
        Feature.CLIENTS
    )
    if not wanted:
        # Switched off (or a router without lists): the trackers leave instead of lingering.
        for registry_entry in known:
            registry.async_remove(registry_entry.entity_id)
        return

    added: set[str] = set()

    @callback
    def add_new() -> None:
        new = [mac for mac in coordinator.presence.clients if mac not in added]
        if new:
            added.update(new)
            async_add_entities(ZteClientTracker(coordinator, mac) for mac in new)

    for registry_entry in known:
        if (mac := mac_of_unique_id(registry_entry.unique_id)) is not None:
            coordinator.presence.restore(ClientPresence(mac=mac, hostname=registry_entry.original_name))
    add_new()
    entry.async_on_unload(coordinator.async_add_listener(add_new))


class ZteClientTracker(CoordinatorEntity[ZteCoordinator], ScannerEntity, RestoreEntity):
    """One device on the router's Wi-Fi, guest Wi-Fi or LAN."""

    _attr_source_type = SourceType.ROUTER

    def __init__(self, coordinator: ZteCoordinator, mac: str) -> None:
        super().__init__(coordinator)
        self._mac = mac
        self._attr_mac_address = mac
        self._unique_id = tracker_unique_id(coordinator.config_entry, mac)
        self._take_record()

    @property
    def unique_id(self) -> str:
        """From the entry and the MAC (a MAC alone would clash with other integrations)."""
        return self._unique_id

    @property
    def _record(self) -> ClientPresence:
        return self.coordinator.presence.clients[self._mac]

    def _take_record(self) -> None:
        record = self._record
        self._attr_name = record.hostname or self._mac
        self._attr_hostname = record.hostname
        self._attr_ip_address = record.ip_address

    @property
    def is_connected(self) -> bool:
        """Home from the first list naming it, away only after the grace period."""
        return self._record.home

    @property
    def available(self) -> bool:
        """The last known presence stands through a failed or paused read."""
        return True

    @property
    def extra_state_attributes(self) -> dict[str, Any]:
        """Where it is attached and when a list last named it."""
        record = self._record
        return {
            "interface": record.interface,
            "last_seen": record.last_seen.isoformat() if record.last_seen else None,
        }

    async def async_added_to_hass(self) -> None:
        """A restored entity keeps what was known of it, but not its presence."""
        await super().async_added_to_hass()
        record = self._record
        if record.last_seen is None and (last := await self.async_get_last_state()) is not None:
            attributes = last.attributes
            record.hostname = record.hostname or attributes.get("host_name")
            record.ip_address = record.ip_address or attributes.get("ip")
            record.interface = record.interface or attributes.get("interface")
            if isinstance(seen := attributes.get("last_seen"), str):
                record.last_seen = dt_util.parse_datetime(seen)
            self._take_record()

    @callback
    def _handle_coordinator_update(self) -> None:
        self._take_record()
        super()._handle_coordinator_update()
