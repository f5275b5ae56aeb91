"""HA-free async client for ZTE LTE/5G routers that speak the goform web API."""

from .client import ClientStats, ZteClient, normalize_host
from .exceptions import (
    ZteAuthenticationError,
    ZteBusyError,
    ZteCommandError,
    ZteConnectionError,
    ZteError,
    ZteLockedError,
    ZteLoginRefusedError,
    ZteSessionError,
    ZteUnsupportedFirmwareError,
)
from .metrics import AGGREGATES, METRICS, METRICS_BY_KEY, Metric, aggregate_keys
from .models import ModemDevice, ModemSnapshot
from .parse import MetricValue, PciFormat, ValueFormat
from .profile import AdDigest, Family, LoginForm, LoginProfile, PasswordEncoding

__all__ = [
    "AGGREGATES",
    "METRICS",
    "METRICS_BY_KEY",
    "AdDigest",
    "ClientStats",
    "Family",
    "LoginForm",
    "LoginProfile",
    "Metric",
    "MetricValue",
    "ModemDevice",
    "ModemSnapshot",
    "PasswordEncoding",
    "PciFormat",
    "ValueFormat",
    "ZteAuthenticationError",
    "ZteBusyError",
    "ZteClient",
    "ZteCommandError",
    "ZteConnectionError",
    "ZteError",
    "ZteLockedError",
    "ZteLoginRefusedError",
    "ZteSessionError",
    "ZteUnsupportedFirmwareError",
    "aggregate_keys",
    "normalize_host",
]
