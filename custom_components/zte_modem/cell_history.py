"""Cell history: which cell serves the router, and when that changes. Pure logic, fed by the
coordinator with each good read; the `cell` event entity and the `cell_changes` counter read it.

What counts as a change, decided once here:

- **The serving cell** is the LTE primary cell while LTE reports one (on LTE and in NSA, where
  LTE is the anchor), else, in 5G SA only, the NR cell. The NR leg of NSA is not tracked: it
  comes and goes with traffic and would fire at every burst; an NSA read whose LTE values are
  missing is a read without radio values, not a move to an NR cell.
- **Its identity** is (rat, cell id). A cell id names one cell of one carrier, so the PCI, EARFCN
  or band changing under the same cell id is no cell change (a build that spells the PCI another
  way, a band field that flips, stays the same cell). Only when either read lacks a cell id does
  the (PCI, EARFCN) pair stand in for it, and then both must be known and the pair must differ.
- **Never a change**: the first good read after a start (the baseline: an event "after a restart"
  would only repeat what was known), a failed read (the coordinator does not feed it), and a read
  without radio values (no cell id and no PCI + channel): the last known cell stays the baseline,
  so a short loss of service and a return to the same cell fire nothing.
- **Network type changes** (`LTE` -> `ENDC`) are judged on reads with a serving cell only, so
  "No Service" in between fires nothing either.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import Any

from .zte import ModemSnapshot

CELL_CHANGED = "cell_changed"
NETWORK_TYPE_CHANGED = "network_type_changed"
LTE = "lte"
NR = "nr"
# How many events a listener can fall behind (one per poll at most two are made).
KEPT = 32


@dataclass(frozen=True, slots=True, kw_only=True)
class ServingCell:
    """The serving cell of one read."""

    rat: str  # "lte" or "nr"
    cell_id: int | None
    enodeb_id: int | None
    pci: int | None
    band: str | None
    earfcn: int | None  # the NR-ARFCN for an NR cell

    def same_cell(self, other: ServingCell) -> bool:
        """Identity: (rat, cell id); without a cell id on either side, (rat, PCI, channel)."""
        if self.rat != other.rat:
            return False
        if self.cell_id is not None and other.cell_id is not None:
            return self.cell_id == other.cell_id
        pairs = (self.pci, self.earfcn, other.pci, other.earfcn)
        if any(value is None for value in pairs):
            return True  # nothing to tell them apart: no evidence of a move
        return (self.pci, self.earfcn) == (other.pci, other.earfcn)

    def data(self, prefix: str = "") -> dict[str, Any]:
        """The event attributes: rat, cell_id, enodeb_id, pci, band, earfcn (with a prefix)."""
        return {
            f"{prefix}rat": self.rat,
            f"{prefix}cell_id": self.cell_id,
            f"{prefix}enodeb_id": self.enodeb_id,
            f"{prefix}pci": self.pci,
            f"{prefix}band": self.band,
            f"{prefix}earfcn": self.earfcn,
        }


def serving_cell(snapshot: ModemSnapshot) -> ServingCell | None:
    """The serving cell of a read; None when the read carries no radio values to tell it."""
    lte, nr = snapshot.lte, snapshot.nr5g
    if lte.cell_id is not None or (lte.pci is not None and lte.earfcn is not None):
        return ServingCell(
            rat=LTE,
            cell_id=lte.cell_id,
            enodeb_id=lte.enodeb_id,
            pci=lte.pci,
            band=lte.band,
            earfcn=lte.earfcn,
        )
    if not _standalone(snapshot.network.network_type):
        # NSA with the LTE anchor's values missing for a read: no radio values, not an NR cell.
        return None
    if nr.cell_id is not None or (nr.pci is not None and nr.arfcn is not None):
        return ServingCell(
            rat=NR, cell_id=nr.cell_id, enodeb_id=None, pci=nr.pci, band=nr.band, earfcn=nr.arfcn
        )
    return None


def _standalone(network_type: str | None) -> bool:
    """5G SA ("SA", "NR5G-SA", "5G SA"), the only mode whose serving cell is an NR cell."""
    text = (network_type or "").upper().replace("-", "_")
    return text == "SA" or text.endswith("_SA") or text.startswith("SA_") or text == "5G SA"


@dataclass(frozen=True, slots=True)
class CellEvent:
    """One change: its event type and data, and its place in the history."""

    sequence: int
    event_type: str
    data: dict[str, Any]


class CellHistory:
    """The last known serving cell and network type, and the events of their changes."""

    def __init__(self) -> None:
        self.cell: ServingCell | None = None
        self.network_type: str | None = None
        self.sequence = 0  # the number of events made so far
        self._recent: deque[CellEvent] = deque(maxlen=KEPT)

    def update(self, snapshot: ModemSnapshot) -> list[CellEvent]:
        """Feed one good read; the events it makes (none for the first read with a cell)."""
        cell = serving_cell(snapshot)
        if cell is None:
            return []
        made: list[CellEvent] = []
        previous, self.cell = self.cell, cell
        if previous is not None and not previous.same_cell(cell):
            made.append(self._event(CELL_CHANGED, {**cell.data(), **previous.data("previous_")}))
        network_type = snapshot.network.network_type
        if network_type:
            before, self.network_type = self.network_type, network_type
            if before is not None and before != network_type:
                made.append(
                    self._event(
                        NETWORK_TYPE_CHANGED, {"network_type": network_type, "previous_network_type": before}
                    )
                )
        return made

    def since(self, sequence: int) -> list[CellEvent]:
        """The events after `sequence` still kept, oldest first."""
        return [event for event in self._recent if event.sequence > sequence]

    def _event(self, event_type: str, data: dict[str, Any]) -> CellEvent:
        self.sequence += 1
        event = CellEvent(self.sequence, event_type, data)
        self._recent.append(event)
        return event
