"""The SMS field encryption of newer web pages: an AES-256 session key, handed to the router under RSA.

The same on both APIs, only the carrier differs (../shared/docs/ubus-protocol.md §2.6 for ubus,
§4.1 for goform): 32 random bytes; their 64-character lowercase hex string, RSA PKCS#1 v1.5
encrypted with the router's public key (`web_crt_get`, a PEM without line breaks) and sent
base64-encoded (`web_http_enstr_set`);
then each SMS number and text travels as base64( IV ‖ tag ‖ ciphertext ) of AES-256-GCM with
a 12-byte IV and a 16-byte tag. Nothing here logs or keeps more than the key object.

`cryptography` ships with Home Assistant; it is imported when a key is made, so the probe runs
without it (it reads no SMS).
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import textwrap

IV_BYTES = 12
TAG_BYTES = 16
KEY_BYTES = 32
_HEX = re.compile(r"[0-9A-Fa-f]*")
_PEM = re.compile(r"-----BEGIN ([A-Z ]+)-----(.*?)-----END \1-----", re.DOTALL)


class SmsCipher:
    """One session's AES key."""

    __slots__ = ("_key",)

    def __init__(self, key: bytes) -> None:
        self._key = key

    def __repr__(self) -> str:
        return "SmsCipher(<key>)"

    @classmethod
    def new(cls) -> SmsCipher:
        """A fresh random key."""
        return cls(os.urandom(KEY_BYTES))

    def wrapped(self, pem: str) -> str:
        """The key as `web_http_enstr_set` takes it: base64 of RSA PKCS#1 v1.5 over the hex string."""
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import padding, rsa

        public_key = serialization.load_pem_public_key(with_line_breaks(pem).encode())
        if not isinstance(public_key, rsa.RSAPublicKey):
            raise ValueError("the router's key is not an RSA key")
        return base64.b64encode(public_key.encrypt(self._key.hex().encode(), padding.PKCS1v15())).decode()

    def encrypt(self, text: str) -> str:
        """base64( IV ‖ tag ‖ ciphertext )."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        iv = os.urandom(IV_BYTES)
        sealed = AESGCM(self._key).encrypt(iv, text.encode(), None)  # ciphertext ‖ tag
        return base64.b64encode(iv + sealed[-TAG_BYTES:] + sealed[:-TAG_BYTES]).decode()

    def decrypt(self, blob: str) -> str | None:
        """The text of an encrypted field; None when it is not one (or not for this key)."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            raw = base64.b64decode(blob, validate=True)
        except (binascii.Error, ValueError):
            return None
        if len(raw) <= IV_BYTES + TAG_BYTES:
            return None
        iv, tag, ciphertext = (
            raw[:IV_BYTES],
            raw[IV_BYTES : IV_BYTES + TAG_BYTES],
            raw[IV_BYTES + TAG_BYTES :],
        )
        try:
            return AESGCM(self._key).decrypt(iv, ciphertext + tag, None).decode()
        except (InvalidTag, UnicodeDecodeError):
            return None


def open_field(cipher: SmsCipher | None, value: str) -> str | None:
    """A listed SMS field (number, content) in plain: as it is when it is plain (empty, all hex, or
    no key in use), decrypted when it is an encrypted blob; None when it is a blob this key cannot
    open (another key's, or garbage)."""
    if cipher is None or _HEX.fullmatch(value):
        return value
    if (opened := cipher.decrypt(value)) is not None:
        return opened
    return None if is_blob(value) else value


def is_blob(value: str) -> bool:
    """Whether a field has the shape of an encrypted one: base64 of more than IV and tag."""
    try:
        return len(base64.b64decode(value, validate=True)) > IV_BYTES + TAG_BYTES
    except (binascii.Error, ValueError):
        return False


def with_line_breaks(pem: str) -> str:
    """A PEM as the router sends it (one line) in the layout PEM readers expect."""
    match = _PEM.search(pem)
    if match is None:
        raise ValueError("no PEM block")
    label, body = match.group(1), "".join(match.group(2).split())
    return f"-----BEGIN {label}-----\n" + "\n".join(textwrap.wrap(body, 64)) + f"\n-----END {label}-----\n"
