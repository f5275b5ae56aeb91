"""Who the serving cell is, on both transports: the eNodeB and sector of the E-UTRAN cell id (hex
on goform, decimal on ubus), the NR cell id, and the neighbour cells goform reports in its poll."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest

from custom_components.zte_modem.zte import Feature, NeighbourCell
from custom_components.zte_modem.zte.goform.client import POLL_FIELDS
from custom_components.zte_modem.zte.goform.fields import SOURCES
from custom_components.zte_modem.zte.goform.parse import PciFormat, ValueFormat
from custom_components.zte_modem.zte.goform.snapshot import snapshot_from_raw
from custom_components.zte_modem.zte.ubus.client import UbusClient
from tests.conftest import ClientFactory, ModemFactory
from tests.simulator.ubus import OTHER_CELL_RADIO, UbusSimulator

PASSWORD = "Sup3r-Secret-pw"


def _values(**raw: str) -> dict[str, object]:
    return dict(snapshot_from_raw(raw).values)


@pytest.mark.parametrize(
    ("cell_id", "network_type", "enodeb", "sector"),
    [
        ("2c20f34", "LTE", 0x2C20F, 0x34),  # the usual 28-bit ECI, hex as goform writes it
        ("0x2C20F34", "LTE_CA", 0x2C20F, 0x34),
        ("21ab417", "ENDC", 0x21AB4, 0x17),  # NSA: the LTE anchor's cell id
        ("1B", "LTE", None, 0x1B),  # the local cell id alone: a sector, no eNodeB (None, not 0)
        ("9C41", "LTE", None, None),  # a 16-bit CI: neither part
        ("FFFFFFFF", "LTE", None, None),  # more than 28 bits: no ECI
        ("2c20f34", "UMTS", None, None),  # a 3G cell id is no E-UTRAN cell id
        ("1A2B3C4F2", "SA", None, None),  # SA: the field holds no ECI
        ("", "LTE", None, None),
        ("--", "LTE", None, None),
    ],
)
def test_enodeb_and_sector_from_the_cell_id(
    cell_id: str, network_type: str, enodeb: int | None, sector: int | None
) -> None:
    values = _values(cell_id=cell_id, network_type=network_type)
    assert values["lte_enodeb_id"] == enodeb
    assert values["lte_sector"] == sector


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1A2B3C401", 0x1A2B3C401), ("FFFFFFF", None), ("0", None), ("", None), ("xyz", None)],
)
def test_nr_cell_id(raw: str, expected: int | None) -> None:
    assert _values(nr5g_cell_id=raw)["nr5g_cell_id"] == expected


def test_neighbours_parse_rows_and_take_the_band_from_the_earfcn() -> None:
    snapshot = snapshot_from_raw({"ngbr_cell_info": "1300,1F5,-12,-101,-70;6300,C9,-11.5,-98,-68;bad;"})
    assert snapshot.values["neighbour_cells"] == 2
    assert snapshot.neighbours == (
        NeighbourCell(earfcn=1300, band="B3", pci=0x1F5, rsrp=-101.0, rsrq=-12.0),
        NeighbourCell(earfcn=6300, band="B20", pci=0xC9, rsrp=-98.0, rsrq=-11.5),
    )


def test_neighbour_pcis_follow_the_build_s_notation() -> None:
    decimal = ValueFormat(lte_pci=PciFormat.DECIMAL)
    snapshot = snapshot_from_raw({"ngbr_cell_info": "1300,205,-12,-101,-70;"}, decimal)
    assert snapshot.neighbours is not None
    assert snapshot.neighbours[0].pci == 205


@pytest.mark.parametrize("raw", ["", "--", None])
def test_no_neighbour_field_is_unknown_not_zero(raw: str | None) -> None:
    snapshot = snapshot_from_raw({} if raw is None else {"ngbr_cell_info": raw})
    assert snapshot.neighbours is None
    assert snapshot.values["neighbour_cells"] is None


def test_neighbours_ride_in_the_poll_s_get() -> None:
    assert "ngbr_cell_info" in POLL_FIELDS
    assert "nr5g_cell_id" in POLL_FIELDS
    assert SOURCES["neighbour_cells"].read_by.value == "poll"


@pytest.mark.parametrize("profile", ["mc801a", "mf79u"])
async def test_goform_cell_identity_and_a_move(
    make_modem: ModemFactory, make_client: ClientFactory, profile: str
) -> None:
    """Hex cell id on goform: eNodeB and sector, neighbours in the same GET, and after a move the
    new cell; MF-series builds write PCIs in decimal, neighbours included."""
    modem = await make_modem(profile, "s3cret!")
    client = await make_client(modem, "s3cret!")
    snapshot = await client.read()
    assert snapshot.lte.enodeb_id == 0x2C20F
    assert snapshot.lte.sector == 0x34
    assert snapshot.values["neighbour_cells"] == 3
    assert snapshot.neighbours is not None
    assert [cell.pci for cell in snapshot.neighbours] == [0x1F5, 0x12C, 0xC9]
    assert [cell.band for cell in snapshot.neighbours] == ["B3", "B3", "B20"]
    assert Feature.NEIGHBOUR_CELLS in (await client.capabilities()).features

    requests = modem.stats.requests
    modem.set_scenario("lte_other_cell")
    moved = await client.read()
    assert modem.stats.requests - requests == 1
    assert (moved.lte.cell_id, moved.lte.enodeb_id, moved.lte.sector) == (0x2C2A107, 0x2C2A1, 0x07)
    assert (moved.lte.band, moved.lte.earfcn) == ("B20", 6300)
    assert moved.values["neighbour_cells"] == 1


async def test_goform_short_cell_ids(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    modem = await make_modem("mc801a", "s3cret!")
    client = await make_client(modem, "s3cret!")
    modem.set_scenario("lte_short_cell_id")
    short = await client.read()
    assert (short.lte.cell_id, short.lte.enodeb_id, short.lte.sector) == (0x1B, None, 0x1B)
    modem.set_scenario("lte_16bit_cell_id")
    ci = await client.read()
    assert (ci.lte.cell_id, ci.lte.enodeb_id, ci.lte.sector) == (0x9C41, None, None)


async def test_goform_nr_cell_id(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    modem = await make_modem("mc801a", "s3cret!")
    client = await make_client(modem, "s3cret!")
    modem.set_scenario("nsa")
    assert (await client.read()).nr5g.cell_id == 0x1A2B3C401


type UbusSetup = Callable[..., Awaitable[tuple[UbusSimulator, UbusClient]]]


@pytest.fixture
async def ubus(socket_enabled: None) -> AsyncIterator[UbusSetup]:
    started: list[tuple[UbusSimulator, aiohttp.ClientSession]] = []

    async def setup(simulated: Any = "g5ts") -> tuple[UbusSimulator, UbusClient]:
        modem = UbusSimulator(simulated, PASSWORD)
        await modem.start()
        session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        started.append((modem, session))
        return modem, UbusClient(modem.url, PASSWORD, session=session)

    yield setup
    for modem, session in started:
        await session.close()
        await modem.stop()


async def test_ubus_decimal_cell_id_and_a_move(ubus: UbusSetup) -> None:
    """Decimal cell id on ubus (an MC7510's 35072027 = 0x217271B): the same eNodeB and sector as
    goform would show; the MC7510's all-ones NR cell id is unknown; no neighbours without a scan."""
    modem, client = await ubus()
    snapshot = await client.read()
    assert snapshot.lte.cell_id == 35072027
    assert (snapshot.lte.enodeb_id, snapshot.lte.sector) == (35072027 >> 8, 35072027 & 0xFF)
    assert snapshot.nr5g.cell_id is None
    assert snapshot.neighbours is None
    assert snapshot.values["neighbour_cells"] is None
    assert Feature.NEIGHBOUR_CELLS not in (await client.capabilities()).features

    modem.radio.update(OTHER_CELL_RADIO)
    moved = await client.read()
    assert (moved.lte.enodeb_id, moved.lte.sector, moved.lte.pci) == (0x2C2A1, 0x07, 201)
    assert (moved.lte.band, moved.lte.earfcn) == ("B20", 6300)
    assert moved.nr5g.cell_id == 13313155135
    assert not any("nbr" in batch for batch in modem.batches)
