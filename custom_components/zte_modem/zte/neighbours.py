"""LTE neighbour cells as the router reports them without a scan: one row per cell heard."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class NeighbourCell:
    """One neighbour: its channel, band (from the EARFCN when the router names none), PCI and levels."""

    earfcn: int | None
    band: str | None
    pci: int | None
    rsrp: float | None
    rsrq: float | None

    def as_dict(self) -> dict[str, int | float | str | None]:
        """The attribute form: earfcn, band, pci, rsrp, rsrq."""
        return {
            "earfcn": self.earfcn,
            "band": self.band,
            "pci": self.pci,
            "rsrp": self.rsrp,
            "rsrq": self.rsrq,
        }
