"""Password encodings and the AD token, as the stock web UI computes them."""

from __future__ import annotations

import base64
import hashlib

from .profile import AdDigest, PasswordEncoding


def sha256_upper(text: str) -> str:
    """SHA-256 as the firmware's own SHA256(): uppercase hex of the UTF-8 text."""
    return hashlib.sha256(text.encode()).hexdigest().upper()


def md5_lower(text: str) -> str:
    """MD5 as the firmware's hex_md5(): lowercase hex."""
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def encode_password(password: str, encoding: PasswordEncoding, ld: str = "") -> str:
    """Build the LOGIN `password` field."""
    if encoding is PasswordEncoding.PLAIN:
        return password
    b64 = base64.b64encode(password.encode()).decode()
    if encoding is PasswordEncoding.BASE64:
        return b64
    if encoding is PasswordEncoding.SHA256_BASE64:
        return sha256_upper(b64)
    # The first round must be uppercase before concatenation, like the firmware.
    return sha256_upper(sha256_upper(password) + ld.upper())


def ad_token(digest: AdDigest, wa_inner_version: str, cr_version: str, rd: str) -> str:
    """AD = H(H(wa_inner_version + cr_version) + RD); empty when the build has no AD."""
    if digest is AdDigest.NONE:
        return ""
    hash_fn = sha256_upper if digest is AdDigest.SHA256 else md5_lower
    return hash_fn(hash_fn(wa_inner_version + cr_version) + rd)
