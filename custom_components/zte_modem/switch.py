"""Switches: Polling (give the router's web page priority), Mobile data (the data session),
Data limit (the router's own data-plan limit on or off) and Alignment mode (fast polls while an
antenna is turned)."""

from __future__ import annotations

from typing import Any

from homeassistant.components.switch import SwitchEntity, SwitchEntityDescription
from homeassistant.const import EntityCategory, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .compat import SwitchDeviceClass
from .controls import async_call_modem
from .coordinator import ZteCoordinator
from .entity import ZteEntity, remove_not_offered
from .runtime import ZteConfigEntry
from .zte import Feature

PARALLEL_UPDATES = 1

POLLING = SwitchEntityDescription(
    key="polling", translation_key="polling", entity_category=EntityCategory.CONFIG
)
MOBILE_DATA = SwitchEntityDescription(
    key="mobile_data", translation_key="mobile_data", device_class=SwitchDeviceClass.SWITCH
)
DATA_LIMIT = SwitchEntityDescription(
    key="data_limit", translation_key="data_limit", entity_category=EntityCategory.CONFIG
)
ALIGNMENT_MODE = SwitchEntityDescription(key="alignment_mode", translation_key="alignment_mode")


async def async_setup_entry(
    hass: HomeAssistant, entry: ZteConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add the polling and mobile data switches."""
    coordinator = entry.runtime_data.coordinator
    entities: list[SwitchEntity] = [ZtePollingSwitch(coordinator), ZteAlignmentSwitch(coordinator)]
    if entry.runtime_data.capabilities.supports(Feature.MOBILE_DATA):
        entities.append(ZteMobileDataSwitch(coordinator))
    else:
        remove_not_offered(hass, entry, Platform.SWITCH, [MOBILE_DATA.key])
    if entry.runtime_data.capabilities.supports(Feature.DATA_PLAN):
        entities.append(ZteDataLimitSwitch(coordinator))
    else:
        remove_not_offered(hass, entry, Platform.SWITCH, [DATA_LIMIT.key])
    async_add_entities(entities)


class ZtePollingSwitch(ZteEntity, SwitchEntity):
    """On: Home Assistant polls. Off: the web UI may log in; back on after 15 minutes."""

    def __init__(self, coordinator: ZteCoordinator) -> None:
        super().__init__(coordinator, POLLING)

    @property
    def available(self) -> bool:
        """The switch can always be used, even while the modem is unreachable."""
        return True

    @property
    def is_on(self) -> bool:
        """Polling is active."""
        return not self.coordinator.paused

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """When polling resumes by itself."""
        if self.coordinator.paused_until is None:
            return None
        return {"resumes_at": self.coordinator.paused_until.isoformat()}

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Resume polling now."""
        await self.coordinator.async_resume()

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Pause polling and log out so the web UI can log in."""
        await self.coordinator.async_pause()


class ZteMobileDataSwitch(ZteEntity, SwitchEntity):
    """The router's mobile data session: on while connected or connecting."""

    def __init__(self, coordinator: ZteCoordinator) -> None:
        super().__init__(coordinator, MOBILE_DATA)

    @property
    def is_on(self) -> bool | None:
        """The router's data session: connecting counts as on."""
        return self.coordinator.data.controls.mobile_data

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Connect, and wait until the router reports the session up."""
        await async_call_modem(self.coordinator, lambda: self.coordinator.client.set_mobile_data(True))

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Disconnect, and wait until the router reports the session down."""
        await async_call_modem(self.coordinator, lambda: self.coordinator.client.set_mobile_data(False))


class ZteDataLimitSwitch(ZteEntity, SwitchEntity):
    """The router's data limit: on, the router counts against it and warns at the threshold."""

    def __init__(self, coordinator: ZteCoordinator) -> None:
        super().__init__(coordinator, DATA_LIMIT)

    @property
    def is_on(self) -> bool | None:
        """The limit switch as the router last reported it."""
        settings = self.coordinator.data.plan_settings
        return settings.enabled if settings is not None else None

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Switch the limit on (the whole settings form re-sent), read back."""
        await async_call_modem(self.coordinator, lambda: self.coordinator.client.set_data_plan(enabled=True))

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Switch the limit off, read back."""
        await async_call_modem(self.coordinator, lambda: self.coordinator.client.set_data_plan(enabled=False))


class ZteAlignmentSwitch(ZteEntity, SwitchEntity):
    """Antenna alignment mode: a poll every "Alignment interval" seconds (one request each) for
    at most 10 minutes; off at once on pause, on a failed poll, or when switched off."""

    def __init__(self, coordinator: ZteCoordinator) -> None:
        super().__init__(coordinator, ALIGNMENT_MODE)

    @property
    def is_on(self) -> bool:
        """Alignment mode runs."""
        return self.coordinator.alignment is not None

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """When the run ends by itself."""
        run = self.coordinator.alignment
        return {"ends_at": run.ends_at.isoformat()} if run is not None else None

    async def async_turn_on(self, **kwargs: Any) -> None:
        """Start fast polls (refused while paused: nothing is sent)."""
        await async_call_modem(self.coordinator, self.coordinator.async_start_alignment, refresh=False)

    async def async_turn_off(self, **kwargs: Any) -> None:
        """Back to the polling interval (while paused it is off already: refused like any control)."""
        await async_call_modem(self.coordinator, self._async_stop, refresh=False)

    async def _async_stop(self) -> None:
        self.coordinator.stop_alignment()
