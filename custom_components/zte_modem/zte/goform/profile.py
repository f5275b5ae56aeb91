"""Login profiles: how a given firmware build wants the password and the AD token."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from .parse import PciFormat, ValueFormat


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


class LoginForm(StrEnum):
    """Which login builder the firmware's own web page uses."""

    LOGIN = "login"  # goformId LOGIN with the password only
    LOGIN_USERNAME = "login_username"  # LOGIN with a `username` field as typed
    LOGIN_USERNAME_BASE64 = "login_username_base64"  # LOGIN with a base64 `username` field
    MULTI_USER = "multi_user"  # LOGIN_MULTI_USER with a `user` field (and AD)


class Family(StrEnum):
    """Firmware families as the README's "Supported routers" table names them."""

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
    login_form: LoginForm = LoginForm.LOGIN
    firmware: str = ""
    # False when the AD digest was guessed (no JS named it): a refused write may try the other one.
    ad_confident: bool = True
    # How this build writes the LTE PCI; None until the first read decides it.
    pci_format: PciFormat | None = None
    # True when a value proved the format (a-f digits, or a hex reading above 503), not the model.
    pci_confirmed: bool = False

    @property
    def multi_user(self) -> bool:
        """The login goes through LOGIN_MULTI_USER with a user name."""
        return self.login_form is LoginForm.MULTI_USER

    @property
    def value_format(self) -> ValueFormat:
        """How values of this build are to be read."""
        return ValueFormat(lte_pci=self.pci_format or PciFormat.HEX)

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
        if "login_form" in data:
            login_form = LoginForm(data["login_form"])
        else:  # stored by an earlier release
            login_form = LoginForm.MULTI_USER if data.get("multi_user") else LoginForm.LOGIN
        pci_format = data.get("pci_format")
        return cls(
            password_encoding=PasswordEncoding(data["password_encoding"]),
            ad_digest=AdDigest(data["ad_digest"]),
            login_form=login_form,
            firmware=str(data.get("firmware", "")),
            ad_confident=bool(data.get("ad_confident", True)),
            pci_format=PciFormat(pci_format) if pci_format is not None else None,
            pci_confirmed=bool(data.get("pci_confirmed", False)),
        )
