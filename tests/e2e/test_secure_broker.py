"""zte_modem behind a locked-down broker: TLS with a private CA, passwords, an ACL.

Home Assistant's MQTT integration is set up through its own flow as a user would
(advanced options, the CA file uploaded), and the bridge's contract must hold with
HA's user allowed nothing but `zte/#` and `homeassistant/#`.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.e2e.stack import Stack, initial_form_data
from tests.integration.test_mqtt_bridge import LTE_KEYS
from tests.integration.test_mqtt_broker import ask
from tests.secure_broker import HA_USER, WATCHER_USER, SecureMosquitto, SecureWatcher, connect_outcome

pytestmark = pytest.mark.timeout(240)

RSRP = "sensor.zte_mc801a_lte_rsrp"


@pytest.fixture
def broker(socket_enabled: None) -> Iterator[SecureMosquitto]:
    """The secured broker alone, no Home Assistant."""
    secured = SecureMosquitto()
    try:
        secured.start()
        yield secured
    finally:
        secured.close()


@pytest.fixture
async def secure_stack(socket_enabled: None, tmp_path: Path) -> AsyncIterator[Stack]:
    """Simulator and hass as in conftest's stack, but on the secured broker; nothing configured."""
    running = Stack(tmp_path)
    # Stack.start() only starts its broker and stop() closes it: swapping it in before
    # the start is all it takes. The plain broker it made was never started.
    running.broker.close()
    running.broker = await asyncio.to_thread(SecureMosquitto)  # openssl runs: off the event loop
    try:
        await running.start()
        yield running
    finally:
        await running.stop()


def fill_form(schema: list[dict[str, Any]], typed: dict[str, Any]) -> dict[str, Any]:
    """The form as the frontend submits it after the user typed `typed` into the fields
    this form shows, wherever they are: at the top or inside a collapsible section."""
    data = initial_form_data(schema)
    for item in schema:
        name = item.get("name")
        if name is None:
            continue
        if item.get("type") == "expandable":
            data[name] = fill_form(item.get("schema", []), typed)
        elif name in typed:
            data[name] = typed[name]
    return data


async def upload(stack: Stack, path: Path) -> str:
    """A file through HA's upload endpoint, as the frontend's file selector does; its file_id."""
    form = aiohttp.FormData()
    form.add_field("file", path.read_bytes(), filename=path.name, content_type="application/x-x509-ca-cert")
    async with stack.session.post(
        f"{stack.hass.url}/api/file_upload", data=form, headers=stack.hass.headers
    ) as response:
        if response.status != 200:
            raise RuntimeError(f"file upload: HTTP {response.status}: {await response.text()}")
        file_id: str = (await response.json())["file_id"]
        return file_id


async def add_mqtt_with_tls(stack: Stack, broker: SecureMosquitto) -> dict[str, Any]:
    """HA's MQTT integration through its flow with TLS, the private CA and HA's broker user.

    HA 2025.4 asks in steps: broker and login with an "Advanced options" box, then the
    advanced fields, and only once "custom" CA is picked the CA upload field. HA 2026.11
    asks once, the TLS fields in an "other_settings" section. Each form gets the values
    for the fields it shows, until the entry is created.
    """
    result = await stack.hass.api(
        stack.session,
        "POST",
        "/api/config/config_entries/flow",
        # Advanced mode in the user's profile: without it HA 2025.4 hides TLS entirely.
        {"handler": "mqtt", "show_advanced_options": True},
    )
    # After the flow started: it loads MQTT's dependencies, file_upload among them.
    typed = {
        "broker": "127.0.0.1",
        "port": broker.port,
        "username": HA_USER,
        "password": broker.passwords[HA_USER],
        "advanced_options": True,
        "set_ca_cert": "custom",
        "certificate": await upload(stack, broker.ca_file),
        "tls_insecure": False,  # the certificate's name is checked: the CA signed it for 127.0.0.1
    }
    for _ in range(4):
        if result["type"] != "form":
            break
        assert not result.get("errors"), result
        result = await stack.hass.api(
            stack.session,
            "POST",
            f"/api/config/config_entries/flow/{result['flow_id']}",
            fill_form(result["data_schema"], typed),
        )
    assert result["type"] == "create_entry", result
    return dict(result)


def test_secured_broker_refuses_strangers(broker: SecureMosquitto) -> None:
    """Only a TLS client with a known user and its password gets in."""
    ca = broker.ca_file
    assert connect_outcome(broker.port, ca_file=ca) == "Not authorized"
    assert connect_outcome(broker.port, ca_file=ca, username=HA_USER, password="guess") == "Not authorized"
    plain = connect_outcome(broker.port, username=HA_USER, password=broker.passwords[HA_USER])
    assert plain.startswith("no CONNACK"), plain
    for user in (HA_USER, WATCHER_USER):
        assert connect_outcome(broker.port, ca_file=ca, username=user, password=broker.passwords[user]) == (
            "Success"
        )


async def test_contract_through_secured_broker(secure_stack: Stack) -> None:
    """MQTT set up with TLS, CA upload and a password in HA's flow: zte_modem answers
    through the ACL, nobody can forge its answers, and anonymous clients stay out."""
    stack = secure_stack
    broker = stack.broker
    assert isinstance(broker, SecureMosquitto)
    mqtt_entry = await add_mqtt_with_tls(stack, broker)
    assert mqtt_entry["title"] == "127.0.0.1"
    result = await stack.add_modem()
    assert result["type"] == "create_entry", result
    rsrp = await stack.hass.wait_state(stack.session, RSRP, lambda state: state != "unavailable")
    assert rsrp["state"] == "-95"

    watcher = SecureWatcher(broker, ["zte/#"])
    try:
        # The watcher may not publish answers: a forged one is dropped by the broker.
        watcher.publish("zte/provider", json.dumps("Forged Telecom"))
        provider = await ask(watcher, "zte/provider/get", "zte/provider")
        assert json.loads(provider.payload) == "Telia SE"
        lte = json.loads((await ask(watcher, "zte/lte/get", "zte/lte")).payload)
        assert set(lte) == LTE_KEYS
        assert lte["rsrp"] == -95
        status = await watcher.wait_for(lambda m: m.topic == "zte/status")
        assert (status.payload, status.retain) == (b"online", True)
        assert all(m.payload != b'"Forged Telecom"' for m in await watcher.drain())
    finally:
        watcher.close()

    assert broker.denied(WATCHER_USER), "the broker never denied the forged answer: is the ACL loaded?"
    # The ACL of this test is enough for HA and zte_modem: nothing of theirs was refused.
    assert broker.denied(HA_USER) == []
    # paho blocks while it connects: in a thread, the event loop stays free.
    assert await asyncio.to_thread(connect_outcome, broker.port, ca_file=broker.ca_file) == "Not authorized"
    plain = await asyncio.to_thread(connect_outcome, broker.port)
    assert plain.startswith("no CONNACK"), plain
