"""One admin session on a goform router, and the one guarded request every read and write uses.

The guarded request: under the request lock, log in if needed, ask; when the answer came
without a session (idle expiry, the router's web page took it), the session witnesses
(witnesses.py) say so: log in once more and ask again; still without: ZteSessionError. A
`loginfo` of "ok" that the other witnesses contradict is not believed at that second login.

A write that must never go twice (SEND_SMS: a stolen session answers "failure" exactly like a
refusal, and the router may have sent it) goes through `write_once`: the session is checked
before, never after, and the POST is made once whatever it answers. What a new session needs
(the SMS key, forgetting the developer login) runs in the login hooks (`on_login`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import replace
from typing import Any, TypeVar

from ..exceptions import ZteCommandError, ZteSessionError
from .crypto import ad_token
from .detect import WebUi, read_web_ui
from .device import pci_format_of_model, pci_format_proven_by
from .http import GoformHttp
from .login import Login
from .parse import clean
from .profile import AdDigest, LoginProfile
from .witnesses import SESSION_FIELDS, session_lost

_LOGGER = logging.getLogger(__name__)
Answer = TypeVar("Answer")
# Asked before a write: the AD token is made from them.
AD_FIELDS = ("wa_inner_version", "cr_version", "RD")
# Right after a reboot wa_inner_version is empty for a moment; AD needs it.
VERSION_RETRIES = 8
VERSION_RETRY_DELAY = 0.25
# How `lost` tells the guarded request about an answer: None, the session held; else the
# witnesses that show it did not.
LostTest = Callable[[Answer], Awaitable[Mapping[str, str] | None]]
# Run with the request lock held right after every login (and after adopting a session the
# router still held), in the order registered.
LoginHook = Callable[[], Awaitable[None]]


class GoformSession:
    """The request lock, the login state and the guarded request of one router."""

    def __init__(self, http: GoformHttp, login: Login, *, profile: LoginProfile | None) -> None:
        self.http = http
        self.lock = asyncio.Lock()
        self.profile = profile
        self.logged_in = False
        self._login = login
        # Set once user_ip_addr was seen filled in a session: from then on an empty one means logged out.
        self._ip_witness = False
        self._login_hooks: list[LoginHook] = []

    def on_login(self, hook: LoginHook) -> None:
        """Run `hook` (request lock held) after every login; it may use the `*_locked` methods."""
        self._login_hooks.append(hook)

    async def login(self) -> LoginProfile:
        """Log in now (unless the router says the session holds); the profile in use."""
        async with self.lock:
            await self._login_locked()
        assert self.profile is not None
        return self.profile

    async def logout(self) -> None:
        """Give the single admin session back to the web UI."""
        async with self.lock:
            if not self.logged_in:
                return
            try:
                await self._write_locked("LOGOUT", {})
            finally:
                self.logged_in = False

    def session_lost(self, raw: Mapping[str, str]) -> bool:
        """Whether an answer (with the session witnesses) came without a session."""
        if clean(raw.get("user_ip_addr")):
            self._ip_witness = True
        return session_lost(raw, ip_witness=self._ip_witness)

    async def web_ui(self) -> WebUi:
        """The router's web-UI JavaScript (a few static files), under the request lock."""
        async with self.lock:
            return await read_web_ui(self.http.get_text)

    # -- the guarded request -------------------------------------------------

    async def guarded(self, ask: Callable[[], Awaitable[Answer]], lost: LostTest[Answer]) -> Answer:
        """`ask` through the guarded request (this module's docstring)."""
        async with self.lock:
            return await self._guarded_locked(ask, lost)

    async def _guarded_locked(self, ask: Callable[[], Awaitable[Answer]], lost: LostTest[Answer]) -> Answer:
        if not self.logged_in:
            await self._login_locked()
        answer = await ask()
        if (witnesses := await lost(answer)) is None:
            return answer
        _LOGGER.debug("Session lost at %s, logging in again", self.http.host)
        self.logged_in = False
        await self._login_locked(trust_loginfo=witnesses.get("loginfo") != "ok")
        answer = await ask()
        if await lost(answer) is not None:
            self.logged_in = False
            raise ZteSessionError("The modem dropped the session right after logging in")
        return answer

    async def get_fields(self, fields: Iterable[str]) -> dict[str, str]:
        """One multi_data GET of `fields` with the session witnesses, through the guarded request."""
        wanted = tuple(dict.fromkeys((*fields, *SESSION_FIELDS)))

        async def lost(answer: dict[str, str]) -> Mapping[str, str] | None:
            return answer if self.session_lost(answer) else None

        return await self.guarded(lambda: self.http.get_fields(wanted), lost)

    async def get_json(
        self, params: Mapping[str, str], *, expect: str, blank_is_suspect: bool
    ) -> dict[str, Any]:
        """A single-command GET (no multi_data) through the guarded request. Without a session
        such a command answers its key blank or not at all; a valid session may do the same
        (no USSD answer yet), so a suspect answer is judged by the session witnesses."""

        async def lost(answer: dict[str, Any]) -> Mapping[str, str] | None:
            value = answer.get(expect)
            blank = not clean(value) if isinstance(value, str) else value is None
            if expect in answer and not (blank_is_suspect and blank):
                return None
            witnesses = await self.http.get_fields(SESSION_FIELDS)
            return witnesses if self.session_lost(witnesses) else None

        return await self.guarded(lambda: self.http.get_json(params), lost)

    async def get_table(self, command: str, *, readable: Callable[[Any], bool]) -> Any:
        """A table command (station_list) through the guarded request. An answer `readable`
        takes (a list, even an empty one) is the router's; anything else (blank, no key) is
        what a lost session looks like too, so the session witnesses decide."""

        async def lost(answer: Any) -> Mapping[str, str] | None:
            if readable(answer):
                return None
            witnesses = await self.http.get_fields(SESSION_FIELDS)
            return witnesses if self.session_lost(witnesses) else None

        return await self.guarded(lambda: self.http.get_table(command), lost)

    async def write(self, goform_id: str, params: Mapping[str, str] | None = None) -> None:
        """One write through the guarded request: a refusal is what a lost session looks like
        too, so the session witnesses decide whether to log in again and write once more."""
        form = params or {}

        async def attempt() -> bool:
            try:
                await self._write_locked(goform_id, form)
            except ZteCommandError:
                return False
            return True

        async def lost(accepted: bool) -> Mapping[str, str] | None:
            if accepted:
                return None
            witnesses = await self.http.get_fields(SESSION_FIELDS)
            return witnesses if self.session_lost(witnesses) else None

        async with self.lock:
            # Refused with the session alive: once more with a fresh AD (the web page may have
            # taken the RD it was made from), then, if the digest was a guess, the other one.
            if await self._guarded_locked(attempt, lost) or await attempt():
                return
            if not self._guessed_ad_digest():
                raise ZteCommandError(f"The modem refused {goform_id}")
            await self._write_with_other_digest(goform_id, form)

    async def write_once(self, goform_id: str, build: Callable[[], Mapping[str, str]]) -> None:
        """One POST and never a second: the session is made sure of first (logged in, witnesses
        read), then `build()` makes the form (with this session's SMS key) and it is sent once.
        A refusal raises ZteCommandError; when the witnesses then show the session gone, the next
        request logs in again, but this write is not repeated."""
        async with self.lock:
            if not self.logged_in:
                await self._login_locked()
            elif self.session_lost(await self.http.get_fields(SESSION_FIELDS)):
                self.logged_in = False
                await self._login_locked(trust_loginfo=False)
            try:
                await self._write_locked(goform_id, build())
            except ZteCommandError:
                if self.session_lost(await self.http.get_fields(SESSION_FIELDS)):
                    _LOGGER.debug("Session lost at %s during %s; not repeated", self.http.host, goform_id)
                    self.logged_in = False
                raise

    async def post_locked(self, goform_id: str, params: Mapping[str, str]) -> dict[str, str]:
        """One POST with a fresh AD and its answer as it is (request lock held; for login hooks and
        commands whose success is not "success")."""
        assert self.profile is not None
        form = {"isTest": "false", "goformId": goform_id, **params}
        if self.profile.ad_digest is not AdDigest.NONE:
            versions = await self._versions_for_ad()
            form["AD"] = ad_token(
                self.profile.ad_digest,
                versions.get("wa_inner_version", ""),
                versions.get("cr_version", ""),
                versions.get("RD", ""),
            )
        answer = await self.http.post(form)
        self.http.stats.writes += 1
        return answer

    async def write_locked(self, goform_id: str, params: Mapping[str, str]) -> None:
        """One write (request lock held): ZteCommandError unless the answer is "success"."""
        await self._write_locked(goform_id, params)

    def decide_pci_format(self, raw: Mapping[str, str]) -> None:
        """Decide once per firmware how it writes the LTE PCI; a value can prove it, the model suggests it."""
        assert self.profile is not None
        if self.profile.pci_confirmed:
            return
        proven = pci_format_proven_by(clean(raw.get("lte_pci")))
        if proven is not None:
            if proven is not self.profile.pci_format:
                _LOGGER.debug("LTE PCI of %s is written in %s (seen in a value)", self.http.host, proven)
            self.profile = replace(self.profile, pci_format=proven, pci_confirmed=True)
            return
        if self.profile.pci_format is None:
            self.profile = replace(self.profile, pci_format=pci_format_of_model(raw))

    # -- login and writes, with the lock held ---------------------------------

    async def _login_locked(self, *, trust_loginfo: bool = True) -> None:
        state = await self._login.prelogin_state()
        if clean(state.get("user_ip_addr")):
            self._ip_witness = True
        if (
            trust_loginfo
            and self.profile is not None
            and not session_lost(state, ip_witness=self._ip_witness)
        ):
            self.logged_in = True
        else:
            self.profile = await self._login.log_in(self.profile, state)
            self.logged_in = True
        for hook in self._login_hooks:
            await hook()

    def _guessed_ad_digest(self) -> bool:
        return (
            self.profile is not None
            and not self.profile.ad_confident
            and self.profile.ad_digest in (AdDigest.MD5, AdDigest.SHA256)
        )

    async def _write_with_other_digest(self, goform_id: str, params: Mapping[str, str]) -> None:
        """No JS named the AD digest and the guess was refused: the other one, once, then keep it."""
        assert self.profile is not None
        guessed = self.profile
        other = AdDigest.SHA256 if guessed.ad_digest is AdDigest.MD5 else AdDigest.MD5
        self.profile = replace(guessed, ad_digest=other)
        try:
            await self._write_locked(goform_id, params)
        except ZteCommandError:
            self.profile = guessed
            raise
        # Names the digest algorithm (md5/sha256), never the token itself.
        _LOGGER.debug("The modem accepted the %s write-token digest; keeping it", other)
        self.profile = replace(self.profile, ad_confident=True)

    async def _write_locked(self, goform_id: str, params: Mapping[str, str]) -> None:
        answer = await self.post_locked(goform_id, params)
        if answer.get("result") != "success":
            raise ZteCommandError(f"The modem refused {goform_id}")

    async def _versions_for_ad(self) -> dict[str, str]:
        versions = await self.http.get_fields(AD_FIELDS)
        for _ in range(VERSION_RETRIES):
            if clean(versions.get("wa_inner_version")):
                break
            await asyncio.sleep(VERSION_RETRY_DELAY)
            versions = await self.http.get_fields(AD_FIELDS)
        return versions
