"""The SMS event entity: one `received` event per incoming message, parts joined."""

from __future__ import annotations

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .coordinator import ZteCoordinator
from .entity import ZteEntity, remove_not_offered
from .runtime import ZteConfigEntry
from .zte import Feature

PARALLEL_UPDATES = 0
RECEIVED = "received"

SMS = EventEntityDescription(key="sms", translation_key="sms", event_types=[RECEIVED])


async def async_setup_entry(
    hass: HomeAssistant, entry: ZteConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add the SMS event entity."""
    if entry.runtime_data.capabilities.supports(Feature.SMS):
        async_add_entities([ZteSmsEvent(entry.runtime_data.coordinator)])
    else:
        remove_not_offered(hass, entry, Platform.EVENT, [SMS.key])


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
