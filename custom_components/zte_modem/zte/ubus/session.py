"""One admin session on a ubus router, and the one guarded batch every read and write uses.

Under the request lock: log in if needed, send the batch; an "Access denied" (-32002) in any
reply, or the connection reset a browser login causes when it takes the session, means the
session is gone: log in once more and send the same batch again; still denied:
ZteSessionError. A wrong password is never retried (login.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

import aiohttp

from ..exceptions import ZteConnectionError, ZteSessionError
from .login import UbusLogin
from .profile import UbusProfile
from .rpc import ACCESS_DENIED, Call, Reply, UbusHttp

_LOGGER = logging.getLogger(__name__)


class UbusSession:
    """The request lock, the session token and the guarded batch of one router."""

    def __init__(self, http: UbusHttp, login: UbusLogin, *, profile: UbusProfile) -> None:
        self.http = http
        self.lock = asyncio.Lock()
        self.profile = profile
        self._login = login
        self._token: str | None = None

    @property
    def logged_in(self) -> bool:
        """A session token is held (the router may still have dropped it)."""
        return self._token is not None

    def forget(self) -> None:
        """The session ended on our side (a reboot)."""
        self._token = None

    async def login(self) -> None:
        """Log in now."""
        async with self.lock:
            await self._login_locked()

    async def logout(self) -> None:
        """Give the single admin session back to the web page."""
        async with self.lock:
            if self._token is None:
                return
            try:
                await self.http.batch(self._token, [Call("zwrt_web", "web_logout")])
            finally:
                self._token = None

    async def call(self, calls: Sequence[Call]) -> list[Reply]:
        """`calls` as one batch through the guarded request (this module's docstring)."""
        async with self.lock:
            if self._token is None:
                await self._login_locked()
            replies = await self._send_or_lost(calls)
            if replies is not None:
                return replies
            _LOGGER.debug("Session lost at %s, logging in again", self.http.host)
            await self._login_locked()
            replies = await self._send_or_lost(calls)
            if replies is None:
                self._token = None
                raise ZteSessionError("The router dropped the session right after logging in")
            return replies

    async def _send_or_lost(self, calls: Sequence[Call]) -> list[Reply] | None:
        """The replies, or None when they show the session is gone."""
        assert self._token is not None
        try:
            replies = await self.http.batch(self._token, calls)
        except ZteConnectionError as err:
            if not isinstance(err.__cause__, aiohttp.ServerDisconnectedError | aiohttp.ClientOSError):
                raise
            # A reset right after someone else logged in: the session went with it.
            self._token = None
            return None
        if any(reply.error == ACCESS_DENIED for reply in replies):
            self._token = None
            return None
        return replies

    async def _login_locked(self) -> None:
        self._token = None
        token, self.profile = await self._login.log_in(self.profile)
        self._token = token
