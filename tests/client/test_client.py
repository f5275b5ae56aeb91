"""The client against the simulator: every family, every scenario, every failure."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from custom_components.zte_modem.zte import (
    ZteAuthenticationError,
    ZteBusyError,
    ZteConnectionError,
    ZteLockedError,
    ZteSessionError,
    ZteUnsupportedFirmwareError,
    normalize_host,
)
from custom_components.zte_modem.zte.goform import AdDigest, Family, LoginForm, LoginProfile, PasswordEncoding
from custom_components.zte_modem.zte.goform.client import POLL_FIELDS
from tests.conftest import ClientFactory, ModemFactory
from tests.simulator import PROFILES, SCENARIOS, FakeClock, ModemSimulator, SimProfile
from tests.simulator.profiles import PROFILES as PROFILE_TABLE
from tests.simulator.server import self_signed_context


@pytest.mark.parametrize("profile", sorted(PROFILES))
async def test_login_detects_family_and_reads(
    make_modem: ModemFactory, make_client: ClientFactory, profile: str
) -> None:
    """Every family logs in with the right scheme and yields typed values."""
    modem = await make_modem(profile, "s3cret!")
    client = await make_client(modem, "s3cret!")

    detected = await client.login()
    snapshot = await client.read()

    assert detected.family == Family(modem.profile.family)
    assert modem.stats.failed_logins == 0
    assert snapshot.device.model == modem.profile.model
    assert snapshot.device.firmware == modem.profile.wa_inner_version
    assert snapshot.values["lte_rsrp"] == -95
    # MF-series and UFI builds write the PCI in decimal, MC-series in hex: each read in its own notation.
    assert snapshot.values["lte_pci"] == (205 if modem.profile.pci_decimal else 0x1F4)
    assert snapshot.values["cell_id"] == 0x2C20F34
    assert snapshot.values["lte_band"] == "B3"
    assert snapshot.values["connected"] is True
    assert snapshot.values["roaming"] is False
    assert snapshot.values["provider"] == "Telia SE"
    assert snapshot.values["rx_rate"] == (5_200_000 if modem.profile.has_5g else 450_000)
    assert isinstance(snapshot.values["monthly_rx"], int)
    if modem.profile.has_5g:
        assert snapshot.values["nr5g_band"] == "n78"
        assert snapshot.values["nr5g_pci"] == 0x3EF
        assert snapshot.values["lte_ca_bands"] == "B3+B7+B20"
    else:
        assert snapshot.values["nr5g_rsrp"] is None
    assert modem.stats.max_concurrency == 1


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
async def test_scenarios(make_modem: ModemFactory, make_client: ClientFactory, scenario: str) -> None:
    """Every radio situation parses into the values a user expects."""
    modem = await make_modem("mc888", scenario=scenario)
    snapshot = await (await make_client(modem)).read()
    expected = {
        "lte": {"network_type": "LTE", "lte_sinr": 12, "lte_ca_bands": "B3", "nr5g_rsrp": None},
        "lte_ca": {"network_type": "LTE_CA", "lte_ca_bands": "B3+B7+B20", "lte_bandwidth": 20},
        "lte_ca_intra": {"lte_ca_bands": "B41+B41", "lte_ca_total_bandwidth": 40.0, "lte_frequency": 2624.6},
        "nsa": {"network_type": "ENDC", "nr5g_sinr": 15.0, "nr5g_arfcn": 640000, "lte_rsrp": -95},
        "sa": {"network_type": "SA", "lte_rsrp": None, "nr5g_band": "n78", "nr5g_pci": 26},
        "no_service": {"connected": False, "provider": None, "lte_rsrp": None, "signal_bars": 0},
        "no_sim": {"sim_state": "modem_sim_undetected", "signal_bars": None, "roaming": None},
        "lte_other_cell": {"lte_enodeb_id": 0x2C2A1, "lte_sector": 7, "lte_band": "B20", "lte_pci": 0xC9},
        "lte_short_cell_id": {"cell_id": 0x1B, "lte_enodeb_id": None, "lte_sector": 0x1B},
        "lte_16bit_cell_id": {"cell_id": 0x9C41, "lte_enodeb_id": None, "lte_sector": None},
    }[scenario]
    for key, value in expected.items():
        assert snapshot.values[key] == value, key


async def test_steady_state_costs_one_request_per_read(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """Once logged in, a read is exactly one GET and no login."""
    modem = await make_modem()
    client = await make_client(modem)
    await client.read()
    before = modem.snapshot_state()

    for _ in range(10):
        await client.read()

    assert modem.stats.requests - before["requests"] == 10
    assert modem.stats.logins == before["logins"] == 1


async def test_stored_profile_skips_detection(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """A stored profile logs in without fetching the router's JS."""
    modem = await make_modem("mc801a")
    first = await make_client(modem)
    await first.login()
    await first.read()
    profile = first.profile
    assert profile is not None
    stored = LoginProfile.from_dict(profile.as_dict())
    modem.stats.reset()

    second = await make_client(modem, profile=stored)
    await second.read()

    # pre-login state, LD, LOGIN, whether SMS are encrypted (web_crt_get, once per client on a
    # firmware without the scheme), the first poll's extra reads (settings, SMS storage), the read
    # and the two client lists: no JS files.
    assert modem.stats.requests == 9
    assert second.profile == profile


async def test_firmware_change_triggers_detection(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A stored profile from other firmware is detected anew, not trusted."""
    modem = await make_modem("mc888")
    stale = LoginProfile(PasswordEncoding.BASE64, AdDigest.MD5, firmware="BD_OLDV1.0.0B01")
    client = await make_client(modem, profile=stale)

    profile = await client.login()

    assert profile.family is Family.D
    assert profile.firmware == modem.profile.wa_inner_version
    assert modem.stats.failed_logins == 0


async def test_session_expiry_relogs_once(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """An expired session (HTTP 200, blank fields) costs one login, values stay."""
    modem = await make_modem()
    client = await make_client(modem)
    await client.read()

    modem.expire_sessions()
    snapshot = await client.read()

    assert snapshot.values["lte_rsrp"] == -95
    assert modem.stats.logins == 2


async def test_idle_timeout_relogs(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """The modem's idle timer drops the session; the client notices and logs in."""
    clock = FakeClock()
    modem = await make_modem(clock=clock, idle_timeout=300)
    client = await make_client(modem)
    await client.read()
    clock.advance(301)

    assert (await client.read()).values["lte_rsrp"] == -95
    assert modem.stats.logins == 2


async def test_web_ui_takes_session(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """A web UI login steals the session; the next read logs in exactly once."""
    modem = await make_modem()
    client = await make_client(modem)
    await client.read()
    modem.web_ui_login()

    await client.read()

    assert modem.stats.logins == 2


async def test_session_lost_twice_is_an_error(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """If the modem drops the session right after login, fail instead of looping."""
    modem = await make_modem(idle_timeout=-1)
    client = await make_client(modem)

    with pytest.raises(ZteSessionError):
        await client.read()
    assert modem.stats.logins == 2


@pytest.mark.parametrize(("profile", "attempts"), [("mc801a", 1), ("mf266", 1), ("mf283", 1), ("mc889", 2)])
async def test_wrong_password_is_one_attempt(
    make_modem: ModemFactory, make_client: ClientFactory, profile: str, attempts: int
) -> None:
    """A wrong password costs one attempt and says how many are left; a build that hides its
    JS (mc889) allows the one fallback guess of the login form."""
    modem = await make_modem(profile, "right")
    client = await make_client(modem, "wrong")

    with pytest.raises(ZteAuthenticationError) as caught:
        await client.login()

    assert modem.stats.failed_logins == attempts
    assert caught.value.attempts_left == 5 - attempts


async def test_multi_user_builder_leaves_nothing_to_guess(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """The JS's only builder is LOGIN_MULTI_USER: a wrong password is one attempt, no plain LOGIN guess."""
    modem = await make_modem("mf286", "right")
    client = await make_client(modem, "wrong")

    with pytest.raises(ZteAuthenticationError):
        await client.login()

    assert modem.stats.failed_logins == 1


async def test_hidden_multi_user_build_is_found_by_the_one_fallback(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """No JS to read: plain LOGIN first, then the one fallback goes to LOGIN_MULTI_USER, and sticks."""
    hidden = replace(PROFILE_TABLE["mf266"], name="mf266_hidden", serve_js=False)
    modem = await make_modem(hidden, "pw")
    client = await make_client(modem, "pw")

    profile = await client.login()
    await client.logout()  # an AD-checked write

    assert profile.login_form is LoginForm.MULTI_USER
    assert modem.stats.failed_logins == 1
    assert modem.snapshot_state()["ad_failures"] == 0


async def test_multi_user_with_username(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """A username from the user goes into LOGIN_MULTI_USER with its AD."""
    modem = await make_modem("mf286", "pw", username="operator")
    client = await make_client(modem, "pw", username="operator")

    profile = await client.login()

    assert profile.multi_user is True
    assert modem.stats.failed_logins == 0


async def test_heuristic_fallback_finds_flag_1(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """Without the router's JS, base64 is tried first and SHA256(base64) once after."""
    hidden = SimProfile("hidden_b", "B", "MF286D", "BD_MF286DV1.0.0B05", "", "hw", 1, serve_js=False)
    modem = await make_modem(hidden, "pw")
    client = await make_client(modem, "pw")

    profile = await client.login()

    assert profile.family is Family.B
    assert modem.stats.failed_logins == 1


async def test_no_fallback_when_attempts_are_short(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """The fallback guess is skipped when it could lock the modem."""
    hidden = SimProfile("hidden_b", "B", "MF286D", "BD_MF286DV1.0.0B05", "", "hw", 1, serve_js=False)
    modem = await make_modem(hidden, "pw")
    modem._attempts_left = 2
    client = await make_client(modem, "pw")

    with pytest.raises(ZteAuthenticationError) as caught:
        await client.login()
    assert modem.stats.logins == 1
    assert caught.value.attempts_left == 1


async def test_lockout_is_respected(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """Locked: no login attempt at all, the remaining time is reported; unlock works."""
    clock = FakeClock()
    modem = await make_modem("mc801a", "right", clock=clock)
    # Someone typed the wrong password five times in the web UI.
    modem._attempts_left = 0
    modem._lock_until = clock() + 300
    logins_before = modem.stats.logins

    right = await make_client(modem, "right")
    with pytest.raises(ZteLockedError) as caught:
        await right.login()

    assert caught.value.seconds_remaining == 300
    assert modem.stats.logins == logins_before
    clock.advance(301)
    assert (await right.read()).values["lte_rsrp"] == -95


async def test_fifth_wrong_password_locks(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """A client never sends a rejected password twice, and a new one refuses the last attempt, so
    retries (four setups with the wrong password) can never lock the modem."""
    modem = await make_modem("mc801a", "right")
    for _ in range(4):
        wrong = await make_client(modem, "wrong")
        with pytest.raises(ZteAuthenticationError):
            await wrong.login()
    with pytest.raises(ZteAuthenticationError):
        await wrong.login()  # the same client: refused without asking the router
    assert modem.stats.failed_logins == 4

    with pytest.raises(ZteLockedError) as caught:
        await (await make_client(modem, "wrong")).login()

    assert caught.value.attempts_left == 1
    assert caught.value.seconds_remaining == 0
    assert modem.stats.failed_logins == 4
    assert "1 login attempt" in str(caught.value)


async def test_lock_reported_after_failed_login(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """When another party burns the last attempt meanwhile, the lock is reported."""
    modem = await make_modem("mc801a", "right", locked_result="3")
    modem._attempts_left = 2
    client = await make_client(modem, "wrong")
    original = modem._login

    def login_and_lock(*args: object) -> object:
        response = original(*args)  # type: ignore[arg-type]
        modem._attempts_left = 0
        modem._lock_until = modem.clock() + 120
        return response

    modem._login = login_and_lock  # type: ignore[method-assign]
    with pytest.raises(ZteLockedError) as caught:
        await client.login()
    assert caught.value.seconds_remaining == 120


async def test_busy_when_web_ui_holds_session(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """Result 2 means someone else is logged in: back off, do not kick them out."""
    modem = await make_modem(reject_with_2=True)
    modem.web_ui_login()
    client = await make_client(modem)

    with pytest.raises(ZteBusyError):
        await client.login()
    assert modem.stats.failed_logins == 1
    assert modem.snapshot_state()["attempts_left"] == 5


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        ("reset", ZteConnectionError),
        ("html", ZteUnsupportedFirmwareError),
        ("garbage", ZteUnsupportedFirmwareError),
        ("truncated", ZteConnectionError),
        ("timeout", ZteConnectionError),
    ],
)
async def test_faults_raise_clear_errors(
    make_modem: ModemFactory, make_client: ClientFactory, fault: str, error: type[Exception]
) -> None:
    """Bad answers become one clear error; the next read works again."""
    modem = await make_modem()
    modem.hang_seconds = 2
    client = await make_client(modem, request_timeout=0.3)
    await client.read()

    modem.inject_fault(fault)
    with pytest.raises(error) as caught:
        await client.read()
    modem.inject_fault(None)
    if fault == "truncated":
        assert not isinstance(caught.value, ZteUnsupportedFirmwareError)
    if error is ZteUnsupportedFirmwareError:
        assert "Not a ZTE goform router or unsupported firmware" in str(caught.value)

    assert (await client.read()).values["lte_rsrp"] == -95


async def test_all_empty_answer_is_a_lost_session(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """All-blank values: the client checks the session, finds it alive, reads again."""
    modem = await make_modem()
    client = await make_client(modem)
    await client.read()

    modem.inject_fault("empty", count=1)
    snapshot = await client.read()

    assert snapshot.values["lte_rsrp"] == -95
    assert modem.stats.logins == 1


async def test_connection_refused(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """Nothing listening is a connection error, not a crash."""
    modem = await make_modem()
    await modem.stop()
    client = await make_client(modem)

    with pytest.raises(ZteConnectionError):
        await client.read()


async def test_http_error_status(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """A web server that is not a goform router answers 404: unsupported firmware."""
    modem = await make_modem()
    client = await make_client(modem.url + "/nothing-here")

    with pytest.raises(ZteConnectionError):
        await client.read()


async def test_concurrent_reads_share_one_request(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """100 concurrent reads cost one HTTP request and never overlap."""
    modem = await make_modem(latency=(0.02, 0.02))
    client = await make_client(modem)
    await client.read()
    modem.stats.reset()

    snapshots = await asyncio.gather(*(client.read() for _ in range(100)))

    assert modem.stats.requests == 1
    assert modem.stats.max_concurrency == 1
    assert all(snapshot is snapshots[0] for snapshot in snapshots)


async def test_shared_read_failure_reaches_every_caller(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """When the shared read fails, every waiting caller gets the error."""
    modem = await make_modem(latency=(0.02, 0.02))
    client = await make_client(modem)
    await client.read()
    modem.inject_fault("html", count=1)

    results = await asyncio.gather(*(client.read() for _ in range(5)), return_exceptions=True)

    assert all(isinstance(result, ZteUnsupportedFirmwareError) for result in results)


async def test_cancelled_leader_does_not_break_followers(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """Cancelling the caller that started a read cancels waiters, next read works."""
    modem = await make_modem(latency=(0.1, 0.1))
    client = await make_client(modem)
    await client.login()  # the API and the login scheme are known: reads share one flight
    leader = asyncio.ensure_future(client.read())
    await asyncio.sleep(0.01)
    follower = asyncio.ensure_future(client.read())
    await asyncio.sleep(0.01)
    leader.cancel()

    with pytest.raises(asyncio.CancelledError):
        await follower
    assert (await client.read()).values["lte_rsrp"] == -95


async def test_reads_and_writes_never_overlap(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """Reads and a reboot queued together still reach the modem one at a time."""
    modem = await make_modem("mc888", latency=(0.01, 0.02), reboot_seconds=0.2)
    client = await make_client(modem)
    await client.read()

    await asyncio.gather(client.read(), client.reboot(), client.read(), return_exceptions=True)

    assert modem.stats.max_concurrency == 1
    assert modem.stats.reboots == 1


@pytest.mark.parametrize("profile", sorted(PROFILE_TABLE))
async def test_reboot_and_recovery(
    make_modem: ModemFactory, make_client: ClientFactory, profile: str
) -> None:
    """Reboot writes once with the right AD; the modem vanishes, then reads recover."""
    modem = await make_modem(profile, reboot_seconds=0.3, boot_blank_seconds=0)
    client = await make_client(modem)
    await client.read()

    await client.reboot()
    await asyncio.sleep(0.05)
    with pytest.raises(ZteConnectionError):
        await client.read()
    await asyncio.sleep(0.4)

    assert (await client.read()).values["lte_rsrp"] == -95
    assert modem.stats.reboots == 1
    assert modem.stats.writes == 1


async def test_write_waits_for_version_after_boot(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """Right after boot wa_inner_version is blank; the AD waits for it."""
    clock = FakeClock()
    modem = await make_modem("mc801a", clock=clock, boot_blank_seconds=2)
    client = await make_client(modem)
    await client.read()
    modem._boot_at = clock()

    async def boot_finishes() -> None:
        await asyncio.sleep(0.3)
        clock.advance(5)

    await asyncio.gather(client.reboot(), boot_finishes())
    assert modem.stats.reboots == 1


async def test_write_after_lost_session_relogs(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """A write refused because the session expired logs in once and succeeds."""
    modem = await make_modem("mc888", reboot_seconds=0.1)
    client = await make_client(modem)
    await client.read()
    modem.expire_sessions()

    await client.reboot()

    assert modem.stats.reboots == 1
    assert modem.stats.logins == 2


async def test_logout_gives_session_back(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """Logout frees the modem; a later read logs in again."""
    modem = await make_modem("mc888")
    client = await make_client(modem)
    await client.read()

    await client.logout()
    assert modem.snapshot_state()["logged_in"] is False
    await client.logout()  # a second logout is a no-op

    await client.read()
    assert modem.stats.logins == 2


def test_normalize_host() -> None:
    """Bare addresses get http://, trailing slashes go."""
    assert normalize_host("192.168.0.1") == "http://192.168.0.1"
    assert normalize_host(" https://router.local/ ") == "https://router.local"


def test_poll_fields_fit_one_request() -> None:
    """One poll asks for every field once, well below what real pages ask in one GET (the stock
    poller ~70 keys, the ZTE-MC-Home-assistant integration ~130 on MC801A/MC888)."""
    fields = POLL_FIELDS
    assert len(fields) == len(set(fields)) <= 90
    assert "loginfo" in fields
    assert not {"imsi", "sim_imsi", "ziccid", "sim_iccid", "msisdn"} & set(fields)


async def test_https_with_self_signed_certificate(socket_enabled: None, make_client: ClientFactory) -> None:
    """HTTPS routers with their own self-signed certificate work."""
    modem = ModemSimulator("mc888", "admin")
    await modem.start(ssl_context=self_signed_context())
    try:
        assert modem.url.startswith("https://")
        client = await make_client(modem.url)
        assert (await client.read()).values["lte_rsrp"] == -95
        await client.reboot()
        assert modem.stats.reboots == 1
    finally:
        await modem.stop()
