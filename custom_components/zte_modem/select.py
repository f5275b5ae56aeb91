"""Selects: the network mode (the bearer preferences this firmware offers) and the APN (Automatic or
one of the router's stored profiles, by name)."""

from __future__ import annotations

from homeassistant.components.select import SelectEntity, SelectEntityDescription
from homeassistant.const import EntityCategory, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .controls import async_call_modem
from .coordinator import ZteCoordinator
from .entity import ZteEntity, remove_not_offered
from .runtime import ZteConfigEntry
from .zte import AUTOMATIC, Feature

PARALLEL_UPDATES = 1

NETWORK_MODE = SelectEntityDescription(
    key="network_mode", translation_key="network_mode", entity_category=EntityCategory.CONFIG
)
APN = SelectEntityDescription(key="apn", translation_key="apn", entity_category=EntityCategory.CONFIG)


def option_of(mode: str) -> str:
    """HA's option (a translation key: lower case) for a network mode as the router names it."""
    return mode.lower()


async def async_setup_entry(
    hass: HomeAssistant, entry: ZteConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add the network mode select with the modes this router offers, and the APN select."""
    capabilities = entry.runtime_data.capabilities
    coordinator = entry.runtime_data.coordinator
    entities: list[SelectEntity] = []
    if capabilities.supports(Feature.NETWORK_MODE):
        entities.append(ZteNetworkModeSelect(coordinator, capabilities.network_modes))
    else:
        remove_not_offered(hass, entry, Platform.SELECT, [NETWORK_MODE.key])
    if capabilities.supports(Feature.APN):
        entities.append(ZteApnSelect(coordinator))
    else:
        remove_not_offered(hass, entry, Platform.SELECT, [APN.key])
    async_add_entities(entities)


class ZteNetworkModeSelect(ZteEntity, SelectEntity):
    """LTE only, 5G NSA, 5G SA, automatic...: SET_BEARER_PREFERENCE, read back from net_select."""

    def __init__(self, coordinator: ZteCoordinator, modes: tuple[str, ...]) -> None:
        super().__init__(coordinator, NETWORK_MODE)
        self._modes = {option_of(mode): mode for mode in modes}
        self._attr_options = list(self._modes)

    @property
    def current_option(self) -> str | None:
        """The router's current preference, when it is one of the offered modes."""
        mode = self.coordinator.data.controls.network_mode
        option = option_of(mode) if mode else None
        return option if option in self._modes else None

    async def async_select_option(self, option: str) -> None:
        """Switch the preference and wait until the router reports it."""
        await async_call_modem(
            self.coordinator, lambda: self.coordinator.client.set_network_mode(self._modes[option])
        )


class ZteApnSelect(ZteEntity, SelectEntity):
    """Automatic, or one of the router's stored APN profiles by name; a choice makes that profile
    the default (the data session reconnects when it was up). Names only: a profile's user name
    and password never reach Home Assistant."""

    def __init__(self, coordinator: ZteCoordinator) -> None:
        super().__init__(coordinator, APN)

    @property
    def available(self) -> bool:
        """Only while the router reports its APN profiles."""
        return super().available and self.coordinator.data.apn is not None

    @property
    def options(self) -> list[str]:
        """Automatic and the stored profiles' names, as last read."""
        apn = self.coordinator.data.apn
        return list(apn.options) if apn is not None else [AUTOMATIC]

    @property
    def current_option(self) -> str | None:
        """Automatic, or the default profile's name."""
        apn = self.coordinator.data.apn
        return apn.current if apn is not None else None

    async def async_select_option(self, option: str) -> None:
        """Make the profile the default (or Automatic) and wait until the router reports it."""
        await async_call_modem(self.coordinator, lambda: self.coordinator.client.set_apn(option))
