"""The ubus transport against the ubus simulator: login as the web page does it, one POST per poll,
the lockout rules, a lost session, writes read back; and the recorded answers of real routers."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from custom_components.zte_modem.zte import (
    Feature,
    ZteAuthenticationError,
    ZteBusyError,
    ZteControlValidationError,
    ZteLockedError,
    ZteSmsRefusedError,
    ZteUssdUnsupportedError,
)
from custom_components.zte_modem.zte.goform.parse import PciFormat, ValueFormat
from custom_components.zte_modem.zte.goform.snapshot import snapshot_from_raw
from custom_components.zte_modem.zte.ubus.client import UbusClient
from custom_components.zte_modem.zte.ubus.fields import NETINFO, TRAFFIC, goform_view, sinr_db
from custom_components.zte_modem.zte.ubus.login import attempts_state, hashed_password, refuse_when_locked
from custom_components.zte_modem.zte.ubus.profile import FailCount, UbusProfile
from custom_components.zte_modem.zte.ubus.rpc import NULL_SESSION, Call, Reply
from tests.simulator import FakeClock
from tests.simulator.ubus import UBUS_PROFILES, UbusSimulator, web_password, with_switches

PASSWORD = "Sup3r-Secret-pw"
RECORDED = Path(__file__).parents[1] / "fixtures" / "real" / "ubus"

type Setup = Callable[..., Awaitable[tuple[UbusSimulator, UbusClient]]]


@pytest.fixture
async def ubus(socket_enabled: None) -> AsyncIterator[Setup]:
    """Start a ubus simulator and a client for it; both closed at teardown."""
    started: list[tuple[UbusSimulator, aiohttp.ClientSession]] = []

    async def setup(
        simulated: Any = "g5ts", *, password: str = PASSWORD, **client: Any
    ) -> tuple[UbusSimulator, UbusClient]:
        modem = UbusSimulator(simulated, PASSWORD)
        await modem.start()
        session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        started.append((modem, session))
        made = UbusClient(modem.url, password, session=session, **client)
        made.timing.control_poll_interval = 0.01
        return modem, made

    yield setup
    for modem, session in started:
        await session.close()
        await modem.stop()


def test_password_is_hashed_as_the_web_page_does() -> None:
    """Uppercase hex SHA-256 of (uppercase hex SHA-256 of the password + salt), as the simulator checks."""
    assert hashed_password("admin", "5A17") == web_password("admin", "5A17")
    assert hashed_password("admin", "5A17").isupper()
    assert hashed_password("admin", "5A17") != hashed_password("admin", "5A18")


@pytest.mark.parametrize("profile", sorted(UBUS_PROFILES))
async def test_every_profile_logs_in_and_reads_in_one_post(ubus: Setup, profile: str) -> None:
    """Login, then polls of one POST each: radio, traffic, session state; the identity once."""
    modem, client = await ubus(profile)
    first = await client.read()
    assert modem.stats.logins == 1
    assert first.device.model == UBUS_PROFILES[profile].market_name
    assert first.device.serial == modem.values["imei"]
    assert first.values["lte_rsrp"] == -80
    assert first.values["lte_sinr"] == 7.0  # "7.0", or 70 in tenths on the MC7500 profile
    assert first.values["nr5g_sinr"] == 18.0
    assert first.values["lte_ca_bands"] == "B1+B3+B20"
    assert first.values["nr5g_band"] == "n78"
    assert first.controls.mobile_data is True

    requests = modem.stats.requests
    for _ in range(5):
        await client.read()
    assert modem.stats.requests - requests == 5
    assert modem.stats.logins == 1
    # The identity calls ride along with the first poll only.
    assert not any("uci.get.zwrt_common_info" in batch for batch in modem.batches[-5:])
    assert modem.stats.max_concurrency == 1


async def test_wrong_password_costs_exactly_one_attempt(ubus: Setup) -> None:
    """A wrong password raises with the attempts left (read cautiously while the counter's meaning
    is not known yet) and is never sent again by this client."""
    modem, client = await ubus(password="wrong")
    with pytest.raises(ZteAuthenticationError) as caught:
        await client.read()
    assert caught.value.attempts_left == 1  # 4 of 5 left, or 1 of 5: the fewer
    with pytest.raises(ZteAuthenticationError):
        await client.read()
    assert modem.stats.failed_logins == 1

    modem, client = await ubus(password="wrong", profile=UbusProfile(fail_count=FailCount.LEFT))
    with pytest.raises(ZteAuthenticationError) as caught:
        await client.read()
    assert caught.value.attempts_left == 4  # the meaning learnt at an earlier login


@pytest.mark.parametrize("fail_count", ["left", "failures"])
async def test_never_the_last_attempt_whatever_the_counter_means(ubus: Setup, fail_count: str) -> None:
    """Four failures on the router: the client refuses to spend the fifth, for either meaning of
    login_fail_num, once it has seen the counter fresh (5 left or 0 failures)."""
    modem, client = await ubus(with_switches("g5ts", fail_count=fail_count))
    await client.read()  # a fresh counter tells what it counts
    assert client.session.profile.fail_count is FailCount(fail_count)
    modem.expire_sessions()
    modem.state.failures = 4
    with pytest.raises(ZteLockedError):
        await client.read()
    assert modem.stats.failed_logins == 0


async def test_no_login_while_locked(ubus: Setup) -> None:
    """Locked after five failures elsewhere: the client says for how long and tries nothing."""
    modem, client = await ubus()
    modem.state.failures = 5
    modem.state.locked_until = modem.clock() + 120
    with pytest.raises(ZteLockedError) as caught:
        await client.read()
    assert 0 < caught.value.seconds_remaining <= 120
    assert modem.stats.logins == modem.stats.failed_logins == 0


async def test_busy_when_someone_else_is_logged_in(ubus: Setup) -> None:
    """Result 3: someone else holds the session; no attempt is burnt."""
    modem, client = await ubus()
    modem.login_result = "3"
    with pytest.raises(ZteBusyError):
        await client.read()
    assert modem.stats.failed_logins == 0


@pytest.mark.parametrize("how", ["access_denied", "reset"])
async def test_browser_login_mid_polling_costs_one_login(ubus: Setup, how: str) -> None:
    """The web page takes the session (-32002 on our calls, or a dropped connection): one login, the
    same batch again, the values right."""
    modem, client = await ubus()
    await client.read()
    modem.browser_login()
    if how == "reset":
        modem.reset_next = 1
    snapshot = await client.read()
    assert snapshot.values["lte_rsrp"] == -80
    assert modem.stats.logins == 2


async def test_cookie_and_referer_as_the_web_page_sends_them(ubus: Setup) -> None:
    """The G5TS profile answers 307 without a Referer and rotates a webtoken cookie: polls go on."""
    modem, client = await ubus("g5ts")
    for _ in range(3):
        await client.read()
    assert modem.stats.logins == 1


async def test_network_mode_offers_this_firmware_s_tokens_and_reads_back(ubus: Setup) -> None:
    """Only tokens of the list that holds the current one; a change is written and read back."""
    modem, client = await ubus("u60pro")
    capabilities = await client.capabilities()
    assert capabilities.network_modes == UBUS_PROFILES["u60pro"].modes
    assert capabilities.supports(Feature.NR5G, Feature.NETWORK_MODE, Feature.MOBILE_DATA, Feature.SMS)
    assert capabilities.supports(Feature.BAND_LOCK, Feature.CELL_LOCK)
    assert not capabilities.supports(Feature.USSD)

    await client.set_network_mode("Only_LTE")
    assert modem.state.net_select == "Only_LTE"
    assert (await client.read()).controls.network_mode == "Only_LTE"
    with pytest.raises(ZteControlValidationError):
        await client.set_network_mode("4G_AND_5G")  # a G5TS token, not this firmware's


async def test_mobile_data_and_reboot(ubus: Setup) -> None:
    """Mobile data off and on, read back; a reboot ends the session (next poll logs in again)."""
    modem, client = await ubus()
    await client.read()
    await client.set_mobile_data(False)
    assert (await client.read()).controls.mobile_data is False
    await client.set_mobile_data(True)
    assert modem.state.data_enabled is True
    await client.reboot()
    assert modem.stats.reboots == 1
    await client.read()
    assert modem.stats.logins == 2


async def test_what_is_not_offered_yet_is_a_clear_error(ubus: Setup) -> None:
    """USSD is not offered on this transport yet: the call says so, nothing is sent."""
    modem, client = await ubus()
    with pytest.raises(ZteUssdUnsupportedError):
        await client.send_ussd("*100#")
    assert modem.state.writes == []


@pytest.mark.parametrize("profile", ["g5ts", "mc7500"])
async def test_band_locks_with_the_method_this_firmware_has(ubus: Setup, profile: str) -> None:
    """LTE through the newer method, or the older bit-mask one where the newer does not exist; NR
    for SA and NSA (an NSA type the firmware ignores is no failure); the sensors show the locks;
    an empty list resets every lock."""
    modem, client = await ubus(profile)
    await client.set_band_lock(lte_bands=[3, 20], nr_bands=[78])
    assert modem.state.lte_bands == [3, 20]
    assert modem.state.nr_sa_bands == [78]
    assert modem.state.nr_nsa_bands == ([] if modem.profile.nsa_lock_ignored else [78])
    methods = [method for method, _ in modem.state.writes]
    assert ("nwinfo_set_gwl_bandlock" in methods) is (modem.profile.lte_lock_method == "gwl")
    controls = (await client.read()).controls
    assert (controls.lte_band_lock, controls.nr5g_band_lock) == ("B3+B20", "n78")

    await client.set_band_lock(lte_bands=[])
    assert modem.state.lte_bands == [1, 3, 8, 20, 38]
    assert modem.state.nr_sa_bands == []


async def test_cell_locks_written_and_read_back(ubus: Setup) -> None:
    """An LTE and an NR cell lock reach the router and show in the lock sensors; clear unlocks."""
    modem, client = await ubus()
    await client.set_cell_lock(rat="lte", pci=259, earfcn=75)
    await client.set_cell_lock(rat="nr", pci=463, arfcn=640704)
    assert modem.state.lte_cell == (259, 75)
    assert modem.state.nr_cell == (463, 640704, 78)
    controls = (await client.read()).controls
    assert controls.lte_cell_lock == "PCI 259 @ 75"
    assert controls.nr5g_cell_lock == "PCI 463 @ 640704 (n78, 30 kHz)"
    await client.set_cell_lock(rat="lte", clear=True)
    assert modem.state.lte_cell == (0, 0)


async def test_stored_profile_round_trips(ubus: Setup) -> None:
    """What the entry stores names the transport and comes back the same."""
    _, client = await ubus()
    await client.read()
    stored = client.stored_profile
    assert stored is not None
    assert stored["transport"] == "ubus"
    assert UbusProfile.from_dict(stored) == client.session.profile


def _recorded(name: str) -> dict[str, Any]:
    answer: dict[str, Any] = json.loads((RECORDED / name).read_text())["answer"]
    return answer


def test_recorded_mc7510_answer() -> None:
    """An MC7510 (G51F) B04 in ENDC: CA from lteca, decimal ids, SINR strings, byte counters above 2^32."""
    view = goform_view(
        {
            NETINFO.key: Reply(0, _recorded("mc7510-nwinfo_get_netinfo-dawidroz.json")),
            TRAFFIC.key: Reply(0, _recorded("mc7510-get_wwandst-dawidroz.json")),
        }
    )
    values = snapshot_from_raw(view, ValueFormat(lte_pci=PciFormat.DECIMAL)).values
    assert values["lte_band"] == "B1"
    assert values["lte_ca_bands"] == "B1+B3+B20"
    assert values["lte_ca_total_bandwidth"] == 40.0
    assert (values["lte_pci"], values["cell_id"], values["nr5g_pci"]) == (259, 35072027, 463)
    assert (values["lte_sinr"], values["nr5g_sinr"]) == (7.0, 18.0)
    assert values["nr5g_band"] == "n78"
    assert values["monthly_rx"] == 487567569649


def test_recorded_u60_pro_answer_in_sa() -> None:
    """A U60 Pro B31 on SA n41: the LTE levels it reports as 0 are no values, no LTE band."""
    view = goform_view({NETINFO.key: Reply(0, _recorded("mu5250-nwinfo_get_netinfo-u60manual.json"))})
    values = snapshot_from_raw(view, ValueFormat(lte_pci=PciFormat.DECIMAL)).values
    assert values["network_type"] == "SA"
    assert values["lte_rsrp"] is None
    assert values["lte_sinr"] is None
    assert values["lte_band"] is None
    assert values["nr5g_band"] == "n41"
    assert values["nr5g_sinr"] == 22.5


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("7.0", "7.0"), ("-5", "-5"), (150, "15"), (30, "3"), (-50, "-5"), (0, ""), ("0.0", "0.0")],
)
def test_sinr_in_db_tenths_or_missing(raw: object, expected: str) -> None:
    assert sinr_db(raw) == expected


SENDER = "+46701234567"
UNICODE_TEXT = "Prąd wrócił 🔌 Свет снова есть"


async def test_encrypted_sms_round_trip(ubus: Setup) -> None:
    """G5TS with the web page's scheme: the key is registered after login, the listed number and text
    arrive encrypted and are read right, and what was received is sent back encrypted."""
    modem, client = await ubus("g5ts")
    await client.read()
    message_id = modem.inject_sms(SENDER, UNICODE_TEXT)
    assert (await client.read()).sms_waiting is True
    assert (await client.read()).sms_waiting is False  # quiet polls ask for no list

    (message,) = [m for m in await client.list_sms() if m.id == message_id]
    assert (message.number, message.text, message.unread) == (SENDER, UNICODE_TEXT, True)
    assert client.session.encrypts is True

    result = await client.send_sms([message.number], message.text)
    assert result.sent == [SENDER]
    assert modem.state.sends == [{"number": SENDER, "text": UNICODE_TEXT}]

    await client.mark_sms_read([message_id])
    assert (await client.list_sms())[0].unread is False
    await client.delete_sms([message_id])
    assert modem.state.messages == []
    assert (await client.capabilities()).supports(Feature.SMS)


async def test_plaintext_refusal_is_answered_with_an_encrypted_send(ubus: Setup) -> None:
    """A U60 Pro refuses plain sends (status 2): the client sends the encrypted fields as the web page
    does, so the send goes through and no plain send is ever made."""
    modem, client = await ubus("u60pro")
    result = await client.send_sms(SENDER, "Balance?")
    assert result.sent == [SENDER]
    assert modem.state.refused_sends == 0
    assert modem.state.sends == [{"number": SENDER, "text": "Balance?"}]


async def test_firmware_without_the_scheme_gets_plain_ucs2(ubus: Setup) -> None:
    """No web_crt_get: number and text travel as plain UCS-2 hex, both ways."""
    modem, client = await ubus("g5ultra")
    modem.inject_sms(SENDER, UNICODE_TEXT)
    assert [m.text for m in await client.list_sms()] == [UNICODE_TEXT]
    await client.send_sms(SENDER, UNICODE_TEXT)
    assert modem.state.sends == [{"number": SENDER, "text": UNICODE_TEXT}]
    assert client.session.encrypts is False


async def test_a_refused_plain_send_is_a_clear_error(ubus: Setup) -> None:
    """Firmware that refuses plain sends and offers no key: the send raises, nothing is retried blindly."""
    modem, client = await ubus(with_switches("u60pro", sms_crypto=False))
    with pytest.raises(ZteSmsRefusedError):
        await client.send_sms(SENDER, "hi")
    assert modem.state.refused_sends == 1


async def test_a_new_session_registers_a_new_key(ubus: Setup) -> None:
    """The web page took the session (and the key with it): the next SMS call logs in once and
    registers a fresh key, and the list still reads right."""
    modem, client = await ubus("g5ts")
    modem.inject_sms(SENDER, "first")
    assert [m.text for m in await client.list_sms()] == ["first"]
    modem.browser_login()
    assert [m.text for m in await client.list_sms()] == ["first"]
    assert modem.stats.logins == 2


async def test_webtoken_replayed_when_the_cookie_jar_ignores_ip_hosts(socket_enabled: None) -> None:
    """A default cookie jar drops cookies of a host given as an IP address: the client replays the
    rotating webtoken itself, or the G5TS profile would deny every call."""
    modem = UbusSimulator("g5ts", PASSWORD)
    await modem.start()
    try:
        async with aiohttp.ClientSession() as session:  # a strict jar: no cookies from 127.0.0.1
            client = UbusClient(modem.url, PASSWORD, session=session)
            for _ in range(3):
                assert (await client.read()).values["lte_rsrp"] == -80
    finally:
        await modem.stop()
    assert modem.stats.logins == 1


@pytest.mark.parametrize(
    ("info", "meaning", "left"),
    [
        ({"login_fail_num": 5}, None, 5),  # a fresh attempts-left counter
        ({"login_fail_num": 0}, None, 5),  # a fresh failures counter (no timer)
        ({"login_fail_num": 0, "login_fail_lock_lefttime": 120}, None, 0),  # locked
        ({"login_fail_num": 4}, None, 1),  # 4 left or 4 failures: the fewer
        ({"login_fail_num": 4}, FailCount.LEFT, 4),
        ({"login_fail_num": 4}, FailCount.FAILURES, 1),
        ({"login_fail_num": 0}, FailCount.LEFT, 0),  # no timer reported, still no attempt left
        ({}, None, 5),
    ],
)
def test_attempts_left_for_either_meaning(info: dict[str, Any], meaning: FailCount | None, left: int) -> None:
    assert attempts_state(info, meaning)[0] == left


@pytest.mark.parametrize("left", [0, 1])
def test_no_login_with_one_or_no_attempt_left(left: int) -> None:
    """Locked with no timer reported, or the last attempt: refused before anything is sent."""
    with pytest.raises(ZteLockedError):
        refuse_when_locked(left, 0)


async def test_data_plan_read_hourly_inside_the_poll(ubus: Setup) -> None:
    """The router's limit (bytes), alert threshold and reset day fill the data-plan values; they
    ride in the first poll's POST and then hourly, never as a request of their own."""
    modem, client = await ubus("u60pro")
    client.timing.clock = lambda: datetime(2026, 12, 7, 12, 0, tzinfo=UTC)
    plan = (await client.read()).data_plan
    assert (plan.limit, plan.alert_percent, plan.reset_day) == (100.0, 85, 10)
    assert plan.used_percent is not None
    assert (await client.capabilities()).supports(Feature.DATA_PLAN)
    modem.state.plan_limit["enable"] = 0
    requests = modem.stats.requests
    assert (await client.read()).data_plan.limit == 100.0  # not read again within the hour
    assert modem.stats.requests - requests == 1
    assert not any("zwrt_data.get_wwandst_monthlimit" in batch for batch in modem.batches[-1:])


async def test_an_idle_session_times_out_and_costs_one_login(socket_enabled: None) -> None:
    """The router ends a session after 300 s without a call and every call refreshes it: polls
    200 s apart keep one session; a 301 s gap costs exactly one login."""
    clock = FakeClock()
    modem = UbusSimulator("u60pro", PASSWORD, clock=clock)
    await modem.start()
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            client = UbusClient(modem.url, PASSWORD, session=session)
            await client.read()
            for _ in range(3):
                clock.advance(200)
                await client.read()
            assert modem.stats.logins == 1
            clock.advance(301)
            assert (await client.read()).values["lte_rsrp"] == -80
            assert modem.stats.logins == 2
    finally:
        await modem.stop()


async def test_simulator_answers_as_the_checklist_says(socket_enabled: None) -> None:
    """The switches of ../shared/docs/ubus-protocol.md §2.8 the client does not reach by itself:
    uci configs other than zwrt_common_info are status 6 without a session (a U60 Pro), an unknown
    deviceInfoList name fails the whole call, get_wwandst answers per type."""
    modem = UbusSimulator("u60pro", PASSWORD)
    await modem.start()
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            http = UbusClient(modem.url, PASSWORD, session=session).http
            uci = Call("uci", "get", {"config": "zwrt_zte_mdm", "section": "device_info"})
            common = Call("uci", "get", {"config": "zwrt_common_info", "section": "common_config"})
            (denied, answered) = await http.batch(NULL_SESSION, [uci, common])
            assert (denied.status, answered.status) == (6, 0)

            client = UbusClient(modem.url, PASSWORD, session=session)
            await client.login()
            token = client.session._token
            assert token is not None

            def device(*names: str) -> Call:
                return Call("zwrt_mc.device.manager", "get_device_info", {"deviceInfoList": list(names)})

            good, bad = await http.batch(token, [device("meminfo"), device("meminfo", "no_such_name")])
            assert (good.status, bad.status) == (0, 2)
            web = {"source_module": "web", "cid": 1}
            month, everything = await http.batch(
                token,
                [
                    Call("zwrt_data", "get_wwandst", {**web, "type": 2}),
                    Call("zwrt_data", "get_wwandst", {**web, "type": 4}),
                ],
            )
            assert set(month.data) == {"month_rx_bytes", "month_tx_bytes", "month_time"}
            assert {"real_rx_speed", "month_rx_bytes", "total_rx_bytes", "day_rx_bytes"} <= set(
                everything.data
            )
    finally:
        await modem.stop()
