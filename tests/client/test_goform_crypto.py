"""Encrypted SMS on goform firmware (ubus-protocol.md §4.1) and SEND_SMS that never goes twice.

The encrypting profile (tests/simulator/profiles.py SMS_ENCRYPTED: newer MC888/MC889, MF833-class)
has a synthetic RSA key pair made when the simulator starts; it refuses SEND_SMS fields not sealed
with the session key and lists `number`/`content` sealed.
"""

from __future__ import annotations

import logging
import secrets
from datetime import UTC, datetime, timedelta

import pytest

from custom_components.zte_modem.zte import (
    ZteClient,
    ZteConnectionError,
    ZteSmsEncryptedError,
    ZteSmsRefusedError,
    new_messages,
)
from tests.conftest import ClientFactory, ModemFactory
from tests.simulator import ModemSimulator
from tests.simulator.profiles import PROFILES, SMS_ENCRYPTED, SimProfile
from tests.simulator.sms import TAG_SENT

NUMBER = "+46701234567"
SENDER = "+385911234567"
TEXT = "Boat ok 🚤 – łódź w porcie"
REPLY = "Привет, see you at 6"


async def _setup(
    make_modem: ModemFactory, make_client: ClientFactory, profile: str | SimProfile = SMS_ENCRYPTED
) -> tuple[ModemSimulator, ZteClient]:
    modem = await make_modem(profile)
    client = await make_client(modem)
    client.timing.sms_poll_interval = 0.01
    return modem, client


async def test_encrypted_round_trip(make_modem: ModemFactory, make_client: ClientFactory) -> None:
    """Sent encrypted (the router refuses plain fields and decrypts ours), listed back encrypted and
    read in plain; an incoming message too."""
    modem, client = await _setup(make_modem, make_client)
    assert modem.sms_crypto is not None

    assert (await client.send_sms(NUMBER, TEXT)).ok
    assert modem.send_posts == 1
    (sent,) = modem.sms.sends
    assert sent["Number"] == NUMBER  # as the router decrypted it
    assert bytes.fromhex(sent["MessageBody"]).decode("utf-16-be") == TEXT
    assert modem.sms_crypto.registrations == 1

    incoming = modem.inject_sms(SENDER, REPLY)
    messages = {message.id: message for message in await client.list_sms()}
    outgoing = next(message for message in messages.values() if message.tag == TAG_SENT)
    assert (outgoing.number, outgoing.text) == (NUMBER, TEXT)
    assert incoming is not None
    assert (messages[incoming].number, messages[incoming].text) == (SENDER, REPLY)
    assert all(message.readable for message in messages.values())
    # The list really came encrypted: its rows are no UCS-2 hex.
    row = modem.sms._row(modem.sms.find(incoming), 1)
    assert SENDER not in row["number"]
    assert "0041" not in row["content"]


async def test_key_is_registered_after_every_login_not_per_poll(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """web_crt_get once per login, one key per session; polls ask nothing more; a new session
    (idle expiry, the web page taking it) gets a new key and the list still reads."""
    modem, client = await _setup(make_modem, make_client)
    assert modem.sms_crypto is not None
    await client.login()
    for _ in range(3):
        await client.read()
    await client.list_sms()
    assert (modem.certificate_reads, modem.sms_crypto.registrations) == (1, 1)

    modem.expire_sessions()
    modem.inject_sms(SENDER, "after expiry")
    assert "after expiry" in [message.text for message in await client.list_sms()]
    assert (modem.certificate_reads, modem.sms_crypto.registrations) == (2, 2)

    modem.web_ui_login()  # the web page takes the session and registers its own key
    modem.inject_sms(SENDER, "after the web page")
    texts = [message.text for message in await client.list_sms()]
    assert "after the web page" in texts
    assert modem.sms_crypto.registrations == 3
    assert (await client.send_sms(NUMBER, "still encrypted")).ok


async def test_plain_firmware_is_asked_once_and_sends_plain(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """No key (MC801A answers none): plain UCS-2 hex both ways, and no more questions after the first."""
    modem, client = await _setup(make_modem, make_client, "mc801a")
    await client.send_sms(NUMBER, TEXT)
    modem.expire_sessions()
    await client.read()
    modem.inject_sms(SENDER, REPLY)

    assert REPLY in [message.text for message in await client.list_sms()]
    assert modem.certificate_reads == 1
    assert modem.sms.sends[0]["Number"] == NUMBER


@pytest.mark.parametrize("answer", ["failure", "http500"])
@pytest.mark.parametrize("profile", [SMS_ENCRYPTED, PROFILES["mc801a"], PROFILES["mc889"]])
async def test_send_sms_is_never_sent_twice(
    make_modem: ModemFactory, make_client: ClientFactory, profile: SimProfile, answer: str
) -> None:
    """The router sends, then answers failure (as a stolen session does) or HTTP 500: exactly one
    SEND_SMS, on every firmware, also where the write-token digest is a guess (MC889, no JS)."""
    modem, client = await _setup(make_modem, make_client, profile)
    await client.login()
    modem.sms.answer_after_send = answer

    with pytest.raises(ZteSmsRefusedError if answer == "failure" else ZteConnectionError):
        await client.send_sms(NUMBER, TEXT)

    assert modem.send_posts == 1
    assert len(modem.sms.sends) == 1
    if answer == "failure":
        result = await client.send_sms([NUMBER, SENDER], "two numbers")
        assert modem.send_posts == 3  # one each, none repeated
        assert result.reasons == {NUMBER: "refused", SENDER: "refused"}


async def test_stolen_session_send_is_not_repeated_but_the_next_one_logs_in(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """The web page took the session right before the send went: the session is checked before
    the POST (a login, then one send), never after."""
    modem, client = await _setup(make_modem, make_client)
    await client.login()
    logins = modem.stats.logins
    modem.web_ui_login()

    assert (await client.send_sms(NUMBER, TEXT)).ok
    assert modem.send_posts == 1
    assert modem.stats.logins == logins + 1


async def test_key_replaced_under_the_session_is_renewed_once(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """The router's key changed under a live session: the list is read again after one renewal
    (web_crt_get + web_http_enstr_set), without a login."""
    modem, client = await _setup(make_modem, make_client)
    assert modem.sms_crypto is not None
    await client.list_sms()
    modem.sms_crypto.aes_key = secrets.token_bytes(32)  # not the key the client registered
    message_id = modem.inject_sms(SENDER, REPLY)
    lists = modem.sms.list_requests

    listed = {message.id: message for message in await client.list_sms()}
    assert (listed[message_id].number, listed[message_id].text) == (SENDER, REPLY)
    assert (modem.certificate_reads, modem.sms_crypto.registrations) == (2, 2)
    assert modem.sms.list_requests == lists + 2
    assert modem.stats.logins == 1


def _garble(modem: ModemSimulator, number: str) -> None:
    """From now on the router lists `number`'s messages with a field no key opens."""
    real_seal = modem.sms.seal
    modem.sms.seal = lambda text: "Q" * 60 if text == number else real_seal(text)


async def test_undecryptable_message_is_never_news(
    make_modem: ModemFactory, make_client: ClientFactory, caplog: pytest.LogCaptureFixture
) -> None:
    """A field no key opens: the message is listed unreadable, without sender or text, never
    handed out, and holds back newer ones (until the part wait); the key is renewed once per
    session for it, not at every list."""
    modem, client = await _setup(make_modem, make_client)
    assert modem.sms_crypto is not None
    before = max(message.id for message in await client.list_sms())
    _garble(modem, SENDER)
    message_id = modem.inject_sms(SENDER, REPLY)
    caplog.set_level(logging.DEBUG, logger="custom_components.zte_modem")

    listed = {message.id: message for message in await client.list_sms()}
    unreadable = listed[message_id]
    assert not unreadable.readable
    assert (unreadable.number, unreadable.text) == ("", "")
    assert "unreadable" in repr(unreadable)
    assert new_messages(listed.values(), before) == []
    assert "Could not decrypt 1 SMS" in caplog.text
    for personal in (SENDER, REPLY, "Привет", "Q" * 60):
        assert personal not in caplog.text

    later = modem.inject_sms(NUMBER, "later")
    assert new_messages(await client.list_sms(), before) == []  # held behind it
    assert modem.sms_crypto.registrations == 2  # one renewal in this session
    after_wait = datetime.now(UTC) + timedelta(minutes=11)
    fresh = new_messages(await client.list_sms(), before, now=after_wait)
    assert [(message.id, message.number, message.text) for message in fresh] == [(later, NUMBER, "later")]


async def test_no_key_but_the_page_encrypts_is_a_clear_error(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A build whose page wraps SMS in AES-GCM but gives no key: plain sends are refused, told as
    "encrypted" once, then no more tries; its list carries ciphertext: skipped, never garbled."""
    modem = await make_modem(SMS_ENCRYPTED)
    assert modem.sms_crypto is not None
    modem.sms_crypto.pem = ""
    client = await make_client(modem)
    client.timing.sms_poll_interval = 0.01

    with pytest.raises(ZteSmsEncryptedError, match="encrypts SMS"):
        await client.send_sms([NUMBER, SENDER], "hello")
    posts = modem.send_posts
    with pytest.raises(ZteSmsEncryptedError):
        await client.send_sms(NUMBER, "hello")

    assert modem.send_posts == posts == 1
    assert modem.ad_failures == 0
    assert await client.list_sms() == []
