"""Who the serving cell is: eNodeB and sector of the E-UTRAN cell id, the NR cell id, and the
neighbour cells goform reports in the poll (`ngbr_cell_info`).

The E-UTRAN cell id (ECI) has 28 bits: the eNodeB id (20 bits) and the cell of that eNodeB
(8 bits). goform writes it in hex on every build seen (zte-protocol.md §7.1, §15.4); ubus in
decimal, which ubus/fields.py turns into goform's hex before this table reads it. What is done
with a cell id that is no full ECI:

- below 256: the firmware reports the local cell id alone; it is the sector, the eNodeB is
  unknown (None, never 0);
- 256 to 65535: a 16-bit CI (as 2G/3G and some firmware report it): neither part is known;
- above 28 bits (an NR cell id in SA): not an ECI, neither part is known;
- while the network type is 2G, 3G or 5G SA the field is not an E-UTRAN cell id at all.
"""

from __future__ import annotations

from ..catalogue import MetricValue
from ..neighbours import NeighbourCell
from ..radio import MAX_LTE_PCI, lte_band_of
from .cells import standalone
from .parse import FieldValues, ValueFormat, clean, earfcn, pci, to_hex_int, to_number

ECI_FIELDS = ("cell_id", "network_type")
NR_CELL_ID_FIELDS = ("nr5g_cell_id",)
NEIGHBOUR_FIELDS = ("ngbr_cell_info",)

MAX_ECI = (1 << 28) - 1
MAX_SHORT_CI = 0xFFFF
MAX_NCI = (1 << 36) - 1
# An MC7510 in ENDC answers nr5g_cell_id 268435455 (0xFFFFFFF, every bit of 28 set): unknown,
# not a cell (ubus, source id 57954865764).
NCI_UNKNOWN = frozenset({0, 0xFFFFFFF, MAX_NCI})
NOT_EUTRAN = frozenset(
    {
        "gsm",
        "gprs",
        "edge",
        "umts",
        "hsdpa",
        "hsupa",
        "hspa",
        "hspa+",
        "dc",
        "dc-hspa",
        "dc-hspa+",
        "dc-hsdpa",
    }
)


def _cell_id(values: FieldValues) -> int | None:
    network_type = clean(values.get("network_type"))
    if (network_type or "").lower() in NOT_EUTRAN or standalone(network_type):
        return None
    cell = to_hex_int(values.get("cell_id"))
    return cell if cell is not None and cell <= MAX_ECI else None


def enodeb_id(values: FieldValues, value_format: ValueFormat) -> MetricValue:
    """ECI >> 8; None for a cell id of 16 bits or fewer (no eNodeB part in it)."""
    cell = _cell_id(values)
    return cell >> 8 if cell is not None and cell > MAX_SHORT_CI else None


def sector(values: FieldValues, value_format: ValueFormat) -> MetricValue:
    """ECI & 0xFF; a cell id below 256 is the sector alone; a 16-bit CI has none."""
    cell = _cell_id(values)
    if cell is None or 0xFF < cell <= MAX_SHORT_CI:
        return None
    return cell & 0xFF


def nr_cell_id(values: FieldValues, value_format: ValueFormat) -> MetricValue:
    """The NCI (36 bits), hex as goform writes identifiers; the all-ones placeholder is None."""
    cell = to_hex_int(values.get("nr5g_cell_id"))
    return cell if cell is not None and cell <= MAX_NCI and cell not in NCI_UNKNOWN else None


def neighbours(raw: str | None, value_format: ValueFormat) -> tuple[NeighbourCell, ...] | None:
    """`ngbr_cell_info` rows "EARFCN,PCI,RSRQ,RSRP,RSSI;" (zte-protocol.md §7.1 [TPO]); the PCI in
    the build's own notation, like the serving PCI. None when the field is empty or absent: goform
    cannot tell "no neighbour heard" from "not reported"."""
    text = clean(raw)
    if text is None:
        return None
    cells = []
    for row in text.split(";"):
        parts = [part.strip() for part in row.split(",")]
        if len(parts) < 4:
            continue
        channel = earfcn(parts[0])
        number = pci(parts[1], value_format.lte_pci)
        band = lte_band_of(channel) if channel is not None else None
        rsrq, rsrp = to_number(parts[2]), to_number(parts[3])
        if channel is None and number is None:
            continue
        cells.append(
            NeighbourCell(
                earfcn=channel,
                band=f"B{band.number}" if band is not None else None,
                pci=number if number is not None and number <= MAX_LTE_PCI else None,
                rsrp=float(rsrp) if rsrp is not None else None,
                rsrq=float(rsrq) if rsrq is not None else None,
            )
        )
    return tuple(cells)


def neighbour_count(values: FieldValues, value_format: ValueFormat) -> MetricValue:
    """How many neighbours `ngbr_cell_info` lists; None when it lists nothing."""
    cells = neighbours(values.get("ngbr_cell_info"), value_format)
    return len(cells) if cells is not None else None
