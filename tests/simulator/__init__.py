"""A simulated ZTE goform modem for tests, benchmarks and scripts/develop."""

from .profiles import PROFILES, SimProfile
from .scenarios import SCENARIOS
from .server import FakeClock, ModemSimulator, SimStats

__all__ = ["PROFILES", "SCENARIOS", "FakeClock", "ModemSimulator", "SimProfile", "SimStats"]
