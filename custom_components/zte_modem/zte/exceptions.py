"""One exception hierarchy for everything the ZTE client can raise."""

from __future__ import annotations

from typing import ClassVar


class ZteError(Exception):
    """Base class of every error raised by the ZTE client."""


class ZteConnectionError(ZteError):
    """The modem could not be reached or answered something unusable."""


class ZteUnsupportedFirmwareError(ZteError):
    """The host answered, but not like a ZTE goform router (HTML, non-JSON)."""

    def __init__(self, detail: str = "") -> None:
        message = "Not a ZTE goform router or unsupported firmware"
        super().__init__(f"{message}: {detail}" if detail else message)


class ZteAuthenticationError(ZteError):
    """The modem rejected the password. Never retried automatically."""

    def __init__(self, message: str, attempts_left: int | None = None) -> None:
        super().__init__(message)
        self.attempts_left = attempts_left


class ZteLockedError(ZteError):
    """The modem refuses logins after too many wrong passwords."""

    def __init__(self, seconds_remaining: int, attempts_left: int = 0) -> None:
        if seconds_remaining > 0:
            message = f"Login locked by the modem for {seconds_remaining} more seconds"
        else:
            message = (
                f"Only {attempts_left} login attempt(s) left before the modem locks; "
                "log in once through the router's web page to reset the counter"
            )
        super().__init__(message)
        self.seconds_remaining = seconds_remaining
        self.attempts_left = attempts_left

    @property
    def minutes_remaining(self) -> int:
        """Whole minutes left, rounded up, at least 1 (what users are told)."""
        return max(1, -(-self.seconds_remaining // 60))


class ZteLoginRefusedError(ZteError):
    """The modem refused the login for a reason a person has to fix on the router itself."""

    SETUP_REQUIRED = "setup_required"
    SIM_LOCKED = "sim_locked"
    _MESSAGES: ClassVar[dict[str, str]] = {
        SETUP_REQUIRED: "The router asks for its first-time setup or a new password on its web page",
        SIM_LOCKED: "The router is locked to another SIM card (ICCID lock)",
    }

    def __init__(self, reason: str) -> None:
        super().__init__(self._MESSAGES.get(reason, f"The modem refused the login ({reason})"))
        self.reason = reason


class ZteBusyError(ZteError):
    """Someone else holds the modem's single admin session (usually the web UI)."""


class ZteSessionError(ZteError):
    """The modem dropped the session again right after a successful login."""


class ZteCommandError(ZteError):
    """The modem refused a write command."""


class ZteSmsError(ZteError):
    """Base class of every SMS-specific error (sending, listing, deleting)."""


class ZteSmsValidationError(ZteSmsError, ValueError):
    """The request was refused before anything was sent (empty text, bad number, no number)."""


class ZteSmsTooLongError(ZteSmsValidationError):
    """The text needs more than five parts (765 GSM-7 septets or 335 UTF-16 units)."""

    def __init__(self, length: int, limit: int, unit: str) -> None:
        super().__init__(f"The message is too long: {length} {unit}, at most {limit} fit in five parts")
        self.length = length
        self.limit = limit
        self.unit = unit


class ZteSmsRefusedError(ZteSmsError):
    """The modem answered the SMS command with "failure" (it was not queued)."""


class ZteSmsFailedError(ZteSmsError):
    """The modem queued the message but reports that sending (or deleting) failed."""


class ZteSmsTimeoutError(ZteSmsError):
    """The modem did not report a final status in time; the outcome is unknown."""


class ZteSmsEncryptedError(ZteSmsError):
    """This firmware's web page encrypts SMS (RSA-wrapped key, AES-GCM) but the router gave no key."""

    def __init__(self) -> None:
        super().__init__("This firmware encrypts SMS and gave no key to encrypt them with")


class ZteSmsUnavailableError(ZteSmsError):
    """The modem gave no SMS answer even with a valid session (no SMS function, or no SIM)."""


class ZteControlError(ZteError):
    """Base class of the router-control errors (mobile data, network mode, band and cell locks)."""


class ZteControlValidationError(ZteControlError, ValueError):
    """Refused before any request: a mode or band the router does not offer, an empty band list,
    a cell out of the 3GPP ranges."""


class ZteControlRefusedError(ZteControlError):
    """The router answered the control command with "failure"."""


class ZteControlTimeoutError(ZteControlError):
    """The router accepted the command but did not report the new state within the time allowed."""


class ZteUssdError(ZteError):
    """Base class of every USSD error."""


class ZteUssdValidationError(ZteUssdError, ValueError):
    """The code or reply was refused before anything was sent (empty, too long, bad characters)."""


class ZteUssdUnsupportedError(ZteUssdError):
    """The router or the network does not support USSD (status 99 or 41)."""


class ZteUssdTimeoutError(ZteUssdError):
    """No USSD answer in time (ours, or the router's own timeout status 3 or 4)."""


class ZteUssdFailedError(ZteUssdError):
    """The router refused the request or reports a failure (no service, network ended the session, ...)."""

    def __init__(self, message: str, status: str | None = None) -> None:
        super().__init__(message)
        self.status = status
