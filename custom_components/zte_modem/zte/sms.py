"""SMS on goform routers: typed messages, the wire encodings, and pure helpers for polling.

Nothing here talks to the network; `ZteClient` (client.py) does, with these helpers.

Privacy: phone numbers and message texts are personal data. Nothing in this module logs, and the
types below keep them out of their `repr`, so a stray `_LOGGER.debug("%s", message)` or an
exception traceback cannot leak them. Log counts and message ids only.

The router's date field ``yy,MM,dd,HH,mm,ss,±Z``: the stock web page ignores the zone, so its
unit is not documented. We read it like this, which gives the right offset for every sample known:

* ``±HHMM`` (four digits, e.g. ``+0800`` on F50/U30 Air builds): hours and minutes.
* a number with a decimal point (``+5.5``): hours, the unit of `sms_time` when sending.
* any other integer ``±N``: quarter hours, the unit of the SMS service-centre time stamp the
  router copies from the network (3GPP TS 23.040, TP-SCTS). ``+4`` is UTC+1, ``+8`` UTC+2 (the
  Croatian summer sample that made hours impossible: +8 h is China), ``+22`` UTC+5:30, ``+23``
  UTC+5:45. A zone beyond ±14 h is not a zone: the caller's default time zone is used instead.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from enum import IntEnum
from typing import Any

from .exceptions import ZteSmsTooLongError, ZteSmsValidationError
from .gsm7 import is_gsm7, septets
from .parse import clean, to_int

# Fields of the normal multi_data poll that move when a message arrives, is read or deleted.
# The capacity counters (sms_nv_total, ...) are not among them: a multi_data read answers them
# blank on real firmware; only the separate `sms_capacity_info` command fills them.
SMS_POLL_FIELDS: tuple[str, ...] = (
    "sms_received_flag",
    "sms_unread_num",
    "sms_dev_unread_num",
    "sms_sim_unread_num",
)
_SMS_COUNTERS = ("sms_unread_num", "sms_dev_unread_num", "sms_sim_unread_num")

ENCODE_GSM7 = "GSM7_default"
ENCODE_UNICODE = "UNICODE"
MAX_PARTS = 5
# Five concatenated parts: 153 septets or 67 UTF-16 units each (the rest is the concatenation header).
GSM7_LIMIT = 5 * 153
UCS2_LIMIT = 5 * 67
MEM_SIM = 0
MEM_DEVICE = 1
TAGS_ALL = 10
# The stock page asks for 500 per page unless the build sorts in its database.
DEFAULT_PAGE_SIZE = 500
# How long a message with parts still missing holds back the messages after it (see new_messages).
DEFAULT_PART_WAIT = timedelta(minutes=10)
# Quarter hours: ±14 h is the widest real zone.
_MAX_QUARTERS = 56
_ZONE_HHMM = re.compile(r"([+-]?)(\d{2})(\d{2})")
_ZONE_HOURS = re.compile(r"([+-]?)(\d{1,2}\.\d+)")
_ZONE_QUARTERS = re.compile(r"([+-]?)(\d{1,2})")
_UCS2_HEX = re.compile(r"(?:[0-9A-Fa-f]{4})*")
# Phone numbers as people type them: an optional +, digits, and the * and # of service numbers.
_NUMBER = re.compile(r"\+?[0-9*#]{1,20}")
_NUMBER_SEPARATORS = str.maketrans("", "", " -()./")


class SmsTag(IntEnum):
    """The `tag` of a listed message."""

    READ = 0
    UNREAD = 1
    SENT = 2
    FAILED = 3
    DRAFT = 4


INCOMING_TAGS = frozenset({SmsTag.READ, SmsTag.UNREAD})


@dataclass(frozen=True, slots=True, kw_only=True)
class SmsMessage:
    """One message in the router's storage; a multipart message is one entry with the joined text."""

    id: int
    number: str = field(repr=False)
    text: str = field(repr=False)
    received_at: datetime
    tag: int
    complete: bool = True
    parts_total: int = 1
    parts_received: int = 1
    mem_store: int = MEM_DEVICE
    sms_class: str | None = None

    @property
    def incoming(self) -> bool:
        """Received (read or unread), not sent, failed or a draft."""
        return self.tag in INCOMING_TAGS

    @property
    def unread(self) -> bool:
        """Not yet marked read."""
        return self.tag == SmsTag.UNREAD

    def event_data(self) -> dict[str, Any]:
        """The payload of the `received` event: sender, text, ISO 8601 time with zone, message id."""
        return {
            "sender": self.number,
            "text": self.text,
            "received_at": self.received_at.isoformat(),
            "message_id": self.id,
        }

    def __repr__(self) -> str:
        # Number and text are personal data: never in a repr, a log line or a traceback.
        return (
            f"SmsMessage(id={self.id}, tag={self.tag}, complete={self.complete}, "
            f"parts={self.parts_received}/{self.parts_total}, received_at={self.received_at.isoformat()}, "
            f"chars={len(self.text)})"
        )


@dataclass(slots=True)
class SmsSendResult:
    """Which numbers the router reported as sent and which not (with a reason code per failure).

    Reason codes: "refused" (the router did not take it), "failed" (it reported a failed send),
    "timeout" (no final status in time), "error" (the router could not be reached or logged into).
    """

    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Every number was sent."""
        return not self.failed

    def __repr__(self) -> str:
        # The list of numbers must never reach a log.
        return f"SmsSendResult(sent={len(self.sent)}, failed={len(self.failed)})"


# SmsCapacity's fields and the sms_capacity_info keys they come from.
_CAPACITY_FIELD_OF: dict[str, str] = {
    "nv_total": "sms_nv_total",
    "nv_received": "sms_nv_rev_total",
    "nv_sent": "sms_nv_send_total",
    "nv_drafts": "sms_nv_draftbox_total",
    "sim_total": "sms_sim_total",
    "sim_received": "sms_sim_rev_total",
    "sim_sent": "sms_sim_send_total",
    "sim_drafts": "sms_sim_draftbox_total",
}
CAPACITY_FIELDS: tuple[str, ...] = tuple(_CAPACITY_FIELD_OF.values())


@dataclass(frozen=True, slots=True, kw_only=True)
class SmsCapacity:
    """Storage use from `sms_capacity_info`; None where the firmware left a field blank."""

    nv_total: int | None
    nv_received: int | None
    nv_sent: int | None
    nv_drafts: int | None
    sim_total: int | None
    sim_received: int | None
    sim_sent: int | None
    sim_drafts: int | None

    @classmethod
    def from_raw(cls, raw: Mapping[str, object]) -> SmsCapacity:
        """Build from the `sms_capacity_info` answer."""
        return cls(**{name: to_int(raw.get(field)) for name, field in _CAPACITY_FIELD_OF.items()})

    @property
    def nv_used(self) -> int:
        """Messages in the device memory (received + sent + drafts, as the stock page adds them)."""
        return (self.nv_received or 0) + (self.nv_sent or 0) + (self.nv_drafts or 0)

    @property
    def sim_used(self) -> int:
        """Messages on the SIM."""
        return (self.sim_received or 0) + (self.sim_sent or 0) + (self.sim_drafts or 0)

    @property
    def nv_full(self) -> bool:
        """The device memory takes no more messages."""
        return self.nv_total is not None and self.nv_total > 0 and self.nv_used >= self.nv_total

    @property
    def sim_full(self) -> bool:
        """The SIM takes no more messages."""
        return self.sim_total is not None and self.sim_total > 0 and self.sim_used >= self.sim_total

    @property
    def full(self) -> bool:
        """The device memory, where the router stores new messages, is full."""
        return self.nv_full


# -- encodings ------------------------------------------------------------


def ucs2_hex(text: str) -> str:
    """The text as the router wants it: 4 uppercase hex digits per UTF-16 unit (emoji take two)."""
    return text.encode("utf-16-be").hex().upper()


def decode_ucs2_hex(content: str) -> str | None:
    """Decode `content`; None when it is not UCS-2 hex (an encrypting firmware, a broken part).

    Surrogate pairs are joined; a lone surrogate makes the whole text undecodable rather than
    garbled. U+0000 padding is dropped, as the stock page does.
    """
    if not _UCS2_HEX.fullmatch(content):
        return None
    try:
        text = bytes.fromhex(content).decode("utf-16-be")
    except UnicodeDecodeError:
        return None
    return text.replace("\x00", "")


def encode_type(text: str) -> str:
    """`GSM7_default` when every character is in the GSM 03.38 alphabet (+ extension), else `UNICODE`."""
    return ENCODE_GSM7 if is_gsm7(text) else ENCODE_UNICODE


def check_message(text: str) -> str:
    """Validate a text to send; returns its encode_type. Raises before anything is sent."""
    if not text:
        raise ZteSmsValidationError("The message is empty")
    count = septets(text)
    if count is not None:
        if count > GSM7_LIMIT:
            raise ZteSmsTooLongError(count, GSM7_LIMIT, "GSM-7 septets")
        return ENCODE_GSM7
    units = len(text.encode("utf-16-be")) // 2
    if units > UCS2_LIMIT:
        raise ZteSmsTooLongError(units, UCS2_LIMIT, "UTF-16 units")
    return ENCODE_UNICODE


def normalize_numbers(numbers: str | Iterable[str]) -> list[str]:
    """One number or several, spaces and dashes removed, duplicates dropped; raises on a bad one.

    The error says which position is bad, never the number itself.
    """
    items = [numbers] if isinstance(numbers, str) else list(numbers)
    result: list[str] = []
    for position, item in enumerate(items, start=1):
        if not isinstance(item, str):
            raise ZteSmsValidationError(f"Number {position} is not text")
        number = item.strip().translate(_NUMBER_SEPARATORS)
        if not _NUMBER.fullmatch(number):
            raise ZteSmsValidationError(f"Number {position} is not a phone number")
        if number not in result:
            result.append(number)
    if not result:
        raise ZteSmsValidationError("No phone number given")
    return result


def sms_time(now: datetime) -> str:
    """`yy;MM;dd;HH;mm;ss;±H` in the given local time; the zone in hours, fractional when needed."""
    local = now if now.tzinfo is not None else now.astimezone()
    offset = local.utcoffset() or timedelta(0)
    hours = offset.total_seconds() / 3600
    return f"{local:%y;%m;%d;%H;%M;%S};{hours:+g}"


def parse_zone(value: str) -> timezone | None:
    """The 7th field of a listed date as a fixed offset (rules in this module's docstring)."""
    text = value.strip()
    minutes: float
    if match := _ZONE_HHMM.fullmatch(text):
        sign, hh, mm = match.groups()
        if int(hh) > 14 or int(mm) >= 60:
            return None
        minutes = int(hh) * 60 + int(mm)
    elif match := _ZONE_HOURS.fullmatch(text):
        sign, hours = match.groups()
        minutes = float(hours) * 60
    elif match := _ZONE_QUARTERS.fullmatch(text):
        sign, quarters = match.groups()
        if int(quarters) > _MAX_QUARTERS:
            return None
        minutes = int(quarters) * 15
    else:
        return None
    if minutes > 14 * 60:
        return None
    return timezone(timedelta(minutes=-minutes if sign == "-" else minutes))


def parse_sms_date(value: str, *, default_tz: tzinfo) -> datetime | None:
    """`yy,MM,dd,HH,mm,ss,±Z` as an aware datetime; None when the fields do not make a date."""
    fields = [part.strip() for part in re.split(r"[,;]", value)]
    if len(fields) < 6 or not all(part.isdigit() for part in fields[:6]):
        return None
    zone = parse_zone(fields[6]) if len(fields) > 6 else None
    year, month, day, hour, minute, second = (int(part) for part in fields[:6])
    try:
        return datetime(
            2000 + year if year < 100 else year,
            month,
            day,
            hour,
            minute,
            second,
            tzinfo=zone or default_tz,
        )
    except ValueError:
        return None


# -- the list ---------------------------------------------------------------


def parse_messages(
    payload: object,
    *,
    mem_store: int = MEM_DEVICE,
    default_tz: tzinfo = UTC,
    now: datetime | None = None,
) -> tuple[list[SmsMessage], list[int]]:
    """The `messages` of an `sms_data_total` answer, newest first, and the ids that were skipped.

    A firmware without SMS_DATABASE_SORT_SUPPORT may list an id more than once; the entry with the
    longest content wins, as in the stock page. An entry whose content is not UCS-2 hex (an
    encrypting firmware) is skipped, never returned garbled. `payload` is the decoded list or its
    JSON text. A date that cannot be read becomes `now` (when given) in `default_tz`.
    """
    if isinstance(payload, str):
        try:
            payload = json.loads(payload) if payload.strip() else []
        except ValueError:
            return [], []
    if not isinstance(payload, list):
        return [], []
    longest: dict[int, Mapping[str, Any]] = {}
    for entry in payload:
        if not isinstance(entry, Mapping):
            continue
        message_id = to_int(_text(entry.get("id")))
        if message_id is None:
            continue
        known = longest.get(message_id)
        if known is None or len(_text(entry.get("content"))) > len(_text(known.get("content"))):
            longest[message_id] = entry
    messages: list[SmsMessage] = []
    skipped: list[int] = []
    fallback = (now or datetime.now(UTC)).astimezone(default_tz)
    for message_id, entry in longest.items():
        text = decode_ucs2_hex(_text(entry.get("content")))
        tag = to_int(_text(entry.get("tag")))
        if text is None or tag is None:
            skipped.append(message_id)
            continue
        total = to_int(_text(entry.get("concat_sms_total"))) or 1
        received = to_int(_text(entry.get("concat_sms_received"))) or total
        messages.append(
            SmsMessage(
                id=message_id,
                number=_text(entry.get("number")).strip(),
                text=text,
                received_at=parse_sms_date(_text(entry.get("date")), default_tz=default_tz) or fallback,
                tag=tag,
                # Single-part messages leave the flag blank on some builds; only "0" means parts missing.
                complete=_text(entry.get("received_all_concat_sms")).strip() != "0",
                parts_total=total,
                parts_received=received,
                mem_store=mem_store,
                sms_class=clean(_text(entry.get("sms_class"))),
            )
        )
    messages.sort(key=lambda message: message.id, reverse=True)
    return messages, sorted(skipped)


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    return "" if value is None else str(value)


def new_messages(
    messages: Iterable[SmsMessage],
    last_seen_id: int,
    *,
    now: datetime | None = None,
    part_wait: timedelta = DEFAULT_PART_WAIT,
) -> list[SmsMessage]:
    """Complete incoming messages with an id above `last_seen_id`, oldest first.

    The caller stores the highest id it handled and passes it next time, so nothing is replayed.
    A message whose parts are still arriving holds back every newer one (otherwise the caller's
    high-water mark would pass it and it would never be delivered); after `part_wait` since it was
    received, its parts count as lost and it is passed over. `now` defaults to the current time.
    """
    current = now or datetime.now(UTC)
    candidates = sorted(
        (message for message in messages if message.incoming and message.id > last_seen_id),
        key=lambda message: message.id,
    )
    fresh: list[SmsMessage] = []
    for message in candidates:
        if message.complete:
            fresh.append(message)
        elif current - message.received_at < part_wait:
            break
    return fresh


def ids_beyond(messages: Iterable[SmsMessage], keep_latest: int) -> list[int]:
    """The ids of all but the newest `keep_latest` messages (by id), oldest first."""
    if keep_latest < 0:
        raise ZteSmsValidationError("keep_latest must be 0 or more")
    ids = sorted({message.id for message in messages}, reverse=True)
    return sorted(ids[keep_latest:])


def sms_list_needed(previous: Mapping[str, str] | None, current: Mapping[str, str]) -> bool:
    """Whether two consecutive polls (raw fields, SMS_POLL_FIELDS among them) call for a list fetch.

    Yes on the first poll, when an unread counter went up (a message arrived), and when the
    new-message flag went up. A counter that drops (messages read or deleted, by us after firing
    or elsewhere) brings nothing new, so it costs no list read. A flag that stays up costs
    nothing either: some builds only clear it when their own page reads the list.
    """
    if previous is None:
        return True
    if any((to_int(current.get(key)) or 0) > (to_int(previous.get(key)) or 0) for key in _SMS_COUNTERS):
        return True
    return _flag(current) and not _flag(previous)


def sms_counters_cleared(raw: Mapping[str, str]) -> dict[str, str]:
    """A poll's fields as they read once every unread message was marked read: the baseline
    `sms_list_needed` compares the next poll with after a mark-read."""
    return {**raw, **dict.fromkeys(SMS_POLL_FIELDS, "0")}


def _flag(raw: Mapping[str, str]) -> bool:
    return (to_int(raw.get("sms_received_flag")) or 0) > 0


def message_ids_param(ids: Sequence[int]) -> str:
    """`msg_id` as the router wants it: every id followed by a semicolon."""
    return "".join(f"{message_id};" for message_id in ids)


__all__ = [
    "DEFAULT_PAGE_SIZE",
    "DEFAULT_PART_WAIT",
    "ENCODE_GSM7",
    "ENCODE_UNICODE",
    "GSM7_LIMIT",
    "INCOMING_TAGS",
    "MAX_PARTS",
    "MEM_DEVICE",
    "MEM_SIM",
    "SMS_POLL_FIELDS",
    "TAGS_ALL",
    "UCS2_LIMIT",
    "SmsCapacity",
    "SmsMessage",
    "SmsSendResult",
    "SmsTag",
    "check_message",
    "decode_ucs2_hex",
    "encode_type",
    "ids_beyond",
    "message_ids_param",
    "new_messages",
    "normalize_numbers",
    "parse_messages",
    "parse_sms_date",
    "parse_zone",
    "sms_counters_cleared",
    "sms_list_needed",
    "sms_time",
    "ucs2_hex",
]


# -- storage metrics (catalogue parsers over the sms_capacity_info fields) --


def stored_messages(values: Sequence[str], value_format: object) -> int | None:
    """Messages kept in the device memory and on the SIM; None before the first capacity read."""
    capacity = SmsCapacity.from_raw(dict(zip(CAPACITY_FIELDS, values, strict=False)))
    if capacity.nv_total is None and capacity.sim_total is None:
        return None
    return capacity.nv_used + capacity.sim_used


def storage_full(values: Sequence[str], value_format: object) -> bool | None:
    """The device memory, where new messages land, takes no more; None before the first read."""
    capacity = SmsCapacity.from_raw(dict(zip(CAPACITY_FIELDS, values, strict=False)))
    return None if capacity.nv_total is None else capacity.full
