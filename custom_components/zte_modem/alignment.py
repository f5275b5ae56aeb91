"""Antenna alignment mode: fast polls for a while, and the best signal quality seen meanwhile.

The coordinator owns the polling (coordinator.py: `async_start_alignment`, `stop_alignment`);
this module holds what one run remembers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

# A run ends by itself after this long: fast polls keep the router's web server busy.
ALIGNMENT_LIMIT: Final = timedelta(minutes=10)


@dataclass(slots=True)
class AlignmentRun:
    """One alignment run: when it started and ends, and the best score since it started."""

    started_at: datetime
    ends_at: datetime
    best: int | None = None
    best_at: datetime | None = None

    def observe(self, quality: int | None, at: datetime) -> None:
        """A poll's score: a new best (strictly higher) is remembered with its time."""
        if quality is not None and (self.best is None or quality > self.best):
            self.best, self.best_at = quality, at

    def attributes(self) -> dict[str, Any]:
        """The signal-quality sensor's attributes while the run lasts."""
        return {
            "best": self.best,
            "best_at": self.best_at.isoformat() if self.best_at is not None else None,
        }
