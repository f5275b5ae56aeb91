"""The APN select and the data-plan settings on a real hass, through its REST API as an automation
or the frontend calls them: an APN change (the data session taken down and brought back around it)
and a data-limit change, each read back by the router and shown by hass; no APN secret in hass's
states or its log file.

The modem simulator runs inside the test process (a real HTTP socket all the same), so the test
reads what the router did, not only what Home Assistant shows.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.stack import InProcessStack
from tests.simulator.admin import APN_PASSWORD, APN_USERNAME
from tests.simulator.server import ModemSimulator

pytestmark = pytest.mark.timeout(240)

APN = "select.zte_mc801a_apn"
MOBILE_DATA = "switch.zte_mc801a_mobile_data"
DATA_LIMIT = "number.zte_mc801a_data_limit"
DATA_LIMIT_SWITCH = "switch.zte_mc801a_data_limit"
ALERT = "number.zte_mc801a_data_alert_threshold"


class AdminStack(InProcessStack):
    """The in-process stack, with the calls and reads these tests make."""

    @property
    def modem(self) -> ModemSimulator:
        return self.sim.modem

    async def call(self, domain: str, service: str, data: dict[str, Any]) -> Any:
        return await self.hass.api(self.session, "POST", f"/api/services/{domain}/{service}", data)

    async def state(self, entity_id: str) -> dict[str, Any] | None:
        return await self.hass.state(self.session, entity_id)

    async def wait_state(self, entity_id: str, wanted: str, timeout: float = 30) -> None:
        await self.hass.wait_state(self.session, entity_id, lambda state: state == wanted, timeout=timeout)


@pytest.fixture
async def stack(socket_enabled: None, tmp_path: Path) -> AsyncIterator[AdminStack]:
    """Broker, in-process simulator (MC801A, a quick data session) and a real hass, set up."""
    running = AdminStack(tmp_path)
    running.modem.controls.connect_seconds = 0.5
    try:
        await running.start()
        await running.add_mqtt()
        result = await running.add_modem()
        assert result["type"] == "create_entry", result
        await running.wait_state(MOBILE_DATA, "on", timeout=60)
        yield running
    finally:
        await running.stop()


async def test_apn_change_and_data_limit_change(stack: AdminStack) -> None:
    modem = stack.modem
    apn = await stack.state(APN)
    assert apn is not None
    assert apn["state"] == "Telia Internet"
    assert apn["attributes"]["options"] == ["Automatic", "Telia Internet", "Work VPN", "IPv6 only"]

    await stack.call("select", "select_option", {"entity_id": APN, "option": "Work VPN"})
    await stack.wait_state(APN, "Work VPN")
    assert (modem.admin.mode, modem.admin.current) == ("manual", 1)
    assert [goform for goform, _ in modem.controls.writes] == [
        "DISCONNECT_NETWORK",
        "APN_PROC_EX",
        "CONNECT_NETWORK",
    ]
    await stack.wait_state(MOBILE_DATA, "on")
    assert modem.admin.protocol_errors == []

    await stack.call("number", "set_value", {"entity_id": DATA_LIMIT, "value": 250})
    await stack.wait_state(DATA_LIMIT, "250.0")
    await stack.wait_state("sensor.zte_mc801a_data_limit", "250.0")
    await stack.call("number", "set_value", {"entity_id": ALERT, "value": 90})
    await stack.wait_state(ALERT, "90")
    await stack.call("switch", "turn_off", {"entity_id": DATA_LIMIT_SWITCH})
    await stack.wait_state(DATA_LIMIT_SWITCH, "off")
    forms = modem.admin.limit_forms
    assert len(forms) == 3
    assert forms[0]["data_volume_limit_size"] == forms[0]["flux_data_volume_limit_size"] == "250_1024"
    assert (forms[-1]["data_volume_limit_switch"], forms[-1]["data_volume_alert_percent"]) == ("0", "90")
    assert modem.ad_failures == 0

    states = json.dumps(await stack.hass.api(stack.session, "GET", "/api/states"))
    log = stack.hass.log_path.read_text() if stack.hass.log_path.exists() else ""
    for secret in (APN_PASSWORD, APN_USERNAME):
        assert secret not in states
        assert secret not in log
