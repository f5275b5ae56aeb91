"""What a loaded entry holds, fixed once setup is done."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntry

if TYPE_CHECKING:
    from .coordinator import ZteCoordinator
    from .mqtt import MqttBridge
    from .zte import ZteClient


@dataclass(frozen=True, slots=True, kw_only=True)
class ZteRuntimeData:
    """The client, its coordinator and the MQTT bridge (which may be idle or waiting for MQTT)."""

    client: ZteClient
    coordinator: ZteCoordinator
    bridge: MqttBridge


type ZteConfigEntry = ConfigEntry[ZteRuntimeData]
