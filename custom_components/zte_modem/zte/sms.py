"""SMS whatever the transport: typed messages, what may be sent, and which messages are news.

Nothing here talks to the network; a transport lists, sends, deletes and marks messages with
these types (goform: goform/sms.py).

Privacy: phone numbers and message texts are personal data. This module logs counts and
error types only, and the types below keep numbers and texts out of their `repr`, so a stray
`_LOGGER.debug("%s", message)` or an exception traceback cannot leak them.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import IntEnum
from typing import Any

from .exceptions import (
    ZteError,
    ZteSmsEncryptedError,
    ZteSmsError,
    ZteSmsFailedError,
    ZteSmsRefusedError,
    ZteSmsTimeoutError,
    ZteSmsTooLongError,
    ZteSmsValidationError,
)
from .gsm7 import is_gsm7, septets

_LOGGER = logging.getLogger(__name__)
# The status a router reports for an SMS command (send, delete), as both APIs' pages read it.
STATUS_DONE = "3"
STATUS_FAILED = "2"

ENCODE_GSM7 = "GSM7_default"
ENCODE_UNICODE = "UNICODE"
MAX_PARTS = 5
# Five concatenated parts: 153 septets or 67 UTF-16 units each (the rest is the concatenation header).
GSM7_LIMIT = 5 * 153
UCS2_LIMIT = 5 * 67
MEM_SIM = 0
MEM_DEVICE = 1
# How long a message with parts still missing holds back the messages after it (see new_messages).
DEFAULT_PART_WAIT = timedelta(minutes=10)
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
    # False for a message an encrypting firmware listed under a key this client does not hold (or
    # as garbage): its number and text are empty and it is never news (see new_messages).
    readable: bool = True

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
            f"chars={len(self.text)}{'' if self.readable else ', unreadable'})"
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


@dataclass(frozen=True, slots=True, kw_only=True)
class SmsCapacity:
    """Storage size and use of the device memory and the SIM; None where the router did not say."""

    nv_total: int | None
    nv_received: int | None
    nv_sent: int | None
    nv_drafts: int | None
    sim_total: int | None
    sim_received: int | None
    sim_sent: int | None
    sim_drafts: int | None

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


def new_messages(
    messages: Iterable[SmsMessage],
    last_seen_id: int,
    *,
    now: datetime | None = None,
    part_wait: timedelta = DEFAULT_PART_WAIT,
) -> list[SmsMessage]:
    """Complete, readable incoming messages with an id above `last_seen_id`, oldest first.

    The caller stores the highest id it handled and passes it next time, so nothing is replayed.
    A message whose parts are still arriving, or that could not be decrypted (the router still
    had another key), holds back every newer one (otherwise the caller's high-water mark would
    pass it and it would never be delivered); after `part_wait` since it was received, it counts
    as lost and is passed over, never fired with an empty sender or text. `now` defaults to the
    current time.
    """
    current = now or datetime.now(UTC)
    candidates = sorted(
        (message for message in messages if message.incoming and message.id > last_seen_id),
        key=lambda message: message.id,
    )
    fresh: list[SmsMessage] = []
    for message in candidates:
        if message.complete and message.readable:
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


async def ids_to_delete(
    list_sms: Callable[[int], Awaitable[list[SmsMessage]]], keep_latest: int, *, sim: bool
) -> list[int]:
    """delete_all_but's ids on every transport: all but the newest `keep_latest` of the device
    memory (and of the SIM when `sim`), checked before anything is asked of the router."""
    if keep_latest < 0:
        raise ZteSmsValidationError("keep_latest must be 0 or more")
    doomed = ids_beyond(await list_sms(MEM_DEVICE), keep_latest)
    if sim:
        doomed += ids_beyond(await list_sms(MEM_SIM), keep_latest)
    return doomed


def failure_reason(err: ZteError) -> str:
    """The reason code `SmsSendResult.reasons` gives a number that was not sent."""
    if isinstance(err, ZteSmsRefusedError):
        return "refused"
    if isinstance(err, ZteSmsFailedError):
        return "failed"
    if isinstance(err, ZteSmsTimeoutError):
        return "timeout"
    return "error"


async def send_to_each(
    numbers: str | Sequence[str], message: str, send_one: Callable[[str, str, str], Awaitable[None]]
) -> SmsSendResult:
    """Validate, then `send_one(number, UCS-2 hex body, encode_type)` for each number in turn.

    One number given as a string: its error raises. A list: the result says which numbers went
    and why the others did not; an error that is no SMS error (the router unreachable, a login)
    raises before anything went out, and after that marks every remaining number "error".
    `ZteSmsEncryptedError` always raises: no number can go.
    """
    targets = normalize_numbers(numbers)
    kind = check_message(message)
    body = ucs2_hex(message)
    result = SmsSendResult()
    for position, number in enumerate(targets, start=1):
        try:
            await send_one(number, body, kind)
        except ZteSmsEncryptedError:
            raise
        except ZteError as err:
            if isinstance(numbers, str) or (not isinstance(err, ZteSmsError) and not result.sent):
                raise
            _LOGGER.debug("SMS %d of %d not sent: %s", position, len(targets), type(err).__name__)
            # Without the router (connection, login) the rest cannot go either: stop, report all.
            rest = targets[position - 1 :] if not isinstance(err, ZteSmsError) else [number]
            for failed in rest:
                result.failed.append(failed)
                result.reasons[failed] = failure_reason(err)
            if not isinstance(err, ZteSmsError):
                break
        else:
            result.sent.append(number)
    _LOGGER.debug("SMS sent to %d of %d numbers", len(result.sent), len(targets))
    return result


async def wait_for_status(
    status: Callable[[], Awaitable[str]], *, interval: float, limit: float, action: str
) -> None:
    """Ask the command's status every `interval` s as the stock pages do: "3" done, "2" failed,
    anything else pending until `limit` s have passed."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while True:
        await asyncio.sleep(interval)
        current = await status()
        if current == STATUS_DONE:
            return
        if current == STATUS_FAILED:
            raise ZteSmsFailedError(f"The router reports that the SMS {action} failed")
        if loop.time() >= deadline:
            raise ZteSmsTimeoutError(f"No SMS {action} result from the router within {limit:g} s")
