"""One mapping from client errors to what users read (form errors and exception messages)."""

from __future__ import annotations

from .zte import (
    ZteAuthenticationError,
    ZteBusyError,
    ZteConnectionError,
    ZteControlError,
    ZteControlRefusedError,
    ZteControlTimeoutError,
    ZteControlValidationError,
    ZteError,
    ZteLockedError,
    ZteLoginRefusedError,
    ZteSmsEncryptedError,
    ZteSmsError,
    ZteSmsFailedError,
    ZteSmsRefusedError,
    ZteSmsTimeoutError,
    ZteSmsTooLongError,
    ZteSmsValidationError,
    ZteUnsupportedFirmwareError,
    ZteUssdError,
    ZteUssdFailedError,
    ZteUssdTimeoutError,
    ZteUssdUnsupportedError,
    ZteUssdValidationError,
)

FEW_ATTEMPTS = 2

# Every key describe_error can return; each has text in config.error and in exceptions.
ERROR_KEYS = (
    "invalid_auth",
    "invalid_auth_attempts",
    "invalid_auth_few",
    "locked",
    "attempts_low",
    "busy",
    "setup_required",
    "sim_locked",
    "unsupported_firmware",
    "cannot_connect",
    "unknown",
)
# Keys only actions raise (exceptions texts only; a setup form never shows them).
ACTION_ERROR_KEYS = (
    "paused",
    "no_device",
    "unknown_device",
    "sms_partly_failed",
    "sms_invalid",
    "sms_too_long",
    "sms_refused",
    "sms_failed",
    "sms_timeout",
    "sms_encrypted",
    "sms_unavailable",
    "control_invalid",
    "control_refused",
    "control_timeout",
    "ussd_invalid",
    "ussd_unsupported",
    "ussd_timeout",
    "ussd_failed",
)
# Mistakes in what the caller asked for (ServiceValidationError), not failures of the router.
VALIDATION_KEYS = frozenset({"sms_invalid", "sms_too_long", "control_invalid", "ussd_invalid"})
_CONTROL_KEYS: tuple[tuple[type[ZteError], str], ...] = (
    (ZteControlValidationError, "control_invalid"),
    (ZteControlRefusedError, "control_refused"),
    (ZteControlTimeoutError, "control_timeout"),
    (ZteUssdValidationError, "ussd_invalid"),
    (ZteUssdUnsupportedError, "ussd_unsupported"),
    (ZteUssdTimeoutError, "ussd_timeout"),
    (ZteUssdFailedError, "ussd_failed"),
)
_SMS_KEYS: tuple[tuple[type[ZteSmsError], str], ...] = (
    (ZteSmsTooLongError, "sms_too_long"),
    (ZteSmsValidationError, "sms_invalid"),
    (ZteSmsRefusedError, "sms_refused"),
    (ZteSmsFailedError, "sms_failed"),
    (ZteSmsTimeoutError, "sms_timeout"),
    (ZteSmsEncryptedError, "sms_encrypted"),
)


# Reasons a reading cannot be had, as the MQTT contract names them (docs/mqtt.md).
AUTH_FAILED = "auth_failed"
MODEM_UNAVAILABLE = "modem_unavailable"
PAUSED = "paused"


def unavailable_reason(err: ZteError | None) -> tuple[str, str]:
    """The contract's code and a sentence for a failed read."""
    if isinstance(err, ZteAuthenticationError):
        return AUTH_FAILED, "The router rejected the password; reauthenticate in Home Assistant"
    return MODEM_UNAVAILABLE, f"The router cannot be read: {err}" if err else "The router cannot be read"


def describe_error(err: ZteError) -> tuple[str, dict[str, str]]:
    """Translation key and placeholders for a client error."""
    if isinstance(err, ZteControlError | ZteUssdError):
        key = next((key for kind, key in _CONTROL_KEYS if isinstance(err, kind)), "control_refused")
        return key, {"error": str(err)}
    if isinstance(err, ZteSmsError):
        key = next((key for kind, key in _SMS_KEYS if isinstance(err, kind)), "sms_unavailable")
        return key, {"error": str(err)}
    if isinstance(err, ZteAuthenticationError):
        if err.attempts_left is None:
            return "invalid_auth", {}
        # Two or fewer: the next wrong entries lock the router for five minutes.
        key = "invalid_auth_few" if err.attempts_left <= FEW_ATTEMPTS else "invalid_auth_attempts"
        return key, {"attempts": str(err.attempts_left)}
    if isinstance(err, ZteLockedError):
        if err.seconds_remaining > 0:
            return "locked", {"minutes": str(err.minutes_remaining)}
        return "attempts_low", {"attempts": str(err.attempts_left)}
    if isinstance(err, ZteBusyError):
        return "busy", {}
    if isinstance(err, ZteLoginRefusedError):
        return err.reason if err.reason in ERROR_KEYS else "unknown", {"error": str(err)}
    if isinstance(err, ZteUnsupportedFirmwareError):
        return "unsupported_firmware", {}
    if isinstance(err, ZteConnectionError):
        return "cannot_connect", {"error": str(err)}
    return "unknown", {"error": str(err)}
