"""The simulated modem's SMS storage, and the strict checks of the SMS requests it answers.

Written from the facts in the protocol notes this repository follows (stock-page behaviour):
content is UCS-2 hex, a multipart message is one row whose content grows as parts arrive
(`received_all_concat_sms` "0" until the last one), dates carry the zone in quarter hours
(`yy,MM,dd,HH,mm,ss,+8` for UTC+2; see custom_components/zte_modem/zte/sms.py), counters move on
arrival, read and delete, and SEND_SMS/DELETE_SMS report through `sms_cmd_status_info`.
"""

from __future__ import annotations

import base64
import re
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

# Device memory (NV) and SIM, as `mem_store` names them.
MEM_SIM = 0
MEM_DEVICE = 1
TAG_READ, TAG_UNREAD, TAG_SENT, TAG_FAILED, TAG_DRAFT = range(5)
ORDER_BY_RAW = "order_by=order+by+id+desc"
TAGS_ALL = 10
ENCODE_TYPES = frozenset({"GSM7_default", "UNICODE"})
_BODY = re.compile(r"(?:[0-9A-F]{4})+")
_SMS_TIME = re.compile(r"\d{2};\d{2};\d{2};\d{2};\d{2};\d{2};[+-]\d{1,2}(?:\.\d+)?")
# Status results of sms_cmd_status_info: pending ("1"), failed ("2"), done ("3").
PENDING, FAILED, DONE = "1", "2", "3"
ROUTER_ZONE = timezone(timedelta(hours=2))  # the simulated router lives in Central European summer time


def ucs2(text: str) -> str:
    """UCS-2 hex as the router stores it."""
    return text.encode("utf-16-be").hex().upper()


def split_parts(text: str, parts: int) -> list[str]:
    """The text in `parts` nearly equal slices (a pair of UTF-16 surrogates stays together)."""
    size = -(-len(text) // parts) if text else 0
    return [text[index * size : (index + 1) * size] for index in range(parts)]


def zone_field(moment: datetime, style: str) -> str:
    """The 7th date field: quarter hours ("+8") by default, or ±HHMM ("+0200") on UFI-style builds."""
    offset = moment.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    if style == "hhmm":
        return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    return f"{sign}{abs(minutes) // 15}"


@dataclass(slots=True)
class SimSms:
    """One row of the router's SMS database."""

    id: int
    number: str
    parts: list[str]
    tag: int
    when: datetime
    mem: int = MEM_DEVICE
    received_parts: int = 1
    sms_class: str = "4"  # 4: no class given; 0 would be a flash message

    @property
    def complete(self) -> bool:
        return self.received_parts >= len(self.parts)

    @property
    def text(self) -> str:
        return "".join(self.parts[: self.received_parts])


@dataclass(slots=True)
class SmsStore:
    """Device and SIM memory, counters and the command status the router reports."""

    nv_total: int = 100
    sim_total: int = 20
    # A build without SMS_DATABASE_SORT_SUPPORT lists a growing multipart row once per part.
    duplicate_rows: bool = False
    # Firmware that encrypts SMS: the list carries `number` and `content` through `seal` (the
    # server sets the session key's, sms_crypto.py), not UCS-2 hex.
    encrypted: bool = False
    seal: Callable[[str], str] = field(
        default=lambda text: base64.b64encode(secrets.token_bytes(28 + len(text))).decode()
    )
    zone_style: str = "quarters"
    clock: Callable[[], datetime] = field(default=lambda: datetime.now(ROUTER_ZONE))
    messages: list[SimSms] = field(default_factory=list)
    received_flag: bool = False
    next_id: int = 1
    # sms_cmd -> results still to report; the last one stays (the router keeps the final status).
    status: dict[str, list[str]] = field(default_factory=dict)
    # Steering: polls a send stays pending, whether the next sends fail, hang, or are refused.
    send_pending_polls: int = 1
    fail_sends: int = 0
    hang_sends: bool = False
    refuse_sends: int = 0
    # The answer after a send the router carried out: None (success), "failure" (as a stolen
    # session answers) or "http500"; either way the message went once.
    answer_after_send: str | None = None
    # Requests that broke the protocol (double-encoded number, multi_data on a table, ...).
    protocol_errors: list[str] = field(default_factory=list)
    # Test-only records: every well-formed SEND_SMS form, and how often the list was read.
    sends: list[dict[str, str]] = field(default_factory=list)
    list_requests: int = 0

    # -- steering ---------------------------------------------------------

    def inject(
        self,
        number: str,
        text: str,
        *,
        parts: int = 1,
        arrived: int | None = None,
        when: datetime | None = None,
        mem: int = MEM_DEVICE,
    ) -> int | None:
        """An incoming message, `arrived` of its `parts` received so far (all by default).

        Returns its id, or None when the memory is full (the message is lost, as on a full router).
        """
        if self.used(mem) >= self.total(mem):
            return None
        message = SimSms(
            id=self.next_id,
            number=number,
            parts=split_parts(text, parts),
            tag=TAG_UNREAD,
            when=when or self.clock(),
            mem=mem,
            received_parts=parts if arrived is None else max(1, min(arrived, parts)),
        )
        self.next_id += 1
        self.messages.append(message)
        self.received_flag = True
        return message.id

    def deliver_part(self, message_id: int) -> None:
        """One more part of a multipart message arrives."""
        message = self.find(message_id)
        message.received_parts = min(len(message.parts), message.received_parts + 1)
        self.received_flag = True

    def fill(self, mem: int = MEM_DEVICE) -> None:
        """Fill a memory with read messages up to its capacity."""
        while self.used(mem) < self.total(mem):
            self.messages.append(
                SimSms(self.next_id, "+4670000000", ["filler"], TAG_READ, self.clock(), mem=mem)
            )
            self.next_id += 1

    def find(self, message_id: int) -> SimSms:
        for message in self.messages:
            if message.id == message_id:
                return message
        raise KeyError(message_id)

    # -- what the router reports -----------------------------------------

    def total(self, mem: int) -> int:
        return self.nv_total if mem == MEM_DEVICE else self.sim_total

    def used(self, mem: int) -> int:
        return sum(1 for message in self.messages if message.mem == mem)

    def unread(self, mem: int | None = None) -> int:
        return sum(
            1
            for message in self.messages
            if message.tag == TAG_UNREAD and message.complete and (mem is None or message.mem == mem)
        )

    def counters(self) -> dict[str, str]:
        """The SMS fields of the normal poll."""
        return {
            "sms_received_flag": "1" if self.received_flag else "0",
            "sts_received_flag": "0",
            "sms_unread_num": str(self.unread()),
            "sms_dev_unread_num": str(self.unread(MEM_DEVICE)),
            "sms_sim_unread_num": str(self.unread(MEM_SIM)),
        }

    def capacity(self) -> dict[str, str]:
        def count(mem: int, tags: set[int]) -> str:
            return str(sum(1 for message in self.messages if message.mem == mem and message.tag in tags))

        incoming, outgoing = {TAG_READ, TAG_UNREAD}, {TAG_SENT, TAG_FAILED}
        return {
            "sms_nv_total": str(self.nv_total),
            "sms_nv_rev_total": count(MEM_DEVICE, incoming),
            "sms_nv_send_total": count(MEM_DEVICE, outgoing),
            "sms_nv_draftbox_total": count(MEM_DEVICE, {TAG_DRAFT}),
            "sms_sim_total": str(self.sim_total),
            "sms_sim_rev_total": count(MEM_SIM, incoming),
            "sms_sim_send_total": count(MEM_SIM, outgoing),
            "sms_sim_draftbox_total": count(MEM_SIM, {TAG_DRAFT}),
        }

    def rows(self, *, mem: int, tags: int, page: int, per_page: int) -> list[dict[str, str]]:
        """The `messages` of sms_data_total, newest id first."""
        self.list_requests += 1
        chosen = [
            message
            for message in sorted(self.messages, key=lambda message: message.id, reverse=True)
            if message.mem == mem and tags in (TAGS_ALL, message.tag)
        ]
        rows: list[dict[str, str]] = []
        for message in chosen[page * per_page : (page + 1) * per_page]:
            shown = range(1, message.received_parts + 1) if self.duplicate_rows else [message.received_parts]
            rows.extend(self._row(message, parts) for parts in shown)
        # Listing clears the new-message flag, as when the stock page opens its inbox.
        self.received_flag = False
        return rows

    def _row(self, message: SimSms, parts: int) -> dict[str, str]:
        text = "".join(message.parts[:parts])
        number, content = message.number, ucs2(text)
        if self.encrypted:
            number, content = self.seal(number), self.seal(content)
        when = message.when
        return {
            "id": str(message.id),
            "number": number,
            "content": content,
            "tag": str(message.tag),
            "date": f"{when:%y,%m,%d,%H,%M,%S}," + zone_field(when, self.zone_style),
            "draft_group_id": "",
            "received_all_concat_sms": "1" if parts >= len(message.parts) else "0",
            "concat_sms_total": str(len(message.parts)) if len(message.parts) > 1 else "0",
            "concat_sms_received": str(parts) if len(message.parts) > 1 else "0",
            "sms_class": message.sms_class,
        }

    def status_of(self, command: str) -> str:
        queue = self.status.get(command)
        if not queue:
            return ""
        return queue.pop(0) if len(queue) > 1 else queue[0]

    # -- commands -----------------------------------------------------------

    def send(self, form: Mapping[str, str]) -> bool:
        """SEND_SMS after the session and AD checks; False answers "failure"."""
        problems = self._send_problems(form)
        if problems:
            self.protocol_errors.extend(problems)
            return False
        self.sends.append(dict(form))
        if self.refuse_sends > 0:
            self.refuse_sends -= 1
            return False
        text = bytes.fromhex(form["MessageBody"]).decode("utf-16-be")
        failed = self.fail_sends > 0
        if failed:
            self.fail_sends -= 1
        # The router stores the number exactly as it arrives: a client that pre-encoded "+"
        # leaves a literal "%2B" behind, which a test can see.
        if self.used(MEM_DEVICE) < self.nv_total:
            self.messages.append(
                SimSms(
                    self.next_id,
                    form["Number"],
                    [text],
                    TAG_FAILED if failed else TAG_SENT,
                    self.clock(),
                    sms_class="",
                )
            )
            self.next_id += 1
        if self.hang_sends:
            self.status["4"] = [PENDING]
        else:
            self.status["4"] = [PENDING] * self.send_pending_polls + [FAILED if failed else DONE]
        return True

    def _send_problems(self, form: Mapping[str, str]) -> list[str]:
        problems = []
        body = form.get("MessageBody", "")
        if not _BODY.fullmatch(body):
            problems.append("MessageBody is not uppercase UCS-2 hex in 4-digit groups")
        if form.get("encode_type") not in ENCODE_TYPES:
            problems.append("encode_type is neither GSM7_default nor UNICODE")
        if not _SMS_TIME.fullmatch(form.get("sms_time", "")):
            problems.append("sms_time is not yy;MM;dd;HH;mm;ss;±H")
        if form.get("ID") != "-1":
            problems.append("ID is not -1")
        if form.get("notCallback") != "true":
            problems.append("notCallback is not true")
        number = form.get("Number", "")
        if not number:
            problems.append("Number is missing")
        elif "%" in number:
            # Not refused (the router would not notice): recorded so tests catch double encoding.
            self.protocol_errors.append("Number arrived URL-encoded twice")
        return problems

    def delete(self, msg_id: str) -> bool:
        ids = self._ids(msg_id)
        if ids is None:
            return False
        self.messages = [message for message in self.messages if message.id not in ids]
        self.status["6"] = [DONE]
        return True

    def mark_read(self, msg_id: str, tag: str) -> bool:
        ids = self._ids(msg_id)
        if ids is None or tag != "0":
            self.protocol_errors.append("SET_MSG_READ without tag=0")
            return False
        for message in self.messages:
            if message.id in ids and message.tag == TAG_UNREAD:
                message.tag = TAG_READ
        return True

    def _ids(self, msg_id: str) -> set[int] | None:
        """`msg_id` must be "id;id;" with the trailing semicolon."""
        if not re.fullmatch(r"(?:\d+;)+", msg_id):
            self.protocol_errors.append(f"msg_id {msg_id!r} is not 'id;id;'")
            return None
        return {int(part) for part in msg_id.split(";") if part}

    def snapshot(self) -> dict[str, Any]:
        """For the control endpoint: counts and ids, never numbers or texts."""
        return {
            "sms_ids": [message.id for message in self.messages],
            "sms_protocol_errors": list(self.protocol_errors),
            **self.counters(),
        }
