"""SMS through the client against the simulated modem: encodings, parts, limits, status, storage."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta, timezone

import aiohttp
import pytest

from custom_components.zte_modem.zte import (
    SmsMessage,
    SmsSendResult,
    SmsTag,
    ZteClient,
    ZteConnectionError,
    ZteSmsFailedError,
    ZteSmsRefusedError,
    ZteSmsTimeoutError,
    ZteSmsTooLongError,
    ZteSmsValidationError,
    new_messages,
)
from custom_components.zte_modem.zte.goform.sms_format import (
    SMS_POLL_FIELDS,
    parse_messages,
    parse_sms_date,
    parse_zone,
    sms_list_needed,
    sms_time,
)
from custom_components.zte_modem.zte.gsm7 import septets
from custom_components.zte_modem.zte.sms import (
    GSM7_LIMIT,
    MEM_SIM,
    UCS2_LIMIT,
    check_message,
    decode_ucs2_hex,
    encode_type,
    ucs2_hex,
)
from tests.conftest import ClientFactory, ModemFactory
from tests.simulator import ModemSimulator
from tests.simulator.profiles import SimProfile
from tests.simulator.sms import TAG_FAILED, TAG_SENT, SimSms

NUMBER = "+46701234567"
OTHER = "+385911234567"
THIRD = "0701112233"
EMOJI = "Boat ok 🚤👋🏽 see you 😀"
CYRILLIC = "Привет! Лодка на месте, всё хорошо."
POLISH = "Zażółć gęślą jaźń – łódź w porcie."
GSM_EXTENDED = "Fee 5€ [paid] {ok} ~^|\\ @£$¥ Ä Ö"
ZONE = timezone(timedelta(hours=2))


async def _setup(
    make_modem: ModemFactory,
    make_client: ClientFactory,
    profile: str | SimProfile = "mc801a",
    **kwargs: object,
) -> tuple[ModemSimulator, ZteClient]:
    modem = await make_modem(profile, **kwargs)
    client = await make_client(modem)
    client.timing.sms_poll_interval = 0.01
    return modem, client


def _outgoing(modem: ModemSimulator) -> list[SimSms]:
    return [message for message in modem.sms.messages if message.tag in (TAG_SENT, TAG_FAILED)]


# -- encodings --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (EMOJI, "UNICODE"),
        (CYRILLIC, "UNICODE"),
        (POLISH, "UNICODE"),
        (GSM_EXTENDED, "GSM7_default"),
        ("Plain ASCII text.", "GSM7_default"),
    ],
)
async def test_send_and_receive_round_trip(
    make_modem: ModemFactory, make_client: ClientFactory, text: str, kind: str
) -> None:
    """What is sent reaches the router intact, and the same text received comes back intact."""
    modem, client = await _setup(make_modem, make_client)

    result = await client.send_sms(NUMBER, text)
    modem.inject_sms(OTHER, text)
    listed = await client.list_sms()

    assert result.sent == [NUMBER]
    assert result.failed == []
    form = modem.sms.sends[-1]
    assert form["encode_type"] == kind
    assert form["MessageBody"] == ucs2_hex(text) == text.encode("utf-16-be").hex().upper()
    assert len(form["MessageBody"]) % 4 == 0
    assert (form["ID"], form["notCallback"]) == ("-1", "true")
    sent = _outgoing(modem)[-1]
    assert (sent.text, sent.number, sent.tag) == (text, NUMBER, TAG_SENT)
    received = next(message for message in listed if message.number == OTHER)
    assert received.text == text
    assert received.tag == SmsTag.UNREAD
    assert received.incoming
    assert received.complete
    assert modem.sms.protocol_errors == []
    assert modem.ad_failures == 0


def test_surrogate_pairs_are_two_units_joined_on_decode() -> None:
    """An emoji outside the BMP is written as a surrogate pair (8 hex digits) and read back as one."""
    assert ucs2_hex("😀") == "D83DDE00"
    assert decode_ucs2_hex("D83DDE00") == "😀"
    assert decode_ucs2_hex("d83dde00") == "😀"
    assert decode_ucs2_hex("0041004200000043") == "ABC"  # NUL padding dropped
    assert decode_ucs2_hex("D83D") is None  # a lone half is not text
    assert decode_ucs2_hex("00410") is None
    assert decode_ucs2_hex("SGVsbG8=") is None  # base64 (encrypting firmware): skipped, not garbled


def test_encode_type_follows_the_gsm_alphabet() -> None:
    """GSM7_default only when every character is in the default alphabet or its extension table."""
    assert encode_type("Hello @ £ ¥ è Ø Δ _ ¡ § ¿ à\n") == "GSM7_default"
    assert encode_type("€ [ ] { } ~ ^ | \\ \f") == "GSM7_default"
    assert encode_type("ą") == "UNICODE"
    assert encode_type("ç") == "UNICODE"  # only capital Ç is in the alphabet
    assert encode_type("`") == "UNICODE"
    assert encode_type("😀") == "UNICODE"
    assert septets("a€[") == 5


# -- limits -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fits"),
    [
        ("a" * GSM7_LIMIT, True),
        ("a" * (GSM7_LIMIT + 1), False),
        ("a" * (GSM7_LIMIT - 2) + "€", True),  # the euro sign costs two septets
        ("a" * (GSM7_LIMIT - 1) + "€", False),
        ("ą" * UCS2_LIMIT, True),
        ("ą" * (UCS2_LIMIT + 1), False),
        ("😀" * 167 + "ą", True),  # 167 pairs + 1 = 335 UTF-16 units
        ("😀" * 168, False),  # 336 units
    ],
)
async def test_length_limits_are_checked_before_sending(
    make_modem: ModemFactory, make_client: ClientFactory, text: str, fits: bool
) -> None:
    """Five parts at most: ok at the limit, refused one above with nothing sent."""
    modem, client = await _setup(make_modem, make_client)
    if fits:
        result = await client.send_sms(NUMBER, text)
        assert result.sent == [NUMBER]
        assert _outgoing(modem)[-1].text == text
        return
    writes = modem.stats.writes
    with pytest.raises(ZteSmsTooLongError) as caught:
        await client.send_sms([NUMBER, OTHER], text)
    assert isinstance(caught.value, ValueError)
    assert "too long" in str(caught.value)
    assert modem.stats.writes == writes
    assert modem.sms.sends == []


def test_validation_errors_name_no_number() -> None:
    """Empty text and malformed numbers are refused with messages that do not repeat the input."""
    with pytest.raises(ZteSmsValidationError, match="empty"):
        check_message("")
    assert check_message("a" * 10) == "GSM7_default"


async def test_bad_numbers_are_refused_before_sending(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A malformed (or pre-encoded) number stops the whole send; the error names its position only."""
    modem, client = await _setup(make_modem, make_client)
    for numbers in ([NUMBER, "%2B46701234567"], [], "", ["+46 70-123 abc"]):
        with pytest.raises(ZteSmsValidationError) as caught:
            await client.send_sms(numbers, "hello")
        assert "4670" not in str(caught.value)
    assert modem.sms.sends == []


async def test_plus_in_numbers_is_encoded_exactly_once(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """'+46…' reaches the router as '+46…' (the form encoder's %2B decoded once), spaces removed."""
    modem, client = await _setup(make_modem, make_client)

    await client.send_sms(" +46 70-123 45 67 ", "hi")

    assert modem.sms.sends[-1]["Number"] == NUMBER
    assert _outgoing(modem)[-1].number == NUMBER
    assert modem.sms.protocol_errors == []


async def test_simulator_catches_a_double_encoded_number(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A client that pre-encodes '+' leaves a literal %2B on the router; the simulator records it."""
    modem, client = await _setup(make_modem, make_client)
    await client.login()
    form = {
        "notCallback": "true",
        "Number": "%2B46701234567",
        "sms_time": "25;06;01;12;00;00;+2",
        "MessageBody": ucs2_hex("hi"),
        "ID": "-1",
        "encode_type": "GSM7_default",
    }
    await client.transport.session.write("SEND_SMS", form)

    assert _outgoing(modem)[-1].number == "%2B46701234567"
    assert modem.sms.protocol_errors == ["Number arrived URL-encoded twice"]


# -- send status ----------------------------------------------------------------


async def test_send_polls_the_status_until_sent(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """After SEND_SMS the status is pending for a poll or two, then "3"."""
    modem, client = await _setup(make_modem, make_client)
    modem.sms.send_pending_polls = 2

    result = await client.send_sms(NUMBER, "hello")

    assert result.ok
    assert result.sent == [NUMBER]
    assert modem.sms.status["4"] == ["3"]


async def test_failed_send_raises_failed(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """Status "2": the router took the message but could not send it (stored with tag 3)."""
    modem, client = await _setup(make_modem, make_client)
    modem.sms.fail_sends = 1

    with pytest.raises(ZteSmsFailedError):
        await client.send_sms(NUMBER, "hello")
    assert _outgoing(modem)[-1].tag == TAG_FAILED


async def test_refused_send_raises_refused(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """{"result":"failure"} is a refusal, not encryption, and never sent a second time (a stolen
    session answers the same, after the router may have sent it)."""
    modem, client = await _setup(make_modem, make_client)
    modem.sms.refuse_sends = 1

    with pytest.raises(ZteSmsRefusedError):
        await client.send_sms(NUMBER, "hello")
    assert modem.ad_failures == 0
    assert len(modem.sms.sends) == 1
    # Refused once, then accepted: the firmware does not encrypt, so sending goes on.
    assert (await client.send_sms(NUMBER, "again")).ok
    assert len(modem.sms.sends) == 2


async def test_send_without_final_status_times_out(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A status that stays pending ends in a timeout error after the configured time."""
    modem, client = await _setup(make_modem, make_client)
    modem.sms.hang_sends = True
    client.timing.sms_send_timeout = 0.1

    with pytest.raises(ZteSmsTimeoutError):
        await client.send_sms(NUMBER, "hello")


async def test_several_numbers_one_failing(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """Numbers go one by one; the result tells which were sent and which not, and why."""
    modem, client = await _setup(make_modem, make_client)
    modem.sms.fail_sends = 1

    result = await client.send_sms([NUMBER, OTHER, THIRD, OTHER], "meeting at 6")

    assert result.sent == [OTHER, THIRD]
    assert result.failed == [NUMBER]
    assert result.reasons == {NUMBER: "failed"}
    assert not result.ok
    assert [form["Number"] for form in modem.sms.sends] == [NUMBER, OTHER, THIRD]
    assert NUMBER not in repr(result)
    assert repr(result) == "SmsSendResult(sent=2, failed=1)"
    assert modem.ad_failures == 0


async def test_sms_time_carries_the_zone_in_hours(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """sms_time is yy;MM;dd;HH;mm;ss;±H in the client's local time."""
    modem, client = await _setup(make_modem, make_client)
    client.timing.clock = lambda: datetime(
        2025, 3, 9, 7, 5, 1, tzinfo=timezone(timedelta(hours=5, minutes=30))
    )

    await client.send_sms(NUMBER, "hi")

    assert modem.sms.sends[-1]["sms_time"] == "25;03;09;07;05;01;+5.5"


def test_sms_time_format() -> None:
    """Whole, fractional, negative and zero offsets as the stock page writes them."""
    moment = datetime(2024, 11, 7, 11, 9, 21)
    assert sms_time(moment.replace(tzinfo=timezone(timedelta(hours=2)))) == "24;11;07;11;09;21;+2"
    assert sms_time(moment.replace(tzinfo=timezone(timedelta(hours=-3)))) == "24;11;07;11;09;21;-3"
    assert sms_time(moment.replace(tzinfo=timezone(timedelta(hours=-3, minutes=-30)))).endswith(";-3.5")
    assert sms_time(moment.replace(tzinfo=timezone(timedelta(hours=5, minutes=45)))).endswith(";+5.75")
    assert sms_time(moment.replace(tzinfo=UTC)).endswith(";+0")


# -- receiving ------------------------------------------------------------------


async def test_multipart_message_arrives_once_joined(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A 300-character text in three parts is delivered once, when the last part is in."""
    modem, client = await _setup(make_modem, make_client)
    text = ("Długa wiadomość z łodzi: wszystko w porządku. " * 7)[:300]
    last_seen = max(message.id for message in await client.list_sms())

    message_id = modem.inject_sms(OTHER, text, parts=3, arrived=1)
    assert message_id is not None
    first = await client.list_sms()
    assert [message.complete for message in first if message.id == message_id] == [False]
    assert new_messages(first, last_seen) == []

    modem.sms.deliver_part(message_id)
    assert new_messages(await client.list_sms(), last_seen) == []

    modem.sms.deliver_part(message_id)
    delivered = new_messages(await client.list_sms(), last_seen)
    assert [(message.id, message.text, message.parts_total) for message in delivered] == [
        (message_id, text, 3)
    ]
    assert new_messages(await client.list_sms(), message_id) == []


async def test_duplicate_rows_keep_the_longest(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """A build without database sorting lists a multipart row once per part; the longest one wins."""
    modem, client = await _setup(make_modem, make_client)
    modem.sms.duplicate_rows = True
    text = "x" * 100 + "y" * 100 + "z" * 100
    message_id = modem.inject_sms(OTHER, text, parts=3, arrived=2)

    listed = [message for message in await client.list_sms() if message.id == message_id]

    assert len(listed) == 1
    assert listed[0].text == text[:200]
    assert not listed[0].complete
    modem.sms.deliver_part(message_id or 0)
    assert [message.text for message in await client.list_sms() if message.id == message_id] == [text]


def test_parse_messages_dedupes_and_skips_undecodable() -> None:
    """Duplicates keep the longest content; non-UCS-2 content is skipped by id, never garbled."""
    rows = [
        {"id": "7", "number": NUMBER, "content": "0041", "tag": "1", "date": "25,06,01,12,00,00,+8"},
        {"id": "7", "number": NUMBER, "content": "00410042", "tag": "1", "date": "25,06,01,12,00,00,+8"},
        {"id": "8", "number": NUMBER, "content": "q83+/w==", "tag": "1", "date": "25,06,01,12,00,00,+8"},
        {"id": "x"},
        "junk",
    ]
    messages, skipped = parse_messages(rows)
    assert [(message.id, message.text) for message in messages] == [(7, "AB")]
    assert skipped == [8]
    assert parse_messages('{"not": "a list"}') == ([], [])
    assert parse_messages("") == ([], [])


def test_new_messages_never_replays() -> None:
    """Complete incoming messages above the mark, oldest first; an incomplete one holds back the
    newer ones until its parts are in or it is too old to wait for."""
    now = datetime(2025, 6, 1, 12, 0, tzinfo=ZONE)

    def message(message_id: int, *, tag: int = 1, complete: bool = True, age: float = 0) -> SmsMessage:
        return SmsMessage(
            id=message_id,
            number=NUMBER,
            text=f"m{message_id}",
            received_at=now - timedelta(minutes=age),
            tag=tag,
            complete=complete,
        )

    listed = [message(5), message(3), message(4, tag=2), message(6, tag=0), message(2)]
    assert [m.id for m in new_messages(listed, 2, now=now)] == [3, 5, 6]
    assert new_messages(listed, 6, now=now) == []
    waiting = [message(7, complete=False, age=1), message(8)]
    assert new_messages(waiting, 6, now=now) == []
    lost_parts = [message(7, complete=False, age=11), message(8)]
    assert [m.id for m in new_messages(lost_parts, 6, now=now)] == [8]
    # Delivering the mark again never returns what was handled.
    handled = max(m.id for m in new_messages(listed, 2, now=now))
    assert new_messages(listed, handled, now=now) == []


async def test_new_messages_against_the_router(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """The HA side's loop: keep the highest id handled; every message comes exactly once."""
    modem, client = await _setup(make_modem, make_client)
    last_seen = 0
    seen: list[str] = []
    for batch in (["one"], [], ["two", "three"], []):
        for text in batch:
            modem.inject_sms(OTHER, text)
        for message in new_messages(await client.list_sms(), last_seen):
            seen.append(message.text)
            last_seen = message.id
    assert seen == ["Welcome to Telia! Your SIM card is ready.", "one", "two", "three"]


# -- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "offset"),
    [
        ("+4", timedelta(hours=1)),
        ("+8", timedelta(hours=2)),
        ("+0", timedelta(0)),
        ("-20", timedelta(hours=-5)),
        ("+22", timedelta(hours=5, minutes=30)),
        ("+23", timedelta(hours=5, minutes=45)),
        ("+56", timedelta(hours=14)),
        ("+0800", timedelta(hours=8)),
        ("-0330", timedelta(hours=-3, minutes=-30)),
        ("+5.5", timedelta(hours=5, minutes=30)),
        ("+57", None),
        ("+1500", None),
        ("abc", None),
        ("", None),
    ],
)
def test_date_zone_field(field: str, offset: timedelta | None) -> None:
    """Quarter hours for plain integers, HHMM for four digits, hours with a decimal point."""
    zone = parse_zone(field)
    assert (zone.utcoffset(None) if zone else None) == offset


def test_dates_are_timezone_aware() -> None:
    """The date becomes an aware datetime; without a usable zone the default one applies."""
    moment = parse_sms_date("25,06,01,12,30,05,+8", default_tz=UTC)
    assert moment is not None
    assert moment.isoformat() == "2025-06-01T12:30:05+02:00"
    fallback = parse_sms_date("25,06,01,12,30,05", default_tz=timezone(timedelta(hours=-4)))
    assert fallback is not None
    assert fallback.isoformat() == "2025-06-01T12:30:05-04:00"
    assert parse_sms_date("25,13,01,12,30,05,+8", default_tz=UTC) is None
    assert parse_sms_date("", default_tz=UTC) is None


@pytest.mark.parametrize("style", ["quarters", "hhmm"])
async def test_received_at_carries_the_routers_zone(
    make_modem: ModemFactory, make_client: ClientFactory, style: str
) -> None:
    """Both zone spellings give the same ISO time with the router's offset."""
    modem, client = await _setup(make_modem, make_client)
    modem.sms.zone_style = style
    when = datetime(2025, 7, 14, 9, 15, 30, tzinfo=ZONE)
    message_id = modem.inject_sms(OTHER, "hej", when=when)

    listed = next(message for message in await client.list_sms() if message.id == message_id)

    assert listed.received_at == when
    event = listed.event_data()
    assert event == {
        "sender": OTHER,
        "text": "hej",
        "received_at": "2025-07-14T09:15:30+02:00",
        "message_id": message_id,
    }


# -- storage --------------------------------------------------------------------------


async def test_delete_all_but_the_newest(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """keep_latest trims the device memory to the newest N messages (DELETE_SMS + status poll)."""
    modem, client = await _setup(make_modem, make_client)
    for index in range(5):
        modem.inject_sms(OTHER, f"message {index}")
    await client.send_sms(NUMBER, "outgoing counts too")
    before = sorted(message.id for message in modem.sms.messages)

    deleted = await client.delete_all_but(2)

    assert deleted == before[:-2]
    assert sorted(message.id for message in modem.sms.messages) == before[-2:]
    assert sorted(message.id for message in await client.list_sms()) == before[-2:]
    assert await client.delete_all_but(2) == []
    assert modem.sms.protocol_errors == []
    assert modem.ad_failures == 0


async def test_delete_and_keep_latest_on_the_sim(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """The SIM memory is listed and trimmed on request."""
    modem, client = await _setup(make_modem, make_client)
    sim_ids = [modem.inject_sms(OTHER, f"sim {index}", mem=MEM_SIM) for index in range(3)]

    assert sorted(message.id for message in await client.list_sms(mem_store=MEM_SIM)) == sim_ids
    deleted = await client.delete_all_but(1, sim=True)

    assert deleted[-2:] == sim_ids[:2]
    assert [message.id for message in await client.list_sms(mem_store=MEM_SIM)] == sim_ids[2:]
    await client.delete_sms([sim_ids[2] or 0])
    assert await client.list_sms(mem_store=MEM_SIM) == []
    with pytest.raises(ZteSmsValidationError):
        await client.delete_all_but(-1)


async def test_mark_read_updates_the_counters(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """SET_MSG_READ with "id;id;" and tag=0; the unread counters of the poll follow."""
    modem, client = await _setup(make_modem, make_client)
    modem.inject_sms(OTHER, "one")
    modem.inject_sms(OTHER, "two")
    assert (await client.read()).raw["sms_unread_num"] == "3"

    unread = [message.id for message in await client.list_sms() if message.unread]
    await client.mark_sms_read(unread)

    raw = (await client.read()).raw
    assert (raw["sms_unread_num"], raw["sms_dev_unread_num"]) == ("0", "0")
    assert all(message.tag == SmsTag.READ for message in await client.list_sms())
    assert modem.sms.protocol_errors == []


async def test_capacity_and_full_storage(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """sms_capacity_info: totals and use; full when used >= total, and then new messages are lost."""
    modem, client = await _setup(make_modem, make_client)
    await client.send_sms(NUMBER, "out")

    capacity = await client.sms_capacity()
    assert (capacity.nv_total, capacity.nv_received, capacity.nv_sent, capacity.nv_used) == (100, 1, 1, 2)
    assert capacity.sim_total == 20
    assert not capacity.full

    modem.sms.fill()
    full = await client.sms_capacity()
    assert full.full
    assert full.nv_used == 100
    assert modem.inject_sms(OTHER, "lost") is None
    await client.delete_all_but(10)
    assert not (await client.sms_capacity()).full


# -- cheap polling ---------------------------------------------------------------------


def test_sms_list_needed_rules() -> None:
    """First poll, moved counters or a rising flag fetch the list; nothing else does."""
    quiet = {
        "sms_received_flag": "0",
        "sms_unread_num": "1",
        "sms_dev_unread_num": "1",
        "sms_sim_unread_num": "0",
    }
    assert sms_list_needed(None, quiet)
    assert not sms_list_needed(quiet, dict(quiet))
    assert sms_list_needed(quiet, {**quiet, "sms_unread_num": "2", "sms_dev_unread_num": "2"})
    assert sms_list_needed(quiet, {**quiet, "sms_sim_unread_num": "1"})
    assert sms_list_needed(quiet, {**quiet, "sms_received_flag": "1"})
    flagged = {**quiet, "sms_received_flag": "1"}
    assert not sms_list_needed(flagged, flagged)
    assert not sms_list_needed(flagged, quiet)
    assert set(SMS_POLL_FIELDS) >= {"sms_received_flag", "sms_unread_num", "sms_dev_unread_num"}


async def test_unchanged_counters_do_not_fetch_the_list(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A poll loop as the HA side runs it: one list at start, one per arrival, none otherwise."""
    modem, client = await _setup(make_modem, make_client)
    requests_per_poll: list[int] = []
    for poll in range(8):
        if poll == 4:
            modem.inject_sms(OTHER, "arrived")
        before = modem.stats.requests
        snapshot = await client.read()
        if snapshot.sms_waiting:
            await client.list_sms()
        requests_per_poll.append(modem.stats.requests - before)
    assert modem.sms.list_requests == 2
    # The first poll logs in; every quiet poll after it is the one read request. The arrival
    # costs the list, and the next poll the storage use the list changed (an extra read).
    assert requests_per_poll[1:4] == [1, 1, 1]
    assert requests_per_poll[4:] == [2, 2, 1, 1]
    assert modem.ad_failures == 0
    assert modem.stats.failed_logins == 0
    assert modem.sms.protocol_errors == []


async def test_one_request_at_a_time(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """Polls, lists, sends and capacity reads running together never overlap on the wire."""
    modem, client = await _setup(make_modem, make_client, latency=(0.002, 0.01))
    await client.login()

    await asyncio.gather(
        client.send_sms([NUMBER, OTHER], "together"),
        client.read(),
        client.list_sms(),
        client.sms_capacity(),
        client.read(),
        client.mark_sms_read([1]),
        client.list_sms(),
    )

    assert modem.stats.max_concurrency == 1
    assert modem.ad_failures == 0


async def test_list_order_by_reaches_the_router_as_jquery_writes_it(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """order_by goes out as order+by+id+desc; a pre-encoded '+' (%2B) gets an empty list."""
    modem, client = await _setup(make_modem, make_client)
    assert len(await client.list_sms()) == 1
    assert modem.sms.protocol_errors == []

    await client.login()
    answer = await client.transport.http.get_json(
        {"cmd": "sms_data_total", "page": "0", "data_per_page": "5", "mem_store": "1", "tags": "10",
         "order_by": "order+by+id+desc"}
    )  # fmt: skip
    assert answer == {"messages": []}
    assert modem.sms.protocol_errors == ["order_by not sent as order+by+id+desc"]


async def test_sms_after_the_session_expired(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """A dropped session answers {"sms_data_total": ""}; the client logs in once and lists."""
    modem, client = await _setup(make_modem, make_client)
    await client.login()
    modem.expire_sessions()

    assert len(await client.list_sms()) == 1
    modem.expire_sessions()
    assert (await client.sms_capacity()).nv_total == 100
    modem.expire_sessions()
    assert (await client.send_sms(NUMBER, "after expiry")).ok
    assert modem.stats.logins == 4


async def test_privacy_nothing_personal_in_logs(
    make_modem: ModemFactory, make_client: ClientFactory, caplog: pytest.LogCaptureFixture
) -> None:
    """Numbers and texts never reach a log line, at any level, even on failures."""
    caplog.set_level(logging.DEBUG)
    modem, client = await _setup(make_modem, make_client)
    secret = "Kod do bramy: 4711 żółw"
    modem.inject_sms(OTHER, secret, parts=2)
    modem.sms.fail_sends = 1

    result = await client.send_sms([NUMBER, THIRD], secret)
    messages = await client.list_sms()
    await client.mark_sms_read([message.id for message in messages])
    await client.delete_all_but(0)
    with pytest.raises(ZteSmsTooLongError):
        await client.send_sms(NUMBER, secret * 100)
    logging.getLogger("test").debug("%r %r %s", messages, result, messages[0])

    assert result.failed == [NUMBER]
    for personal in (NUMBER, OTHER, THIRD, "46701234567", "4711", "żółw", "bramy"):
        assert personal not in caplog.text
    assert "Deleted" in caplog.text


async def test_control_endpoint_steers_sms(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """scripts and end-to-end tests inject messages and failures over HTTP."""
    modem, client = await _setup(make_modem, make_client)
    async with aiohttp.ClientSession() as http:

        async def control(command: dict[str, object]) -> dict[str, object]:
            async with http.post(f"{modem.url}/__sim__/control", json=command) as response:
                assert response.status == 200
                state: dict[str, object] = await response.json()
                return state

        state = await control(
            {"action": "sms_inject", "number": OTHER, "text": "ping", "time": "2025-01-02T03:04:05+01:00"}
        )
        assert state["sms_unread_num"] == "2"
        await control(
            {"action": "sms_inject", "number": OTHER, "text": "two parts", "parts": 2, "arrived": 1}
        )
        await control({"action": "sms_part", "id": 3})
        await control({"action": "sms_fail_next"})
        with pytest.raises(ZteSmsFailedError):
            await client.send_sms(NUMBER, "x")
        await control({"action": "sms_refuse_next", "count": 1})
        with pytest.raises(ZteSmsRefusedError):
            await client.send_sms(NUMBER, "x")
        await control({"action": "sms_fill"})
        assert (await client.sms_capacity()).full
        bad = await http.post(f"{modem.url}/__sim__/control", json={"action": "sms_part", "id": 999})
        assert bad.status == 400

    listed = {message.id: message for message in await client.list_sms()}
    assert listed[2].received_at.isoformat() == "2025-01-02T03:04:05+01:00"
    assert listed[3].text == "two parts"
    assert listed[3].complete


def test_message_repr_hides_number_and_text() -> None:
    """repr (and so str, logs, tracebacks) shows id, tag, completeness and length only."""
    message = SmsMessage(
        id=4, number=NUMBER, text="secret", received_at=datetime(2025, 1, 1, tzinfo=UTC), tag=1
    )
    assert NUMBER not in repr(message)
    assert "secret" not in repr(message)
    assert "secret" not in str(message)
    assert repr(message).startswith("SmsMessage(id=4, tag=1, complete=True")
    assert repr(SmsSendResult(sent=[NUMBER])) == "SmsSendResult(sent=1, failed=0)"


async def test_losing_the_modem_midway_reports_the_rest_failed(
    make_modem: ModemFactory, make_client: ClientFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before any number went out the connection error raises; after one, the rest are "error"."""
    modem, client = await _setup(make_modem, make_client)
    await client.login()
    real_send = client.transport.sms._send_one
    calls = 0

    async def flaky(number: str, body: str, kind: str) -> None:
        nonlocal calls
        calls += 1
        if calls >= 2:
            raise ZteConnectionError("gone")
        await real_send(number, body, kind)

    monkeypatch.setattr(client.transport.sms, "_send_one", flaky)
    result = await client.send_sms([NUMBER, OTHER, THIRD], "storm warning")
    assert result.sent == [NUMBER]
    assert result.failed == [OTHER, THIRD]
    assert result.reasons == {OTHER: "error", THIRD: "error"}

    calls = 1
    with pytest.raises(ZteConnectionError):
        await client.send_sms([NUMBER, OTHER], "storm warning")
