"""The router's side of the SMS key scheme on goform firmware that encrypts SMS fields.

Modelled on /work/shared/docs/ubus-protocol.md §4.1 (same cryptography as §2.6): builds known to
encrypt are the MC889A Pro new firmware (Kajkac #55, PR #66 "newer MC888/MC889"), an MC888
(id 71299028121) and MF833-class dongles (id 66461171472). No public packet recording exists, so
everything here is synthetic: the RSA key pair is generated when the simulator starts (never a
real router's key), and the field layout is the one the doc gives, base64( IV ‖ tag ‖ ciphertext ).

`web_crt_get` answers the public key as a PEM on one line; `web_http_enstr_set` takes the
session's AES key (its 64-character hex string under RSA PKCS#1 v1.5, base64); a new session
(a login, the web page taking over) starts without one.
"""

from __future__ import annotations

import base64
import secrets
from typing import Any

IV, TAG = 12, 16


class SimSmsCrypto:
    """One router's key pair and the AES key of its current session."""

    def __init__(self) -> None:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        # Synthetic: a fresh 2048-bit pair per simulator, as the zwrt-datad mock and rosenrot's tests do.
        self._private: Any = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = self._private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        self.pem = pem.decode().replace("\n", "")  # the router sends it without line breaks
        self.aes_key: bytes | None = None
        self.registrations = 0

    def accept(self, web_enstr: str) -> bool:
        """web_http_enstr_set: unwrap the client's key; False (refused) when it does not unwrap."""
        from cryptography.hazmat.primitives.asymmetric import padding

        try:
            hex_key = self._private.decrypt(base64.b64decode(web_enstr, validate=True), padding.PKCS1v15())
            key = bytes.fromhex(hex_key.decode())
        except ValueError:
            return False
        if len(key) != 32:
            return False
        self.aes_key = key
        self.registrations += 1
        return True

    def seal(self, text: str) -> str:
        """A field as the router lists it; without a session key, bytes nobody can open."""
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if self.aes_key is None:
            return base64.b64encode(secrets.token_bytes(IV + TAG + max(1, len(text)))).decode()
        iv = secrets.token_bytes(IV)
        sealed = AESGCM(self.aes_key).encrypt(iv, text.encode(), None)
        return base64.b64encode(iv + sealed[-TAG:] + sealed[:-TAG]).decode()

    def open(self, blob: str) -> str | None:
        """A SEND_SMS field in plain; None when it is not sealed with the session key (plaintext)."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if self.aes_key is None:
            return None
        try:
            raw = base64.b64decode(blob, validate=True)
        except ValueError:
            return None
        if len(raw) <= IV + TAG:
            return None
        try:
            return AESGCM(self.aes_key).decrypt(raw[:IV], raw[IV + TAG :] + raw[IV : IV + TAG], None).decode()
        except (InvalidTag, UnicodeDecodeError):
            return None
