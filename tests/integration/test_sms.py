"""SMS in Home Assistant: the `received` event, send_sms and delete_sms, storage, privacy."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from homeassistant.core import Event, HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from homeassistant.helpers import device_registry as dr
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.zte_modem.const import CONF_SMS_MARK_READ, DOMAIN
from custom_components.zte_modem.zte.sms import decode_ucs2_hex
from tests.integration.compat import device_with_identifier
from tests.integration.conftest import async_poll, setup_modem_entry
from tests.simulator import ModemSimulator

EVENT = "event.zte_mc801a_sms"
SENDER = "+46709998877"
UNICODE = "Zażółć gęślą jaźń · Съешь же ещё · 🚤⚓ power is back"


@pytest.fixture
def events(hass: HomeAssistant) -> list[dict[str, Any]]:
    """Every `received` event of the SMS entity, as automations see it (state attributes)."""
    seen: list[dict[str, Any]] = []

    def record(event: Event) -> None:
        new = event.data.get("new_state")
        if event.data.get("entity_id") == EVENT and new is not None and new.attributes.get("event_type"):
            seen.append(dict(new.attributes))

    hass.bus.async_listen("state_changed", record)
    return seen


@pytest.fixture
async def sms_entry(hass: HomeAssistant, modem: ModemSimulator) -> MockConfigEntry:
    """The modem set up; the SMS status polls of the client run fast."""
    entry = await setup_modem_entry(hass, modem)
    entry.runtime_data.client.timing.sms_poll_interval = 0.02
    return entry


async def test_incoming_sms_fires_once_with_its_text(
    hass: HomeAssistant, modem: ModemSimulator, sms_entry: MockConfigEntry, events: list[dict[str, Any]]
) -> None:
    """A new message fires `received` with sender, text, time and id, then is marked read."""
    message_id = modem.inject_sms(SENDER, UNICODE)
    await async_poll(hass, sms_entry)
    await async_poll(hass, sms_entry)

    assert len(events) == 1
    event = events[0]
    assert event["event_type"] == "received"
    assert (event["sender"], event["text"], event["message_id"]) == (SENDER, UNICODE, message_id)
    assert event["received_at"].endswith(("+01:00", "+02:00"))  # the router's zone, ISO 8601
    assert modem.sms.find(message_id).tag == 0  # marked read


async def test_messages_already_there_at_first_setup_do_not_fire(
    hass: HomeAssistant, modem: ModemSimulator, events: list[dict[str, Any]]
) -> None:
    """The welcome message stored before setup is not news."""
    assert modem.sms.unread() >= 1
    entry = await setup_modem_entry(hass, modem)
    await async_poll(hass, entry)
    assert events == []


async def test_restart_fires_what_arrived_meanwhile_and_nothing_older(
    hass: HomeAssistant, modem: ModemSimulator, sms_entry: MockConfigEntry, events: list[dict[str, Any]]
) -> None:
    """HA down: the message that arrived meanwhile fires once after the restart; old ones never."""
    modem.inject_sms(SENDER, "before")
    await async_poll(hass, sms_entry)
    assert [event["text"] for event in events] == ["before"]

    assert await hass.config_entries.async_unload(sms_entry.entry_id)
    modem.inject_sms(SENDER, "while away")
    assert await hass.config_entries.async_setup(sms_entry.entry_id)
    await hass.async_block_till_done()
    await async_poll(hass, sms_entry)

    assert [event["text"] for event in events] == ["before", "while away"]


async def test_multipart_message_fires_once_joined(
    hass: HomeAssistant, modem: ModemSimulator, sms_entry: MockConfigEntry, events: list[dict[str, Any]]
) -> None:
    """A 300-character message in three parts fires once, when the last part is there."""
    text = ("Roaming notice: data abroad costs 1 EUR per MB. " * 7)[:300]
    message_id = modem.inject_sms(SENDER, text, parts=3, arrived=1)
    await async_poll(hass, sms_entry)
    modem.sms.deliver_part(message_id)
    await async_poll(hass, sms_entry)
    assert events == []

    modem.sms.deliver_part(message_id)
    await async_poll(hass, sms_entry)
    assert [event["text"] for event in events] == [text]


@pytest.mark.parametrize("options", [{CONF_SMS_MARK_READ: False}])
async def test_option_leaves_messages_unread(
    hass: HomeAssistant, modem: ModemSimulator, options: dict[str, Any], events: list[dict[str, Any]]
) -> None:
    """With "mark read" off the router's own page still shows the message as new."""
    entry = await setup_modem_entry(hass, modem, options)
    message_id = modem.inject_sms(SENDER, "keep me unread")
    await async_poll(hass, entry)
    assert len(events) == 1
    assert modem.sms.find(message_id).tag == 1


async def test_send_what_you_receive(
    hass: HomeAssistant, modem: ModemSimulator, sms_entry: MockConfigEntry, events: list[dict[str, Any]]
) -> None:
    """send_sms encodes like the router's page ('+' once, UCS-2 hex); the text comes back intact."""
    response = await hass.services.async_call(
        DOMAIN, "send_sms", {"number": SENDER, "message": UNICODE}, blocking=True, return_response=True
    )
    assert response == {"sent": [SENDER], "failed": []}
    sent = modem.sms.sends[-1]
    assert sent["Number"] == SENDER
    assert sent["encode_type"] == "UNICODE"
    assert decode_ucs2_hex(sent["MessageBody"]) == UNICODE
    assert modem.sms.protocol_errors == []
    assert modem.snapshot_state()["ad_failures"] == 0

    modem.inject_sms(SENDER, decode_ucs2_hex(sent["MessageBody"]) or "")
    await async_poll(hass, sms_entry)
    assert events[-1]["text"] == UNICODE


async def test_several_numbers_report_which_failed(
    hass: HomeAssistant, modem: ModemSimulator, sms_entry: MockConfigEntry
) -> None:
    """One of two sends fails at the network: the response says which; without a response it raises."""
    modem.sms.fail_sends = 1
    response = await hass.services.async_call(
        DOMAIN,
        "send_sms",
        {"number": ["+46700000001", "+46700000002"], "message": "Gate open"},
        blocking=True,
        return_response=True,
    )
    assert response == {"sent": ["+46700000002"], "failed": ["+46700000001"]}

    modem.sms.fail_sends = 1
    with pytest.raises(HomeAssistantError, match="1 of 2 messages could not be sent"):
        await hass.services.async_call(
            DOMAIN, "send_sms", {"number": ["+46700000001", "+46700000002"], "message": "Gate"}, blocking=True
        )


async def test_too_long_is_refused_before_sending(
    hass: HomeAssistant, modem: ModemSimulator, sms_entry: MockConfigEntry
) -> None:
    """336 characters of Cyrillic do not fit five parts: a validation error, nothing sent."""
    with pytest.raises(ServiceValidationError):
        await hass.services.async_call(
            DOMAIN, "send_sms", {"number": SENDER, "message": "ж" * 336}, blocking=True
        )
    assert modem.sms.sends == []


async def test_delete_keeps_the_newest(
    hass: HomeAssistant, modem: ModemSimulator, sms_entry: MockConfigEntry
) -> None:
    """delete_sms with keep_latest empties the router's storage down to the newest N."""
    for n in range(4):
        modem.inject_sms(SENDER, f"message {n}")
    device = device_with_identifier(dr.async_get(hass), sms_entry.entry_id, (DOMAIN, modem.values["imei"]))
    assert device is not None
    await hass.services.async_call(
        DOMAIN, "delete_sms", {"device_id": device.id, "keep_latest": 2}, blocking=True
    )
    assert sorted(message.text for message in modem.sms.messages) == ["message 2", "message 3"]


async def test_actions_refused_while_paused(
    hass: HomeAssistant, modem: ModemSimulator, sms_entry: MockConfigEntry
) -> None:
    """The web page has the single session: no login behind its back."""
    await sms_entry.runtime_data.coordinator.async_pause()
    logins = modem.stats.logins
    with pytest.raises(HomeAssistantError, match="paused"):
        await hass.services.async_call(DOMAIN, "send_sms", {"number": SENDER, "message": "x"}, blocking=True)
    with pytest.raises(HomeAssistantError, match="paused"):
        await hass.services.async_call(DOMAIN, "delete_sms", {}, blocking=True)
    assert modem.stats.logins == logins
    assert modem.sms.sends == []


async def test_storage_full_and_stored_count(
    hass: HomeAssistant, modem: ModemSimulator, sms_entry: MockConfigEntry
) -> None:
    """The last free place taken by an incoming message: storage full, the count follows."""
    modem.sms.nv_total = modem.sms.used(1) + 1
    modem.inject_sms(SENDER, "the last one that fits")
    await async_poll(hass, sms_entry)
    await async_poll(hass, sms_entry)
    assert hass.states.get("binary_sensor.zte_mc801a_sms_storage_full").state == "on"
    assert int(hass.states.get("sensor.zte_mc801a_sms_stored").state) >= modem.sms.nv_total


async def test_unchanged_counters_cost_no_extra_request(
    hass: HomeAssistant, modem: ModemSimulator, sms_entry: MockConfigEntry
) -> None:
    """Steady state: one request per poll, the message list is not read again."""
    await async_poll(hass, sms_entry)
    modem.stats.reset()
    for _ in range(3):
        await async_poll(hass, sms_entry)
    assert modem.stats.requests == 3


async def test_no_number_or_text_in_the_log(
    hass: HomeAssistant,
    modem: ModemSimulator,
    sms_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    events: list[dict[str, Any]],
) -> None:
    """At DEBUG, receiving and sending leave neither a phone number nor a message text in the log."""
    caplog.set_level(logging.DEBUG)
    modem.inject_sms(SENDER, "secret meeting at noon")
    await async_poll(hass, sms_entry)
    await hass.services.async_call(
        DOMAIN, "send_sms", {"number": "+46701112233", "message": "reply text here"}, blocking=True
    )
    await hass.services.async_call(DOMAIN, "delete_sms", {"keep_latest": 0}, blocking=True)
    assert len(events) == 1
    for secret in (SENDER, "46709998877", "+46701112233", "secret meeting", "reply text"):
        assert secret not in caplog.text


async def test_message_right_after_a_marked_one_fires_at_the_next_poll(
    hass: HomeAssistant, modem: ModemSimulator, sms_entry: MockConfigEntry, events: list[dict[str, Any]]
) -> None:
    """Two messages seconds apart (a top-up and its confirmation): the first is fired and marked
    read, the second arrives before the next poll, leaving counter and flag where they were
    (1 -> 1). It fires at that next poll, not ten minutes later."""
    first = modem.inject_sms(SENDER, "Top-up received")
    await async_poll(hass, sms_entry)
    assert [event["text"] for event in events] == ["Top-up received"]

    second = modem.inject_sms(SENDER, "Your balance is 12.50 EUR")
    await async_poll(hass, sms_entry)

    assert [event["text"] for event in events] == ["Top-up received", "Your balance is 12.50 EUR"]
    assert (modem.sms.find(first).tag, modem.sms.find(second).tag) == (0, 0)


async def test_multipart_right_after_a_single_message(
    hass: HomeAssistant, modem: ModemSimulator, sms_entry: MockConfigEntry, events: list[dict[str, Any]]
) -> None:
    """A single message, then the first part of a two-part one before the next poll: the joined
    message fires as soon as its second part is there."""
    text = ("Network maintenance tonight between 01:00 and 04:00, expect short outages. " * 3)[:200]
    modem.inject_sms(SENDER, "Welcome abroad")
    await async_poll(hass, sms_entry)
    message_id = modem.inject_sms(SENDER, text, parts=2, arrived=1)
    await async_poll(hass, sms_entry)
    assert [event["text"] for event in events] == ["Welcome abroad"]

    modem.sms.deliver_part(message_id)
    await async_poll(hass, sms_entry)
    assert [event["text"] for event in events] == ["Welcome abroad", text]


async def test_no_list_read_while_nothing_arrives(
    hass: HomeAssistant, modem: ModemSimulator, sms_entry: MockConfigEntry, events: list[dict[str, Any]]
) -> None:
    """After a delivered message the counters rest at zero: quiet polls read no list."""
    modem.inject_sms(SENDER, "one")
    await async_poll(hass, sms_entry)
    await async_poll(hass, sms_entry)
    reads = modem.sms.list_requests
    for _ in range(3):
        await async_poll(hass, sms_entry)
    assert modem.sms.list_requests == reads
    assert [event["text"] for event in events] == ["one"]
