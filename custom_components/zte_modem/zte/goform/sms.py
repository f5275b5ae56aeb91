"""SMS on a goform router: list, send, delete, mark read, storage; and whether messages may be waiting.

Numbers and texts are never logged (see ../sms.py); only counts, ids and error types are.
Every request goes through the session's guarded request; SEND_SMS through its `write_once`,
never repeated (a refusal may come from a stolen session after the router sent it). On firmware
that encrypts SMS (sms_key.py) the send's fields go encrypted and the list's are decrypted; a
message this client cannot decrypt is listed unreadable, never with an empty sender or text.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC
from typing import Any

from ..connection import ClientTiming
from ..exceptions import (
    ZteCommandError,
    ZteSmsEncryptedError,
    ZteSmsRefusedError,
    ZteSmsUnavailableError,
)
from ..sms import (
    MEM_DEVICE,
    SmsCapacity,
    SmsMessage,
    SmsSendResult,
    ids_to_delete,
    send_to_each,
    wait_for_status,
)
from .session import GoformSession
from .sms_format import (
    CAPACITY_FIELDS,
    DEFAULT_PAGE_SIZE,
    TAGS_ALL,
    capacity_from_raw,
    message_ids_param,
    open_rows,
    parse_messages,
    sms_counters_after_mark,
    sms_list_needed,
    sms_time,
)
from .sms_key import GoformSmsKey

_LOGGER = logging.getLogger(__name__)

# SMS command status (GET cmd=sms_cmd_status_info&sms_cmd=N): the stock page polls every second.
SMS_CMD_SEND = "4"
SMS_CMD_DELETE = "6"
# Firmware that encrypts SMS (RSA-wrapped session key, AES-GCM) names the cipher in its web page.
_ENCRYPTED_SMS = re.compile(r"AES-?GCM", re.IGNORECASE)


class GoformSms:
    """The SMS commands of one router."""

    def __init__(self, session: GoformSession, timing: ClientTiming) -> None:
        self._session = session
        self._timing = timing
        # One SMS command at a time: the router reports a single status per command kind, and a
        # send's status polls must not see another send's. Each request still takes the lock.
        self._lock = asyncio.Lock()
        self._encrypted: bool | None = None
        self.key = GoformSmsKey(session)
        self._counters: Mapping[str, str] | None = None
        # After a mark-read, the counters as the mark left them (see waiting()).
        self._after_mark: dict[str, str] | None = None
        self.capacity_raw: dict[str, str] = {}

    def waiting(self, raw: Mapping[str, str]) -> bool:
        """Whether this poll's counters (SMS_POLL_FIELDS) say new messages may be waiting.

        Compared with the previous poll, or, after a mark-read, with the counters as the mark
        left them: a message arriving between the mark and this poll leaves them where they
        were (1 -> 1) and must still be read now.
        """
        previous = self._after_mark if self._after_mark is not None else self._counters
        self._after_mark = None
        self._counters = dict(raw)
        return sms_list_needed(previous, raw)

    async def list_sms(
        self, *, mem_store: int = MEM_DEVICE, page_size: int = DEFAULT_PAGE_SIZE
    ) -> list[SmsMessage]:
        """Every message in one storage (device memory by default), newest first, multipart joined.
        Fields this session's key cannot open: the key is renewed once and the list read again."""
        messages, unreadable = await self._list_once(mem_store, page_size)
        if unreadable and await self.key.renew():
            messages, unreadable = await self._list_once(mem_store, page_size)
        if unreadable:
            _LOGGER.debug(
                "Could not decrypt %d SMS (ids %s); kept out of the news", len(unreadable), sorted(unreadable)
            )
        _LOGGER.debug("Listed %d SMS in memory %d", len(messages), mem_store)
        return messages

    async def _list_once(self, mem_store: int, page_size: int) -> tuple[list[SmsMessage], set[int]]:
        answer = await self._get(
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
        now = self._timing.clock()
        payload, unreadable = answer.get("messages"), set[int]()
        if isinstance(payload, list):
            # The key of the session that answered: a re-login inside the request made a new one.
            payload, unreadable = open_rows(payload, self.key.cipher)
        messages, skipped = parse_messages(
            payload, mem_store=mem_store, default_tz=now.tzinfo or UTC, now=now, unreadable=unreadable
        )
        if skipped:
            _LOGGER.debug("Skipped %d SMS whose content is not UCS-2 text (ids %s)", len(skipped), skipped)
        return messages, unreadable

    async def send_sms(self, numbers: str | Sequence[str], message: str) -> SmsSendResult:
        """Send `message` to one number or to each of several, one after another (see ModemClient)."""
        async with self._lock:
            if self._encrypted and self.key.encrypts is not True:
                raise ZteSmsEncryptedError
            return await send_to_each(numbers, message, self._send_one)

    async def delete_sms(self, ids: Iterable[int]) -> None:
        """Delete messages by id and wait until the router reports them gone."""
        wanted = await self._ids_write(ids, "DELETE_SMS", {"notCallback": "true"}, what="delete")
        if wanted:
            _LOGGER.debug("Deleted %d SMS (ids %s)", len(wanted), wanted)

    async def delete_all_but(self, keep_latest: int, *, sim: bool = False) -> list[int]:
        """Delete all but the newest `keep_latest` messages of the device memory (and the SIM's
        too when `sim`); returns the deleted ids."""
        doomed = await ids_to_delete(lambda mem: self.list_sms(mem_store=mem), keep_latest, sim=sim)
        await self.delete_sms(doomed)
        return doomed

    async def mark_sms_read(self, ids: Iterable[int]) -> None:
        """Mark messages read (the unread counters drop)."""
        wanted = await self._ids_write(ids, "SET_MSG_READ", {"tag": "0"}, what="mark read")
        if wanted:
            if self._counters is not None:
                self._after_mark = sms_counters_after_mark(self._counters, len(wanted))
            _LOGGER.debug("Marked %d SMS read", len(wanted))

    async def sms_capacity(self) -> SmsCapacity:
        """Storage size and use of the device memory and the SIM."""
        raw = await self._get({"cmd": "sms_capacity_info"}, expect="sms_nv_total")
        # Kept and added to every later read, so the storage metrics stay current between reads.
        self.capacity_raw = {key: raw.get(key, "") for key in CAPACITY_FIELDS}
        return capacity_from_raw(raw)

    async def _ids_write(
        self, ids: Iterable[int], goform_id: str, params: Mapping[str, str], *, what: str
    ) -> list[int]:
        """One write naming messages by id (`msg_id="1;2;"`); a delete also waits for its status."""
        wanted = sorted({int(message_id) for message_id in ids})
        if not wanted:
            return wanted
        async with self._lock:
            try:
                await self._session.write(goform_id, {"msg_id": message_ids_param(wanted), **params})
            except ZteCommandError as err:
                raise ZteSmsRefusedError(f"The modem refused to {what} the messages") from err
            if goform_id == "DELETE_SMS":
                await self._wait_status(
                    SMS_CMD_DELETE, limit=self._timing.sms_delete_timeout, action="delete"
                )
        return wanted

    async def _send_one(self, number: str, body: str, kind: str) -> None:
        def form() -> dict[str, str]:
            # Made once the session is sure, with its key (none on firmware without the scheme).
            cipher = self.key.cipher
            return {
                "notCallback": "true",
                # Raw: the form encoder turns '+' into %2B exactly once; pre-encoding would double it.
                "Number": cipher.encrypt(number) if cipher else number,
                "sms_time": sms_time(self._timing.clock()),
                "MessageBody": cipher.encrypt(body) if cipher else body,
                "ID": "-1",
                "encode_type": kind,
            }

        try:
            await self._session.write_once("SEND_SMS", form)
        except ZteCommandError as err:
            if self.key.encrypts is not True and await self._firmware_encrypts():
                raise ZteSmsEncryptedError from err
            raise ZteSmsRefusedError("The modem refused to send the message") from err
        await self._wait_status(SMS_CMD_SEND, limit=self._timing.sms_send_timeout, action="send")

    async def _wait_status(self, command: str, *, limit: float, action: str) -> None:
        """Poll the command's status like the stock page (sms_cmd_status_info)."""

        async def status() -> str:
            try:
                answer = await self._get(
                    {"cmd": "sms_cmd_status_info", "sms_cmd": command}, expect="sms_cmd_status_result"
                )
            except ZteSmsUnavailableError:
                return ""
            return str(answer.get("sms_cmd_status_result", "")).strip()

        await wait_for_status(status, interval=self._timing.sms_poll_interval, limit=limit, action=action)

    async def _get(self, params: Mapping[str, str], *, expect: str) -> dict[str, Any]:
        """An SMS GET through the guarded request; a key still missing with a session means the
        firmware does not answer this command."""
        answer = await self._session.get_json(params, expect=expect, blank_is_suspect=False)
        if expect not in answer:
            raise ZteSmsUnavailableError(f"The modem gave no answer to {params['cmd']}")
        return answer

    async def _firmware_encrypts(self) -> bool:
        """After a refused send: does the web page name the SMS cipher? Decided once per client."""
        if self._encrypted is None:
            web_ui = await self._session.web_ui()
            self._encrypted = any(_ENCRYPTED_SMS.search(text) for text in web_ui.files.values())
            if self._encrypted:
                _LOGGER.debug(
                    "The web page of %s encrypts SMS and the router gave no key; sending is not supported",
                    self._session.http.host,
                )
        return self._encrypted
