"""Edge cases of the client library's pure parts: radio rasters, carrier rows, detection constructs,
band and cell-lock validation, USSD answers, SMS storage and dates, and the number parser."""

from __future__ import annotations

import runpy
import sys
from datetime import UTC, datetime

import pytest

from custom_components.zte_modem.zte import ZteControlValidationError, radio
from custom_components.zte_modem.zte.controls import nr_cell_lock
from custom_components.zte_modem.zte.exceptions import ZteSmsValidationError
from custom_components.zte_modem.zte.goform import AdDigest, Detection, LoginForm, PasswordEncoding
from custom_components.zte_modem.zte.goform.controls import (
    Capabilities,
    WebUi,
    parse_lte_mask,
    ussd_text,
    web_ui_lte_bands,
)
from custom_components.zte_modem.zte.goform.detect import detect, read_web_ui
from custom_components.zte_modem.zte.goform.fields import SOURCES
from custom_components.zte_modem.zte.goform.locks import (
    check_lte_bands,
    check_nr_bands,
    nr_lock_applied,
    read_nr_cell_lock,
)
from custom_components.zte_modem.zte.goform.plan import PLAN_FIELDS, DataPlan
from custom_components.zte_modem.zte.goform.sms_format import (
    CAPACITY_FIELDS,
    capacity_from_raw,
    parse_messages,
    parse_zone,
)
from custom_components.zte_modem.zte.sms import ids_beyond, normalize_numbers, ucs2_hex

# -- radio: the NR global raster ---------------------------------------------------------


def test_mmwave_arfcn_is_on_the_fr2_raster() -> None:
    """NR-ARFCN 2079167 lies 62500 steps of 60 kHz above 24250.08 MHz: 28 GHz, bands n257/n261."""
    assert radio.nr_frequency(2079167) == pytest.approx(28000.08)
    assert radio.nr_bands_of(2079167) == (257, 261)
    fields = {"nr5g_action_channel": "2079167"}
    assert SOURCES["nr5g_frequency"].value(fields) == pytest.approx(28000.08)
    assert SOURCES["nr5g_band"].value(fields) == "n257"
    # The modem's own band field decides between the two overlapping mmWave bands.
    assert SOURCES["nr5g_band"].value({**fields, "nr5g_action_band": "261"}) == "n261"


@pytest.mark.parametrize("arfcn", [-1, radio.MAX_NR_ARFCN + 1, 4_000_000])
def test_arfcn_outside_the_global_raster_has_no_frequency(arfcn: int) -> None:
    """Channels outside 0-3279165 have no frequency and no band (never a made-up one)."""
    assert radio.nr_frequency(arfcn) is None
    assert radio.nr_bands_of(arfcn) == ()


def test_top_of_the_raster_is_100_ghz_and_in_no_band() -> None:
    """The last NR-ARFCN is just under 100 GHz; no NR band reaches that high."""
    assert radio.nr_frequency(radio.MAX_NR_ARFCN) == pytest.approx(99999.96)
    assert radio.nr_bands_of(radio.MAX_NR_ARFCN) == ()


def test_lte_channel_in_no_band_has_no_frequency() -> None:
    """An EARFCN no 3GPP band holds is shown as the channel, with no band or frequency made up."""
    fields = {"lte_ca_pcell_arfcn": "70700", "lte_ca_pcell_band": ""}
    assert SOURCES["lte_earfcn"].value(fields) == 70700
    assert SOURCES["lte_band"].value(fields) is None
    assert SOURCES["lte_frequency"].value(fields) is None
    assert radio.lte_dl_frequency(70700) is None


# -- carrier aggregation rows -------------------------------------------------------------


def test_nr_secondary_cells_are_listed_after_the_primary() -> None:
    """nr_multi_ca_scell_info rows: the channel decides the band, the label counts when it fits,
    a row without channel keeps its label, and rows with neither are skipped."""
    rows = ";".join(
        [
            "1,500,2,n75,292330,30MHz",  # label and channel agree
            "2,10,1,n1,292330,20",  # 292330 (1461.65 MHz) is no n1 channel: the channel wins
            "3,7,1,,",  # nothing at all
            "4,8,1,n28",  # a label, no channel
            "5,9,1,,0,10",  # ARFCN 0 is not on the raster, no label either
            "",
        ]
    )
    fields = {"nr5g_action_channel": "627264", "nr5g_action_band": "78", "nr_multi_ca_scell_info": rows}
    assert SOURCES["nr5g_ca_bands"].value(fields) == "n78+n75+n75+n28"
    assert SOURCES["nr5g_ca_bands"].value({**fields, "nr_multi_ca_scell_info": ""}) == "n78"


def test_lte_secondary_cell_without_band_or_channel_is_skipped() -> None:
    """An LTE CA row that names neither band nor channel adds nothing; the others still count."""
    fields = {"lte_ca_pcell_band": "3", "lte_multi_ca_scell_info": "1,64,2,,,20;2,65,2,7,3100,20;"}
    assert SOURCES["lte_ca_bands"].value(fields) == "B3+B7"


# -- detection constructs -------------------------------------------------------------------


async def _detect_files(files: dict[str, str], *, firmware: str = "", username: bool = False) -> Detection:
    async def fetch(path: str) -> str | None:
        return files.get(path)

    web_ui = await read_web_ui(fetch)
    return detect(web_ui, ld="", rd="", firmware=firmware, username_given=username)


async def test_sha256_flag_zero_without_password_encode_is_base64() -> None:
    """Construct: WEB_ATTR_IF_SUPPORT_SHA256:0 and no PASSWORD_ENCODE key: the stock base64 default."""
    detection = await _detect_files(
        {
            "js/config/config.js": "define(function(){return{WEB_ATTR_IF_SUPPORT_SHA256:0}});",
            "js/service.js": 'x={goformId:"LOGIN",password:Base64.encode(p.password)};',
        }
    )
    assert detection.password_encoding is PasswordEncoding.BASE64
    assert detection.password_confident
    assert detection.fallback_encoding() is None
    assert any("WEB_ATTR_IF_SUPPORT_SHA256=0" in line for line in detection.evidence)


async def test_accessible_id_support_off_means_no_write_token() -> None:
    """Construct: ACCESSIBLE_ID_SUPPORT:!1 and no rd0+rd1 call: writes carry no AD, confidently."""
    detection = await _detect_files(
        {
            "js/config/config.js": "define(function(){return{ACCESSIBLE_ID_SUPPORT:!1,PASSWORD_ENCODE:!0}});",
            "js/service.js": 'x={goformId:"LOGIN",password:p.password};y.AD=token;',
        },
        firmware="BD_MC888V1.0.0B01",
    )
    assert detection.ad_digest is AdDigest.NONE
    assert detection.ad_confident
    assert any("ACCESSIBLE_ID_SUPPORT off in js/config/config.js" in line for line in detection.evidence)


async def test_both_builders_and_the_username_flag_mean_multi_user() -> None:
    """Construct: LOGIN and LOGIN_MULTI_USER builders; IS_SUPPORT_USERNAME:!0 picks the multi-user one."""
    service = 'a={goformId:"LOGIN",password:e};b={goformId:"LOGIN_MULTI_USER",user:u,password:e};'
    detection = await _detect_files(
        {"js/config/config.js": "c={IS_SUPPORT_USERNAME:!0,PASSWORD_ENCODE:!0}", "js/service.js": service}
    )
    assert detection.login_form is LoginForm.MULTI_USER
    assert detection.form_confident
    assert detection.fallback_form() is None


@pytest.mark.parametrize(("username", "form"), [(False, LoginForm.LOGIN), (True, LoginForm.MULTI_USER)])
async def test_both_builders_without_a_flag_follow_the_users_hint(username: bool, form: LoginForm) -> None:
    """Construct: both builders, no flag: the user name typed in setup decides, and the other
    builder stays as the one fallback."""
    service = 'a={goformId:"LOGIN",password:e};b={goformId:"LOGIN_MULTI_USER",user:u,password:e};'
    detection = await _detect_files(
        {"js/config/config.js": "c={PASSWORD_ENCODE:!0}", "js/service.js": service}, username=username
    )
    assert detection.login_form is form
    assert not detection.form_confident
    assert detection.fallback_form() is (LoginForm.MULTI_USER if form is LoginForm.LOGIN else LoginForm.LOGIN)


async def test_username_flag_without_any_builder_is_a_guess() -> None:
    """Construct: IS_SUPPORT_USERNAME:true but no login builder found: multi-user, not confident."""
    detection = await _detect_files(
        {"js/config/config.js": "c={IS_SUPPORT_USERNAME:true,PASSWORD_ENCODE:true}"}
    )
    assert detection.login_form is LoginForm.MULTI_USER
    assert not detection.form_confident
    assert detection.fallback_form() is LoginForm.LOGIN


async def test_builder_fields_are_read_across_nested_objects() -> None:
    """The builder's own object literal is read whole, nested objects and all, and nothing of the
    object before it: a `username:` elsewhere does not make the form send one."""
    service = (
        'var other={username:"x"};'
        'function l(p){return{opts:{a:{b:1}},goformId:"LOGIN",cfg:{c:2},'
        "username:Base64.encode(p.username),password:p.password}}"
    )
    detection = await _detect_files({"js/service.js": service})
    assert detection.login_form is LoginForm.LOGIN_USERNAME_BASE64
    assert detection.password_encoding is PasswordEncoding.PLAIN

    plain = 'var other={username:"x"};function l(p){return{opts:{a:1},goformId:"LOGIN",cfg:{c:2},password:h}}'
    detection = await _detect_files({"js/service.js": plain})
    assert detection.login_form is LoginForm.LOGIN
    # `password:h` is no plain `p.password`: nothing in the builder settles the encoding.
    assert not detection.password_confident


async def test_builder_outside_any_object_is_still_found() -> None:
    """A builder written as bare assignments (no enclosing braces) still names the login form."""
    detection = await _detect_files({"js/service.js": 'params.goformId="LOGIN"; params.password=h;'})
    assert detection.login_form is LoginForm.LOGIN
    assert detection.form_confident


async def test_main_js_without_paths_uses_the_default_names() -> None:
    """Construct: js/main.js with a baseUrl and no paths: the modules keep their own names."""
    files = {
        "js/main.js": 'require.config({baseUrl:"js"});',
        "js/set.js": "config={WEB_ATTR_IF_SUPPORT_SHA256:1}",
        "js/service.js": 'x={goformId:"LOGIN",password:e}',
    }
    detection = await _detect_files(files)
    assert detection.password_encoding is PasswordEncoding.SHA256_BASE64
    assert detection.login_form is LoginForm.LOGIN


async def test_wrapper_that_transforms_its_argument_is_not_trusted() -> None:
    """Construct: `function zq7(e){return SHA256(x)}` does not hash its argument: no resolution."""
    files = {
        "js/service.js": 'x={goformId:"LOGIN",password:e};y.AD=zq7(rd0+rd1);',
        "js/util.js": "function zq7(e){return SHA256(x)}",
    }
    detection = await _detect_files(files, firmware="BD_MF286V1.0.0B02")
    assert not detection.ad_confident
    assert detection.ad_digest is AdDigest.MD5


# -- band and cell locks ----------------------------------------------------------------------


def test_lte_masks_that_are_not_hex_are_ignored() -> None:
    """A band mask field with junk reads as no mask, not as an error."""
    assert parse_lte_mask("0xZZ") is None
    assert parse_lte_mask("bands") is None
    assert parse_lte_mask("") is None
    assert parse_lte_mask("0x80005") == 0x80005


def test_web_ui_band_list_by_mask_or_only_all() -> None:
    """FREQUENCY_TYPE_4G entries named by something else than a number count by their mask; a list
    with only "all" gives the bands of that mask."""
    by_mask = WebUi(
        {"js/config/config.js": 'FREQUENCY_TYPE_4G:[{name:"LTE B3",value:"0x4"},{name:"x",value:"0x80000"}]'}
    )
    assert web_ui_lte_bands(by_mask) == (frozenset({3, 20}), 0x80004)
    only_all = WebUi({"js/config/config.js": 'FREQUENCY_TYPE_4G:[{name:"all",value:"0x80005"}]'})
    assert web_ui_lte_bands(only_all) == (frozenset({1, 3, 20}), 0x80005)
    empty = WebUi({"js/config/config.js": 'FREQUENCY_TYPE_4G:[{name:"none",value:""}]'})
    assert web_ui_lte_bands(empty) == (None, None)


def _capabilities(nr_all: tuple[int, ...] = (1, 3, 28, 78)) -> Capabilities:
    return Capabilities(
        network_modes=("WL_AND_5G",),
        modes_from_web_ui=False,
        has_5g=True,
        lte_bands=frozenset({1, 3, 20}),
        lte_all_mask=0x80005,
        nr_bands=frozenset(nr_all),
        nr_all=nr_all,
    )


def _check_lte(bands: list[int]) -> int:
    offered = _capabilities()
    return check_lte_bands(bands, supported=offered.lte_bands, all_mask=offered.lte_all_mask)


def _check_nr(bands: list[int]) -> tuple[int, ...]:
    offered = _capabilities()
    return check_nr_bands(bands, has_5g=offered.has_5g, supported=offered.nr_bands, all_bands=offered.nr_all)


def test_empty_band_lists_unlock_every_supported_band() -> None:
    """An empty list asks for every band the router supports, in its own "all" form."""
    assert _check_nr([]) == (1, 3, 28, 78)
    assert _check_lte([]) == 0x80005
    assert _check_nr([78, 3]) == (3, 78)
    with pytest.raises(ZteControlValidationError):
        _check_nr([True])  # a bool is no band number


def test_nr_lock_read_back() -> None:
    """The SA list is read back, else the NSA one; neither reported is "unknown", not "wrong"."""
    assert nr_lock_applied("", "", [78]) is None
    assert nr_lock_applied("78,3", "", [3, 78]) is True
    assert nr_lock_applied("", "n78", [78]) is True
    assert nr_lock_applied("1,78", "78", [78]) is False


def test_nr_cell_lock_needs_both_pci_and_arfcn_and_a_real_channel() -> None:
    """PCI without ARFCN (or the other way round), or a channel in no NR band, is refused."""
    with pytest.raises(ZteControlValidationError, match="both"):
        nr_cell_lock(pci=1, arfcn=None, band=None, scs=None, clear=False)
    with pytest.raises(ZteControlValidationError, match="both"):
        nr_cell_lock(pci=None, arfcn=627264, band=None, scs=None, clear=False)
    with pytest.raises(ZteControlValidationError, match="no NR band"):
        nr_cell_lock(pci=1, arfcn=radio.MAX_NR_ARFCN, band=None, scs=None, clear=False)
    lock = nr_cell_lock(pci=1, arfcn=2079167, band=261, scs=120, clear=False)
    assert (lock.band, lock.scs) == (261, 120)
    # A mmWave band is not one of the 30 kHz mid bands: 15 kHz is the default when none is given.
    assert nr_cell_lock(pci=1, arfcn=158200, band=None, scs=None, clear=False).scs == 15


@pytest.mark.parametrize("raw", ["202,639936,78", "202,639936,78,30,1", "202,x,78,30", "", "-"])
def test_malformed_nr_cell_lock_reads_as_none(raw: str) -> None:
    """A stored NR lock that is not four numbers is no lock, and no sensor shows garbage."""
    assert read_nr_cell_lock(raw) is None
    assert SOURCES["nr5g_cell_lock"].value({"nr5g_cell_lock": raw}) is None


@pytest.mark.parametrize("size", ["lots_1024", "-5_1024", "100_0", "100_x"])
def test_data_plan_limit_junk_means_no_limit(size: str) -> None:
    """A limit that is not amount_unit with a positive unit is no limit at all."""
    values = dict.fromkeys(PLAN_FIELDS, "")
    values |= {
        "data_volume_limit_switch": "1",
        "data_volume_limit_unit": "data",
        "data_volume_limit_size": size,
    }
    plan = DataPlan.from_values(values)
    assert plan.limit_mb is None
    assert plan.limit_bytes is None


# -- USSD answers -----------------------------------------------------------------------------


def test_ussd_answer_falls_back_to_the_info_field() -> None:
    """Builds that put the text under ussd_data_info instead of ussd_data are read too."""
    assert ussd_text({"ussd_data": "", "ussd_data_info": ucs2_hex("Saldo 5 EUR")}) == "Saldo 5 EUR"
    assert ussd_text({"ussd_data_info": "  plain text  "}) == "plain text"
    assert ussd_text({"ussd_data": None}) == ""


# -- SMS storage, numbers and dates -------------------------------------------------------------


def test_sim_full_and_stored_count() -> None:
    """The SIM counts separately from the device memory; the stored total adds both."""
    raw = {
        "sms_nv_total": "100",
        "sms_nv_rev_total": "10",
        "sms_nv_send_total": "2",
        "sms_nv_draftbox_total": "0",
        "sms_sim_total": "20",
        "sms_sim_rev_total": "15",
        "sms_sim_send_total": "5",
        "sms_sim_draftbox_total": "",
    }
    capacity = capacity_from_raw(raw)
    assert capacity.sim_used == 20
    assert capacity.sim_full
    assert not capacity.nv_full
    assert not capacity.full  # new messages land in the device memory, which has room
    assert SOURCES["sms_stored"].value(raw) == 32
    assert SOURCES["sms_storage_full"].value(raw) is False
    assert SOURCES["sms_stored"].value(dict.fromkeys(CAPACITY_FIELDS, "")) is None


def test_number_that_is_not_text_is_refused_by_position() -> None:
    """A list entry that is not a string is named by its position, never echoed."""
    with pytest.raises(ZteSmsValidationError, match="Number 2 is not text"):
        normalize_numbers(["+46701234567", 46701234567])  # type: ignore[list-item]


@pytest.mark.parametrize("zone", ["+15.5", "-14.25", "+1401"])
def test_zones_beyond_14_hours_are_not_zones(zone: str) -> None:
    """No place on earth is more than 14 hours from UTC: such a field is no zone."""
    assert parse_zone(zone) is None


def test_sms_list_that_is_not_json_is_empty() -> None:
    """A truncated `messages` text gives no messages rather than an error."""
    assert parse_messages('[{"id":"1",') == ([], [])
    assert parse_messages("   ") == ([], [])


def test_duplicate_sms_rows_keep_the_longer_regardless_of_order() -> None:
    """The longer content wins whether it is listed first or last."""
    longer = {"id": "7", "content": ucs2_hex("hello world"), "tag": "1", "date": "24,05,10,12,00,00,+8"}
    shorter = {**longer, "content": ucs2_hex("hello")}
    now = datetime(2024, 5, 10, tzinfo=UTC)
    for rows in ([longer, shorter], [shorter, longer]):
        messages, skipped = parse_messages(rows, now=now)
        assert [message.text for message in messages] == ["hello world"]
        assert skipped == []


def test_keep_latest_cannot_be_negative() -> None:
    """Keeping -1 messages makes no sense and deletes nothing."""
    with pytest.raises(ZteSmsValidationError):
        ids_beyond([], -1)


# -- numbers -----------------------------------------------------------------------------------


def test_sentinel_written_with_trailing_zero_is_still_a_sentinel() -> None:
    """-3276.80 is the same "no value" as -3276.8: no 5G SINR rather than a -3276.8 dB reading."""
    assert SOURCES["nr5g_sinr"].value({"Z5g_SINR": "-3276.80"}) is None
    assert SOURCES["nr5g_sinr"].value({"Z5g_SINR": "-3.50"}) == -3.5


# -- the command entry point ---------------------------------------------------------------------


def test_module_runs_as_a_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`python -m custom_components.zte_modem.zte --help` prints the usage and exits 0."""
    monkeypatch.setattr(sys, "argv", ["zte", "--help"])
    with pytest.raises(SystemExit) as caught:
        runpy.run_module("custom_components.zte_modem.zte", run_name="__main__")
    assert caught.value.code == 0
    assert "probe" in capsys.readouterr().out
