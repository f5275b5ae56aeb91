"""Signal quality: one 0-100 score from the RSRP and SINR of LTE and, when connected, 5G NR.

The score is made for aiming an antenna: a single number that goes up when the signal gets
better, whichever of the two values improved.

    level(RSRP) = clamp((RSRP + 125) / 45, 0, 1)     -125 dBm -> 0,  -80 dBm -> 1
    clean(SINR) = clamp((SINR + 5) / 30, 0, 1)        -5 dB   -> 0,  +25 dB  -> 1
    link        = 0.4 * level + 0.6 * clean           (only one known: that one alone)
    score       = LTE link                            (no 5G NR cell)
                = 0.4 * LTE link + 0.6 * NR link      (5G NR connected: NSA, both links carry)
                = NR link                             (5G SA: no LTE values)
    quality     = round(100 * score)                  0..100 %

Why these numbers: -125 dBm is about where an LTE/NR link is lost and -80 dBm where more
signal buys nothing (the usual "excellent" bound); SINR -5 dB is the edge of decoding, 25 dB
the top modulation and coding. SINR weighs more because it decides the throughput, and a
strong RSRP next to an interfering cell is no good aim. With NR connected (NSA) both links
matter (LTE anchors the session, NR carries most data), so NR weighs more but LTE still
counts; a max of the two would hide an LTE anchor lost by turning towards the NR mast.

Every step is non-decreasing in each input (clamps, non-negative weights, round half up),
so the score never falls when an RSRP or SINR improves; all values at or above the top
bounds give 100, all at or below the bottom bounds give 0.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

RSRP_FLOOR = -125.0
RSRP_TOP = -80.0
SINR_FLOOR = -5.0
SINR_TOP = 25.0
RSRP_WEIGHT = 0.4
SINR_WEIGHT = 0.6
NR_WEIGHT = 0.6

# network_type values that say the NR cell is not in use [zte-protocol.md: network_type].
_NO_NR_TYPES = frozenset({"GSM", "GPRS", "EDGE", "UMTS", "HSDPA", "HSUPA", "HSPA", "HSPA+", "LTE"})


def _clamp01(value: float) -> float:
    return min(1.0, max(0.0, value))


def link_score(rsrp: float | None, sinr: float | None) -> float | None:
    """One radio link's score, 0..1; None without either value."""
    parts: list[tuple[float, float]] = []
    if rsrp is not None and math.isfinite(rsrp):
        parts.append((RSRP_WEIGHT, _clamp01((rsrp - RSRP_FLOOR) / (RSRP_TOP - RSRP_FLOOR))))
    if sinr is not None and math.isfinite(sinr):
        parts.append((SINR_WEIGHT, _clamp01((sinr - SINR_FLOOR) / (SINR_TOP - SINR_FLOOR))))
    if not parts:
        return None
    total = sum(weight for weight, _ in parts)
    return sum(weight * value for weight, value in parts) / total


def nr_in_use(network_type: str | None) -> bool:
    """The NR values count unless the network type plainly names a pre-5G or LTE-only link."""
    if network_type is None:
        return True
    name = network_type.strip().upper()
    lte_only = name.startswith(("LTE", "FDD", "TDD")) and "NSA" not in name
    return not (name in _NO_NR_TYPES or lte_only)


def signal_quality(
    lte_rsrp: float | None,
    lte_sinr: float | None,
    nr_rsrp: float | None = None,
    nr_sinr: float | None = None,
    *,
    nr_connected: bool = True,
) -> int | None:
    """The 0..100 score (module docstring); None when neither link reports a value."""
    lte = link_score(lte_rsrp, lte_sinr)
    nr = link_score(nr_rsrp, nr_sinr) if nr_connected else None
    if lte is None and nr is None:
        return None
    if nr is None:
        score = lte
    elif lte is None:
        score = nr
    else:
        score = (1 - NR_WEIGHT) * lte + NR_WEIGHT * nr
    assert score is not None
    return math.floor(100 * score + 0.5)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def quality_of(values: Mapping[str, object]) -> int | None:
    """The score of one read's catalogue values (lte_rsrp, lte_sinr, nr5g_rsrp, nr5g_sinr)."""
    network_type = values.get("network_type")
    return signal_quality(
        _number(values.get("lte_rsrp")),
        _number(values.get("lte_sinr")),
        _number(values.get("nr5g_rsrp")),
        _number(values.get("nr5g_sinr")),
        nr_connected=nr_in_use(network_type if isinstance(network_type, str) else None),
    )
