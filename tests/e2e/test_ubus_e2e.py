"""A ubus router (G5TS over https) through a real hass: the flow finds the API, sensors read it, MQTT
answers the LTE aggregate, a network-mode change reaches the router, an SMS goes both ways."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.broker import Watcher
from tests.e2e.stack import InProcessStack
from tests.integration.test_mqtt_broker import ask

pytestmark = pytest.mark.timeout(240)

RSRP = "sensor.zte_g5ts_lte_rsrp"
MODE = "select.zte_g5ts_network_mode"
REFRESH = "button.zte_g5ts_refresh"
SMS_EVENT = "event.zte_g5ts_sms"


@pytest.fixture
async def stack(socket_enabled: None, tmp_path: Path) -> AsyncIterator[InProcessStack]:
    running = InProcessStack(tmp_path, ubus_profile="g5ts")
    try:
        await running.start()
        await running.add_mqtt()
        result = await running.add_modem()
        assert result["type"] == "create_entry", result
        assert result["title"] == "ZTE G5TS"
        yield running
    finally:
        await running.stop()


async def test_ubus_router_end_to_end(stack: InProcessStack) -> None:
    """Sensors, the LTE aggregate over a real broker, a network-mode change written and read back."""
    state = await stack.hass.wait_state(stack.session, RSRP, lambda value: value == "-80", timeout=60)
    assert state is not None
    modem = stack.sim.modem

    watcher = Watcher(stack.broker.port, ["zte/#"])
    try:
        lte = json.loads((await ask(watcher, "zte/lte/get", "zte/lte")).payload)
    finally:
        watcher.close()
    assert (lte["rsrp"], lte["ca_bands"], lte["sinr"]) == (-80, "B1+B3+B20", 7.0)

    await stack.hass.api(
        stack.session, "POST", "/api/services/select/select_option", {"entity_id": MODE, "option": "only_lte"}
    )
    await stack.hass.wait_state(stack.session, MODE, lambda value: value == "only_lte", timeout=30)
    assert modem.state.net_select == "Only_LTE"

    # An SMS both ways: in (encrypted on the wire), the event; out through send_sms.
    message_id = modem.inject_sms("+46701234567", "Prąd wrócił 🔌")
    for _ in range(30):
        await stack.press(REFRESH)
        state = await stack.hass.state(stack.session, SMS_EVENT)
        if state is not None and state["attributes"].get("message_id") == message_id:
            break
        await asyncio.sleep(1)
    else:
        raise AssertionError("no SMS event")
    assert state["attributes"]["text"] == "Prąd wrócił 🔌"
    await stack.hass.api(
        stack.session,
        "POST",
        "/api/services/zte_modem/send_sms",
        {"number": "+46700000042", "message": "Got it ✅"},
    )
    assert modem.state.sends == [{"number": "+46700000042", "text": "Got it ✅"}]
    assert modem.stats.failed_logins == 0
    assert modem.stats.max_concurrency == 1
