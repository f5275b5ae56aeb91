"""SMS on a real hass: an incoming message fires the event, the forward blueprint sends it on,
zte_modem.send_sms answers over the REST API, and the log holds no number and no text.

The modem simulator runs inside the test process here (a real HTTP socket all the same): the
SEND_SMS forms it records (SmsStore.sends) are what these tests check, and its control endpoint
deliberately reports counts and ids only, never a number or a text.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.stack import InProcessStack

pytestmark = pytest.mark.timeout(240)

SMS_EVENT = "event.zte_mc801a_sms"
REFRESH = "button.zte_mc801a_refresh"
SENDER = "+46701234567"
OTHER_SENDER = "Telia Info"
FORWARD_TO = "+46700000042"
# Emoji outside the BMP (surrogate pairs in UCS-2), Cyrillic and Polish letters.
UNICODE_TEXT = "Prąd wrócił 🔌 Свет снова есть 😀 Zażółć gęślą jaźń"
BURST = ("Первое сообщение 1/2 ✅", "Druga wiadomość 2/2 🚀")
IGNORED_TEXT = "Your invoice is ready: 129 kr"
GSM_TEXT = "Power is back @ the cabin, 21.5 C (100% ok)!"


class SmsStack(InProcessStack):
    """The in-process stack, and the SEND_SMS forms the router received."""

    @property
    def sends(self) -> list[dict[str, str]]:
        """Every well-formed SEND_SMS form the modem received, in order."""
        return self.sim.modem.sms.sends


@pytest.fixture
async def stack(socket_enabled: None, tmp_path: Path) -> AsyncIterator[SmsStack]:
    running = SmsStack(tmp_path)
    try:
        await running.start()
        await running.add_mqtt()
        result = await running.add_modem()
        assert result["type"] == "create_entry", result
        # The event entity exists once the first poll read the SMS list: older messages are not news.
        await running.hass.wait_state(running.session, SMS_EVENT, lambda state: True, timeout=60)
        yield running
    finally:
        await running.stop()


def decode_body(body: str) -> str:
    """MessageBody as the router reads it: 4 hex digits per UTF-16 unit, surrogate pairs included."""
    assert len(body) % 4 == 0, body
    units = [int(body[index : index + 4], 16) for index in range(0, len(body), 4)]
    return b"".join(unit.to_bytes(2, "big") for unit in units).decode("utf-16-be")


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-be")) // 2


async def inject(stack: SmsStack, number: str, text: str) -> int:
    """An incoming SMS through the control endpoint; its id on the router."""
    assert stack.simulator is not None
    before = set((await stack.simulator.stats(stack.session))["sms_ids"])
    after = await stack.simulator.control(stack.session, action="sms_inject", number=number, text=text)
    (new_id,) = set(after["sms_ids"]) - before
    return int(new_id)


async def poll_until(stack: SmsStack, check: Callable[[], Any], what: str, timeout: float = 30) -> Any:
    """Press Refresh (every 2 s) until check() returns something truthy."""
    deadline = time.monotonic() + timeout
    pressed = 0.0
    while time.monotonic() < deadline:
        if time.monotonic() - pressed >= 2:
            await stack.press(REFRESH)
            pressed = time.monotonic()
        if result := await check():
            return result
        await asyncio.sleep(0.25)
    raise AssertionError(f"timed out waiting for {what}")


async def event_with_id(stack: SmsStack, message_id: int) -> dict[str, Any]:
    async def check() -> dict[str, Any] | None:
        state = await stack.hass.state(stack.session, SMS_EVENT)
        if state is not None and state["attributes"].get("message_id") == message_id:
            return state
        return None

    state: dict[str, Any] = await poll_until(stack, check, f"the event of SMS {message_id}")
    return state


async def sends_to(stack: SmsStack, number: str, count: int) -> list[dict[str, str]]:
    """Wait until `count` SEND_SMS forms went to `number`; the forms."""

    async def check() -> list[dict[str, str]] | None:
        forms = [form for form in stack.sends if form.get("Number") == number]
        return forms if len(forms) >= count else None

    forms: list[dict[str, str]] = await poll_until(stack, check, f"{count} SEND_SMS to the forward number")
    return forms


def assert_sent(form: dict[str, str], number: str, text: str, encode_type: str) -> None:
    assert form["Number"] == number  # the "+" arrived exactly once, not as %2B
    assert form["encode_type"] == encode_type
    assert len(form["MessageBody"]) == 4 * utf16_units(text)
    assert decode_body(form["MessageBody"]) == text


def assert_log_clean(stack: SmsStack, *secrets: str) -> None:
    log = stack.hass.log_path.read_text()
    assert "custom_components.zte_modem" in log  # debug logging was on: the log is the real one
    for secret in secrets:
        assert secret not in log, f"{secret!r} reached home-assistant.log"


async def add_automation(stack: SmsStack, automation_id: str, inputs: dict[str, Any]) -> None:
    """The forward blueprint instantiated as the automation editor saves it."""
    await stack.hass.api(
        stack.session,
        "POST",
        f"/api/config/automation/config/{automation_id}",
        {"alias": automation_id, "use_blueprint": {"path": "zte_modem/forward_sms.yaml", "input": inputs}},
    )
    await stack.hass.wait_state(stack.session, f"automation.{automation_id}", lambda s: s == "on", timeout=30)


async def notification(stack: SmsStack, title: str) -> dict[str, Any]:
    async def check() -> dict[str, Any] | None:
        found = await stack.hass.ws(stack.session, "persistent_notification/get")
        return next((item for item in found if item.get("title") == title), None)

    result: dict[str, Any] = await poll_until(stack, check, f"the notification {title!r}")
    return result


async def test_incoming_sms_fires_event_and_blueprint_forwards_it(stack: SmsStack) -> None:
    """One SMS: the event carries it; the blueprint sends it on. A burst: every match forwarded, in order."""
    blueprints = await stack.hass.ws(stack.session, "blueprint/list", domain="automation")
    assert "error" not in blueprints["zte_modem/forward_sms.yaml"], blueprints["zte_modem/forward_sms.yaml"]
    send_on = {"action": "zte_modem.send_sms", "data": {"number": FORWARD_TO, "message": "{{ text }}"}}
    inputs = {"sms_event": SMS_EVENT, "sender_filter": "4670123", "forward_actions": [send_on]}
    await add_automation(stack, "zte_forward_sms", inputs)
    await add_automation(stack, "zte_notify_sms", {"sms_event": SMS_EVENT})  # the default action

    message_id = await inject(stack, SENDER, UNICODE_TEXT)
    state = await event_with_id(stack, message_id)
    attributes = state["attributes"]
    assert attributes["event_type"] == "received"
    assert (attributes["sender"], attributes["text"]) == (SENDER, UNICODE_TEXT)
    assert datetime.fromisoformat(attributes["received_at"]).utcoffset() is not None
    assert attributes["message_id"] == message_id

    (form,) = await sends_to(stack, FORWARD_TO, 1)
    assert_sent(form, FORWARD_TO, UNICODE_TEXT, "UNICODE")
    assert "D83DDE00" in form["MessageBody"]  # 😀 as its surrogate pair
    # The default action: a notification titled with the sender, "+" kept.
    assert (await notification(stack, f"SMS from {SENDER}"))["message"] == UNICODE_TEXT

    # Three in one poll: the queued automation forwards both from the matching sender, skips the other.
    first = await inject(stack, SENDER, BURST[0])
    await inject(stack, OTHER_SENDER, IGNORED_TEXT)
    last = await inject(stack, SENDER, BURST[1])
    assert last == first + 2
    await event_with_id(stack, last)
    forms = await sends_to(stack, FORWARD_TO, 3)
    # In order, so a forwarded middle message would show up here before the last one.
    assert [decode_body(form["MessageBody"]) for form in forms] == [UNICODE_TEXT, *BURST]
    assert [form["Number"] for form in forms] == [FORWARD_TO] * 3
    assert stack.sim.modem.sms.protocol_errors == []

    assert_log_clean(
        stack, SENDER, SENDER[1:], FORWARD_TO, FORWARD_TO[1:], OTHER_SENDER, UNICODE_TEXT, "Zażółć",
        "Свет", *BURST, IGNORED_TEXT,
    )  # fmt: skip


async def test_send_sms_action_over_rest(stack: SmsStack) -> None:
    """send_sms with return_response: sent/failed in the answer; GSM-7 and Unicode encoded right."""
    numbers = [FORWARD_TO, "+46700000043"]
    answer = await stack.hass.api(
        stack.session,
        "POST",
        "/api/services/zte_modem/send_sms?return_response",
        {"number": numbers, "message": GSM_TEXT},
    )
    assert answer["service_response"] == {"sent": numbers, "failed": []}
    assert len(stack.sends) == 2
    for form, number in zip(stack.sends, numbers, strict=True):
        assert_sent(form, number, GSM_TEXT, "GSM7_default")

    answer = await stack.hass.api(
        stack.session,
        "POST",
        "/api/services/zte_modem/send_sms?return_response",
        {"number": FORWARD_TO, "message": UNICODE_TEXT},
    )
    assert answer["service_response"] == {"sent": [FORWARD_TO], "failed": []}
    assert len(stack.sends) == 3
    assert_sent(stack.sends[2], FORWARD_TO, UNICODE_TEXT, "UNICODE")
    assert stack.sim.modem.sms.protocol_errors == []

    assert_log_clean(
        stack, FORWARD_TO, FORWARD_TO[1:], "46700000043", GSM_TEXT, UNICODE_TEXT, "Zażółć", "Свет"
    )


async def test_messages_seconds_apart_each_fire_at_the_next_poll(stack: SmsStack) -> None:
    """A top-up and its confirmation seconds apart, then a single message followed by the first
    part of a two-part one: each fires at the poll after it is complete. The first is marked
    read before the next arrives, which leaves the router's counters where they were (1 -> 1);
    the second must not wait for the ten-minute safety read (poll_until gives up after 30 s)."""
    first = await inject(stack, SENDER, "Top-up received: 100 kr")
    await event_with_id(stack, first)
    second = await inject(stack, SENDER, "Your balance is 112.50 kr")
    assert (await event_with_id(stack, second))["attributes"]["text"] == "Your balance is 112.50 kr"

    single = await inject(stack, OTHER_SENDER, "Welcome abroad")
    await event_with_id(stack, single)
    assert stack.simulator is not None
    notice = ("Network maintenance tonight between 01:00 and 04:00, expect short outages. " * 3)[:200]
    before = set((await stack.simulator.stats(stack.session))["sms_ids"])
    after = await stack.simulator.control(
        stack.session, action="sms_inject", number=OTHER_SENDER, text=notice, parts=2, arrived=1
    )
    (joined,) = {int(new_id) for new_id in set(after["sms_ids"]) - before}
    # Polls while only the first part is there: the message is not news yet.
    for _ in range(2):
        await stack.press(REFRESH)
    state = await stack.hass.state(stack.session, SMS_EVENT)
    assert state is not None
    assert state["attributes"]["message_id"] == single
    await stack.simulator.control(stack.session, action="sms_part", id=joined)
    assert (await event_with_id(stack, joined))["attributes"]["text"] == notice
    assert stack.sim.modem.sms.protocol_errors == []
