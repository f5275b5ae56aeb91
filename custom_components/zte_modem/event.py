"""The event entities: SMS (one `received` event per incoming message, parts joined) and the
serving cell (`cell_changed`, `network_type_changed`: cell_history.py says when)."""

from __future__ import annotations

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .cell_history import CELL_CHANGED, NETWORK_TYPE_CHANGED
from .coordinator import ZteCoordinator
from .entity import ZteEntity, remove_not_offered
from .runtime import ZteConfigEntry
from .zte import Feature

PARALLEL_UPDATES = 0
RECEIVED = "received"

SMS = EventEntityDescription(key="sms", translation_key="sms", event_types=[RECEIVED])
CELL = EventEntityDescription(
    key="cell", translation_key="cell", event_types=[CELL_CHANGED, NETWORK_TYPE_CHANGED]
)


async def async_setup_entry(
    hass: HomeAssistant, entry: ZteConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add the cell event entity, and the SMS one where the router has SMS."""
    coordinator = entry.runtime_data.coordinator
    entities: list[EventEntity] = [ZteCellEvent(coordinator)]
    if entry.runtime_data.capabilities.supports(Feature.SMS):
        entities.append(ZteSmsEvent(coordinator))
    else:
        remove_not_offered(hass, entry, Platform.EVENT, [SMS.key])
    async_add_entities(entities)


class ZteSmsEvent(ZteEntity, EventEntity):
    """Fires `received` with sender, text, received_at and message_id."""

    def __init__(self, coordinator: ZteCoordinator) -> None:
        super().__init__(coordinator, SMS)

    async def async_added_to_hass(self) -> None:
        """Messages that arrived while HA was down were found by the first poll: fire them now."""
        await super().async_added_to_hass()
        self._fire_new()

    @callback
    def _handle_coordinator_update(self) -> None:
        self._fire_new()
        super()._handle_coordinator_update()

    @callback
    def _fire_new(self) -> None:
        for message in self.coordinator.inbox.take_new():
            self._trigger_event(RECEIVED, message.event_data())
            self.async_write_ha_state()

    @property
    def available(self) -> bool:
        """Events are history: the entity stays usable while the modem is briefly unreachable."""
        return True


class ZteCellEvent(ZteEntity, EventEntity):
    """Fires `cell_changed` (rat, cell_id, enodeb_id, pci, band, earfcn and each `previous_`) and
    `network_type_changed` (network_type, previous_network_type), once per change."""

    def __init__(self, coordinator: ZteCoordinator) -> None:
        super().__init__(coordinator, CELL)
        # Changes before this entity existed are not its to fire.
        self._seen = coordinator.cells.sequence

    @callback
    def _handle_coordinator_update(self) -> None:
        events = self.coordinator.cells.since(self._seen)
        for event in events:
            self._seen = event.sequence
            self._trigger_event(event.event_type, event.data)
            self.async_write_ha_state()
        if not events:
            super()._handle_coordinator_update()

    @property
    def available(self) -> bool:
        """Events are history: the entity stays usable while the modem is briefly unreachable."""
        return True
