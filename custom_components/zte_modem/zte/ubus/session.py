"""One admin session on a ubus router, and the one guarded batch every read and write uses.

Under the request lock: log in if needed, send the batch; an "Access denied" (-32002) in any
reply, or the connection reset a browser login causes when it takes the session, means the
session is gone: log in once more and send the same batch again; still denied:
ZteSessionError. A wrong password is never retried (login.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from typing import Literal

import aiohttp

from ..exceptions import ZteConnectionError, ZteSessionError, ZteSmsFailedError
from ..sms_crypto import SmsCipher
from .login import UbusLogin
from .profile import UbusProfile
from .rpc import ACCESS_DENIED, Call, Reply, UbusHttp

KEY_CERTIFICATE = Call("zwrt_web", "web_crt_get")
# ubus statuses that say the firmware has no key scheme: method not found, not found.
NO_SCHEME = frozenset({3, 4})

_LOGGER = logging.getLogger(__name__)


class UbusSession:
    """The request lock, the session token and the guarded batch of one router."""

    def __init__(self, http: UbusHttp, login: UbusLogin, *, profile: UbusProfile) -> None:
        self.http = http
        self.lock = asyncio.Lock()
        self.profile = profile
        self._login = login
        self._token: str | None = None
        # The SMS key of this session (sms_crypto.py); `encrypts` None until the firmware was asked.
        self.encrypts: bool | None = None
        self._cipher: SmsCipher | None = None
        self._cipher_token: str | None = None

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
        replies, _ = await self.call_with_key(lambda _: calls, key=False)
        return replies

    async def call_with_key(
        self, build: Callable[[SmsCipher | None], Sequence[Call]], *, key: bool = True
    ) -> tuple[list[Reply], SmsCipher | None]:
        """A batch through the guarded request; with `key`, built with this session's SMS key,
        registered first after every login as the web page does (None for firmware without the
        scheme). A batch that still has calls denied right after a login gets them as missing
        replies (an object the firmware's ACL never allows), not a second login."""
        async with self.lock:
            fresh = self._token is None
            if fresh:
                await self._login_locked()
            outcome = await self._attempt(build, key=key)
            if outcome is None and not fresh:
                _LOGGER.debug("Session lost at %s, logging in again", self.http.host)
                await self._login_locked()
                outcome = await self._attempt(build, key=key)
            if outcome is None:
                self._token = None
                raise ZteSessionError("The router dropped the session right after logging in")
            return outcome

    async def _attempt(
        self, build: Callable[[SmsCipher | None], Sequence[Call]], *, key: bool
    ) -> tuple[list[Reply], SmsCipher | None] | None:
        """One try with the current session; None when it showed the session is gone."""
        cipher = None
        if key:
            registered = await self._key_locked()
            if registered is False:
                return None
            cipher = registered
        calls = build(cipher)
        replies = await self._send_or_lost(calls)
        return None if replies is None else (replies, cipher)

    async def _key_locked(self) -> SmsCipher | None | Literal[False]:
        """The session's SMS key (registered now if needed), None without the scheme, False when
        the session turned out to be gone."""
        if self.encrypts is False:
            return None
        if self._cipher is not None and self._cipher_token == self._token:
            return self._cipher
        answered = await self._send_or_lost([KEY_CERTIFICATE])
        if answered is None:
            return False
        (certificate,) = answered
        if certificate.status not in (None, 0, *NO_SCHEME):
            raise ZteSmsFailedError(f"The router gave no SMS key certificate (status {certificate.status})")
        pem = certificate.data.get("result") if certificate.ok else None
        cipher = SmsCipher.new()
        try:
            wrapped = cipher.wrapped(pem) if isinstance(pem, str) and "BEGIN" in pem else None
        except (ImportError, ValueError) as err:
            _LOGGER.debug("No SMS key for %s: %s", self.http.host, type(err).__name__)
            wrapped = None
        if wrapped is None:
            # No such method, or an empty certificate: this firmware sends SMS fields in plain.
            self.encrypts = False
            return None
        handover = Call("zwrt_web", "web_http_enstr_set", {"web_enstr": wrapped}, write=True)
        accepted = await self._send_or_lost([handover])
        if accepted is None:
            return False
        if not accepted[0].ok:
            raise ZteSmsFailedError("The router refused the SMS session key")
        self.encrypts = True
        self._cipher, self._cipher_token = cipher, self._token
        return cipher

    async def _send_or_lost(self, calls: Sequence[Call]) -> list[Reply] | None:
        """The replies, or None when they show the session is gone (every call denied, or the
        first one: the poll's radio call, a write's only call)."""
        assert self._token is not None
        try:
            replies = await self.http.batch(self._token, calls)
        except ZteConnectionError as err:
            if not isinstance(err.__cause__, aiohttp.ServerDisconnectedError | aiohttp.ClientOSError):
                raise
            self._token = None
            if any(call.write for call in calls):
                # The router may have done it before the reset: never send a write twice.
                raise
            # A reset right after someone else logged in: the session went with it.
            return None
        denied = [reply.error == ACCESS_DENIED for reply in replies]
        if denied and (denied[0] or all(denied)):
            self._token = None
            return None
        return replies

    async def _login_locked(self) -> None:
        self._token = None
        token, self.profile = await self._login.log_in(self.profile)
        self._token = token
