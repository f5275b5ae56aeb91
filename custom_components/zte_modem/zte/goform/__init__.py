"""The goform transport: ZTE routers that speak the goform web API (MC801A, MC7010, MF286, ...)."""

from .client import GoformClient
from .detect import Detection
from .parse import PciFormat, ValueFormat
from .profile import AdDigest, Family, LoginForm, LoginProfile, PasswordEncoding

__all__ = [
    "AdDigest",
    "Detection",
    "Family",
    "GoformClient",
    "LoginForm",
    "LoginProfile",
    "PasswordEncoding",
    "PciFormat",
    "ValueFormat",
]
