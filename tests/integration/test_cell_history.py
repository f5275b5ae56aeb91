"""Cell history: the pure state machine (cell_history.py) on snapshots as the field table makes them,
then the `cell` event entity, the `cell_changes` counter and the cell sensors in Home Assistant."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from homeassistant.const import CONF_HOST, CONF_PASSWORD, STATE_UNKNOWN
from homeassistant.core import HomeAssistant, State
from pytest_homeassistant_custom_component.common import MockConfigEntry, mock_restore_cache_with_extra_data

from custom_components.zte_modem.cell_history import CELL_CHANGED, NETWORK_TYPE_CHANGED, CellHistory
from custom_components.zte_modem.const import DOMAIN
from custom_components.zte_modem.zte import ModemSnapshot
from custom_components.zte_modem.zte.goform.parse import PciFormat, ValueFormat
from custom_components.zte_modem.zte.goform.snapshot import snapshot_from_raw
from tests.integration.conftest import PASSWORD, async_poll, setup_modem_entry
from tests.simulator import SCENARIOS, ModemSimulator
from tests.simulator.ubus import OTHER_CELL_RADIO, UbusSimulator

EVENT = "event.zte_mc801a_cell"
CHANGES = "sensor.zte_mc801a_cell_changes"


def read(scenario: str, value_format: ValueFormat | None = None, **fields: str) -> ModemSnapshot:
    """A snapshot of a simulator scenario, some fields overridden, as the field table parses it."""
    raw = {**SCENARIOS[scenario], **fields}
    return snapshot_from_raw(raw, value_format) if value_format else snapshot_from_raw(raw)


def feed(history: CellHistory, *snapshots: ModemSnapshot) -> list[tuple[str, dict[str, Any]]]:
    return [(event.event_type, event.data) for snapshot in snapshots for event in history.update(snapshot)]


# -- the state machine ---------------------------------------------------------------


def test_the_first_read_is_the_baseline() -> None:
    assert feed(CellHistory(), read("lte_other_cell")) == []


def test_a_real_change_fires_once_with_the_previous_cell() -> None:
    history = CellHistory()
    events = feed(history, read("lte"), read("lte_other_cell"), read("lte_other_cell"))
    assert events == [
        (
            CELL_CHANGED,
            {
                "rat": "lte",
                "cell_id": 0x2C2A107,
                "enodeb_id": 0x2C2A1,
                "pci": 0xC9,
                "band": "B20",
                "earfcn": 6300,
                "previous_rat": "lte",
                "previous_cell_id": 0x2C20F34,
                "previous_enodeb_id": 0x2C20F,
                "previous_pci": 0x1F4,
                "previous_band": "B3",
                "previous_earfcn": 1300,
            },
        )
    ]
    assert history.sequence == 1


def test_a_restart_is_a_new_baseline() -> None:
    """The router moved while HA was down: the first read after the start fires nothing."""
    before = CellHistory()
    feed(before, read("lte"))
    assert feed(CellHistory(), read("lte_other_cell"), read("lte_other_cell")) == []


def test_pci_spelling_noise_on_the_same_cell_is_no_change() -> None:
    """Same cell id: a PCI read another way (decimal vs hex), or a band field that flips, is the same cell."""
    decimal = ValueFormat(lte_pci=PciFormat.DECIMAL)
    events = feed(
        CellHistory(),
        read("lte"),
        read("lte", decimal, lte_pci="500"),
        read("lte"),
        read("lte", lte_ca_pcell_arfcn="", wan_active_channel="", lte_ca_pcell_band="7"),
        read("lte"),
    )
    assert events == []


def test_a_read_without_radio_values_keeps_the_last_cell() -> None:
    """No service (no cell id, no PCI) is not a change; coming back to the same cell neither; a move
    during the gap fires once with the cell known before it."""
    history = CellHistory()
    assert feed(history, read("lte"), read("no_service"), read("no_sim"), read("lte")) == []
    events = feed(history, read("no_service"), read("lte_other_cell"))
    assert [event_type for event_type, _ in events] == [CELL_CHANGED]
    assert events[0][1]["previous_cell_id"] == 0x2C20F34


def test_without_a_cell_id_the_pci_and_channel_pair_decides() -> None:
    history = CellHistory()
    assert feed(history, read("lte", cell_id=""), read("lte", cell_id="", lte_pci="1F4")) == []
    # Only the PCI known on one side: nothing tells the cells apart.
    assert feed(history, read("lte", cell_id="", lte_ca_pcell_arfcn="", wan_active_channel="")) == []
    events = feed(history, read("lte", cell_id=""), read("lte_other_cell", cell_id=""))
    assert [event_type for event_type, _ in events] == [CELL_CHANGED]
    assert (events[0][1]["pci"], events[0][1]["previous_pci"]) == (0xC9, 0x1F4)


def test_network_type_changes() -> None:
    history = CellHistory()
    events = feed(history, read("lte"), read("lte_ca"), read("no_service"), read("lte_ca"), read("nsa"))
    assert events == [
        (NETWORK_TYPE_CHANGED, {"network_type": "LTE_CA", "previous_network_type": "LTE"}),
        (NETWORK_TYPE_CHANGED, {"network_type": "ENDC", "previous_network_type": "LTE_CA"}),
    ]


def test_lte_to_sa_is_a_cell_change_to_an_nr_cell() -> None:
    events = feed(CellHistory(), read("nsa"), read("sa"))
    assert [event_type for event_type, _ in events] == [CELL_CHANGED, NETWORK_TYPE_CHANGED]
    data = events[0][1]
    assert (data["rat"], data["cell_id"], data["pci"], data["band"], data["earfcn"]) == (
        "nr",
        0x1A2B3C4F2,
        0x1A,
        "n78",
        627264,
    )
    assert data["enodeb_id"] is None
    assert data["previous_rat"] == "lte"


def test_nsa_without_its_lte_values_is_no_move_to_nr() -> None:
    history = CellHistory()
    assert feed(history, read("nsa"), read("nsa", cell_id="", lte_pci=""), read("nsa")) == []


def test_nr_cells_in_sa() -> None:
    history = CellHistory()
    assert feed(history, read("sa"), read("sa", nr5g_pci="1B")) == []  # same NR cell id
    events = feed(history, read("sa", nr5g_cell_id="1A2B3C5F2", nr5g_pci="2C"))
    assert events[0][1]["previous_cell_id"] == 0x1A2B3C4F2


def test_listeners_read_what_they_missed() -> None:
    history = CellHistory()
    feed(history, read("lte"), read("lte_other_cell"), read("lte"))
    assert [event.sequence for event in history.since(0)] == [1, 2]
    assert history.since(2) == []


# -- Home Assistant -------------------------------------------------------------------


async def test_event_fires_once_per_change_and_counts(hass: HomeAssistant, modem: ModemSimulator) -> None:
    modem.set_scenario("lte")
    entry = await setup_modem_entry(hass, modem)
    assert hass.states.get(EVENT).state == STATE_UNKNOWN  # nothing at setup
    assert hass.states.get(CHANGES).state == "0"
    assert hass.states.get("sensor.zte_mc801a_lte_enodeb_id").state == str(0x2C20F)
    assert hass.states.get("sensor.zte_mc801a_lte_sector").state == str(0x34)

    await async_poll(hass, entry)
    assert hass.states.get(EVENT).state == STATE_UNKNOWN

    modem.set_scenario("lte_other_cell")
    await async_poll(hass, entry)
    fired = hass.states.get(EVENT)
    assert fired.attributes["event_type"] == CELL_CHANGED
    assert fired.attributes["cell_id"] == 0x2C2A107
    assert fired.attributes["enodeb_id"] == 0x2C2A1
    assert fired.attributes["previous_enodeb_id"] == 0x2C20F
    assert (fired.attributes["band"], fired.attributes["previous_band"]) == ("B20", "B3")
    assert hass.states.get(CHANGES).state == "1"
    assert hass.states.get("sensor.zte_mc801a_lte_enodeb_id").state == str(0x2C2A1)

    await async_poll(hass, entry)
    assert hass.states.get(EVENT).state == fired.state  # not fired again
    assert hass.states.get(CHANGES).state == "1"

    modem.set_values({"network_type": "LTE_CA"})
    await async_poll(hass, entry)
    assert hass.states.get(EVENT).attributes["event_type"] == NETWORK_TYPE_CHANGED
    assert hass.states.get(CHANGES).state == "1"


async def test_no_event_on_a_failed_read(hass: HomeAssistant, modem: ModemSimulator) -> None:
    modem.set_scenario("lte")
    entry = await setup_modem_entry(hass, modem)
    entry.runtime_data.coordinator.client.timing.request_timeout = 0.2
    modem.inject_fault("garbage")
    await async_poll(hass, entry)
    modem.inject_fault(None)
    modem.set_scenario("no_service")
    await async_poll(hass, entry)
    modem.set_scenario("lte")
    await async_poll(hass, entry)
    assert hass.states.get(EVENT).state == STATE_UNKNOWN
    assert hass.states.get(CHANGES).state == "0"


async def test_changes_are_kept_across_a_restart(hass: HomeAssistant, modem: ModemSimulator) -> None:
    """The count comes back after a restart; the move the first poll sees is not counted."""
    mock_restore_cache_with_extra_data(
        hass, [(State(CHANGES, "7"), {"native_value": 7, "native_unit_of_measurement": None})]
    )
    modem.set_scenario("lte_other_cell")
    entry = await setup_modem_entry(hass, modem)
    assert hass.states.get(CHANGES).state == "7"
    assert hass.states.get(EVENT).state == STATE_UNKNOWN
    modem.set_scenario("lte")
    await async_poll(hass, entry)
    assert hass.states.get(CHANGES).state == "8"

    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    modem.set_scenario("lte_other_cell")
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    await async_poll(hass, entry)
    assert hass.states.get(CHANGES).state == "8"


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_neighbour_cells_and_nr_cell_id(hass: HomeAssistant, modem: ModemSimulator) -> None:
    entry = await setup_modem_entry(hass, modem)  # NSA
    state = hass.states.get("sensor.zte_mc801a_neighbour_cells")
    assert state.state == "3"
    assert state.attributes["cells"][2] == {
        "earfcn": 6300,
        "band": "B20",
        "pci": 0xC9,
        "rsrp": -98.0,
        "rsrq": -11.0,
    }
    assert hass.states.get("sensor.zte_mc801a_5g_cell_id").state == str(0x1A2B3C401)
    modem.set_scenario("no_service")
    await async_poll(hass, entry)
    assert hass.states.get("sensor.zte_mc801a_neighbour_cells").state == STATE_UNKNOWN


@pytest.fixture
async def g5ts(socket_enabled: None) -> AsyncIterator[UbusSimulator]:
    modem = UbusSimulator("g5ts", PASSWORD)
    await modem.start()
    yield modem
    await modem.stop()


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_ubus_cell_change(hass: HomeAssistant, g5ts: UbusSimulator) -> None:
    """Decimal cell ids on ubus: the same sensors and the same one event; no neighbour sensor (no
    contents without a scan)."""
    entry = MockConfigEntry(
        domain=DOMAIN, title="ZTE G5TS", unique_id="g5ts", data={CONF_HOST: g5ts.url, CONF_PASSWORD: PASSWORD}
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get("sensor.zte_g5ts_lte_enodeb_id").state == str(35072027 >> 8)
    assert hass.states.get("sensor.zte_g5ts_lte_sector").state == str(35072027 & 0xFF)
    assert hass.states.get("sensor.zte_g5ts_neighbour_cells") is None
    assert hass.states.get("event.zte_g5ts_cell").state == STATE_UNKNOWN

    g5ts.radio.update(OTHER_CELL_RADIO)
    await async_poll(hass, entry)
    fired = hass.states.get("event.zte_g5ts_cell")
    assert fired.attributes["event_type"] == CELL_CHANGED
    assert (fired.attributes["pci"], fired.attributes["previous_pci"]) == (201, 259)
    assert (fired.attributes["earfcn"], fired.attributes["previous_earfcn"]) == (6300, 75)
    assert hass.states.get("sensor.zte_g5ts_cell_changes").state == "1"
    assert hass.states.get("sensor.zte_g5ts_5g_cell_id").state == "13313155135"
