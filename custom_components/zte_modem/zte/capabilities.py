"""What one router can do, whatever it is reached through: the HA side creates entities from it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Feature(StrEnum):
    """Something a router may or may not offer."""

    NR5G = "nr5g"  # a 5G NR radio
    SMS = "sms"
    USSD = "ussd"
    BAND_LOCK = "band_lock"
    CELL_LOCK = "cell_lock"
    DATA_PLAN = "data_plan"  # the router keeps a data limit and a reset day of its own
    NETWORK_MODE = "network_mode"  # the preferred radio access technology can be chosen
    MOBILE_DATA = "mobile_data"  # the data session can be switched on and off
    CLIENTS = "clients"  # the router lists the devices connected to it (Wi-Fi, guest, LAN)
    APN = "apn"  # stored APN profiles, one of which (or automatic) can be chosen
    FIRMWARE_UPDATE = "firmware_update"  # the router reports its update state (read only here)
    NEIGHBOUR_CELLS = "neighbour_cells"  # LTE neighbour cells reported without starting a scan


@dataclass(frozen=True, slots=True, kw_only=True)
class ModemCapabilities:
    """What this router offers, learnt once per client; `evidence` says how it was decided."""

    features: frozenset[Feature]
    network_modes: tuple[str, ...] = ()
    lte_bands: frozenset[int] | None = None  # None: the router did not say
    nr_bands: frozenset[int] | None = None
    evidence: tuple[str, ...] = ()

    def supports(self, *features: Feature) -> bool:
        """Every one of `features` is offered."""
        return all(feature in self.features for feature in features)
