"""Router controls through the client against the simulated modem: mobile data, network mode, band
and cell locks, USSD and the data plan; what each write costs and how each one fails."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

import pytest

from custom_components.zte_modem.zte import (
    ZteAuthenticationError,
    ZteClient,
    ZteControlRefusedError,
    ZteControlTimeoutError,
    ZteControlValidationError,
    ZteUssdFailedError,
    ZteUssdTimeoutError,
    ZteUssdUnsupportedError,
    ZteUssdValidationError,
    billing_period,
    projected_bytes,
)
from custom_components.zte_modem.zte.goform.controls import (
    FALLBACK_MODES_5G,
    FALLBACK_MODES_LTE,
    mobile_data_on,
)
from custom_components.zte_modem.zte.goform.fields import DEFAULT_FORMAT
from custom_components.zte_modem.zte.goform.plan import GB, PLAN_FIELDS, DataPlan, data_projected
from tests.conftest import ClientFactory, ModemFactory
from tests.simulator import ModemSimulator
from tests.simulator.profiles import MF253V_MODES, STOCK_LTE_MODES

ZONE = timezone(timedelta(hours=2))
MONTHLY_USED = 52_000_000_000 + 4_100_000_000  # the simulator's monthly counters with no traffic
LIMIT_100_GB = 100 * 1024 * 1024 * 1024


async def _setup(
    make_modem: ModemFactory, make_client: ClientFactory, profile: str = "mc801a", **kwargs: object
) -> tuple[ModemSimulator, ZteClient]:
    modem = await make_modem(profile, **kwargs)
    modem.controls.connect_seconds = 0.05
    modem.controls.ussd_delay = 0.05
    # No traffic: the monthly counters stay put, so the data-plan numbers are exact.
    modem.set_values({"realtime_rx_thrpt": "0", "realtime_tx_thrpt": "0"})
    client = await make_client(modem)
    client.timing.control_poll_interval = 0.01
    client.timing.ussd_poll_interval = 0.01
    client.timing.readback_timeout = 0.3
    await client.login()
    return modem, client


async def _costs(modem: ModemSimulator) -> tuple[int, int]:
    """Requests and writes the modem saw since the last call."""
    seen = (modem.stats.requests, modem.stats.writes)
    modem.stats.reset()
    return seen


def _menu(client: ZteClient) -> bool:
    """Read through a call: the flag changes under awaits, which type narrowing does not know."""
    return client.ussd_expects_reply


def _clean(modem: ModemSimulator) -> None:
    assert modem.stats.max_concurrency == 1
    assert modem.ad_failures == 0
    assert modem.controls.protocol_errors == []


# -- mobile data ---------------------------------------------------------------------


async def test_mobile_data_off_and_on(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """Each switch is one write (RD + POST) and read-backs until ppp_status settles."""
    modem, client = await _setup(make_modem, make_client)
    modem.stats.reset()

    await client.set_mobile_data(False)
    requests, writes = await _costs(modem)
    assert modem._field("ppp_status", logged_in=True) == "ppp_disconnected"
    assert writes == 1
    assert 2 < requests <= 2 + 1 + 0.05 / 0.01 + 2  # RD + POST + read-backs over the 50 ms
    assert (await client.read()).controls.mobile_data is False

    await client.set_mobile_data(True)
    snapshot = await client.read()
    assert snapshot.controls.mobile_data is True
    assert snapshot.network.connected is True
    assert [goform for goform, _ in modem.controls.writes] == ["DISCONNECT_NETWORK", "CONNECT_NETWORK"]
    assert all(form["notCallback"] == "true" and form["AD"] for _, form in modem.controls.writes)
    _clean(modem)


async def test_connecting_counts_as_on(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """While the router connects the switch shows on; the connected flag waits for the session."""
    modem, client = await _setup(make_modem, make_client)
    modem.controls.connect_seconds = 30
    assert modem.controls.write("CONNECT_NETWORK", {"notCallback": "true"}, modem)

    snapshot = await client.read()

    assert snapshot.raw["ppp_status"] == "ppp_connecting"
    assert snapshot.controls.mobile_data is True
    assert snapshot.network.connected is False
    assert mobile_data_on("ppp_disconnecting") is False
    assert mobile_data_on("ipv4_ipv6_connected") is True
    assert mobile_data_on("") is None


async def test_mobile_data_read_back_timeout(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """A session that does not come up in time is an error, not a silent success."""
    modem, client = await _setup(make_modem, make_client)
    modem.controls.connect_seconds = 30
    with pytest.raises(ZteControlTimeoutError):
        await client.set_mobile_data(True, timeout=0.1)


async def test_refused_write(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """A router that answers failure raises ZteControlRefusedError, with no AD failure behind it."""
    modem, client = await _setup(make_modem, make_client)
    modem.controls.refuse = {"DISCONNECT_NETWORK"}
    with pytest.raises(ZteControlRefusedError):
        await client.set_mobile_data(False)
    assert modem.ad_failures == 0
    assert modem._field("ppp_status", logged_in=True) == "ppp_connected"


async def test_wrong_password_during_a_write(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """The session is gone and the password changed: the write surfaces the reauth error."""
    modem, client = await _setup(make_modem, make_client)
    modem.set_password("changed")
    modem.expire_sessions()

    with pytest.raises(ZteAuthenticationError) as caught:
        await client.set_mobile_data(False)

    assert caught.value.attempts_left == 4
    assert modem.controls.writes == []


# -- network mode --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        ("mc801a", MF253V_MODES),  # AUTO_MODES of the device override
        ("mf297d", STOCK_LTE_MODES),  # AUTO_MODES of the base config
        ("mf286d", FALLBACK_MODES_LTE),  # no list: LTE router
        ("mc888", FALLBACK_MODES_5G),  # no list: 5G CPE (factory NR bands)
        ("mc889", FALLBACK_MODES_5G),  # no JavaScript at all: the model says 5G
    ],
)
async def test_network_modes_from_the_web_ui(
    make_modem: ModemFactory, make_client: ClientFactory, profile: str, expected: tuple[str, ...]
) -> None:
    """The modes come from the firmware's own list, else the family's; learnt once."""
    modem, client = await _setup(make_modem, make_client, profile)
    assert await client.network_modes() == expected
    modem.stats.reset()
    assert await client.network_modes() == expected
    assert modem.stats.requests == 0


async def test_current_mode_missing_from_the_list_is_offered(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A router left in a mode its list lacks (set by an older page) keeps it selectable."""
    modem, client = await _setup(make_modem, make_client)
    modem.controls.values["net_select"] = "4G_AND_5G"
    assert await client.network_modes() == (*MF253V_MODES, "4G_AND_5G")


@pytest.mark.parametrize(
    ("mode", "network_type"), [("Only_LTE", "LTE"), ("Only_5G", "SA"), ("LTE_AND_5G", "ENDC")]
)
async def test_set_network_mode(
    make_modem: ModemFactory, make_client: ClientFactory, mode: str, network_type: str
) -> None:
    """The mode is written, read back from net_select, and the radio follows it."""
    modem, client = await _setup(make_modem, make_client)
    await client.network_modes()
    modem.stats.reset()

    await client.set_network_mode(mode)

    requests, writes = await _costs(modem)
    assert (requests, writes) == (3, 1)  # RD, POST, one read-back
    snapshot = await client.read()
    assert snapshot.controls.network_mode == mode
    assert snapshot.values["network_type"] == network_type
    _clean(modem)


async def test_set_network_mode_refuses_modes_not_offered(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A mode the firmware does not list is refused before any write."""
    modem, client = await _setup(make_modem, make_client)
    with pytest.raises(ZteControlValidationError):
        await client.set_network_mode("Only_GSM")
    with pytest.raises(ZteControlValidationError):
        await client.set_network_mode("NETWORK_auto'; drop")
    assert modem.controls.writes == []


# -- band lock -----------------------------------------------------------------------


async def test_lte_band_lock_moves_the_cell(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """B20 only: the mask has bit 19, the read-back agrees, the PCell moves to band 20."""
    modem, client = await _setup(make_modem, make_client, scenario="lte")
    await client.network_modes()
    modem.stats.reset()

    await client.set_band_lock(lte_bands=[20])

    requests, writes = await _costs(modem)
    assert (requests, writes) == (3, 1)
    form = modem.controls.writes[-1][1]
    assert (form["is_gw_band"], form["gw_band_mask"], form["is_lte_band"]) == ("0", "0", "1")
    assert form["lte_band_mask"] == "0x000080000"
    snapshot = await client.read()
    assert snapshot.controls.lte_band_lock == "B20"  # from the read-back, no settings read needed
    assert snapshot.lte.band == "B20"
    assert snapshot.lte.earfcn is not None
    assert 6150 <= snapshot.lte.earfcn <= 6449
    _clean(modem)


async def test_lte_band_lock_all_is_the_firmware_mask(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """An empty list allows every band: the web UI's "all" entry, and the metric says all."""
    modem, client = await _setup(make_modem, make_client)
    await client.set_band_lock(lte_bands=[3, 20])
    assert (await client.read()).controls.lte_band_lock == "B3+B20"

    await client.set_band_lock(lte_bands=[])

    assert modem.controls.writes[-1][1]["lte_band_mask"] == "0xA3E2AB0908DF"
    assert (await client.read()).controls.lte_band_lock == "all"


async def test_nr_band_lock(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """NR bands go as a comma list; the NR cell moves onto an allowed band."""
    modem, client = await _setup(make_modem, make_client, "mc888")
    await client.read_settings()
    assert (await client.read()).controls.nr5g_band_lock == "all"

    await client.set_band_lock(nr_bands=[78, 3])

    assert modem.controls.writes[-1][1]["nr5g_band_mask"] == "3,78"
    await client.set_band_lock(nr_bands=[3])
    snapshot = await client.read()
    assert snapshot.controls.nr5g_band_lock == "n3"
    assert snapshot.nr5g.band == "n3"
    _clean(modem)


@pytest.mark.parametrize(
    ("profile", "kwargs"),
    [
        ("mc801a", {"lte_bands": [66]}),  # not in FREQUENCY_TYPE_4G
        ("mc888", {"lte_bands": [2]}),  # not in lte_band_1_64_factory
        ("mc888", {"nr_bands": [79]}),  # not in nr5g_*_band_factory
        ("mf286d", {"nr_bands": [78]}),  # an LTE router has no NR lock
        ("mc801a", {"lte_bands": [0]}),
        ("mc801a", {"lte_bands": ["3"]}),
        ("mc801a", {}),  # nothing to change
    ],
)
async def test_band_lock_refused_before_writing(
    make_modem: ModemFactory, make_client: ClientFactory, profile: str, kwargs: dict[str, list[int]]
) -> None:
    """Unsupported bands, no band at all, or a lock the router lacks: refused, nothing written."""
    modem, client = await _setup(make_modem, make_client, profile)
    with pytest.raises(ZteControlValidationError):
        await client.set_band_lock(**kwargs)
    assert modem.controls.writes == []


async def test_band_lock_read_back_mismatch(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """A router that accepts but keeps the old lock is caught by the read-back."""
    modem, client = await _setup(make_modem, make_client)
    modem.controls.ignore = {"BAND_SELECT"}
    with pytest.raises(ZteControlTimeoutError):
        await client.set_band_lock(lte_bands=[3])


async def test_band_lock_not_reported_is_accepted(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A firmware without the read-back field cannot contradict the write."""
    modem, client = await _setup(make_modem, make_client, "mf286d")
    modem.controls.values["lte_band_lock"] = ""
    modem.controls.ignore = {"BAND_SELECT"}
    await client.set_band_lock(lte_bands=[20])
    assert modem.controls.writes[-1][1]["lte_band_mask"] == "0x000080000"


# -- cell lock -----------------------------------------------------------------------


async def test_lte_cell_lock_and_clear(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """PCI and EARFCN in decimal, read back; clearing writes zeros."""
    modem, client = await _setup(make_modem, make_client)
    modem.stats.reset()

    await client.set_cell_lock(rat="lte", pci=123, earfcn=1300, band=3)

    assert await _costs(modem) == (3, 1)
    form = modem.controls.writes[-1][1]
    assert (form["lte_pci_lock"], form["lte_earfcn_lock"]) == ("123", "1300")
    assert (await client.read()).controls.lte_cell_lock == "PCI 123 @ 1300"

    await client.set_cell_lock(rat="lte", clear=True)

    assert modem.controls.values["lte_pci_lock"] == "0"
    assert (await client.read()).controls.lte_cell_lock is None
    _clean(modem)


async def test_nr_cell_lock(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """One field 'pci,arfcn,band,scs'; band and SCS derived when not given."""
    modem, client = await _setup(make_modem, make_client)
    await client.set_cell_lock(rat="nr", pci=202, arfcn=639936)
    assert modem.controls.values["nr5g_cell_lock"] == "202,639936,78,30"
    assert (await client.read()).controls.nr5g_cell_lock == "PCI 202 @ 639936 (n78, 30 kHz)"

    await client.set_cell_lock(rat="nr", clear=True)

    assert modem.controls.values["nr5g_cell_lock"] == "0,0,0,0"
    assert (await client.read()).controls.nr5g_cell_lock is None
    _clean(modem)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"rat": "lte", "pci": 504, "earfcn": 1300},
        {"rat": "lte", "pci": -1, "earfcn": 1300},
        {"rat": "lte", "pci": 1, "earfcn": 70700},  # in no LTE band
        {"rat": "lte", "pci": 1, "earfcn": 1300, "band": 20},  # 1300 is band 3
        {"rat": "lte", "pci": 1},
        {"rat": "lte", "pci": 1, "earfcn": 1300, "scs": 15},
        {"rat": "nr", "pci": 1008, "arfcn": 639936},
        {"rat": "nr", "pci": 1, "arfcn": 639936, "band": 3},
        {"rat": "nr", "pci": 1, "arfcn": 639936, "scs": 20},
        {"rat": "nr", "pci": 1, "arfcn": 4_000_000},
        {"rat": "nr", "pci": 1, "earfcn": 1300},
        {"rat": "umts", "pci": 1},
    ],
)
async def test_invalid_cell_lock(
    make_modem: ModemFactory, make_client: ClientFactory, kwargs: dict[str, object]
) -> None:
    """Out-of-range or inconsistent cells are refused before any request."""
    modem, client = await _setup(make_modem, make_client)
    modem.stats.reset()
    with pytest.raises(ZteControlValidationError):
        await client.set_cell_lock(**kwargs)  # type: ignore[arg-type]
    assert modem.stats.requests == 0


async def test_nr_cell_lock_on_an_lte_router(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """An LTE router has no NR cell lock."""
    modem, client = await _setup(make_modem, make_client, "mf286d")
    with pytest.raises(ZteControlValidationError):
        await client.set_cell_lock(rat="nr", pci=1, arfcn=639936)
    assert modem.controls.writes == []


# -- USSD ----------------------------------------------------------------------------


async def test_ussd_balance(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """Send, wait for 16, read the UCS-2 answer; USSD keys are read without multi_data."""
    modem, client = await _setup(make_modem, make_client)
    answer = await client.send_ussd("*100#")
    assert answer == "Your balance is 12.50 EUR. Valid until 31.12."
    assert _menu(client) is False
    form = modem.controls.writes[-1][1]
    assert (form["USSD_operator"], form["USSD_send_number"], form["notCallback"]) == (
        "ussd_send",
        "*100#",
        "true",
    )
    _clean(modem)


async def test_ussd_menu_reply_and_cancel(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """A menu waits for a reply; a reply gets the next menu; cancel ends the session (13)."""
    modem, client = await _setup(make_modem, make_client)
    assert (await client.send_ussd("*123#")).startswith("1 Balance")
    assert _menu(client) is True

    assert await client.ussd_reply("2") == "1 Day 1 GB\n2 Week 5 GB"
    assert _menu(client) is True
    assert modem.controls.writes[-1][1]["USSD_reply_number"] == "2"

    await client.ussd_cancel()
    assert _menu(client) is False
    assert modem.controls.writes[-1][1]["USSD_operator"] == "ussd_cancel"
    _clean(modem)


@pytest.mark.parametrize(
    ("code", "error"),
    [("*99#", ZteUssdUnsupportedError), ("*41#", ZteUssdUnsupportedError), ("*1#", ZteUssdFailedError)],
)
async def test_ussd_statuses(
    make_modem: ModemFactory, make_client: ClientFactory, code: str, error: type[Exception]
) -> None:
    """99 and 41 mean no USSD; other statuses are failures with the status kept."""
    _, client = await _setup(make_modem, make_client)
    with pytest.raises(error) as caught:
        await client.send_ussd(code)
    if isinstance(caught.value, ZteUssdFailedError):
        assert caught.value.status == "1"


async def test_ussd_timeout_and_validation(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """No answer in time, a refused request, and codes refused before sending."""
    modem, client = await _setup(make_modem, make_client)
    modem.controls.ussd_delay = 30
    with pytest.raises(ZteUssdTimeoutError):
        await client.send_ussd("*100#", timeout=0.1)
    modem.controls.refuse = {"USSD_PROCESS"}
    with pytest.raises(ZteUssdFailedError):
        await client.send_ussd("*100#")
    modem.controls.writes.clear()
    for bad in ("", "balance", "*" * 183):
        with pytest.raises(ZteUssdValidationError):
            await client.send_ussd(bad)
    with pytest.raises(ZteUssdValidationError):
        await client.ussd_reply("  ")
    assert modem.controls.writes == []


# -- data plan -----------------------------------------------------------------------


@pytest.mark.parametrize("profile", ["mc801a", "mc888"])  # data_volume_* and flux_* spellings
async def test_data_plan_metrics(make_modem: ModemFactory, make_client: ClientFactory, profile: str) -> None:
    """Limit, alert, reset day, share used and the projection, whichever spelling the build uses."""
    modem, client = await _setup(make_modem, make_client, profile)
    client.timing.clock = lambda: datetime(2024, 5, 25, 10, 0, tzinfo=ZONE)
    modem.controls.set_data_plan(enabled=False)
    assert (await client.read()).data_plan.limit is None  # switched off when first read
    modem.controls.set_data_plan(size="100_1024", alert_percent=85, reset_day=10)
    # Settings are an extra read the transport makes hourly: the next poll still shows none.
    assert (await client.read()).data_plan.limit is None

    await client.read_settings()
    plan = (await client.read()).data_plan

    assert plan.limit == 100.0
    assert plan.alert_percent == 85
    assert plan.reset_day == 10
    assert plan.used_percent == round(MONTHLY_USED / LIMIT_100_GB * 100, 1)
    start, end = datetime(2024, 5, 10, tzinfo=ZONE), datetime(2024, 6, 10, tzinfo=ZONE)
    elapsed = datetime(2024, 5, 25, 10, 0, tzinfo=ZONE) - start
    assert plan.projected == round(MONTHLY_USED * ((end - start) / elapsed) / GB, 2)


async def test_data_plan_switched_off_or_by_time(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """No limit when switched off or counted in hours; no reset day when auto-clear is off."""
    modem, client = await _setup(make_modem, make_client)
    modem.controls.set_data_plan(enabled=False, auto_clear=False)
    await client.read_settings()
    plan = (await client.read()).data_plan
    assert (plan.limit, plan.alert_percent, plan.used_percent, plan.reset_day) == (None, None, None, None)
    assert plan.projected is not None  # the calendar month then

    modem.controls.set_data_plan(unit="time", size="300")
    await client.read_settings()
    assert (await client.read()).data_plan.limit is None


def test_billing_period_on_near_and_after_the_reset_day() -> None:
    """Periods run from midnight of the reset day; short months end on their last day."""
    assert billing_period(datetime(2024, 5, 10, 0, 0, tzinfo=ZONE), 10) == (
        datetime(2024, 5, 10, tzinfo=ZONE),
        datetime(2024, 6, 10, tzinfo=ZONE),
    )
    assert billing_period(datetime(2024, 5, 9, 23, 59, tzinfo=ZONE), 10)[0] == datetime(
        2024, 4, 10, tzinfo=ZONE
    )
    assert billing_period(datetime(2024, 1, 5, tzinfo=ZONE), 10)[0] == datetime(2023, 12, 10, tzinfo=ZONE)
    assert billing_period(datetime(2024, 2, 29, 12, tzinfo=ZONE), 31) == (
        datetime(2024, 2, 29, tzinfo=ZONE),
        datetime(2024, 3, 31, tzinfo=ZONE),
    )
    assert billing_period(datetime(2024, 5, 15, tzinfo=ZONE), None)[0] == datetime(2024, 5, 1, tzinfo=ZONE)


def test_projection_rule_around_the_reset_day() -> None:
    """No projection in the first 12 hours of a period; after that, linear in the elapsed share."""
    used = 3 * GB
    on_reset_morning = datetime(2024, 5, 10, 6, 0, tzinfo=ZONE)
    assert projected_bytes(used, now=on_reset_morning, reset_day=10) is None
    at_noon = datetime(2024, 5, 10, 12, 0, tzinfo=ZONE)
    assert projected_bytes(used, now=at_noon, reset_day=10) == pytest.approx(used * 31 * 2)
    day_before_reset = datetime(2024, 6, 9, 12, 0, tzinfo=ZONE)
    assert projected_bytes(used, now=day_before_reset, reset_day=10) == pytest.approx(used * 31 / 30.5)
    after_reset = datetime(2024, 6, 11, 0, 0, tzinfo=ZONE)
    assert projected_bytes(used, now=after_reset, reset_day=10) == pytest.approx(used * 30)


def test_data_plan_parsing_tolerates_junk() -> None:
    """Odd strings give None, never an exception; the flux_ spelling is read when the old is blank."""
    values = dict.fromkeys(PLAN_FIELDS, "")
    values |= {
        "flux_data_volume_limit_switch": "1",
        "flux_data_volume_limit_unit": "data",
        "flux_data_volume_limit_size": "2_1048576",
        "flux_clear_date": "40",
        "monthly_rx_bytes": "x",
    }
    plan = DataPlan.from_values(values)
    assert plan.limit_mb == 2 * 1048576
    assert plan.reset_day is None  # 40 is no day
    assert plan.used_bytes is None
    assert data_projected(values, DEFAULT_FORMAT) is None


# -- guard rails -----------------------------------------------------------------------


async def test_writes_log_what_changed_without_numbers(
    make_modem: ModemFactory, make_client: ClientFactory, caplog: pytest.LogCaptureFixture
) -> None:
    """One INFO line per write; no band number, cell, code or USSD text in any of them."""
    modem, client = await _setup(make_modem, make_client)
    caplog.set_level(logging.INFO, logger="custom_components.zte_modem.zte")
    await client.set_band_lock(lte_bands=[20])
    await client.set_cell_lock(rat="lte", pci=123, earfcn=1300)
    await client.send_ussd("*100#")
    await client.set_network_mode("Only_LTE")

    infos = [
        record.getMessage()
        for record in caplog.records
        if record.levelno == logging.INFO and record.name.startswith("custom_components")
    ]
    assert infos == [
        "LTE band lock changed",
        "LTE cell lock set",
        "USSD request answered",
        "Network mode set to Only_LTE",
    ]
    _clean(modem)
