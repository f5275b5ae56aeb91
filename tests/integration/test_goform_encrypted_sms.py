"""A goform router that encrypts SMS fields (newer MC888/MC889, MF833-class; ubus-protocol.md §4.1)
through Home Assistant: the `received` event carries the decrypted sender and text, send_sms goes
out encrypted once, a message no key opens fires nothing, and no key reaches the log or the
diagnostics."""

from __future__ import annotations

import base64
import logging
import secrets
from typing import Any

import pytest
from homeassistant.core import Event, HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.zte_modem.const import DOMAIN
from custom_components.zte_modem.diagnostics import async_get_config_entry_diagnostics
from tests.conftest import ModemFactory
from tests.integration.conftest import PASSWORD, async_poll, setup_modem_entry
from tests.simulator import ModemSimulator
from tests.simulator.profiles import SMS_ENCRYPTED
from tests.simulator.server import FakeClock

EVENT = "event.zte_mc888_sms"
SENDER = "+46709998877"
TEXT = "Din kod är 4242 – łódź 🚤"


@pytest.fixture
async def modem(make_modem: ModemFactory, modem_clock: FakeClock) -> ModemSimulator:
    """The SMS-encrypting MC888 build (synthetic RSA key pair) instead of the MC801A."""
    return await make_modem(SMS_ENCRYPTED, PASSWORD, clock=modem_clock)


@pytest.fixture
def events(hass: HomeAssistant) -> list[dict[str, Any]]:
    """Every `received` event of the SMS entity (its state attributes)."""
    seen: list[dict[str, Any]] = []

    def record(event: Event) -> None:
        new = event.data.get("new_state")
        if event.data.get("entity_id") == EVENT and new is not None and new.attributes.get("event_type"):
            seen.append(dict(new.attributes))

    hass.bus.async_listen("state_changed", record)
    return seen


@pytest.fixture
async def entry(hass: HomeAssistant, modem: ModemSimulator) -> MockConfigEntry:
    """The modem set up, SMS status polls fast."""
    entry = await setup_modem_entry(hass, modem)
    entry.runtime_data.client.timing.sms_poll_interval = 0.02
    return entry


async def test_encrypted_sms_fires_with_sender_and_text(
    hass: HomeAssistant, modem: ModemSimulator, entry: MockConfigEntry, events: list[dict[str, Any]]
) -> None:
    """The router lists the message encrypted; the event has the decrypted sender and text, and
    send_sms goes out encrypted, exactly once."""
    message_id = modem.inject_sms(SENDER, TEXT)
    await async_poll(hass, entry)

    assert len(events) == 1
    assert (events[0]["sender"], events[0]["text"], events[0]["message_id"]) == (SENDER, TEXT, message_id)
    assert modem.sms.find(message_id).tag == 0  # marked read

    await hass.services.async_call(
        DOMAIN, "send_sms", {"number": "+46700000042", "message": "Tack ✅"}, blocking=True
    )
    assert modem.send_posts == 1
    assert modem.sms.sends[0]["Number"] == "+46700000042"  # as the router decrypted it


async def test_replaced_key_is_renewed_and_garbage_fires_nothing(
    hass: HomeAssistant, modem: ModemSimulator, entry: MockConfigEntry, events: list[dict[str, Any]]
) -> None:
    """The router's key changed under the session: renewed, the message fires with its real sender
    and text. A message no key opens never fires, not with an empty sender or text either."""
    assert modem.sms_crypto is not None
    modem.sms_crypto.aes_key = secrets.token_bytes(32)
    modem.inject_sms(SENDER, TEXT)
    await async_poll(hass, entry)
    assert [(event["sender"], event["text"]) for event in events] == [(SENDER, TEXT)]

    real_seal = modem.sms.seal
    modem.sms.seal = lambda text: "Q" * 60 if text == "+46701110000" else real_seal(text)
    modem.inject_sms("+46701110000", "garbled")
    await async_poll(hass, entry)
    await async_poll(hass, entry)
    assert len(events) == 1


async def test_no_key_in_log_or_diagnostics(
    hass: HomeAssistant, modem: ModemSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    """At DEBUG, through a lost session and an SMS both ways: neither the session key (raw, hex,
    base64), nor its wrapped form, nor a number or text reaches the log or the diagnostics."""
    caplog.set_level(logging.DEBUG)
    assert modem.sms_crypto is not None
    wrapped: list[str] = []
    accept = modem.sms_crypto.accept

    def recording_accept(web_enstr: str) -> bool:
        wrapped.append(web_enstr)
        return accept(web_enstr)

    modem.sms_crypto.accept = recording_accept  # type: ignore[method-assign]
    entry = await setup_modem_entry(hass, modem)
    entry.runtime_data.client.timing.sms_poll_interval = 0.02
    keys = {modem.sms_crypto.aes_key}
    modem.expire_sessions()
    modem.inject_sms(SENDER, "secret meeting at noon")
    await async_poll(hass, entry)
    keys.add(modem.sms_crypto.aes_key)
    await hass.services.async_call(
        DOMAIN, "send_sms", {"number": "+46701112233", "message": "reply text here"}, blocking=True
    )
    diagnostics = await async_get_config_entry_diagnostics(hass, entry)
    assert diagnostics["sms_encrypted"] is True
    dump = str(diagnostics)

    assert len(wrapped) == 2
    secret_values = {SENDER, "+46701112233", "secret meeting", "reply text", *wrapped}
    for key in keys:
        assert key is not None
        secret_values |= {key.hex(), key.hex().upper(), base64.b64encode(key).decode()}
    for secret in secret_values:
        assert secret not in dump, secret
        assert secret not in caplog.text, secret
