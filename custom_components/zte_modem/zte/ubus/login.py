"""Logging in to a ubus router exactly as its web page does, with the same lockout rules as goform.

`zwrt_web.web_login_info` (null session) gives the salt `zte_web_sault` (sic), the attempts
counter `login_fail_num` and the lock timer `login_fail_lock_lefttime`; the password goes as
uppercase hex SHA-256( uppercase hex SHA-256(password) + salt ) in `zwrt_web.web_login`,
which answers `result` ("0" ok, "3" someone else is logged in, anything else a wrong
password) and the session token `ubus_rpc_session`.

`login_fail_num` means attempts left in the G5TS web page's own JavaScript (and on a recorded
MC7510), but failures so far in the U60 Pro and MC7500 documents. The rules are goform's: no
login while locked, never the last attempt, a rejected password never sent again. The meaning
is learnt from the counter read right after a successful login (5 left, or 0 failures) and
stored; until then an in-between value is read the cautious way, the fewer attempts left.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..exceptions import ZteAuthenticationError, ZteBusyError, ZteLockedError, ZteUnsupportedFirmwareError
from ..goform.parse import to_int
from .profile import FailCount, UbusProfile
from .rpc import NULL_SESSION, Call, UbusHttp

_LOGGER = logging.getLogger(__name__)

MAX_LOGIN_COUNT = 5
LOGIN_OK = "0"
LOGIN_BUSY = "3"
LOGIN_INFO = Call("zwrt_web", "web_login_info")


def hashed_password(password: str, salt: str) -> str:
    """What `web_login` takes: SHA-256 twice, uppercase hex, the salt after the first."""
    first = hashlib.sha256(password.encode()).hexdigest().upper()
    return hashlib.sha256((first + salt).encode()).hexdigest().upper()


def attempts_state(info: Mapping[str, Any], meaning: FailCount | None) -> tuple[int, int]:
    """Attempts left and seconds of lock from `web_login_info`, for either meaning of the counter.

    Unknown meaning (before the first login showed it): 5 reads as five left (the web page's
    own reading), 0 as no failures unless a lock timer runs, anything between as the fewer.
    """
    count = to_int(str(info.get("login_fail_num", "")))
    lock = max(0, to_int(str(info.get("login_fail_lock_lefttime", ""))) or 0)
    if count is None:
        return MAX_LOGIN_COUNT, lock
    if meaning is FailCount.LEFT:
        left = count
    elif meaning is FailCount.FAILURES:
        left = MAX_LOGIN_COUNT - count
    elif count in (0, MAX_LOGIN_COUNT):
        left = 0 if lock > 0 else MAX_LOGIN_COUNT
    else:
        left = min(count, MAX_LOGIN_COUNT - count)
    return max(0, min(left, MAX_LOGIN_COUNT)), lock


def refuse_when_locked(left: int, lock: int, *, last_attempt_too: bool = True) -> None:
    """No login while locked, and never the last attempt (with a timer or without one)."""
    if left <= 0:
        raise ZteLockedError(lock, 0)
    if last_attempt_too and left <= 1:
        raise ZteLockedError(0, left)


def meaning_after_login(info: Mapping[str, Any]) -> FailCount | None:
    """What the counter reads right after a successful login: 5 attempts left, or 0 failures."""
    count = to_int(str(info.get("login_fail_num", "")))
    if count == MAX_LOGIN_COUNT:
        return FailCount.LEFT
    if count == 0:
        return FailCount.FAILURES
    return None


class UbusLogin:
    """The login procedure of one ubus router."""

    def __init__(self, http: UbusHttp, *, password: str, username: str | None) -> None:
        self._http = http
        self._password = password
        self._username = username or None
        # A rejected password is never sent again by this client (the router locks after five).
        self._rejected: ZteAuthenticationError | None = None

    async def login_info(self) -> dict[str, Any]:
        """`web_login_info` under the null session."""
        (reply,) = await self._http.batch(NULL_SESSION, [LOGIN_INFO])
        salt = reply.data.get("zte_web_sault")
        if not reply.ok or not isinstance(salt, str) or not salt.strip():
            raise ZteUnsupportedFirmwareError("web_login_info gave no salt")
        return reply.data

    async def log_in(self, profile: UbusProfile) -> tuple[str, UbusProfile]:
        """Log in once; the session token and the profile (with what the counter showed)."""
        if self._rejected is not None:
            raise self._rejected
        info = await self.login_info()
        refuse_when_locked(*attempts_state(info, profile.fail_count))
        args: dict[str, str] = {"password": hashed_password(self._password, str(info["zte_web_sault"]))}
        if self._username is not None:
            args["username"] = self._username
        (reply,) = await self._http.batch(NULL_SESSION, [Call("zwrt_web", "web_login", args)])
        if not reply.ok:
            # No answer to judge (an error reply, a status): not a wrong password.
            raise ZteUnsupportedFirmwareError(f"web_login not answered (status {reply.status})")
        result = str(reply.data.get("result", "")).strip()
        token = reply.data.get("ubus_rpc_session")
        if result == LOGIN_OK:
            if not isinstance(token, str) or not token:
                raise ZteUnsupportedFirmwareError("web_login gave no session")
            self._http.stats.logins += 1
            if profile.fail_count is None:
                seen = meaning_after_login(await self.login_info())
                profile = replace(profile, fail_count=seen) if seen is not None else profile
            return token, profile
        if result == LOGIN_BUSY:
            raise ZteBusyError("Someone else is logged into the router's web interface")
        self._http.stats.failed_logins += 1
        left, lock = attempts_state(await self.login_info(), profile.fail_count)
        refuse_when_locked(left, lock, last_attempt_too=False)
        _LOGGER.debug("ubus login refused (result %s)", result[:8])
        self._rejected = ZteAuthenticationError("The router rejected the password", left)
        raise self._rejected
