"""Learn a firmware's login scheme from the JavaScript the router itself serves."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .parse import clean
from .profile import AdDigest, PasswordEncoding

_FLAG = re.compile(r"WEB_ATTR_IF_SUPPORT_SHA256\s*:\s*[\"']?(\d)")
_BOOL_TRUE = r"\s*:\s*(?:!0|true|1)\b"
_PASSWORD_ENCODE_OFF = re.compile(r"PASSWORD_ENCODE\s*:\s*(?:!1|false|0)\b")
_USERNAME = re.compile(r"IS_SUPPORT_USERNAME" + _BOOL_TRUE)
_ACCESSIBLE_ID = re.compile(r"ACCESSIBLE_ID_SUPPORT" + _BOOL_TRUE)
_AD_SHA256 = re.compile(r"(?:SHA256|paswordAlgorithmsCookie)\s*\(\s*rd0\s*\+\s*rd1\s*\)")
_AD_MD5 = re.compile(r"hex_md5\s*\(\s*rd0\s*\+\s*rd1\s*\)")
# MC888/MC889 and the MF935 family use SHA-256 for AD when the JS cannot tell.
_SHA256_AD_MODELS = re.compile(r"MC888|MC889|MF935|F30PRO", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Detection:
    """A login scheme guess and how sure we are of it."""

    password_encoding: PasswordEncoding
    ad_digest: AdDigest
    multi_user: bool
    confident: bool

    def fallback(self) -> PasswordEncoding | None:
        """The one alternative encoding worth a second attempt, if any."""
        if self.confident:
            return None
        if self.password_encoding is PasswordEncoding.BASE64:
            return PasswordEncoding.SHA256_BASE64
        return None


def detect(
    config_js: str | None,
    service_js: str | None,
    *,
    ld: str,
    rd: str,
    firmware: str,
) -> Detection:
    """Combine the router's JS (best) with field heuristics (fallback)."""
    if config_js and ("WEB_ATTR_IF_SUPPORT_SHA256" in config_js or "PASSWORD_ENCODE" in config_js):
        flag_match = _FLAG.search(config_js)
        flag = flag_match.group(1) if flag_match else "0"
        if flag == "2":
            encoding = PasswordEncoding.SHA256_LD
        elif flag == "1":
            encoding = PasswordEncoding.SHA256_BASE64
        elif _PASSWORD_ENCODE_OFF.search(config_js):
            encoding = PasswordEncoding.PLAIN
        else:
            encoding = PasswordEncoding.BASE64
        confident = True
    else:
        encoding = PasswordEncoding.SHA256_LD if clean(ld) else PasswordEncoding.BASE64
        confident = False

    ad_digest = _detect_ad(config_js, service_js, rd=rd, firmware=firmware)
    multi_user = bool(config_js and _USERNAME.search(config_js))
    return Detection(encoding, ad_digest, multi_user, confident)


def _detect_ad(config_js: str | None, service_js: str | None, *, rd: str, firmware: str) -> AdDigest:
    if service_js:
        if _AD_SHA256.search(service_js):
            return AdDigest.SHA256
        if _AD_MD5.search(service_js):
            return AdDigest.MD5
    if config_js and "ACCESSIBLE_ID_SUPPORT" in config_js and not _ACCESSIBLE_ID.search(config_js):
        return AdDigest.NONE
    if not clean(rd) and not (config_js and _ACCESSIBLE_ID.search(config_js)):
        return AdDigest.NONE
    return AdDigest.SHA256 if _SHA256_AD_MODELS.search(firmware) else AdDigest.MD5
