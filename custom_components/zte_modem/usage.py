"""Is the mobile link carrying traffic? A debounced reading of the router's rates, poll by poll.

On when the data session is up and the combined rate (download + upload) has stayed above the
threshold for two polls running; off after two polls below it, or at once when the session is
down. A poll that brings no rate changes nothing; `since` is when the state last changed. Two
polls, not one: a single burst (a router's own NTP or DNS, a phone's push) must not count as the
backup link carrying traffic.
"""

from __future__ import annotations

from datetime import datetime

from .zte import ModemSnapshot

POLLS_TO_CHANGE = 2


class InUseDetector:
    """The state of `binary_sensor.<router>_mobile_data_in_use`."""

    def __init__(self, *, threshold_kbit: float) -> None:
        self.threshold_kbit = threshold_kbit
        self.is_on = False
        self.since: datetime | None = None
        self._above = 0
        self._below = 0

    def update(self, snapshot: ModemSnapshot, now: datetime) -> None:
        """Take one poll's reading."""
        if self.since is None:
            self.since = now
        if snapshot.network.connected is False:
            self._above = self._below = 0
            self._set(False, now)
            return
        rx, tx = snapshot.traffic.rx_rate, snapshot.traffic.tx_rate
        if rx is None and tx is None:
            return
        kbit = ((rx or 0) + (tx or 0)) * 8 / 1000
        if kbit > self.threshold_kbit and snapshot.network.connected:
            self._above, self._below = self._above + 1, 0
            if self._above >= POLLS_TO_CHANGE:
                self._set(True, now)
        else:
            self._above, self._below = 0, self._below + 1
            if self._below >= POLLS_TO_CHANGE:
                self._set(False, now)

    def _set(self, on: bool, now: datetime) -> None:
        if on != self.is_on:
            self.is_on, self.since = on, now
