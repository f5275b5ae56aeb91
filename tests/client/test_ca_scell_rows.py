"""LTE secondary cells are kept when the primary cell's band is unknown.

Some builds answer `lte_ca_pcell_band` with "" or "0" and report no primary EARFCN while
`lte_multi_ca_scell_info` lists every secondary cell as `idx,PCI,state,band,EARFCN,bandwidth;`
(docs/zte-protocol.md §7.1 and §15.4). Each row names its own band and channel, so carrier
aggregation must still show; the primary cell counts as a carrier of unknown band (`B?`), or
takes its band from `wan_active_channel` / `wan_active_band` when those are reported.

The answers are assembled (not verbatim recordings): the MC888 one in the key spellings of the
recorded MC888 Ultra answer in tests/fixtures/real/, with B7 and B8 secondary cells; the MC7010
one around the secondary-cell row `2,352,2,20,6300,10;` an MC7010 integration documents for
that field. Band tables (TS 36.101 Table 5.7.3-1, DL EARFCN): B3 1200-1949, B7 2750-3449,
B8 3450-3799, B20 6150-6449.
"""

from __future__ import annotations

import pytest

from custom_components.zte_modem.zte import ModemSnapshot
from custom_components.zte_modem.zte.goform import ValueFormat
from custom_components.zte_modem.zte.goform.controls import clean
from custom_components.zte_modem.zte.goform.device import pci_format_of_model, pci_format_proven_by
from custom_components.zte_modem.zte.goform.snapshot import snapshot_from_raw

MC888_B7_B8 = {
    "network_type": "ENDC",
    "wan_lte_ca": "ca_activated",
    "lte_band": "",
    "lte_ca_pcell_band": "",
    "lte_ca_pcell_bandwidth": "",
    "lte_ca_pcell_freq": "",
    "lte_ca_scell_band": "",
    "lte_ca_scell_bandwidth": "",
    "lte_multi_ca_scell_info": "1,1A,2,7,3350,20.0;2,2B,2,8,3749,10.0;",
    "lte_pci": "185",
    "lte_rsrp": "-102",
    "lte_rsrq": "-11",
    "lte_snr": "8.6",
    "wan_active_band": "",
    "wan_active_channel": "",
    "nr5g_action_band": "n28",
    "nr5g_action_channel": "156030",
    "nr5g_pci": "185",
    "Z5g_rsrp": "-112",
}

MC7010_B20 = {
    "network_type": "LTE_CA",
    "wan_lte_ca": "ca_activated",
    "lte_ca_pcell_band": "",
    "lte_ca_pcell_bandwidth": "",
    "lte_ca_scell_band": "",
    "lte_ca_scell_bandwidth": "",
    "lte_multi_ca_scell_info": "2,352,2,20,6300,10;",
    "lte_pci": "1F4",
    "lte_rsrp": "-98",
    "wan_active_band": "",
    "wan_active_channel": "",
}


def _snapshot(answer: dict[str, str]) -> ModemSnapshot:
    """Parse as the client does (the same path as test_real_answers.py)."""
    pci_format = pci_format_proven_by(clean(answer.get("lte_pci"))) or pci_format_of_model(answer)
    return snapshot_from_raw(answer, ValueFormat(lte_pci=pci_format))


def _ca_count(snapshot: ModemSnapshot) -> int:
    bands = snapshot.values["lte_ca_bands"]
    assert isinstance(bands, str)
    return len(bands.split("+"))


@pytest.mark.parametrize("pcell_band", ["", "0"])
def test_mc888_scells_kept_when_pcell_band_is_unknown(pcell_band: str) -> None:
    """B7 and B8 secondary cells beside a primary whose band field is empty or 0: three carriers."""
    snapshot = _snapshot({**MC888_B7_B8, "lte_ca_pcell_band": pcell_band})
    assert snapshot.values["lte_ca_bands"] == "B?+B7+B8"
    assert _ca_count(snapshot) == 3
    assert snapshot.lte.ca_bands == "B?+B7+B8"
    assert snapshot.lte.band is None  # the primary's band is not made up
    assert snapshot.lte.earfcn is None
    assert snapshot.values["lte_ca_total_bandwidth"] is None  # the primary's width is unknown
    assert snapshot.nr5g.band == "n28"


def test_mc888_total_bandwidth_counts_a_primary_of_unknown_band() -> None:
    """A primary whose bandwidth is reported (but not its band) still adds to the total."""
    snapshot = _snapshot({**MC888_B7_B8, "lte_ca_pcell_band": "0", "lte_ca_pcell_bandwidth": "20.0"})
    assert snapshot.values["lte_ca_bands"] == "B?+B7+B8"
    assert snapshot.values["lte_ca_total_bandwidth"] == pytest.approx(50.0)


def test_mc7010_single_scell_row_shows_carrier_aggregation() -> None:
    """`2,352,2,20,6300,10;`: band 20 (column 4) at EARFCN 6300 (column 5), 10 MHz."""
    snapshot = _snapshot(MC7010_B20)
    assert snapshot.values["lte_ca_bands"] == "B?+B20"
    assert _ca_count(snapshot) == 2
    assert snapshot.lte.ca_bands == "B?+B20"
    assert snapshot.lte.band is None


@pytest.mark.parametrize(
    ("serving", "expected"),
    [
        ({"wan_active_channel": "1300"}, "B3+B20"),  # EARFCN 1300 is in B3
        ({"wan_active_band": "LTE BAND 3"}, "B3+B20"),
        ({"lte_ca_pcell_band": "0", "wan_active_channel": "1300", "wan_active_band": "LTE BAND 3"}, "B3+B20"),
    ],
)
def test_primary_band_from_the_serving_cell_fields(serving: dict[str, str], expected: str) -> None:
    """Where the serving cell's channel or band is reported, the primary takes its band from it."""
    snapshot = _snapshot({**MC7010_B20, **serving})
    assert snapshot.values["lte_ca_bands"] == expected
    assert snapshot.lte.band == "B3"
    assert _ca_count(snapshot) == 2


def test_known_primary_band_is_unchanged() -> None:
    """With the primary's band reported, the list is as before: primary first, then each row."""
    snapshot = _snapshot({**MC888_B7_B8, "lte_ca_pcell_band": "20", "lte_ca_pcell_freq": "6400"})
    assert snapshot.values["lte_ca_bands"] == "B20+B7+B8"
    assert _ca_count(snapshot) == 3
    assert snapshot.lte.band == "B20"


@pytest.mark.parametrize(
    "override",
    [
        {"lte_multi_ca_scell_info": ""},  # no secondary cell: nothing to show
        {"lte_multi_ca_scell_info": "1,1A,2,0,,20.0;"},  # a row with band 0 and no channel
        {"wan_lte_ca": "ca_deactivated"},  # the modem says CA is off
        {"network_type": "SA"},  # 5G SA: no LTE carrier at all
        {"network_type": "UMTS"},  # 3G: left-over LTE rows are stale
        {"network_type": "No Service"},
    ],
)
def test_no_carriers_without_a_usable_scell_or_lte(override: dict[str, str]) -> None:
    """An unknown primary is only listed beside at least one real secondary cell on LTE."""
    snapshot = _snapshot({**MC888_B7_B8, **override})
    assert snapshot.values["lte_ca_bands"] is None
    assert snapshot.lte.ca_bands is None
