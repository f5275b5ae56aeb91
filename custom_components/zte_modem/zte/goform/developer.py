"""DEVELOPER_OPTION_LOGIN: the second login some builds want before a band or cell lock write.

As ubus-protocol.md §4.2 gives it: inside the admin session, `goformId=DEVELOPER_OPTION_LOGIN`
with the LOGIN hash over a fresh LD (uppercase SHA-256(uppercase SHA-256(password) + LD)) and
AD; result "0" is success, confirmed by `developer_option_loginfo` reading "ok". The U50 Pro
GoAhead gates BAND_SELECT and WAN_PERFORM_NR5G_BAND_LOCK behind it (id 71348909576); an MC801A's
LTE lock failed without it (nicjac #5); which MC801A builds need it is not verified. So the rule
is the one zwrt-datad follows: write; when refused on a build that has the developer login
(network.py decides from its web UI or the field), log in as developer once per session and
write once more. Never logs the password or its hash.
"""

from __future__ import annotations

import asyncio
import logging

from ..exceptions import ZteUnsupportedFirmwareError
from .login import Login
from .parse import clean
from .session import GoformSession

_LOGGER = logging.getLogger(__name__)

# The lock writes this client makes that such builds gate (cell locks: nicjac #5).
DEVELOPER_GATED = frozenset(
    {"BAND_SELECT", "WAN_PERFORM_NR5G_BAND_LOCK", "LTE_LOCK_CELL_SET", "NR5G_LOCK_CELL_SET"}
)
DEVELOPER_LOGIN = "DEVELOPER_OPTION_LOGIN"
DEVELOPER_OK = "0"
CONFIRM_FIELD = "developer_option_loginfo"
CONFIRM_TRIES = 4
CONFIRM_DELAY = 0.25


class DeveloperLogin:
    """The developer login of one router: at most one attempt per admin session."""

    def __init__(self, session: GoformSession, login: Login) -> None:
        self._session = session
        self._login = login
        self._tried = False
        self.active = False
        session.on_login(self._forget_locked)

    async def _forget_locked(self) -> None:
        """A new admin session: no developer login yet."""
        self._tried = False
        self.active = False

    async def log_in(self) -> bool:
        """Log in as developer unless this session already tried; whether it is in effect now."""
        async with self._session.lock:
            if self._tried or not self._session.logged_in:
                return False
            self._tried = True
            try:
                password = await self._login.developer_password()
            except ZteUnsupportedFirmwareError as err:
                _LOGGER.debug("No developer login on %s: %s", self._session.http.host, err)
                return False
            answer = await self._session.post_locked(DEVELOPER_LOGIN, {"password": password})
            result = str(answer.get("result", ""))
            if result != DEVELOPER_OK:
                _LOGGER.debug(
                    "%s refused the developer login (result %s)", self._session.http.host, result[:8]
                )
                return False
            self.active = await self._confirmed_locked()
            _LOGGER.debug(
                "Developer login on %s %s",
                self._session.http.host,
                "done" if self.active else "not confirmed",
            )
            return self.active

    async def _confirmed_locked(self) -> bool:
        for attempt in range(CONFIRM_TRIES):
            if attempt:
                await asyncio.sleep(CONFIRM_DELAY)
            answer = await self._session.http.get_fields((CONFIRM_FIELD,))
            if clean(answer.get(CONFIRM_FIELD)) == "ok":
                return True
        return False
