"""Detection from the router's own JS, each test naming the real-firmware construct it reads."""

from __future__ import annotations

from dataclasses import replace

import pytest

from custom_components.zte_modem.zte.goform import AdDigest, Detection, LoginForm, PasswordEncoding
from custom_components.zte_modem.zte.goform.controls import WebUi
from custom_components.zte_modem.zte.goform.detect import detect, read_web_ui
from tests.simulator.profiles import PROFILES, SimProfile, web_ui_files

ENCODING_OF_FLAG = {
    2: PasswordEncoding.SHA256_LD,
    1: PasswordEncoding.SHA256_BASE64,
    None: PasswordEncoding.BASE64,
}


async def _detect_files(files: dict[str, str], *, firmware: str = "", username: bool = False) -> Detection:
    requested: list[str] = []

    async def fetch(path: str) -> str | None:
        requested.append(path)
        return files.get(path)

    web_ui = await read_web_ui(fetch)
    assert len(requested) == len(set(requested)), "a file was fetched twice"
    return detect(web_ui, ld="", rd="", firmware=firmware, username_given=username)


async def _detect_profile(profile: SimProfile) -> Detection:
    # The firmware name is withheld: the JS alone must decide, no model-name list.
    return await _detect_files(web_ui_files(profile))


@pytest.mark.parametrize("name", [name for name, profile in PROFILES.items() if profile.serve_js])
async def test_every_simulated_build_is_read_from_its_js(name: str) -> None:
    """Every simulated build is recognised from its JS alone, with confidence."""
    profile = PROFILES[name]
    detection = await _detect_profile(profile)
    assert detection.password_encoding is ENCODING_OF_FLAG[profile.sha256_flag]
    assert detection.ad_digest is AdDigest(profile.ad_digest)
    assert detection.multi_user is profile.multi_user
    assert detection.confident, detection.evidence
    assert detection.fallback_encoding() is None
    assert detection.fallback_form() is None


async def test_ad_wrapper_cook_with_request_resolves_to_sha256() -> None:
    """Construct: `cookWithRequest(rd0+rd1)` with the wrapper defined in js/util.js (F50, MC888 Pro)."""
    detection = await _detect_profile(PROFILES["f50"])
    assert detection.ad_digest is AdDigest.SHA256
    assert any("cookWithRequest(rd0+rd1)" in line for line in detection.evidence)


async def test_unknown_ad_wrapper_is_resolved_one_hop_through_util_js() -> None:
    """Construct: an AD function of any name, `function NAME(e){return SHA256(e)}` in js/util.js."""
    detection = await _detect_profile(replace(PROFILES["f50"], ad_function="zq7"))
    assert detection.ad_digest is AdDigest.SHA256
    assert detection.ad_confident
    assert any("defined in js/util.js as SHA256()" in line for line in detection.evidence)


async def test_unresolved_ad_wrapper_says_not_confident() -> None:
    """Construct: an AD function whose definition is nowhere: a guess, said to be one."""
    files = web_ui_files(replace(PROFILES["f50"], ad_function="zq7"))
    files["js/util.js"] = "function other(e){return e}"
    detection = await _detect_files(files, firmware="BD_ZTEF50V1.0.0B09")
    assert not detection.ad_confident
    assert detection.ad_digest is AdDigest.MD5
    assert any("not resolved" in line for line in detection.evidence)


async def test_only_multi_user_builder_means_multi_user() -> None:
    """Construct: the only builder is `goformId:"LOGIN_MULTI_USER",user:...` (MF266), no config flag."""
    files = web_ui_files(PROFILES["mf266"])
    assert "IS_SUPPORT_USERNAME" not in "".join(files.values())
    detection = await _detect_files(files)
    assert detection.login_form is LoginForm.MULTI_USER
    assert detection.form_confident


async def test_username_inside_login_builder_is_sent() -> None:
    """Construct: a plain LOGIN builder carrying a base64 `username` field (OEM builds)."""
    files = {
        "js/config/config.js": "define(function(){return{PASSWORD_ENCODE:!0}});",
        "js/service.js": (
            'function l(p){return{isTest:t,goformId:"LOGIN",username:Base64.encode(p.username),'
            "password:n.PASSWORD_ENCODE?Base64.encode(p.password):p.password}}"
        ),
    }
    detection = await _detect_files(files)
    assert detection.login_form is LoginForm.LOGIN_USERNAME_BASE64
    assert detection.ad_digest is AdDigest.NONE


async def test_flags_and_builder_in_config_service_js() -> None:
    """Construct: no js/config/config.js; flags and builder in js/config/service.js (MTS 81231FT)."""
    detection = await _detect_profile(PROFILES["mts81231"])
    assert detection.password_encoding is PasswordEncoding.BASE64
    assert detection.ad_digest is AdDigest.NONE
    assert any("js/config/service.js" in line for line in detection.evidence)


async def test_bundled_build_is_found_through_main_js_paths() -> None:
    """Construct: `require.config({paths:{service:"com"}})` in js/main.js, flags in js/set.js (ZXIC)."""
    detection = await _detect_profile(PROFILES["mf761"])
    assert detection.password_encoding is PasswordEncoding.BASE64
    assert detection.ad_digest is AdDigest.NONE
    assert detection.confident
    evidence = " ".join(detection.evidence)
    assert "js/set.js" in evidence
    assert "js/com.js" in evidence


async def test_ad_less_build_omits_accessible_id_support() -> None:
    """Construct: a builder and no `.AD=` anywhere, and no ACCESSIBLE_ID_SUPPORT key: no AD."""
    files = web_ui_files(PROFILES["mf283"])
    assert "ACCESSIBLE_ID_SUPPORT" not in "".join(files.values())
    detection = await _detect_files(files, firmware="BD_MC888V1.0.0B01")
    assert detection.ad_digest is AdDigest.NONE
    assert detection.ad_confident


async def test_device_override_wins_over_base_config() -> None:
    """Construct: DEVICE:"cpe/MF253V" names js/config/cpe/MF253V/config.js, whose flags win."""
    files = web_ui_files(PROFILES["mc801a"])
    files["js/config/cpe/MF253V/config.js"] = "define(function(){return{WEB_ATTR_IF_SUPPORT_SHA256:1}});"
    detection = await _detect_files(files)
    assert detection.password_encoding is PasswordEncoding.SHA256_BASE64
    assert any("js/config/cpe/MF253V/config.js" in line for line in detection.evidence)


async def test_plain_password_builder_without_flags() -> None:
    """Construct: a builder that posts `password:p.password` and no flag at all (MF667 dev UI)."""
    detection = await _detect_files({"js/service.js": 'x={goformId:"LOGIN",password:p.password}'})
    assert detection.password_encoding is PasswordEncoding.PLAIN
    assert detection.password_confident


async def test_plain_password_when_encoding_off() -> None:
    """Construct: PASSWORD_ENCODE:!1 in the config: the password goes as typed."""
    detection = await _detect_files({"js/config/config.js": "config={PASSWORD_ENCODE:!1}"})
    assert detection.password_encoding is PasswordEncoding.PLAIN


@pytest.mark.parametrize(
    ("ld", "rd", "firmware", "encoding", "digest"),
    [
        ("AB" * 32, "ab" * 16, "BD_H3GUKMC888AV1.0.0B03", PasswordEncoding.SHA256_LD, AdDigest.SHA256),
        ("AB" * 32, "ab" * 16, "BD_UKH3GMC801AV1.0.0B15", PasswordEncoding.SHA256_LD, AdDigest.MD5),
        ("", "ab" * 16, "BD_MF286V1.0.0B02", PasswordEncoding.BASE64, AdDigest.MD5),
        ("", "", "BD_MF283V1.0.0B01", PasswordEncoding.BASE64, AdDigest.NONE),
    ],
)
def test_heuristics_without_js(
    ld: str, rd: str, firmware: str, encoding: PasswordEncoding, digest: AdDigest
) -> None:
    """No JS: LD says SHA-256 login, the model says the AD digest, and neither is called confident."""
    detection = detect(WebUi(), ld=ld, rd=rd, firmware=firmware, username_given=False)
    assert detection.password_encoding is encoding
    assert detection.ad_digest is digest
    assert not detection.confident
    expected_fallback = PasswordEncoding.SHA256_BASE64 if encoding is PasswordEncoding.BASE64 else None
    assert detection.fallback_encoding() is expected_fallback
    assert detection.fallback_form() is LoginForm.MULTI_USER
