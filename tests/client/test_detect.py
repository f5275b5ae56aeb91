"""Detection from the router's JS and from field heuristics."""

from __future__ import annotations

import pytest

from custom_components.zte_modem.zte.detect import detect
from custom_components.zte_modem.zte.profile import AdDigest, PasswordEncoding
from tests.simulator.profiles import PROFILES, config_js, service_js


@pytest.mark.parametrize("name", [name for name, profile in PROFILES.items() if profile.serve_js])
def test_detect_from_router_js(name: str) -> None:
    """Every simulated build is recognised from its JS alone, with confidence."""
    profile = PROFILES[name]
    detection = detect(config_js(profile), service_js(profile), ld="", rd="", firmware="")
    expected_encoding = {
        2: PasswordEncoding.SHA256_LD,
        1: PasswordEncoding.SHA256_BASE64,
        None: PasswordEncoding.BASE64,
    }[profile.sha256_flag]
    assert detection.password_encoding is expected_encoding
    assert detection.ad_digest is AdDigest(profile.ad_digest)
    assert detection.multi_user is profile.multi_user
    assert detection.confident
    assert detection.fallback() is None


def test_plain_password_when_encoding_off() -> None:
    """Old UIs with PASSWORD_ENCODE off send the password as is."""
    detection = detect("config={PASSWORD_ENCODE:!1}", None, ld="", rd="", firmware="")
    assert detection.password_encoding is PasswordEncoding.PLAIN
    assert detection.ad_digest is AdDigest.NONE


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
    """No JS: LD says SHA-256 login, the model says the AD digest."""
    detection = detect(None, None, ld=ld, rd=rd, firmware=firmware)
    assert detection.password_encoding is encoding
    assert detection.ad_digest is digest
    assert not detection.confident
    expected_fallback = PasswordEncoding.SHA256_BASE64 if encoding is PasswordEncoding.BASE64 else None
    assert detection.fallback() is expected_fallback
