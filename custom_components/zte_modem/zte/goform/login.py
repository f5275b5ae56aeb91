"""Logging in to a goform router: detect the scheme when needed, one attempt, at most one fallback.

The routers lock the web UI after five wrong passwords, so a login is never retried blindly:
the one fallback (when the web page's JavaScript left part of the scheme unsettled) is tried
only with two or more attempts left, and a wrong password raises with the attempts left.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Mapping
from dataclasses import replace
from typing import NoReturn

from ..exceptions import (
    ZteAuthenticationError,
    ZteBusyError,
    ZteLockedError,
    ZteLoginRefusedError,
    ZteUnsupportedFirmwareError,
)
from .crypto import ad_token, encode_password
from .detect import Detection, detect, read_web_ui
from .http import GoformHttp
from .parse import clean, to_int
from .profile import AdDigest, LoginForm, LoginProfile, PasswordEncoding

_LOGGER = logging.getLogger(__name__)

DEFAULT_USERNAME = "admin"
# LOGIN results of stock and OEM builds (table in docs/detection.md).
LOGIN_OK = frozenset({"0", "4"})
LOGIN_WRONG_PASSWORD = frozenset({"1", "3"})
LOGIN_DUPLICATE = "2"  # another user holds the session
LOGIN_OTHER_SESSION_OR_BAD_USER = "5"  # device-side session; a bad user name on multi-user builds
LOGIN_SETUP_REQUIRED = "6"  # the router wants its first-time setup / a new password
LOGIN_ALREADY_LOGGED_IN = "7"  # someone else: we only log in when the modem said nobody is
LOGIN_SIM_LOCKED = "8"  # the router is locked to another SIM (ICCID lock)
PRELOGIN_FIELDS = (
    "loginfo",
    "user_ip_addr",
    "wa_inner_version",
    "cr_version",
    "psw_fail_num_str",
    "login_lock_time",
    "RD",
)


class Login:
    """The login procedure of one router; `detection` keeps what the last detection found."""

    def __init__(self, http: GoformHttp, *, password: str, username: str | None) -> None:
        self._http = http
        self._password = password
        self._username = username or None
        self.detection: Detection | None = None
        # A rejected password is never sent again by this client (the router locks after five).
        self._rejected: ZteAuthenticationError | None = None

    async def prelogin_state(self) -> dict[str, str]:
        """What the login page reads first: session state, versions, attempts left, RD."""
        return await self._http.get_fields(PRELOGIN_FIELDS)

    async def log_in(self, profile: LoginProfile | None, state: Mapping[str, str]) -> LoginProfile:
        """Log in with `profile` (detected first when None or the firmware changed); returns the
        profile that worked, or raises for the router's answer."""
        if self._rejected is not None:
            raise self._rejected
        firmware = state.get("wa_inner_version", "")
        check_lockout(state)
        fallback: LoginProfile | None = None
        if profile is None or (clean(firmware) and profile.firmware and profile.firmware != firmware):
            detection = await self._detect(state)
            profile = LoginProfile(
                password_encoding=detection.password_encoding,
                ad_digest=detection.ad_digest,
                login_form=detection.login_form,
                firmware=firmware,
                ad_confident=detection.ad_confident,
            )
            fallback = _fallback_profile(profile, detection)
        result = await self._attempt(profile, state)
        if result not in LOGIN_OK and fallback is not None and _worth_fallback(result, profile):
            state = await self.prelogin_state()
            attempts_left = _attempts_left(state)
            if attempts_left is None or attempts_left >= 2:
                _LOGGER.debug("First login scheme refused (result %s), trying the one fallback", result)
                profile = fallback
                result = await self._attempt(profile, state)
        if result in LOGIN_OK:
            self._http.stats.logins += 1
            return replace(profile, firmware=firmware or profile.firmware)
        self._http.stats.failed_logins += 1
        try:
            await self._raise_for_result(result, profile)
        except ZteAuthenticationError as err:
            self._rejected = err
            raise

    async def developer_password(self) -> str:
        """DEVELOPER_OPTION_LOGIN's password: the LOGIN hash over a fresh LD (developer.py)."""
        ld = (await self._http.get_fields(("LD",), multi_data=False)).get("LD", "")
        if not clean(ld):
            raise ZteUnsupportedFirmwareError("the modem gave no nonce (LD) for the developer login")
        return encode_password(self._password, PasswordEncoding.SHA256_LD, ld)

    async def _raise_for_result(self, result: str, profile: LoginProfile) -> NoReturn:
        if result in (LOGIN_DUPLICATE, LOGIN_ALREADY_LOGGED_IN) or (
            result == LOGIN_OTHER_SESSION_OR_BAD_USER and not profile.multi_user
        ):
            raise ZteBusyError("Someone else is logged into the modem's web interface")
        if result == LOGIN_SETUP_REQUIRED:
            raise ZteLoginRefusedError(ZteLoginRefusedError.SETUP_REQUIRED)
        if result == LOGIN_SIM_LOCKED:
            raise ZteLoginRefusedError(ZteLoginRefusedError.SIM_LOCKED)
        state = await self.prelogin_state()
        check_lockout(state, refuse_last_attempt=False)
        if result == LOGIN_OTHER_SESSION_OR_BAD_USER:
            raise ZteAuthenticationError("The modem rejected the user name", _attempts_left(state))
        if result in LOGIN_WRONG_PASSWORD:
            raise ZteAuthenticationError("The modem rejected the password", _attempts_left(state))
        raise ZteUnsupportedFirmwareError(f"login answered {result[:20]!r}")

    async def _detect(self, state: Mapping[str, str]) -> Detection:
        web_ui = await read_web_ui(self._http.get_text)
        ld = ""
        if not web_ui.files:
            ld = (await self._http.get_fields(("LD",), multi_data=False)).get("LD", "")
        detection = detect(
            web_ui,
            ld=ld,
            rd=state.get("RD", ""),
            firmware=state.get("wa_inner_version", ""),
            username_given=self._username is not None,
        )
        self.detection = detection
        _LOGGER.debug(
            "Detected login scheme %s, write-token digest %s, login form %s (%s): %s",
            detection.password_encoding,
            detection.ad_digest,
            detection.login_form,
            "confident" if detection.confident else "not confident",
            "; ".join(detection.evidence),
        )
        return detection

    async def _attempt(self, profile: LoginProfile, state: Mapping[str, str]) -> str:
        ld = ""
        if profile.password_encoding is PasswordEncoding.SHA256_LD:
            ld = (await self._http.get_fields(("LD",), multi_data=False)).get("LD", "")
            if not clean(ld):
                raise ZteUnsupportedFirmwareError("the modem gave no login nonce (LD)")
        form: dict[str, str] = {
            "isTest": "false",
            "goformId": "LOGIN",
            "password": encode_password(self._password, profile.password_encoding, ld),
        }
        username = self._username or DEFAULT_USERNAME
        if profile.login_form is LoginForm.LOGIN_USERNAME:
            form["username"] = username
        elif profile.login_form is LoginForm.LOGIN_USERNAME_BASE64:
            form["username"] = base64.b64encode(username.encode()).decode()
        elif profile.login_form is LoginForm.MULTI_USER:
            form["goformId"] = "LOGIN_MULTI_USER"
            form["user"] = username
            # The stock wrapper attaches AD to every POST but LOGIN itself.
            if profile.ad_digest is not AdDigest.NONE:
                form["AD"] = ad_token(
                    profile.ad_digest,
                    state.get("wa_inner_version", ""),
                    state.get("cr_version", ""),
                    state.get("RD", ""),
                )
        answer = await self._http.post(form)
        return str(answer.get("result", ""))


def check_lockout(state: Mapping[str, str], *, refuse_last_attempt: bool = True) -> None:
    """Raise ZteLockedError while the router is locked, and before spending the last attempt."""
    attempts_left = _attempts_left(state)
    lock_seconds = to_int(state.get("login_lock_time")) or 0
    if attempts_left == 0 and lock_seconds > 0:
        raise ZteLockedError(lock_seconds)
    if refuse_last_attempt and attempts_left is not None and 0 < attempts_left <= 1:
        raise ZteLockedError(0, attempts_left)


def _worth_fallback(result: str, profile: LoginProfile) -> bool:
    """A busy modem or a locked SIM says nothing about the scheme; everything else may."""
    if result in (LOGIN_DUPLICATE, LOGIN_ALREADY_LOGGED_IN, LOGIN_SETUP_REQUIRED, LOGIN_SIM_LOCKED):
        return False
    return result != LOGIN_OTHER_SESSION_OR_BAD_USER or profile.multi_user


def _attempts_left(state: Mapping[str, str]) -> int | None:
    return to_int(state.get("psw_fail_num_str"))


def _fallback_profile(profile: LoginProfile, detection: Detection) -> LoginProfile | None:
    """The one other scheme worth an attempt, when the JavaScript left a part unsettled."""
    if (encoding := detection.fallback_encoding()) is not None:
        return replace(profile, password_encoding=encoding)
    if (form := detection.fallback_form()) is not None:
        return replace(profile, login_form=form)
    return None
