"""Edge cases of the client against the simulated modem: login results that must not cost an
attempt, login forms with a user name, write-token guesses, SMS writes the router refuses, USSD
statuses, controls that meet a lost session, and web servers that are no goform router."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from dataclasses import replace

import pytest
from aiohttp import web

from custom_components.zte_modem.zte import (
    ZteAuthenticationError,
    ZteBusyError,
    ZteClient,
    ZteControlRefusedError,
    ZteLoginRefusedError,
    ZteSessionError,
    ZteSmsRefusedError,
    ZteSmsUnavailableError,
    ZteUnsupportedFirmwareError,
    ZteUssdFailedError,
    ZteUssdTimeoutError,
)
from custom_components.zte_modem.zte.goform import (
    AdDigest,
    LoginForm,
    LoginProfile,
    PasswordEncoding,
    PciFormat,
)
from custom_components.zte_modem.zte.probe import EXIT_ERROR, build_parser, run_probe
from tests.conftest import ClientFactory, ModemFactory
from tests.simulator import ModemSimulator
from tests.simulator.profiles import PROFILES

NUMBER = "+46701234567"
OTHER = "+385911234567"


async def _controls_setup(
    make_modem: ModemFactory, make_client: ClientFactory, profile: str = "mc801a", **kwargs: object
) -> tuple[ModemSimulator, ZteClient]:
    modem = await make_modem(profile, **kwargs)
    modem.controls.connect_seconds = 0.05
    modem.controls.ussd_delay = 0.05
    client = await make_client(modem)
    client.timing.control_poll_interval = 0.01
    client.timing.ussd_poll_interval = 0.01
    client.timing.readback_timeout = 0.3
    client.timing.sms_poll_interval = 0.01
    await client.login()
    return modem, client


def _record_logins(modem: ModemSimulator, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, str]]:
    """The LOGIN forms the simulated router receives."""
    forms: list[dict[str, str]] = []
    login = modem._login

    def recording(request: web.Request, form: Mapping[str, str], goform_id: str) -> web.Response:
        forms.append(dict(form))
        return login(request, form, goform_id)

    monkeypatch.setattr(modem, "_login", recording)
    return forms


# -- login ------------------------------------------------------------------------------------


async def test_repr_names_the_host_and_never_the_password(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A client in a log line or a traceback shows where it talks to, not the secret."""
    modem = await make_modem("mc801a", "S3cret-pass")
    client = await make_client(modem, "S3cret-pass")
    assert repr(client) == f"ZteClient(host={modem.url!r})"
    assert "S3cret" not in repr(client)


@pytest.mark.parametrize(
    ("result", "error"),
    [
        ("6", ZteLoginRefusedError),  # first-time setup wanted
        ("8", ZteLoginRefusedError),  # SIM lock
        ("7", ZteBusyError),  # someone else is logged in
        ("2", ZteBusyError),
    ],
)
async def test_results_that_say_nothing_about_the_scheme_cost_one_attempt(
    make_modem: ModemFactory, make_client: ClientFactory, result: str, error: type[Exception]
) -> None:
    """On a build without JS (a fallback scheme is waiting) a busy, setup or SIM-lock answer is
    reported as such at once: no second login with the other scheme."""
    modem = await make_modem("mc889")
    modem.login_result = result
    client = await make_client(modem)

    with pytest.raises(error):
        await client.login()

    assert modem.stats.logins == 1
    assert client.stats.failed_logins == 1


async def test_setup_and_sim_lock_are_told_apart(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """The two refusals carry different reasons, so the user is told what to do."""
    modem = await make_modem("mc889")
    client = await make_client(modem)
    modem.login_result = "6"
    with pytest.raises(ZteLoginRefusedError) as setup:
        await client.login()
    modem.login_result = "8"
    with pytest.raises(ZteLoginRefusedError) as sim_lock:
        await client.login()
    assert str(setup.value) != str(sim_lock.value)


async def test_bad_user_name_on_a_multi_user_build(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """Result 5 on a LOGIN_MULTI_USER build means the user name, not someone else's session."""
    modem = await make_modem("mf286")
    modem.login_result = "5"
    client = await make_client(modem, username="nobody")

    with pytest.raises(ZteAuthenticationError, match="user name"):
        await client.login()


async def test_stored_ld_scheme_without_a_nonce_sends_no_password(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A stored SHA-256+LD profile against a router that hands out no LD: a clear unsupported
    error, and no login attempt spent on a hash the router cannot check."""
    modem = await make_modem("mf286d")
    stored = LoginProfile(PasswordEncoding.SHA256_LD, AdDigest.MD5, firmware=modem.profile.wa_inner_version)
    client = await make_client(modem, profile=stored)

    with pytest.raises(ZteUnsupportedFirmwareError, match="nonce"):
        await client.login()

    assert modem.stats.logins == 0
    assert modem._attempts_left_now() == 5


@pytest.mark.parametrize(
    ("form", "username", "sent"),
    [
        (LoginForm.LOGIN_USERNAME, None, "admin"),
        (LoginForm.LOGIN_USERNAME, "boss", "boss"),
        (LoginForm.LOGIN_USERNAME_BASE64, None, "YWRtaW4="),
        (LoginForm.LOGIN_USERNAME_BASE64, "boss", "Ym9zcw=="),
    ],
)
async def test_login_builders_with_a_username_field(
    make_modem: ModemFactory,
    make_client: ClientFactory,
    monkeypatch: pytest.MonkeyPatch,
    form: LoginForm,
    username: str | None,
    sent: str,
) -> None:
    """OEM LOGIN builders carry the user name (default "admin"), as typed or base64."""
    modem = await make_modem("mf283")
    forms = _record_logins(modem, monkeypatch)
    stored = LoginProfile(
        PasswordEncoding.BASE64, AdDigest.NONE, login_form=form, firmware="BD_MF283V1.0.0B01"
    )
    client = await make_client(modem, profile=stored, username=username)

    await client.login()

    assert [(entry["goformId"], entry["username"]) for entry in forms] == [("LOGIN", sent)]
    assert "user" not in forms[0]


async def test_multi_user_build_without_write_token(
    make_modem: ModemFactory, make_client: ClientFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A LOGIN_MULTI_USER build that uses no AD logs in without one and reads."""
    modem = await make_modem(replace(PROFILES["mf286"], name="mf286_no_ad", ad_digest="none"))
    forms = _record_logins(modem, monkeypatch)
    client = await make_client(modem)

    profile = await client.login()

    assert profile.login_form is LoginForm.MULTI_USER
    assert profile.ad_digest is AdDigest.NONE
    assert forms[-1]["goformId"] == "LOGIN_MULTI_USER"
    assert forms[-1]["user"] == "admin"
    assert "AD" not in forms[-1]
    assert (await client.read()).values["lte_rsrp"] is not None


async def test_redirecting_web_server_is_unsupported(
    socket_enabled: None, make_client: ClientFactory
) -> None:
    """A web server that redirects goform requests to a login page is not a goform router."""

    async def redirect(request: web.Request) -> web.Response:
        raise web.HTTPFound("/login.html")

    app = web.Application()
    app.router.add_route("*", "/{path:.*}", redirect)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        port = runner.addresses[0][1]
        client = await make_client(f"http://127.0.0.1:{port}")
        with pytest.raises(ZteUnsupportedFirmwareError, match="redirected"):
            await client.login()
    finally:
        await runner.cleanup()


async def test_probe_reports_other_refusals_as_error(make_modem: ModemFactory) -> None:
    """A refusal with no exit code of its own (first-time setup) exits 1 with kind "error"."""
    modem = await make_modem("mc801a")
    modem.login_result = "6"
    args = build_parser().parse_args(["probe", "--host", modem.url, "--timeout", "2", "--json"])
    out = io.StringIO()

    code = await run_probe(args, out, "admin")

    assert code == EXIT_ERROR
    assert json.loads(out.getvalue())["error"] == "error"


# -- values that depend on the firmware -------------------------------------------------------


async def test_ambiguous_pci_follows_the_model_until_a_value_proves_it(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """PCI "100" reads the same way on every poll (decimal on an MF build) until a value only one
    notation can mean ("205" is 517 in hex, over the 503 maximum) confirms decimal."""
    modem = await make_modem("mf286d")
    modem.set_values({"lte_pci": "100"})
    client = await make_client(modem)

    assert (await client.read()).values["lte_pci"] == 100
    assert (await client.read()).values["lte_pci"] == 100
    assert client.profile is not None
    assert not client.profile.pci_confirmed

    modem.set_values({"lte_pci": "205"})
    assert (await client.read()).values["lte_pci"] == 205
    assert client.profile.pci_format is PciFormat.DECIMAL
    assert client.profile.pci_confirmed


# -- writes with a guessed write token --------------------------------------------------------


async def test_refused_write_keeps_the_guessed_token_that_works(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """No JS names the AD digest (MC889): a write the router refuses for its own reasons is not
    blamed on the guess; the next write still goes through with it."""
    modem, client = await _controls_setup(make_modem, make_client, "mc889")
    modem.controls.refuse = {"DISCONNECT_NETWORK"}

    with pytest.raises(ZteControlRefusedError):
        await client.set_mobile_data(False)
    failures = modem.ad_failures  # the one try of the other digest

    modem.controls.refuse = set()
    await client.set_mobile_data(False)

    assert modem.ad_failures == failures
    assert client.profile is not None
    assert client.profile.ad_digest is AdDigest.SHA256


# -- SMS --------------------------------------------------------------------------------------


async def test_sms_writes_with_no_ids_send_nothing(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """Marking or deleting an empty selection costs no request."""
    modem, client = await _controls_setup(make_modem, make_client)
    modem.stats.reset()

    await client.mark_sms_read([])
    await client.delete_sms([])

    assert modem.stats.requests == 0


async def test_refused_delete_is_an_error_and_keeps_the_message(
    make_modem: ModemFactory, make_client: ClientFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A router that answers failure to DELETE_SMS raises ZteSmsRefusedError; nothing is gone."""
    modem, client = await _controls_setup(make_modem, make_client)
    sms_write = modem._sms_write
    monkeypatch.setattr(
        modem, "_sms_write", lambda goform_id, form: goform_id != "DELETE_SMS" and sms_write(goform_id, form)
    )
    ids = [message.id for message in await client.list_sms()]

    with pytest.raises(ZteSmsRefusedError, match="delete"):
        await client.delete_sms(ids)

    assert [message.id for message in await client.list_sms()] == ids
    assert modem.ad_failures == 0


async def test_inbox_after_the_web_page_took_the_session(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """Someone else takes the session while loginfo still says "ok": the blank list is not taken
    for an empty inbox; the witnesses show the session gone, one login, the real list."""
    modem, client = await _controls_setup(make_modem, make_client, loginfo_lies=True)
    modem.inject_sms(NUMBER, "still here")
    logins = modem.stats.logins
    modem.web_ui_login()

    assert "still here" in [message.text for message in await client.list_sms()]
    assert modem.stats.logins == logins + 1


async def test_inbox_withheld_with_a_session_is_an_error_not_an_empty_list(
    make_modem: ModemFactory, make_client: ClientFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build that answers the list command without its key although the session holds: an
    error, never an empty inbox, and no login for it."""
    modem, client = await _controls_setup(make_modem, make_client)
    logins = modem.stats.logins
    real_get_json = client.transport.http.get_json

    async def without_messages(params: Mapping[str, str]) -> dict[str, object]:
        answer = await real_get_json(params)
        answer.pop("messages", None)
        return answer

    monkeypatch.setattr(client.transport.http, "get_json", without_messages)
    with pytest.raises(ZteSmsUnavailableError):
        await client.list_sms()
    assert modem.stats.logins == logins


async def test_status_after_the_web_page_took_the_session_during_a_send(
    make_modem: ModemFactory, make_client: ClientFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The web UI takes the session right after the router took the message: the status reads
    log in once more and report the message sent."""
    modem, client = await _controls_setup(make_modem, make_client, loginfo_lies=True)
    sms_write = modem._sms_write
    logins = modem.stats.logins

    def send_then_lose_session(goform_id: str, form: Mapping[str, str]) -> bool:
        accepted = sms_write(goform_id, form)
        modem.web_ui_login()
        return accepted

    monkeypatch.setattr(modem, "_sms_write", send_then_lose_session)

    assert (await client.send_sms(NUMBER, "hello")).ok
    assert len(modem.sms.sends) == 1
    assert modem.stats.logins == logins + 1


async def test_refused_again_is_still_refused_not_encrypted(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A firmware that does not encrypt SMS and refuses twice is told "refused" both times."""
    modem, client = await _controls_setup(make_modem, make_client)
    modem.sms.refuse_sends = 4

    for _ in range(2):
        with pytest.raises(ZteSmsRefusedError):
            await client.send_sms(NUMBER, "hello")


async def test_several_numbers_say_refused_and_timeout(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """Per-number reasons: "refused" for a message the router would not take, "timeout" for one
    whose status never came."""
    modem, client = await _controls_setup(make_modem, make_client)
    modem.sms.refuse_sends = 1  # the first number (never sent twice)

    result = await client.send_sms([NUMBER, OTHER], "hi")
    assert result.sent == [OTHER]
    assert result.reasons == {NUMBER: "refused"}

    client.timing.sms_send_timeout = 0.05
    modem.sms.hang_sends = True
    result = await client.send_sms([NUMBER, OTHER], "hi")
    assert result.sent == []
    assert result.reasons == {NUMBER: "timeout", OTHER: "timeout"}


# -- router controls --------------------------------------------------------------------------


async def test_controls_log_in_on_their_own(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """Reading the settings is the first call: the client logs in for it."""
    modem = await make_modem("mc801a")
    modem.controls.values["lte_pci_lock"] = "123"
    modem.controls.values["lte_earfcn_lock"] = "1300"
    client = await make_client(modem)

    await client.read_settings()

    assert modem.stats.logins == 1
    assert (await client.read()).controls.lte_cell_lock == "PCI 123 @ 1300"


async def test_settings_after_the_session_expired(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """An expired session on a settings read is renewed once; a session that never holds is an error."""
    modem, client = await _controls_setup(make_modem, make_client)
    modem.expire_sessions()
    await client.read_settings()
    assert modem.stats.logins == 2

    modem.idle_timeout = -1  # every session is gone by the next request
    with pytest.raises(ZteSessionError):
        await client.read_settings()


async def test_nr_cell_lock_not_reported_is_accepted(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A firmware that does not report nr5g_cell_lock cannot contradict the write."""
    modem, client = await _controls_setup(make_modem, make_client)
    modem.controls.ignore = {"NR5G_LOCK_CELL_SET"}
    modem.controls.values["nr5g_cell_lock"] = ""

    await client.set_cell_lock(rat="nr", pci=202, arfcn=639936)

    assert modem.controls.writes[-1][1]["nr5g_cell_lock"] == "202,639936,78,30"


async def test_ussd_router_timeout_status(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """Status 4: the router gave up waiting for the network; a timeout, not a failure."""
    modem, client = await _controls_setup(make_modem, make_client)
    modem.controls.ussd_statuses["*4#"] = "4"

    with pytest.raises(ZteUssdTimeoutError, match="router timeout"):
        await client.send_ussd("*4#")


async def test_ussd_cancel_failures(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """Cancel: a failure status is reported with the status; no end in time is a timeout."""
    modem, client = await _controls_setup(make_modem, make_client)
    with pytest.raises(ZteUssdFailedError):
        await client.send_ussd("*1#")  # no service: status 1
    modem.controls.ignore = {"USSD_PROCESS"}  # the router takes the cancel and does nothing

    with pytest.raises(ZteUssdFailedError) as caught:
        await client.ussd_cancel()
    assert caught.value.status == "1"

    fresh, client = await _controls_setup(make_modem, make_client)
    fresh.controls.ignore = {"USSD_PROCESS"}
    with pytest.raises(ZteUssdTimeoutError):
        await client.ussd_cancel(timeout=0.05)


async def test_ussd_answer_after_the_session_dropped(
    make_modem: ModemFactory, make_client: ClientFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session drops right after the router took the code: the client logs in again and still
    reads the answer."""
    modem, client = await _controls_setup(make_modem, make_client)
    write = modem.controls.write

    def write_then_expire(goform_id: str, form: Mapping[str, str], sim: ModemSimulator) -> bool:
        accepted = write(goform_id, form, sim)
        sim.expire_sessions()
        return accepted

    monkeypatch.setattr(modem.controls, "write", write_then_expire)

    assert await client.send_ussd("*100#") == "Your balance is 12.50 EUR. Valid until 31.12."
    assert modem.stats.logins == 2
    assert modem.controls.protocol_errors == []
