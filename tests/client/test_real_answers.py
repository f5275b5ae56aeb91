"""Answers recorded from real routers (tests/fixtures/real/) parse into the hand-checked values."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from custom_components.zte_modem.zte import ModemSnapshot
from custom_components.zte_modem.zte.goform import ValueFormat
from custom_components.zte_modem.zte.goform.controls import clean
from custom_components.zte_modem.zte.goform.device import pci_format_of_model, pci_format_proven_by
from custom_components.zte_modem.zte.goform.snapshot import snapshot_from_raw
from custom_components.zte_modem.zte.radio import lte_band_of, nr_bands_of

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
FIXTURES = sorted(REAL.glob("*.json"))
# Keys of "expected" that are checks on the whole answer rather than one metric.
DERIVED = {"model", "lte_ca_count"}


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text())
    return data


def _snapshot(answer: dict[str, str]) -> ModemSnapshot:
    """Parse as the client does: the PCI notation decided for the firmware, then every value."""
    pci_format = pci_format_proven_by(clean(answer.get("lte_pci"))) or pci_format_of_model(answer)
    return snapshot_from_raw(answer, ValueFormat(lte_pci=pci_format))


def test_corpus_has_enough_real_sources() -> None:
    """At least 8 public recordings, from MC-series and MF-series units, each naming its source."""
    data = [_load(path) for path in FIXTURES]
    assert len(data) >= 8
    assert {item["source"] for item in data} == {item["source"] for item in data if item["source"].strip()}
    models = {item["model"] for item in data}
    assert any(model.startswith("MC") for model in models)
    assert any(model.startswith("MF") for model in models)


@pytest.mark.parametrize("path", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_real_answer_gives_hand_checked_values(path: Path) -> None:
    """Every value checked by hand against the 3GPP tables comes out of the parser."""
    data = _load(path)
    snapshot = _snapshot(data["answer"])
    for key, expected in data["expected"].items():
        if key == "model":
            assert snapshot.device.model == expected
        elif key == "lte_ca_count":
            bands = snapshot.values["lte_ca_bands"]
            assert isinstance(bands, str)
            assert len(bands.split("+")) == expected
        else:
            actual = snapshot.values[key]
            if isinstance(expected, float):
                assert actual == pytest.approx(expected, abs=0.01), key
            else:
                assert actual == expected, key


@pytest.mark.parametrize("path", FIXTURES, ids=[path.stem for path in FIXTURES])
def test_real_answer_is_physically_consistent(path: Path) -> None:
    """PCI within 0-503, the LTE band the one its EARFCN lies in, the 5G band one its ARFCN fits."""
    values = _snapshot(_load(path)["answer"]).values
    pci = values["lte_pci"]
    assert pci is None or (isinstance(pci, int) and 0 <= pci <= 503)
    earfcn = values["lte_earfcn"]
    if isinstance(earfcn, int) and (band := lte_band_of(earfcn)) is not None:
        assert values["lte_band"] == f"B{band.number}"
        ca_bands = values["lte_ca_bands"]
        assert isinstance(ca_bands, str)
        assert ca_bands.split("+")[0] == f"B{band.number}"
    arfcn = values["nr5g_arfcn"]
    if isinstance(arfcn, int) and nr_bands_of(arfcn):
        assert values["nr5g_band"] in {f"n{number}" for number in nr_bands_of(arfcn)}
