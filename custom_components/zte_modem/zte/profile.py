"""Login profiles: how a given firmware build wants the password and the AD token."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class PasswordEncoding(StrEnum):
    """How the `password` field of LOGIN is built (WEB_ATTR_IF_SUPPORT_SHA256)."""

    PLAIN = "plain"
    BASE64 = "base64"
    SHA256_BASE64 = "sha256_base64"
    SHA256_LD = "sha256_ld"


class AdDigest(StrEnum):
    """Digest used for the AD anti-CSRF token on writes."""

    NONE = "none"
    MD5 = "md5"
    SHA256 = "sha256"


class Family(StrEnum):
    """Firmware families of zte-protocol.md section 1."""

    A = "A"
    A_PLUS = "A+"
    B = "B"
    C = "C"
    D = "D"


@dataclass(frozen=True, slots=True)
class LoginProfile:
    """Everything needed to log in and write without detecting again."""

    password_encoding: PasswordEncoding
    ad_digest: AdDigest
    multi_user: bool = False
    firmware: str = ""

    @property
    def family(self) -> Family:
        """The family label users and bug reports speak of."""
        if self.password_encoding is PasswordEncoding.SHA256_LD:
            return Family.D if self.ad_digest is AdDigest.SHA256 else Family.C
        if self.password_encoding is PasswordEncoding.SHA256_BASE64:
            return Family.B
        if self.ad_digest is AdDigest.NONE:
            return Family.A
        return Family.A_PLUS

    def as_dict(self) -> dict[str, Any]:
        """Plain data for storage in a config entry."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LoginProfile:
        """Restore a stored profile; raises ValueError on unknown values."""
        return cls(
            password_encoding=PasswordEncoding(data["password_encoding"]),
            ad_digest=AdDigest(data["ad_digest"]),
            multi_user=bool(data.get("multi_user", False)),
            firmware=str(data.get("firmware", "")),
        )
