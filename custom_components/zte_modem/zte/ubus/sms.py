"""SMS on a ubus router: list, send, delete, mark read, storage; number and text encrypted where the
firmware has the web page's scheme (sms_crypto.py), plain UCS-2 hex where it has not.

Methods and arguments as ../shared/docs/ubus-protocol.md §2.6 lists them (`zwrt_wms`). Numbers
and texts are never logged (see ../sms.py); only counts, ids and error types are.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Sequence
from datetime import UTC

from ..connection import ClientTiming
from ..exceptions import (
    ZteSmsRefusedError,
    ZteSmsUnavailableError,
)
from ..goform.sms_format import (
    DEFAULT_PAGE_SIZE,
    TAGS_ALL,
    capacity_from_raw,
    message_ids_param,
    open_rows,
    parse_messages,
    sms_time,
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
from ..sms_crypto import SmsCipher
from .rpc import Call
from .session import UbusSession

_LOGGER = logging.getLogger(__name__)

WMS = "zwrt_wms"
CAPACITY = Call(WMS, "zwrt_wms_get_wms_capacity")
SMS_CMD_SEND = 4
SMS_CMD_DELETE = 6


class UbusSms:
    """The SMS commands of one ubus router."""

    def __init__(self, session: UbusSession, timing: ClientTiming) -> None:
        self._session = session
        self._timing = timing
        # One SMS command at a time: the router reports a single status per command kind.
        self._lock = asyncio.Lock()

    async def list_sms(
        self, *, mem_store: int = MEM_DEVICE, page_size: int = DEFAULT_PAGE_SIZE
    ) -> list[SmsMessage]:
        """Every message in one storage, newest first, multipart joined; fields decrypted."""
        args = {
            "page": 0,
            "data_per_page": page_size,
            "mem_store": mem_store,
            "tags": TAGS_ALL,
            "order_by": "order by id desc",
        }
        (reply,), cipher = await self._session.call_with_key(
            lambda _: [Call(WMS, "zte_libwms_get_sms_data", args)]
        )
        if not reply.ok or not isinstance(reply.data.get("messages"), list):
            raise ZteSmsUnavailableError("The router gave no message list")
        rows, unreadable = open_rows(reply.data["messages"], cipher)
        now = self._timing.clock()
        messages, skipped = parse_messages(
            rows, mem_store=mem_store, default_tz=now.tzinfo or UTC, now=now, unreadable=unreadable
        )
        if skipped or unreadable:
            _LOGGER.debug(
                "Skipped %d SMS that could not be read, %d not decrypted (ids %s)",
                len(skipped),
                len(unreadable),
                sorted({*skipped, *unreadable}),
            )
        return messages

    async def send_sms(self, numbers: str | Sequence[str], message: str) -> SmsSendResult:
        """Send to one number (its error raises) or to several (the result says which went)."""
        async with self._lock:
            return await send_to_each(numbers, message, self._send_one)

    async def delete_sms(self, ids: Iterable[int]) -> None:
        """Delete messages by id and wait until the router reports them gone."""
        wanted = sorted({int(message_id) for message_id in ids})
        if not wanted:
            return
        async with self._lock:
            await self._write(Call(WMS, "zwrt_wms_delete_sms", {"id": message_ids_param(wanted)}, write=True))
            await self._wait_status(SMS_CMD_DELETE, limit=self._timing.sms_delete_timeout, action="delete")

    async def delete_all_but(self, keep_latest: int, *, sim: bool = False) -> list[int]:
        """Delete all but the newest `keep_latest` messages; the deleted ids."""
        doomed = await ids_to_delete(lambda mem: self.list_sms(mem_store=mem), keep_latest, sim=sim)
        await self.delete_sms(doomed)
        return doomed

    async def mark_sms_read(self, ids: Iterable[int]) -> None:
        """Mark messages read."""
        wanted = sorted({int(message_id) for message_id in ids})
        if wanted:
            await self._write(
                Call(WMS, "zwrt_wms_modify_tag", {"id": message_ids_param(wanted), "tag": 0}, write=True)
            )

    async def sms_capacity(self) -> SmsCapacity:
        """Storage size and use."""
        (reply,) = await self._session.call([CAPACITY])
        if not reply.ok:
            raise ZteSmsUnavailableError("The router gave no SMS storage figures")
        return capacity_from_raw({key: str(value) for key, value in reply.data.items()})

    async def _send_one(self, number: str, body: str, kind: str) -> None:
        def build(cipher: SmsCipher | None) -> list[Call]:
            args = {
                "number": cipher.encrypt(number) if cipher else number,
                "sms_time": sms_time(self._timing.clock()),
                "message_body": cipher.encrypt(body) if cipher else body,
                "id": "-1",
                "encode_type": kind,
            }
            return [Call(WMS, "zte_libwms_send_sms", args, write=True)]

        (reply,), _ = await self._session.call_with_key(build)
        if not reply.ok:
            # Status 2 for a plain send: the firmware wants the encrypted fields it could not get.
            raise ZteSmsRefusedError(f"The router refused to send the message (status {reply.status})")
        await self._wait_status(SMS_CMD_SEND, limit=self._timing.sms_send_timeout, action="send")

    async def _write(self, call: Call) -> None:
        (reply,) = await self._session.call([call])
        if not reply.ok:
            raise ZteSmsRefusedError(f"The router refused {call.method} (status {reply.status})")

    async def _wait_status(self, command: int, *, limit: float, action: str) -> None:
        """Follow the command's status as the web page does (zwrt_wms_get_cmd_status)."""

        async def status() -> str:
            (reply,) = await self._session.call([Call(WMS, "zwrt_wms_get_cmd_status", {"sms_cmd": command})])
            return str(reply.data.get("sms_cmd_status_result", "")).strip() if reply.ok else ""

        await wait_for_status(status, interval=self._timing.sms_poll_interval, limit=limit, action=action)
