"""SMS on goform routers: the poll's counters, the list and capacity answers, the date field.

The router's date field ``yy,MM,dd,HH,mm,ss,±Z``: the stock web page ignores the zone, so its
unit is not documented. We read it like this, which gives the right offset for every sample known:

* ``±HHMM`` (four digits, e.g. ``+0800`` on F50/U30 Air builds): hours and minutes.
* a number with a decimal point (``+5.5``): hours, the unit of `sms_time` when sending.
* any other integer ``±N``: quarter hours, the unit of the SMS service-centre time stamp the
  router copies from the network (3GPP TS 23.040, TP-SCTS). ``+4`` is UTC+1, ``+8`` UTC+2 (the
  Croatian summer sample that made hours impossible: +8 h is China), ``+22`` UTC+5:30, ``+23``
  UTC+5:45. A zone beyond ±14 h is not a zone: the caller's default time zone is used instead.

Privacy as in ../sms.py: nothing here logs, and numbers and texts stay out of every repr.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any

from ..sms import MEM_DEVICE, SmsCapacity, SmsMessage, decode_ucs2_hex
from ..sms_crypto import SmsCipher, open_field
from .parse import FieldValues, ValueFormat, clean, to_int

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

TAGS_ALL = 10
# The stock page asks for 500 per page unless the build sorts in its database.
DEFAULT_PAGE_SIZE = 500
# Quarter hours: ±14 h is the widest real zone.
_MAX_QUARTERS = 56
_ZONE_HHMM = re.compile(r"([+-]?)(\d{2})(\d{2})")
_ZONE_HOURS = re.compile(r"([+-]?)(\d{1,2}\.\d+)")
_ZONE_QUARTERS = re.compile(r"([+-]?)(\d{1,2})")

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


def capacity_from_raw(raw: Mapping[str, object]) -> SmsCapacity:
    """SmsCapacity from the `sms_capacity_info` answer."""
    return SmsCapacity(**{name: to_int(raw.get(field)) for name, field in _CAPACITY_FIELD_OF.items()})


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
    unreadable: Collection[int] = (),
) -> tuple[list[SmsMessage], list[int]]:
    """The `messages` of an `sms_data_total` answer, newest first, and the ids that were skipped.

    A firmware without SMS_DATABASE_SORT_SUPPORT may list an id more than once; the entry with the
    longest content wins, as in the stock page. An entry whose content is not UCS-2 hex (an
    encrypting firmware) is skipped, never returned garbled. `payload` is the decoded list or its
    JSON text. A date that cannot be read becomes `now` (when given) in `default_tz`. The ids in
    `unreadable` (fields the transport could not decrypt) come back as messages without number
    and text, `readable` False, so the caller knows they are there but never shows them.
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
        readable = message_id not in unreadable
        text = decode_ucs2_hex(_text(entry.get("content"))) if readable else ""
        tag = to_int(_text(entry.get("tag")))
        if text is None or tag is None:
            skipped.append(message_id)
            continue
        total = to_int(_text(entry.get("concat_sms_total"))) or 1
        received = to_int(_text(entry.get("concat_sms_received"))) or total
        messages.append(
            SmsMessage(
                id=message_id,
                number=_text(entry.get("number")).strip() if readable else "",
                text=text,
                received_at=parse_sms_date(_text(entry.get("date")), default_tz=default_tz) or fallback,
                tag=tag,
                # Single-part messages leave the flag blank on some builds; only "0" means parts missing.
                complete=_text(entry.get("received_all_concat_sms")).strip() != "0",
                parts_total=total,
                parts_received=received,
                mem_store=mem_store,
                sms_class=clean(_text(entry.get("sms_class"))),
                readable=readable,
            )
        )
    messages.sort(key=lambda message: message.id, reverse=True)
    return messages, sorted(skipped)


def open_rows(rows: Sequence[object], cipher: SmsCipher | None) -> tuple[list[Mapping[str, Any]], set[int]]:
    """Listed rows with `number` and `content` in plain (sms_crypto.open_field), and the ids of
    rows with a field this key could not open (both APIs list SMS in this shape)."""
    opened: list[Mapping[str, Any]] = []
    unreadable: set[int] = set()
    for row in rows:
        if not isinstance(row, Mapping):
            continue
        plain = dict(row)
        for key in ("number", "content"):
            value = row.get(key)
            if isinstance(value, str):
                field_text = open_field(cipher, value)
                if field_text is None and (message_id := to_int(_text(row.get("id")))) is not None:
                    unreadable.add(message_id)
                plain[key] = field_text or ""
        opened.append(plain)
    return opened, unreadable


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    return "" if value is None else str(value)


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


def sms_counters_after_mark(raw: Mapping[str, str], marked: int) -> dict[str, str]:
    """A poll's fields as they read once `marked` messages of the device memory were marked read:
    the baseline `sms_list_needed` compares the next poll with after a mark-read. The total and
    device unread counters drop by that many (unread messages older than the ones fired stay
    counted); the SIM's counter and the new-message flag stay as they were (many builds clear
    the flag only when their own page reads the list: a flag still up is no news)."""
    dropped = {
        key: str(max(0, (to_int(raw.get(key)) or 0) - marked))
        for key in ("sms_unread_num", "sms_dev_unread_num")
    }
    return {**raw, **dropped}


def _flag(raw: Mapping[str, str]) -> bool:
    return (to_int(raw.get("sms_received_flag")) or 0) > 0


def message_ids_param(ids: Sequence[int]) -> str:
    """`msg_id` as the router wants it: every id followed by a semicolon."""
    return "".join(f"{message_id};" for message_id in ids)


# -- storage metrics (catalogue parsers over the sms_capacity_info fields) --


def stored_messages(values: FieldValues, value_format: ValueFormat) -> int | None:
    """Messages kept in the device memory and on the SIM; None before the first capacity read."""
    capacity = capacity_from_raw(values)
    if capacity.nv_total is None and capacity.sim_total is None:
        return None
    return capacity.nv_used + capacity.sim_used


def storage_full(values: FieldValues, value_format: ValueFormat) -> bool | None:
    """The device memory, where new messages land, takes no more; None before the first read."""
    capacity = capacity_from_raw(values)
    return None if capacity.nv_total is None else capacity.full
