"""Bands and frequencies from channel numbers: 3GPP TS 36.101 (LTE) and TS 38.101 (NR).

A channel number is physics; a band field is whatever the firmware wrote into it.
Real firmware gets the latter wrong (an MF79U reports "LTE BAND 1" on EARFCN 1875,
which is band 3), so bands are derived from the channel whenever one is reported.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class LteBand:
    """One row of TS 36.101 table 5.7.3-1, downlink side."""

    number: int
    dl_low_mhz: float
    first_earfcn: int
    last_earfcn: int


# (band, F_DL_low MHz, N_Offs-DL, last downlink EARFCN of the band)
_LTE_ROWS: tuple[tuple[int, float, int, int], ...] = (
    (1, 2110, 0, 599),
    (2, 1930, 600, 1199),
    (3, 1805, 1200, 1949),
    (4, 2110, 1950, 2399),
    (5, 869, 2400, 2649),
    (6, 875, 2650, 2749),
    (7, 2620, 2750, 3449),
    (8, 925, 3450, 3799),
    (9, 1844.9, 3800, 4149),
    (10, 2110, 4150, 4749),
    (11, 1475.9, 4750, 4949),
    (12, 729, 5010, 5179),
    (13, 746, 5180, 5279),
    (14, 758, 5280, 5379),
    (17, 734, 5730, 5849),
    (18, 860, 5850, 5999),
    (19, 875, 6000, 6149),
    (20, 791, 6150, 6449),
    (21, 1495.9, 6450, 6599),
    (22, 3510, 6600, 7399),
    (23, 2180, 7500, 7699),
    (24, 1525, 7700, 8039),
    (25, 1930, 8040, 8689),
    (26, 859, 8690, 9039),
    (27, 852, 9040, 9209),
    (28, 758, 9210, 9659),
    (29, 717, 9660, 9769),
    (30, 2350, 9770, 9869),
    (31, 462.5, 9870, 9919),
    (32, 1452, 9920, 10359),
    (33, 1900, 36000, 36199),
    (34, 2010, 36200, 36349),
    (35, 1850, 36350, 36949),
    (36, 1930, 36950, 37549),
    (37, 1910, 37550, 37749),
    (38, 2570, 37750, 38249),
    (39, 1880, 38250, 38649),
    (40, 2300, 38650, 39649),
    (41, 2496, 39650, 41589),
    (42, 3400, 41590, 43589),
    (43, 3600, 43590, 45589),
    (44, 703, 45590, 46589),
    (45, 1447, 46590, 46789),
    (46, 5150, 46790, 54539),
    (47, 5855, 54540, 55239),
    (48, 3550, 55240, 56739),
    (49, 3550, 56740, 58239),
    (50, 1432, 58240, 59089),
    (51, 1427, 59090, 59139),
    (52, 3300, 59140, 60139),
    (53, 2483.5, 60140, 60254),
    (65, 2110, 65536, 66435),
    (66, 2110, 66436, 67335),
    (67, 738, 67336, 67535),
    (68, 753, 67536, 67835),
    (69, 2570, 67836, 68335),
    (70, 1995, 68336, 68585),
    (71, 617, 68586, 68935),
    (72, 461, 68936, 68985),
    (73, 460, 68986, 69035),
    (74, 1475, 69036, 69465),
    (75, 1432, 69466, 70315),
    (76, 1427, 70316, 70365),
    (85, 728, 70366, 70545),
    (87, 420, 70546, 70595),
    (88, 422, 70596, 70645),
)
LTE_BANDS: tuple[LteBand, ...] = tuple(
    LteBand(number=number, dl_low_mhz=low, first_earfcn=first, last_earfcn=last)
    for number, low, first, last in _LTE_ROWS
)
MAX_EARFCN = 262143
# Physical cell ids: 0-503 in LTE (TS 36.211), 0-1007 in NR (TS 38.211).
MAX_LTE_PCI = 503
MAX_NR_PCI = 1007


@dataclass(frozen=True, slots=True)
class NrBand:
    """Downlink frequency range of one NR band (TS 38.101-1 table 5.2-1, 38.101-2 table 5.2-1)."""

    number: int
    dl_low_mhz: float
    dl_high_mhz: float


# Listed in the order used when a channel fits several bands and the modem names none
# of them: the band deployed far more widely comes first (n78 before its superset n77,
# n28 before n20 in their overlap, n41 before n90, n1 before n65/n66, n75 before n50).
_NR_ROWS: tuple[tuple[int, float, float], ...] = (
    (78, 3300, 3800),
    (77, 3300, 4200),
    (79, 4400, 5000),
    (1, 2110, 2170),
    (3, 1805, 1880),
    (7, 2620, 2690),
    (28, 758, 803),
    (20, 791, 821),
    (8, 925, 960),
    (41, 2496, 2690),
    (38, 2570, 2620),
    (40, 2300, 2400),
    (75, 1432, 1517),
    (76, 1427, 1432),
    (2, 1930, 1990),
    (25, 1930, 1995),
    (5, 869, 894),
    (26, 859, 894),
    (12, 729, 746),
    (13, 746, 756),
    (14, 758, 768),
    (18, 860, 875),
    (29, 717, 728),
    (30, 2350, 2360),
    (34, 2010, 2025),
    (39, 1880, 1920),
    (46, 5150, 5925),
    (48, 3550, 3700),
    (50, 1432, 1517),
    (51, 1427, 1432),
    (53, 2483.5, 2495),
    (65, 2110, 2200),
    (66, 2110, 2200),
    (70, 1995, 2020),
    (71, 617, 652),
    (74, 1475, 1518),
    (90, 2496, 2690),
    (91, 1427, 1432),
    (92, 1432, 1517),
    (93, 1427, 1432),
    (94, 1432, 1517),
    (96, 5925, 7125),
    (100, 919.4, 925),
    (101, 1900, 1910),
    (102, 5925, 6425),
    (104, 6425, 7125),
    (257, 26500, 29500),
    (258, 24250, 27500),
    (259, 39500, 43500),
    (260, 37000, 40000),
    (261, 27500, 28350),
    (262, 47200, 48200),
)
NR_BANDS: tuple[NrBand, ...] = tuple(
    NrBand(number=number, dl_low_mhz=low, dl_high_mhz=high) for number, low, high in _NR_ROWS
)
MAX_NR_ARFCN = 3279165


def lte_band_of(earfcn: int) -> LteBand | None:
    """The LTE band a downlink EARFCN belongs to (EARFCN ranges never overlap)."""
    for band in LTE_BANDS:
        if band.first_earfcn <= earfcn <= band.last_earfcn:
            return band
    return None


def lte_dl_frequency(earfcn: int) -> float | None:
    """Downlink centre frequency in MHz: F_DL_low + 0.1 (N_DL - N_Offs-DL)."""
    band = lte_band_of(earfcn)
    if band is None:
        return None
    return round(band.dl_low_mhz + 0.1 * (earfcn - band.first_earfcn), 1)


def nr_frequency(arfcn: int) -> float | None:
    """Frequency in MHz of an NR-ARFCN on the global raster (TS 38.104 5.4.2.1)."""
    if arfcn < 0 or arfcn > MAX_NR_ARFCN:
        return None
    if arfcn < 600000:
        return round(0.005 * arfcn, 3)
    if arfcn < 2016667:
        return round(3000 + 0.015 * (arfcn - 600000), 3)
    return round(24250.08 + 0.06 * (arfcn - 2016667), 3)


def nr_bands_of(arfcn: int) -> tuple[int, ...]:
    """Every NR band whose downlink range holds the channel, most widely deployed first."""
    frequency = nr_frequency(arfcn)
    if frequency is None:
        return ()
    return tuple(band.number for band in NR_BANDS if band.dl_low_mhz <= frequency <= band.dl_high_mhz)
