"""HA-free async client for ZTE LTE/5G routers that speak the goform web API."""

from .client import ClientStats, ZteClient, normalize_host
from .exceptions import (
    ZteAuthenticationError,
    ZteBusyError,
    ZteCommandError,
    ZteConnectionError,
    ZteError,
    ZteLockedError,
    ZteSessionError,
    ZteUnsupportedFirmwareError,
)
from .metrics import AGGREGATES, METRICS, METRICS_BY_KEY, Metric, aggregate_keys
from .models import ModemDevice, ModemSnapshot
from .parse import MetricValue
from .profile import AdDigest, Family, LoginProfile, PasswordEncoding

__all__ = [
    "AGGREGATES",
    "METRICS",
    "METRICS_BY_KEY",
    "AdDigest",
    "ClientStats",
    "Family",
    "LoginProfile",
    "Metric",
    "MetricValue",
    "ModemDevice",
    "ModemSnapshot",
    "PasswordEncoding",
    "ZteAuthenticationError",
    "ZteBusyError",
    "ZteClient",
    "ZteCommandError",
    "ZteConnectionError",
    "ZteError",
    "ZteLockedError",
    "ZteSessionError",
    "ZteUnsupportedFirmwareError",
    "aggregate_keys",
    "normalize_host",
]
