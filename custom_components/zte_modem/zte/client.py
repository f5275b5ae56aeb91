"""Async client for ZTE routers that speak the goform web API."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import re
import ssl
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, TypeVar

import aiohttp

from .client_controls import ControlsMixin
from .controls import CLOCK_FIELD
from .crypto import ad_token, encode_password
from .detect import Detection, detect, read_web_ui
from .exceptions import (
    ZteAuthenticationError,
    ZteBusyError,
    ZteCommandError,
    ZteConnectionError,
    ZteError,
    ZteLockedError,
    ZteLoginRefusedError,
    ZteSessionError,
    ZteSmsEncryptedError,
    ZteSmsError,
    ZteSmsFailedError,
    ZteSmsRefusedError,
    ZteSmsTimeoutError,
    ZteSmsUnavailableError,
    ZteSmsValidationError,
    ZteUnsupportedFirmwareError,
)
from .metrics import poll_fields
from .models import ModemSnapshot, pci_format_of_model, pci_format_proven_by
from .parse import clean, to_int
from .profile import AdDigest, LoginForm, LoginProfile, PasswordEncoding
from .session import SESSION_FIELDS, session_lost
from .sms import (
    CAPACITY_FIELDS,
    DEFAULT_PAGE_SIZE,
    MEM_DEVICE,
    MEM_SIM,
    SMS_POLL_FIELDS,
    TAGS_ALL,
    SmsCapacity,
    SmsMessage,
    SmsSendResult,
    check_message,
    ids_beyond,
    message_ids_param,
    normalize_numbers,
    parse_messages,
    sms_time,
    ucs2_hex,
)

_LOGGER = logging.getLogger(__name__)
Answer = TypeVar("Answer")

GET_PATH = "/goform/goform_get_cmd_process"
SET_PATH = "/goform/goform_set_cmd_process"
DEFAULT_TIMEOUT = 10.0
DEFAULT_USERNAME = "admin"
MAX_LOGIN_COUNT = 5
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
AD_FIELDS = ("wa_inner_version", "cr_version", "RD")
# Right after a reboot wa_inner_version is empty for a moment; AD needs it.
VERSION_RETRIES = 8
VERSION_RETRY_DELAY = 0.25
# SMS command status (GET cmd=sms_cmd_status_info&sms_cmd=N): the stock page polls every second.
SMS_CMD_SEND = "4"
SMS_CMD_DELETE = "6"
SMS_STATUS_DONE = "3"
SMS_STATUS_FAILED = "2"
SMS_POLL_INTERVAL = 1.0
SMS_SEND_TIMEOUT = 30.0
SMS_DELETE_TIMEOUT = 15.0
# Firmware that encrypts SMS (RSA-wrapped session key, AES-GCM) names the cipher in its web page.
_ENCRYPTED_SMS = re.compile(r"AES-?GCM", re.IGNORECASE)


def modem_ssl_context() -> ssl.SSLContext:
    """TLS as the routers offer it: self-signed certificates, and on some MC7010/MC888
    builds weak parameters that OpenSSL's default security level refuses."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_ciphers("DEFAULT:@SECLEVEL=0")
    return context


def normalize_host(host: str) -> str:
    """'192.168.0.1', 'http://192.168.0.1/' -> 'http://192.168.0.1'."""
    text = host.strip().rstrip("/")
    if "://" not in text:
        text = f"http://{text}"
    return text


@dataclass(slots=True)
class ClientStats:
    """What the client cost the modem, for benchmarks and diagnostics."""

    requests: int = 0
    reads: int = 0
    logins: int = 0
    failed_logins: int = 0
    writes: int = 0


class ZteClient(ControlsMixin):
    """Talks to one modem, strictly one HTTP exchange at a time.

    The caller owns the aiohttp session; it needs ``CookieJar(unsafe=True)``
    because modems are reached by IP address.
    """

    def __init__(
        self,
        host: str,
        password: str,
        *,
        session: aiohttp.ClientSession,
        username: str | None = None,
        profile: LoginProfile | None = None,
        request_timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.host = normalize_host(host)
        self._password = password
        self._username = username or None
        self._session = session
        self._profile = profile
        self._timeout = request_timeout
        # A LAN router's certificate cannot be verified; the connection is still encrypted.
        self._ssl: ssl.SSLContext | bool = modem_ssl_context() if self.host.startswith("https://") else True
        self._lock = asyncio.Lock()
        self._inflight: asyncio.Future[ModemSnapshot] | None = None
        self._logged_in = False
        # Set once user_ip_addr was seen filled in a session: from then on an empty one means logged out.
        self._ip_witness = False
        self.detection: Detection | None = None
        # The SMS counters ride along in the one poll request (sms.sms_list_needed reads them).
        self._fields = tuple(dict.fromkeys((*poll_fields(), *SMS_POLL_FIELDS)))
        self._capacity_raw: dict[str, str] = {}
        # One SMS command at a time: the router reports a single status per command kind, and a
        # send's status polls must not see another send's. Each request still takes self._lock.
        self._sms_lock = asyncio.Lock()
        self._sms_encrypted: bool | None = None
        # Tests shorten these; sms_clock gives the local time (and zone) stamped on sent messages.
        self.sms_poll_interval = SMS_POLL_INTERVAL
        self.sms_send_timeout = SMS_SEND_TIMEOUT
        self.sms_delete_timeout = SMS_DELETE_TIMEOUT
        self.sms_clock: Callable[[], datetime] = _local_now
        self._headers = {
            "Referer": f"{self.host}/index.html",
            "Origin": self.host,
            "X-Requested-With": "XMLHttpRequest",
        }
        self.stats = ClientStats()
        self._init_controls()

    def __repr__(self) -> str:
        return f"ZteClient(host={self.host!r})"

    @property
    def profile(self) -> LoginProfile | None:
        """The login scheme in use; store it to skip detection next time."""
        return self._profile

    # -- public API -----------------------------------------------------

    async def login(self) -> LoginProfile:
        """Detect the scheme if needed and log in; returns the profile that worked."""
        async with self._lock:
            await self._login_locked()
        assert self._profile is not None
        return self._profile

    async def read(self) -> ModemSnapshot:
        """One poll of every catalogue field; concurrent callers share one read."""
        if self._inflight is not None:
            return await asyncio.shield(self._inflight)
        future: asyncio.Future[ModemSnapshot] = asyncio.get_running_loop().create_future()
        # Retrieve the exception so an unshared failure is not reported as lost.
        future.add_done_callback(lambda done: done.cancelled() or done.exception())
        self._inflight = future
        try:
            snapshot = await self._read_once()
        except asyncio.CancelledError:
            future.cancel()
            raise
        except BaseException as err:
            future.set_exception(err)
            raise
        else:
            future.set_result(snapshot)
            return snapshot
        finally:
            self._inflight = None

    async def reboot(self) -> None:
        """Restart the modem; the session ends with it."""
        await self._write("REBOOT_DEVICE")
        self._logged_in = False

    async def logout(self) -> None:
        """Give the single admin session back to the web UI."""
        async with self._lock:
            if not self._logged_in:
                return
            try:
                await self._write_locked("LOGOUT", {})
            finally:
                self._logged_in = False

    # -- SMS ------------------------------------------------------------
    # Numbers and texts are never logged (see sms.py); only counts, ids and error types are.

    async def list_sms(
        self, *, mem_store: int = MEM_DEVICE, page_size: int = DEFAULT_PAGE_SIZE
    ) -> list[SmsMessage]:
        """Every message in one storage (device memory by default), newest first, multipart joined.

        Incomplete multipart messages and outgoing ones are included; `sms.new_messages` picks
        what to deliver.
        """
        answer = await self._get_sms(
            {
                "cmd": "sms_data_total",
                "page": "0",
                "data_per_page": str(page_size),
                "mem_store": str(mem_store),
                "tags": str(TAGS_ALL),
                # The query encoder writes spaces as '+': order+by+id+desc, exactly as jQuery sends it.
                "order_by": "order by id desc",
            },
            expect="messages",
        )
        now = self.sms_clock()
        messages, skipped = parse_messages(
            answer.get("messages"), mem_store=mem_store, default_tz=now.tzinfo or UTC, now=now
        )
        if skipped:
            _LOGGER.debug("Skipped %d SMS whose content is not UCS-2 text (ids %s)", len(skipped), skipped)
        _LOGGER.debug("Listed %d SMS in memory %d", len(messages), mem_store)
        return messages

    async def send_sms(self, numbers: str | Sequence[str], message: str) -> SmsSendResult:
        """Send `message` to one number or to each of several, one after another.

        Validation (no number, a malformed one, an empty or too long text) raises
        `ZteSmsValidationError` before anything is sent. With one number given as a string, a
        failure raises its own error (`ZteSmsRefusedError`, `ZteSmsFailedError`,
        `ZteSmsTimeoutError`, ...); with a list, the result says which numbers were sent and which
        not (and why, in `reasons`). Errors that stop every number raise: `ZteSmsEncryptedError`,
        and a connection or login error before any number was sent; after one, the remaining
        numbers are reported failed with reason "error".
        """
        targets = normalize_numbers(numbers)
        kind = check_message(message)
        body = ucs2_hex(message)
        result = SmsSendResult()
        async with self._sms_lock:
            if self._sms_encrypted:
                raise ZteSmsEncryptedError
            for position, number in enumerate(targets, start=1):
                try:
                    await self._send_one(number, body, kind)
                except ZteSmsEncryptedError:
                    raise
                except ZteError as err:
                    # A single number, or no modem before anything went out: the error itself says most.
                    if isinstance(numbers, str) or (not isinstance(err, ZteSmsError) and not result.sent):
                        raise
                    _LOGGER.debug("SMS %d of %d not sent: %s", position, len(targets), type(err).__name__)
                    # Without the modem (connection, login) the rest cannot go either: stop, report all.
                    rest = targets[position - 1 :] if not isinstance(err, ZteSmsError) else [number]
                    for failed in rest:
                        result.failed.append(failed)
                        result.reasons[failed] = _failure_reason(err)
                    if not isinstance(err, ZteSmsError):
                        break
                else:
                    result.sent.append(number)
        _LOGGER.debug("SMS sent to %d of %d numbers", len(result.sent), len(targets))
        return result

    async def delete_sms(self, ids: Iterable[int]) -> None:
        """Delete messages by id and wait until the router reports them gone."""
        wanted = await self._sms_ids_write(ids, "DELETE_SMS", {"notCallback": "true"}, what="delete")
        if wanted:
            _LOGGER.debug("Deleted %d SMS (ids %s)", len(wanted), wanted)

    async def delete_all_but(self, keep_latest: int, *, sim: bool = False) -> list[int]:
        """Delete all but the newest `keep_latest` messages of the device memory (and the SIM's
        too when `sim`); returns the deleted ids."""
        if keep_latest < 0:
            raise ZteSmsValidationError("keep_latest must be 0 or more")
        doomed = ids_beyond(await self.list_sms(mem_store=MEM_DEVICE), keep_latest)
        if sim:
            doomed += ids_beyond(await self.list_sms(mem_store=MEM_SIM), keep_latest)
        await self.delete_sms(doomed)
        return doomed

    async def mark_sms_read(self, ids: Iterable[int]) -> None:
        """Mark messages read (the unread counters drop)."""
        wanted = await self._sms_ids_write(ids, "SET_MSG_READ", {"tag": "0"}, what="mark read")
        if wanted:
            _LOGGER.debug("Marked %d SMS read", len(wanted))

    async def _sms_ids_write(
        self, ids: Iterable[int], goform_id: str, params: Mapping[str, str], *, what: str
    ) -> list[int]:
        """One write naming messages by id (`msg_id="1;2;"`); a delete also waits for its status."""
        wanted = sorted({int(message_id) for message_id in ids})
        if not wanted:
            return wanted
        async with self._sms_lock:
            try:
                await self._write(goform_id, {"msg_id": message_ids_param(wanted), **params})
            except ZteCommandError as err:
                raise ZteSmsRefusedError(f"The modem refused to {what} the messages") from err
            if goform_id == "DELETE_SMS":
                await self._wait_sms_status(SMS_CMD_DELETE, limit=self.sms_delete_timeout, action="delete")
        return wanted

    async def sms_capacity(self) -> SmsCapacity:
        """Storage size and use of the device memory and the SIM."""
        raw = await self._get_sms({"cmd": "sms_capacity_info"}, expect="sms_nv_total")
        # Kept and added to every later read, so the storage metrics stay current between reads.
        self._capacity_raw = {key: raw.get(key, "") for key in CAPACITY_FIELDS}
        return SmsCapacity.from_raw(raw)

    async def _send_one(self, number: str, body: str, kind: str) -> None:
        form = {
            "notCallback": "true",
            # Raw: the form encoder turns '+' into %2B exactly once; pre-encoding would double it.
            "Number": number,
            "sms_time": sms_time(self.sms_clock()),
            "MessageBody": body,
            "ID": "-1",
            "encode_type": kind,
        }
        try:
            await self._write("SEND_SMS", form)
        except ZteCommandError as err:
            if await self._sms_firmware_encrypts():
                raise ZteSmsEncryptedError from err
            raise ZteSmsRefusedError("The modem refused to send the message") from err
        await self._wait_sms_status(SMS_CMD_SEND, limit=self.sms_send_timeout, action="send")

    async def _wait_sms_status(self, command: str, *, limit: float, action: str) -> None:
        """Poll the command's status like the stock page: "3" done, "2" failed, else pending."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        while True:
            await asyncio.sleep(self.sms_poll_interval)
            try:
                answer = await self._get_sms(
                    {"cmd": "sms_cmd_status_info", "sms_cmd": command}, expect="sms_cmd_status_result"
                )
            except ZteSmsUnavailableError:
                answer = {}
            status = str(answer.get("sms_cmd_status_result", "")).strip()
            if status == SMS_STATUS_DONE:
                return
            if status == SMS_STATUS_FAILED:
                raise ZteSmsFailedError(f"The modem reports that the SMS {action} failed")
            if loop.time() >= deadline:
                raise ZteSmsTimeoutError(f"No SMS {action} result from the modem within {limit:g} s")

    async def _get_sms(self, params: Mapping[str, str], *, expect: str) -> dict[str, Any]:
        """An SMS GET through the guarded request; a key still missing with a session means the
        firmware does not answer this command."""
        answer = await self._get_json_guarded(params, expect=expect, blank_is_suspect=False)
        if expect not in answer:
            raise ZteSmsUnavailableError(f"The modem gave no answer to {params['cmd']}")
        return answer

    async def _get_json_guarded(
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
            witnesses = await self._get(SESSION_FIELDS)
            return witnesses if self._session_lost(witnesses) else None

        return await self._guarded(lambda: self._get_json(params), lost)

    async def _guarded(
        self,
        ask: Callable[[], Awaitable[Answer]],
        lost: Callable[[Answer], Awaitable[Mapping[str, str] | None]],
    ) -> Answer:
        """The one guarded request every read uses: under the lock, log in if needed, ask; when
        `lost` finds the answer came without a session (idle expiry, the web page took it) it
        returns the witnesses that say so: log in once more and ask again; still lost:
        ZteSessionError."""
        async with self._lock:
            return await self._guarded_locked(ask, lost)

    async def _guarded_locked(
        self,
        ask: Callable[[], Awaitable[Answer]],
        lost: Callable[[Answer], Awaitable[Mapping[str, str] | None]],
    ) -> Answer:
        if not self._logged_in:
            await self._login_locked()
        answer = await ask()
        if (witnesses := await lost(answer)) is None:
            return answer
        _LOGGER.debug("Session lost at %s, logging in again", self.host)
        self._logged_in = False
        # A loginfo of "ok" that the other witnesses contradict is not believed again.
        await self._login_locked(trust_loginfo=witnesses.get("loginfo") != "ok")
        answer = await ask()
        if await lost(answer) is not None:
            self._logged_in = False
            raise ZteSessionError("The modem dropped the session right after logging in")
        return answer

    async def _get_guarded(self, fields: Iterable[str]) -> dict[str, str]:
        """One multi_data GET of `fields` and the session witnesses, through the guarded request."""
        wanted = tuple(dict.fromkeys((*fields, *SESSION_FIELDS)))

        async def lost(answer: dict[str, str]) -> Mapping[str, str] | None:
            return answer if self._session_lost(answer) else None

        return await self._guarded(lambda: self._get(wanted), lost)

    async def _sms_firmware_encrypts(self) -> bool:
        """After a refused send: does the web page name the SMS cipher? Decided once per client."""
        if self._sms_encrypted is None:
            async with self._lock:
                web_ui = await read_web_ui(self._get_text)
            self._sms_encrypted = any(_ENCRYPTED_SMS.search(text) for text in web_ui.files.values())
            if self._sms_encrypted:
                _LOGGER.debug("The web page of %s encrypts SMS; sending is not supported", self.host)
        return self._sms_encrypted

    # -- reading --------------------------------------------------------

    async def _read_once(self) -> ModemSnapshot:
        raw = await self._get_guarded(self._fields)
        self.stats.reads += 1
        self._decide_pci_format(raw)
        assert self._profile is not None
        # Settings (locks, data plan) from the last read_settings or read-back; the poll's own
        # fields win. The local time feeds the data-plan projection.
        merged = {
            **self._settings_raw,
            **raw,
            **self._capacity_raw,
            CLOCK_FIELD: self.plan_clock().isoformat(),
        }
        return ModemSnapshot.from_raw(merged, self._profile.value_format)

    def _session_lost(self, raw: Mapping[str, str]) -> bool:
        if clean(raw.get("user_ip_addr")):
            self._ip_witness = True
        return session_lost(raw, ip_witness=self._ip_witness)

    def _decide_pci_format(self, raw: Mapping[str, str]) -> None:
        """Decide once per firmware how it writes the LTE PCI; a value can prove it, the model suggests it."""
        assert self._profile is not None
        if self._profile.pci_confirmed:
            return
        proven = pci_format_proven_by(clean(raw.get("lte_pci")))
        if proven is not None:
            if proven is not self._profile.pci_format:
                _LOGGER.debug("LTE PCI of %s is written in %s (seen in a value)", self.host, proven)
            self._profile = replace(self._profile, pci_format=proven, pci_confirmed=True)
            return
        if self._profile.pci_format is None:
            self._profile = replace(self._profile, pci_format=pci_format_of_model(raw))

    # -- login ----------------------------------------------------------

    async def _login_locked(self, *, trust_loginfo: bool = True) -> None:
        state = await self._get(PRELOGIN_FIELDS)
        if clean(state.get("user_ip_addr")):
            self._ip_witness = True
        if (
            trust_loginfo
            and self._profile is not None
            and not session_lost(state, ip_witness=self._ip_witness)
        ):
            self._logged_in = True
            return
        firmware = state.get("wa_inner_version", "")
        self._check_lockout(state)
        profile = self._profile
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
        result = await self._attempt_login(profile, state)
        if result not in LOGIN_OK and fallback is not None and self._worth_fallback(result, profile):
            state = await self._get(PRELOGIN_FIELDS)
            attempts_left = _attempts_left(state)
            if attempts_left is None or attempts_left >= 2:
                _LOGGER.debug("First login scheme refused (result %s), trying the one fallback", result)
                profile = fallback
                result = await self._attempt_login(profile, state)
        if result in LOGIN_OK:
            self._profile = replace(profile, firmware=firmware or profile.firmware)
            self._logged_in = True
            self.stats.logins += 1
            return
        self.stats.failed_logins += 1
        await self._raise_for_login_result(result, profile)

    @staticmethod
    def _worth_fallback(result: str, profile: LoginProfile) -> bool:
        """A busy modem or a locked SIM says nothing about the scheme; everything else may."""
        if result in (LOGIN_DUPLICATE, LOGIN_ALREADY_LOGGED_IN, LOGIN_SETUP_REQUIRED, LOGIN_SIM_LOCKED):
            return False
        return result != LOGIN_OTHER_SESSION_OR_BAD_USER or profile.multi_user

    async def _raise_for_login_result(self, result: str, profile: LoginProfile) -> None:
        if result in (LOGIN_DUPLICATE, LOGIN_ALREADY_LOGGED_IN) or (
            result == LOGIN_OTHER_SESSION_OR_BAD_USER and not profile.multi_user
        ):
            raise ZteBusyError("Someone else is logged into the modem's web interface")
        if result == LOGIN_SETUP_REQUIRED:
            raise ZteLoginRefusedError(ZteLoginRefusedError.SETUP_REQUIRED)
        if result == LOGIN_SIM_LOCKED:
            raise ZteLoginRefusedError(ZteLoginRefusedError.SIM_LOCKED)
        state = await self._get(PRELOGIN_FIELDS)
        self._check_lockout(state, refuse_last_attempt=False)
        if result == LOGIN_OTHER_SESSION_OR_BAD_USER:
            raise ZteAuthenticationError("The modem rejected the user name", _attempts_left(state))
        if result in LOGIN_WRONG_PASSWORD:
            raise ZteAuthenticationError("The modem rejected the password", _attempts_left(state))
        raise ZteUnsupportedFirmwareError(f"login answered {result[:20]!r}")

    @staticmethod
    def _check_lockout(state: Mapping[str, str], *, refuse_last_attempt: bool = True) -> None:
        attempts_left = _attempts_left(state)
        lock_seconds = to_int(state.get("login_lock_time")) or 0
        if attempts_left == 0 and lock_seconds > 0:
            raise ZteLockedError(lock_seconds)
        if refuse_last_attempt and attempts_left is not None and 0 < attempts_left <= 1:
            raise ZteLockedError(0, attempts_left)

    async def _detect(self, state: Mapping[str, str]) -> Detection:
        web_ui = await read_web_ui(self._get_text)
        ld = ""
        if not web_ui.files:
            ld = (await self._get(("LD",), multi_data=False)).get("LD", "")
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

    async def _attempt_login(self, profile: LoginProfile, state: Mapping[str, str]) -> str:
        ld = ""
        if profile.password_encoding is PasswordEncoding.SHA256_LD:
            ld = (await self._get(("LD",), multi_data=False)).get("LD", "")
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
        answer = await self._post(form)
        return str(answer.get("result", ""))

    # -- writing --------------------------------------------------------

    async def _write(self, goform_id: str, params: Mapping[str, str] | None = None) -> None:
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
            witnesses = await self._get(SESSION_FIELDS)
            return witnesses if self._session_lost(witnesses) else None

        async with self._lock:
            # Refused with the session alive: once more with a fresh AD (the web page may have
            # taken the RD it was made from), then, if the digest was a guess, the other one.
            if await self._guarded_locked(attempt, lost) or await attempt():
                return
            if not self._guessed_ad_digest():
                raise ZteCommandError(f"The modem refused {goform_id}")
            await self._write_with_other_digest(goform_id, form)

    def _guessed_ad_digest(self) -> bool:
        return (
            self._profile is not None
            and not self._profile.ad_confident
            and self._profile.ad_digest
            in (
                AdDigest.MD5,
                AdDigest.SHA256,
            )
        )

    async def _write_with_other_digest(self, goform_id: str, params: Mapping[str, str]) -> None:
        """No JS named the AD digest and the guess was refused: the other one, once, then keep it."""
        assert self._profile is not None
        guessed = self._profile
        other = AdDigest.SHA256 if guessed.ad_digest is AdDigest.MD5 else AdDigest.MD5
        self._profile = replace(guessed, ad_digest=other)
        try:
            await self._write_locked(goform_id, params)
        except ZteCommandError:
            self._profile = guessed
            raise
        _LOGGER.debug("The modem accepted a %s write token; keeping it", other)
        self._profile = replace(self._profile, ad_confident=True)

    async def _write_locked(self, goform_id: str, params: Mapping[str, str]) -> None:
        assert self._profile is not None
        form = {"isTest": "false", "goformId": goform_id, **params}
        if self._profile.ad_digest is not AdDigest.NONE:
            versions = await self._versions_for_ad()
            form["AD"] = ad_token(
                self._profile.ad_digest,
                versions.get("wa_inner_version", ""),
                versions.get("cr_version", ""),
                versions.get("RD", ""),
            )
        answer = await self._post(form)
        self.stats.writes += 1
        if answer.get("result") != "success":
            raise ZteCommandError(f"The modem refused {goform_id}")

    async def _versions_for_ad(self) -> dict[str, str]:
        versions = await self._get(AD_FIELDS)
        for _ in range(VERSION_RETRIES):
            if clean(versions.get("wa_inner_version")):
                break
            await asyncio.sleep(VERSION_RETRY_DELAY)
            versions = await self._get(AD_FIELDS)
        return versions

    # -- HTTP -----------------------------------------------------------

    async def _get_json(self, params: Mapping[str, str]) -> dict[str, Any]:
        """One GET with its own parameters and no multi_data (table commands answer blank with it)."""
        query = {"isTest": "false", **params, "_": str(int(time.time() * 1000))}
        return await self._exchange_json("GET", GET_PATH, params=query)

    async def _get(self, fields: Iterable[str], *, multi_data: bool = True) -> dict[str, str]:
        params = {"isTest": "false", "cmd": ",".join(fields)}
        if multi_data:
            params["multi_data"] = "1"
        params["_"] = str(int(time.time() * 1000))
        return await self._exchange("GET", GET_PATH, params=params)

    async def _post(self, form: Mapping[str, str]) -> dict[str, str]:
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}
        return await self._exchange("POST", SET_PATH, data=dict(form), headers=headers)

    async def _exchange(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> dict[str, str]:
        answer = await self._exchange_json(method, path, params=params, data=data, headers=headers)
        return {key: value if isinstance(value, str) else json.dumps(value) for key, value in answer.items()}

    async def _exchange_json(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> dict[str, Any]:
        status, text = await self._http(method, path, params=params, data=data, headers=headers)
        if 300 <= status < 400:
            raise ZteUnsupportedFirmwareError(f"redirected (HTTP {status})")
        if status >= 400:
            raise ZteConnectionError(f"{self.host} answered HTTP {status}")
        return _decode_goform(text)

    async def _get_text(self, path: str) -> str | None:
        """A static file of the web UI, or None when the firmware has none."""
        status, text = await self._http("GET", "/" + path.lstrip("/"))
        return text if status == 200 else None

    async def _http(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> tuple[int, str]:
        """Status and body; only a transport failure raises (the caller judges the status)."""
        self.stats.requests += 1
        try:
            async with asyncio.timeout(self._timeout):
                async with self._session.request(
                    method,
                    f"{self.host}{path}",
                    params=params,
                    data=data,
                    headers={**self._headers, **(headers or {})},
                    allow_redirects=False,
                    ssl=self._ssl,
                ) as response:
                    body = await response.read()
                    status = response.status
        except TimeoutError as err:
            raise ZteConnectionError(f"Timed out after {self._timeout:g} s talking to {self.host}") from err
        except aiohttp.ClientError as err:
            raise ZteConnectionError(f"Cannot talk to {self.host}: {type(err).__name__}") from err
        return status, body.decode("utf-8", errors="replace")


def _decode_goform(text: str) -> dict[str, Any]:
    body = text.strip()
    if not body.startswith("{"):
        raise ZteUnsupportedFirmwareError("the answer is not JSON")
    try:
        decoded: Any = json.loads(body)
    except ValueError as err:
        raise ZteConnectionError("The modem sent an incomplete or invalid JSON answer") from err
    if not isinstance(decoded, dict):  # pragma: no cover - a '{' body decodes to a dict
        raise ZteUnsupportedFirmwareError("the answer is not a JSON object")
    return {str(key): value for key, value in decoded.items()}


def _local_now() -> datetime:
    return datetime.now().astimezone()


def _failure_reason(err: ZteError) -> str:
    if isinstance(err, ZteSmsRefusedError):
        return "refused"
    if isinstance(err, ZteSmsFailedError):
        return "failed"
    if isinstance(err, ZteSmsTimeoutError):
        return "timeout"
    return "error"


def _attempts_left(state: Mapping[str, str]) -> int | None:
    return to_int(state.get("psw_fail_num_str"))


def _fallback_profile(profile: LoginProfile, detection: Detection) -> LoginProfile | None:
    """The one other scheme worth an attempt, when the JavaScript left a part unsettled."""
    if (encoding := detection.fallback_encoding()) is not None:
        return replace(profile, password_encoding=encoding)
    if (form := detection.fallback_form()) is not None:
        return replace(profile, login_form=form)
    return None


__all__ = ["ClientStats", "ZteClient", "normalize_host"]
