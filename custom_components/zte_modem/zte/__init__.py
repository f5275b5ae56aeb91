"""HA-free async client for ZTE LTE/5G routers: the neutral core and the client interface.

The HA side names only what this package exports; transports live in subpackages (goform/).
"""

from .apn import AUTOMATIC, ApnProfile, ApnState
from .capabilities import Feature, ModemCapabilities
from .catalogue import AGGREGATES, METRICS, METRICS_BY_KEY, Metric, MetricValue, ValueKind, aggregate_keys
from .client import ZteClient
from .clients import ClientInterface, ClientList, ConnectedClient
from .connection import ClientStats, ClientTiming, normalize_host
from .exceptions import (
    ZteAuthenticationError,
    ZteBusyError,
    ZteCommandError,
    ZteConnectionError,
    ZteControlError,
    ZteControlRefusedError,
    ZteControlTimeoutError,
    ZteControlValidationError,
    ZteError,
    ZteLockedError,
    ZteLoginRefusedError,
    ZteSessionError,
    ZteSmsEncryptedError,
    ZteSmsError,
    ZteSmsFailedError,
    ZteSmsRefusedError,
    ZteSmsTimeoutError,
    ZteSmsTooLongError,
    ZteSmsUnavailableError,
    ZteSmsValidationError,
    ZteUnsupportedFirmwareError,
    ZteUssdError,
    ZteUssdFailedError,
    ZteUssdTimeoutError,
    ZteUssdUnsupportedError,
    ZteUssdValidationError,
)
from .interface import ModemClient
from .models import ModemDevice, ModemSnapshot
from .neighbours import NeighbourCell
from .plan import PlanSettings, billing_period, projected_bytes
from .privacy import PRIVATE_KEYS, REDACTED, redact
from .sms import SmsCapacity, SmsMessage, SmsSendResult, SmsTag, new_messages
from .values import ControlValues, DataPlanValues, FirmwareStage, FirmwareUpdate

__all__ = [
    "AGGREGATES",
    "AUTOMATIC",
    "METRICS",
    "METRICS_BY_KEY",
    "PRIVATE_KEYS",
    "REDACTED",
    "ApnProfile",
    "ApnState",
    "ClientInterface",
    "ClientList",
    "ClientStats",
    "ClientTiming",
    "ConnectedClient",
    "ControlValues",
    "DataPlanValues",
    "Feature",
    "FirmwareStage",
    "FirmwareUpdate",
    "Metric",
    "MetricValue",
    "ModemCapabilities",
    "ModemClient",
    "ModemDevice",
    "ModemSnapshot",
    "NeighbourCell",
    "PlanSettings",
    "SmsCapacity",
    "SmsMessage",
    "SmsSendResult",
    "SmsTag",
    "ValueKind",
    "ZteAuthenticationError",
    "ZteBusyError",
    "ZteClient",
    "ZteCommandError",
    "ZteConnectionError",
    "ZteControlError",
    "ZteControlRefusedError",
    "ZteControlTimeoutError",
    "ZteControlValidationError",
    "ZteError",
    "ZteLockedError",
    "ZteLoginRefusedError",
    "ZteSessionError",
    "ZteSmsEncryptedError",
    "ZteSmsError",
    "ZteSmsFailedError",
    "ZteSmsRefusedError",
    "ZteSmsTimeoutError",
    "ZteSmsTooLongError",
    "ZteSmsUnavailableError",
    "ZteSmsValidationError",
    "ZteUnsupportedFirmwareError",
    "ZteUssdError",
    "ZteUssdFailedError",
    "ZteUssdTimeoutError",
    "ZteUssdUnsupportedError",
    "ZteUssdValidationError",
    "aggregate_keys",
    "billing_period",
    "new_messages",
    "normalize_host",
    "projected_bytes",
    "redact",
]
