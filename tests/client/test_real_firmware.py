"""The client on simulator builds that have the shapes of real firmware (docs/detection.md)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from custom_components.zte_modem.zte import ZteBusyError, ZteLoginRefusedError, ZteUnsupportedFirmwareError
from custom_components.zte_modem.zte.goform import AdDigest, LoginForm, PciFormat
from tests.conftest import ClientFactory, ModemFactory
from tests.simulator.profiles import PROFILES

# Each real-firmware shape, and the construct it exercises.
REAL_SHAPES = {
    "f50": "AD wrapper cookWithRequest defined in js/util.js; model on no SHA-256 list",
    "mc888pro": "cookWithRequest AD, 5G values under nr5g_*/5g_* spellings, every temperature",
    "mf266": "the only login builder is LOGIN_MULTI_USER, no IS_SUPPORT_USERNAME flag",
    "mts81231": "flags and builder in js/config/service.js, no js/config/config.js",
    "mf761": "bundled js/set.js + js/com.js named by js/main.js require.config paths",
    "mf283": "AD-less build that omits ACCESSIBLE_ID_SUPPORT",
    "mf79u": "decimal PCI and a wrong wan_active_band",
    "mc888": "PCell band 0 with the EARFCN only in lte_ca_pcell_freq",
}


@pytest.mark.parametrize("name", sorted(REAL_SHAPES))
async def test_real_shape_logs_in_reads_and_writes(
    make_modem: ModemFactory, make_client: ClientFactory, name: str
) -> None:
    """Login, a read and a write (the write token checked where the build has one), at most one refusal."""
    modem = await make_modem(name, "pw")
    client = await make_client(modem, "pw")

    await client.login()
    snapshot = await client.read()
    await client.logout()  # LOGOUT carries AD on every AD build

    state = modem.snapshot_state()
    assert state["failed_logins"] <= 1, REAL_SHAPES[name]
    assert state["ad_failures"] == 0, REAL_SHAPES[name]
    assert state["logged_in"] is False
    assert client.detection is not None
    assert client.detection.confident, client.detection.evidence
    assert snapshot.values["lte_band"] == "B3"
    assert snapshot.values["lte_pci"] == (205 if modem.profile.pci_decimal else 0x1F4)


async def test_cook_with_request_build_reboots(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """The F50's writes carry a SHA-256 token although no model list names it: a reboot goes through."""
    modem = await make_modem("f50", "pw", reboot_seconds=0.2)
    client = await make_client(modem, "pw")

    await client.reboot()

    assert modem.stats.reboots == 1
    assert modem.snapshot_state()["ad_failures"] == 0
    assert client.profile is not None
    assert client.profile.ad_digest is AdDigest.SHA256


async def test_guessed_ad_digest_is_corrected_by_one_refused_write(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A wrapper nobody can resolve: MD5 is a guess; the refused write tries SHA-256 once and keeps it."""
    unknown_wrapper = replace(PROFILES["f50"], name="f50_unknown", ad_function="zq7")
    modem = await make_modem(unknown_wrapper, "pw", reboot_seconds=0.2)
    modem.web_ui["js/util.js"] = "function SHA256(s){return s}"  # zq7 defined nowhere
    client = await make_client(modem, "pw")

    await client.login()
    assert client.profile is not None
    assert client.profile.ad_digest is AdDigest.MD5
    assert not client.profile.ad_confident

    await client.reboot()

    assert modem.stats.reboots == 1
    assert client.profile is not None
    assert client.profile.ad_digest is AdDigest.SHA256
    assert client.profile.ad_confident
    assert modem.stats.failed_logins == 0


async def test_multi_user_only_build_sends_login_multi_user(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """MF266 operator firmware: LOGIN_MULTI_USER with user admin at the first attempt."""
    modem = await make_modem("mf266", "pw")
    client = await make_client(modem, "pw")

    profile = await client.login()

    assert profile.login_form is LoginForm.MULTI_USER
    assert modem.stats.failed_logins == 0


async def test_lying_loginfo_is_caught_by_blank_fields(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """loginfo=ok for somebody else's session: blank session fields prove ours is gone; one login."""
    modem = await make_modem("mc801a", loginfo_lies=True)
    client = await make_client(modem)
    await client.read()

    modem.web_ui_login()  # the web page takes the single session
    snapshot = await client.read()

    assert snapshot.values["lte_rsrp"] == -95
    assert modem.stats.logins == 2


async def test_lying_loginfo_is_caught_by_user_ip_addr(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A build that fills user_ip_addr: an empty one means logged out, whatever loginfo says."""
    modem = await make_modem("mc7010", loginfo_lies=True)
    client = await make_client(modem)
    await client.read()

    modem.web_ui_login()
    snapshot = await client.read()

    assert snapshot.values["nr5g_band"] == "n78"
    assert modem.stats.logins == 2


async def test_loginfo_outside_multi_data_lies_only_there(make_modem: ModemFactory) -> None:
    """The simulator reproduces the MC888 report: loginfo=ok without a session outside multi_data."""
    modem = await make_modem("mc888")
    modem.web_ui_login()
    assert modem._field("loginfo", logged_in=False, multi_data=False) == "ok"
    assert modem._field("loginfo", logged_in=False, multi_data=True) == ""


@pytest.mark.parametrize(
    ("result", "error", "detail"),
    [
        ("6", ZteLoginRefusedError, "setup_required"),
        ("8", ZteLoginRefusedError, "sim_locked"),
        ("7", ZteBusyError, None),
        ("5", ZteBusyError, None),
        ("failure", ZteUnsupportedFirmwareError, "login answered 'failure'"),
    ],
)
async def test_oem_login_results_are_not_wrong_passwords(
    make_modem: ModemFactory,
    make_client: ClientFactory,
    result: str,
    error: type[Exception],
    detail: str | None,
) -> None:
    """OEM codes get their own errors; none becomes a wrong password (no reauth, no guessing)."""
    modem = await make_modem("mc801a", "pw")
    modem.login_result = result
    client = await make_client(modem, "pw")

    with pytest.raises(error) as caught:
        await client.login()

    if detail is not None:
        assert detail in (getattr(caught.value, "reason", "") or str(caught.value))
    assert modem.stats.logins == 1  # no fallback guess on any of them


async def test_pci_notation_is_decided_once(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """MF79U: decimal PCI proven by a value, kept in the profile; a later ambiguous value stays decimal."""
    modem = await make_modem("mf79u")
    client = await make_client(modem)

    assert (await client.read()).values["lte_pci"] == 205
    assert client.profile is not None
    assert client.profile.pci_format is PciFormat.DECIMAL
    assert client.profile.pci_confirmed

    modem.set_values({"lte_pci": "123"})  # 0x123 = 291 would also be a valid PCI
    assert (await client.read()).values["lte_pci"] == 123


async def test_hex_pci_proven_by_letters_overrides_a_model_guess(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """An MF-named build that writes hex: the first value with a-f settles it."""
    modem = await make_modem("mf286d")
    client = await make_client(modem)
    modem.set_values({"lte_pci": "100"})
    assert (await client.read()).values["lte_pci"] == 100  # model guess: decimal
    modem.set_values({"lte_pci": "1A7"})
    assert (await client.read()).values["lte_pci"] == 423
    modem.set_values({"lte_pci": "100"})
    assert (await client.read()).values["lte_pci"] == 256
