"""What a loaded entry holds, fixed once setup is done."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntry

if TYPE_CHECKING:
    from .coordinator import ZteCoordinator
    from .mqtt import MqttBridge
    from .zte import ModemCapabilities, ModemClient


@dataclass(frozen=True, slots=True, kw_only=True)
class ZteRuntimeData:
    """The client, its coordinator, the MQTT bridge (which may be idle or waiting for MQTT) and
    what the router offers (which decides the entities)."""

    client: ModemClient
    coordinator: ZteCoordinator
    bridge: MqttBridge
    capabilities: ModemCapabilities


type ZteConfigEntry = ConfigEntry[ZteRuntimeData]
