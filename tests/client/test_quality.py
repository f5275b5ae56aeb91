"""The signal-quality score (zte/quality.py): its three promised properties, proved over many inputs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from custom_components.zte_modem.zte.quality import nr_in_use, quality_of, signal_quality

# Values a router may report (and beyond): dBm and dB, as floats with decimals.
RSRP = st.floats(min_value=-160.0, max_value=-30.0, allow_nan=False)
SINR = st.floats(min_value=-30.0, max_value=50.0, allow_nan=False)
GOOD_RSRP = st.floats(min_value=-80.0, max_value=-30.0, allow_nan=False)
GOOD_SINR = st.floats(min_value=25.0, max_value=50.0, allow_nan=False)
BAD_RSRP = st.floats(min_value=-160.0, max_value=-125.0, allow_nan=False)
BAD_SINR = st.floats(min_value=-30.0, max_value=-5.0, allow_nan=False)
STEP = st.floats(min_value=0.0, max_value=60.0, allow_nan=False)
NR_CONNECTED = st.booleans()


@given(GOOD_RSRP, GOOD_SINR, GOOD_RSRP, GOOD_SINR, NR_CONNECTED)
def test_excellent_signal_reads_at_least_95(
    lte_rsrp: float, lte_sinr: float, nr_rsrp: float, nr_sinr: float, nr_connected: bool
) -> None:
    """RSRP >= -80 dBm and SINR >= 25 dB on every link reported: at least 95."""
    quality = signal_quality(lte_rsrp, lte_sinr, nr_rsrp, nr_sinr, nr_connected=nr_connected)
    assert quality is not None
    assert quality >= 95
    assert (signal_quality(lte_rsrp, lte_sinr) or 0) >= 95
    assert (signal_quality(None, None, nr_rsrp, nr_sinr) or 0) >= 95  # 5G SA: NR alone


@given(BAD_RSRP, BAD_SINR, BAD_RSRP, BAD_SINR, NR_CONNECTED)
def test_lost_signal_reads_at_most_5(
    lte_rsrp: float, lte_sinr: float, nr_rsrp: float, nr_sinr: float, nr_connected: bool
) -> None:
    """RSRP <= -125 dBm and SINR <= -5 dB on every link reported: at most 5."""
    quality = signal_quality(lte_rsrp, lte_sinr, nr_rsrp, nr_sinr, nr_connected=nr_connected)
    assert quality is not None
    assert quality <= 5
    assert (signal_quality(lte_rsrp, lte_sinr) or 0) <= 5
    assert (signal_quality(None, None, nr_rsrp, nr_sinr) or 0) <= 5


@given(RSRP, SINR, RSRP, SINR, NR_CONNECTED, st.integers(min_value=0, max_value=3), STEP)
def test_never_decreases_when_a_value_improves(
    lte_rsrp: float,
    lte_sinr: float,
    nr_rsrp: float,
    nr_sinr: float,
    nr_connected: bool,
    which: int,
    step: float,
) -> None:
    """Any one of the four values gets better (higher), the others stay: the score does not fall."""
    before = [lte_rsrp, lte_sinr, nr_rsrp, nr_sinr]
    after = list(before)
    after[which] += step
    old = signal_quality(*before, nr_connected=nr_connected)
    new = signal_quality(*after, nr_connected=nr_connected)
    assert old is not None
    assert new is not None
    assert new >= old


@given(st.one_of(st.none(), RSRP), st.one_of(st.none(), SINR), st.one_of(st.none(), RSRP), STEP)
def test_monotone_with_values_missing(
    lte_rsrp: float | None, lte_sinr: float | None, nr_rsrp: float | None, step: float
) -> None:
    """A link that reports only one value (a firmware without SINR) is still monotone in it, and
    the score stays in 0..100."""
    old = signal_quality(lte_rsrp, lte_sinr, nr_rsrp, None)
    better = signal_quality(lte_rsrp + step if lte_rsrp is not None else None, lte_sinr, nr_rsrp, None)
    if old is None:
        assert (lte_rsrp, lte_sinr, nr_rsrp) == (None, None, None)
        return
    assert better is not None
    assert better >= old
    assert 0 <= old <= 100


def test_documented_points() -> None:
    """The bounds of the formula as the README states them."""
    assert signal_quality(-80, 25) == 100
    assert signal_quality(-125, -5) == 0
    assert signal_quality(-102.5, 10) == 50  # the middle of both ranges
    assert signal_quality(None, None) is None
    # NR connected (NSA): 0.4 LTE + 0.6 NR.
    assert signal_quality(-125, -5, -80, 25) == 60
    # NR values while the network type says LTE only: stale, not counted.
    assert signal_quality(-125, -5, -80, 25, nr_connected=False) == 0


def test_network_types() -> None:
    """Which network types count the NR values (zte-protocol.md: network_type)."""
    for name in ("ENDC", "EN-DC", "SA", "LTE-NSA", "", None, "5G"):
        assert nr_in_use(name), name
    for name in ("LTE", "LTE_CA", "LTE_A", "FDD_LTE", "UMTS", "GSM", "HSPA+"):
        assert not nr_in_use(name), name


def test_from_catalogue_values() -> None:
    """The snapshot's values feed it; text or flags where numbers belong are ignored."""
    values = {"lte_rsrp": -80, "lte_sinr": 25.0, "nr5g_rsrp": -125, "nr5g_sinr": -5, "network_type": "LTE"}
    assert quality_of(values) == 100
    assert quality_of({**values, "network_type": "ENDC"}) == 40
    assert quality_of({"lte_rsrp": "x", "lte_sinr": True}) is None
