"""Logging in to a ubus router exactly as its web page does, with the same lockout rules as goform.

`zwrt_web.web_login_info` (null session) gives the salt `zte_web_sault` (sic), the attempts
counter `login_fail_num` and the lock timer `login_fail_lock_lefttime`; the password goes as
uppercase hex SHA-256( uppercase hex SHA-256(password) + salt ) in `zwrt_web.web_login`,
which answers `result` ("0" ok, "3" someone else is logged in, anything else a wrong
password) and the session token `ubus_rpc_session`.

`login_fail_num` means attempts left in the G5TS web page's own JavaScript, but failures so
far in the U60 Pro and MC7500 documents. The web page maps the pair onto goform's
`psw_fail_num_str` and `login_lock_time`, and so do we (goform/login.py's lockout rules then
apply unchanged: never the last attempt, no login while locked). Until a login shows which
meaning this firmware has (the counter reads 5 or 0 on a fresh router), an in-between value is
read the cautious way: the fewer attempts left.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..exceptions import ZteAuthenticationError, ZteBusyError, ZteUnsupportedFirmwareError
from ..goform.login import check_lockout
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


def attempts_state(info: Mapping[str, Any], meaning: FailCount | None) -> dict[str, str]:
    """`web_login_info` as goform's pre-login fields: attempts left and the lock timer."""
    count = to_int(str(info.get("login_fail_num", "")))
    lock = to_int(str(info.get("login_fail_lock_lefttime", ""))) or 0
    if count is None:
        left = MAX_LOGIN_COUNT
    elif meaning is FailCount.LEFT:
        left = count
    elif meaning is FailCount.FAILURES:
        left = MAX_LOGIN_COUNT - count
    elif count == 0:
        # Fresh on a failures counter; locked on an attempts-left one only with a timer running.
        left = 0 if lock > 0 else MAX_LOGIN_COUNT
    else:
        left = min(count, MAX_LOGIN_COUNT - count)
    return {"psw_fail_num_str": str(max(0, left)), "login_lock_time": str(max(0, lock))}


def meaning_seen(info: Mapping[str, Any]) -> FailCount | None:
    """What a counter that reads 5 or 0 with no lock tells about its meaning."""
    count = to_int(str(info.get("login_fail_num", "")))
    if (to_int(str(info.get("login_fail_lock_lefttime", ""))) or 0) > 0:
        return None
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

    async def login_info(self) -> dict[str, Any]:
        """`web_login_info` under the null session."""
        (reply,) = await self._http.batch(NULL_SESSION, [LOGIN_INFO])
        if not reply.ok or "zte_web_sault" not in reply.data:
            raise ZteUnsupportedFirmwareError("web_login_info gave no salt")
        return reply.data

    async def log_in(self, profile: UbusProfile) -> tuple[str, UbusProfile]:
        """Log in once; the session token and the profile (with what the counter showed)."""
        info = await self.login_info()
        if profile.fail_count is None and (seen := meaning_seen(info)) is not None:
            profile = replace(profile, fail_count=seen)
        check_lockout(attempts_state(info, profile.fail_count))
        args: dict[str, str] = {"password": hashed_password(self._password, str(info["zte_web_sault"]))}
        if self._username is not None:
            args["username"] = self._username
        (reply,) = await self._http.batch(NULL_SESSION, [Call("zwrt_web", "web_login", args)])
        result = str(reply.data.get("result", "")).strip()
        token = reply.data.get("ubus_rpc_session")
        if result == LOGIN_OK and isinstance(token, str) and token:
            self._http.stats.logins += 1
            return token, profile
        if result == LOGIN_BUSY:
            raise ZteBusyError("Someone else is logged into the router's web interface")
        self._http.stats.failed_logins += 1
        state = attempts_state(await self.login_info(), profile.fail_count)
        check_lockout(state, refuse_last_attempt=False)
        _LOGGER.debug("ubus login refused (result %s)", result[:8])
        raise ZteAuthenticationError("The router rejected the password", to_int(state["psw_fail_num_str"]))
