"""Router controls on a real hass, through its REST API as an automation or the frontend calls them:
mobile data off and on, the network mode, a band lock and its removal, a USSD code with its answer,
and an unsupported band refused before anything reaches the router.

The modem simulator runs inside the test process (a real HTTP socket all the same), so the test
reads what the router did (its data session, net_select, band lock, the writes it received), not
only what Home Assistant shows.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import AsyncIterator, Awaitable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.e2e.stack import InProcessStack
from tests.simulator.controls import USSD_DEFAULT_ANSWER, lte_mask
from tests.simulator.server import ModemSimulator

pytestmark = pytest.mark.timeout(240)

T = TypeVar("T")

MOBILE_DATA = "switch.zte_mc801a_mobile_data"
CONNECTED = "binary_sensor.zte_mc801a_mobile_data"
NETWORK_MODE = "select.zte_mc801a_network_mode"
LTE_BAND = "sensor.zte_mc801a_lte_band"
LTE_BAND_LOCK = "sensor.zte_mc801a_lte_band_lock"
# How long a connect / disconnect stays in ppp_connecting / ppp_disconnecting (2 s by default).
CONNECT_SECONDS = 0.5


class ControlsStack(InProcessStack):
    """The in-process stack, with the calls and reads these tests make."""

    @property
    def modem(self) -> ModemSimulator:
        return self.sim.modem

    async def call(self, domain: str, service: str, data: dict[str, Any], *, response: bool = False) -> Any:
        """POST /api/services/<domain>/<service> (with ?return_response when asked)."""
        path = f"/api/services/{domain}/{service}" + ("?return_response" if response else "")
        return await self.hass.api(self.session, "POST", path, data)

    async def state(self, entity_id: str) -> str | None:
        found = await self.hass.state(self.session, entity_id)
        return None if found is None else str(found["state"])

    async def wait_state(self, entity_id: str, wanted: str, timeout: float = 20) -> None:
        await self.hass.wait_state(self.session, entity_id, lambda state: state == wanted, timeout=timeout)

    @property
    def goforms(self) -> list[str]:
        """The control commands the router received, in order."""
        return [goform for goform, _ in self.modem.controls.writes]


@pytest.fixture
async def stack(socket_enabled: None, tmp_path: Path) -> AsyncIterator[ControlsStack]:
    """Broker, in-process simulator (MC801A, 5G NSA, a quick data session) and a real hass, set up."""
    running = ControlsStack(tmp_path)
    running.modem.controls.connect_seconds = CONNECT_SECONDS
    running.modem.controls.ussd_delay = 0.3
    try:
        await running.start()
        await running.add_mqtt()
        result = await running.add_modem()
        assert result["type"] == "create_entry", result
        await running.wait_state(MOBILE_DATA, "on", timeout=60)
        yield running
    finally:
        await running.stop()


def ppp_status(modem: ModemSimulator) -> str:
    """The data session as the router reports it now (ppp_status)."""
    return modem.controls.field("ppp_status", lambda _key: "") or modem.values.get("ppp_status", "")


async def watching_ppp(modem: ModemSimulator, call: Awaitable[T]) -> tuple[T, list[str]]:
    """Await `call` while noting every ppp_status the router passes through."""
    seen = [ppp_status(modem)]

    async def watch() -> None:
        while True:
            await asyncio.sleep(0.02)
            if (status := ppp_status(modem)) != seen[-1]:
                seen.append(status)

    watcher = asyncio.create_task(watch())
    try:
        result = await call
    finally:
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
    if (status := ppp_status(modem)) != seen[-1]:
        seen.append(status)
    return result, seen


def rest_answers_validation_errors_with_400() -> bool:
    """Whether the hass under test answers a ServiceValidationError over REST with 400 and its message.

    Newer releases do (their api component catches it); older ones, such as 2025.4, let it escape
    the view, and aiohttp answers a bare 500. Read from the installed source, not guessed from the
    version number.
    """
    python = Path(os.environ.get("ZTE_HASS_PYTHON") or sys.executable)
    for source in python.parent.parent.glob(
        "lib/python3*/site-packages/homeassistant/components/api/__init__.py"
    ):
        return "except ServiceValidationError" in source.read_text()
    raise AssertionError(f"no homeassistant api component next to {python}")


async def ws_call_error(
    stack: ControlsStack, domain: str, service: str, data: dict[str, Any]
) -> dict[str, Any]:
    """call_service over the websocket, as the frontend does; the error it answers (it must fail)."""
    async with stack.session.ws_connect(f"{stack.hass.url}/api/websocket") as socket:
        await socket.receive_json()  # auth_required
        await socket.send_json({"type": "auth", "access_token": stack.hass.token})
        assert (await socket.receive_json())["type"] == "auth_ok"
        await socket.send_json(
            {"id": 1, "type": "call_service", "domain": domain, "service": service, "service_data": data}
        )
        while True:
            message = await socket.receive_json()
            if message.get("id") == 1 and message["type"] == "result":
                assert not message["success"], message
                error: dict[str, Any] = message["error"]
                return error


async def assert_clean(stack: ControlsStack) -> None:
    """Every write carried a valid AD, one request at a time, and no malformed command."""
    assert stack.simulator is not None
    stats = await stack.simulator.stats(stack.session)
    assert stats["ad_failures"] == 0, stats
    assert stats["max_concurrency"] == 1, stats
    assert stats["control_protocol_errors"] == [], stats


async def test_mobile_data_network_mode_and_band_lock(stack: ControlsStack) -> None:
    """Mobile data off and on, LTE only, B20 locked and unlocked: the router follows, and so does HA."""
    modem = stack.modem
    assert ppp_status(modem) == "ppp_connected"
    assert await stack.state(CONNECTED) == "on"

    # 1. Mobile data off: the call returns once the router reports the session down, entities with it.
    _, seen = await watching_ppp(modem, stack.call("switch", "turn_off", {"entity_id": MOBILE_DATA}))
    assert seen == ["ppp_connected", "ppp_disconnecting", "ppp_disconnected"]
    assert await stack.state(MOBILE_DATA) == "off"
    assert await stack.state(CONNECTED) == "off"

    _, seen = await watching_ppp(modem, stack.call("switch", "turn_on", {"entity_id": MOBILE_DATA}))
    assert seen == ["ppp_disconnected", "ppp_connecting", "ppp_connected"]
    assert await stack.state(MOBILE_DATA) == "on"
    assert await stack.state(CONNECTED) == "on"
    assert stack.goforms == ["DISCONNECT_NETWORK", "CONNECT_NETWORK"]

    # 2. Network mode: the firmware's own modes, LTE only chosen and read back from net_select.
    select = await stack.hass.state(stack.session, NETWORK_MODE)
    assert select is not None
    assert select["state"] == "wl_and_5g"
    assert "only_lte" in select["attributes"]["options"]
    await stack.call("select", "select_option", {"entity_id": NETWORK_MODE, "option": "only_lte"})
    assert modem.controls.values["net_select"] == "Only_LTE"
    assert await stack.state(NETWORK_MODE) == "only_lte"
    assert modem.scenario == "lte"
    await stack.wait_state(LTE_BAND, "B3")

    # 3. Band lock: B20 only; the router moves its cell there and the next poll shows it.
    await stack.call("zte_modem", "set_band_lock", {"lte_bands": [20]})
    assert int(modem.controls.values["lte_band_lock"], 16) == lte_mask([20])
    assert modem.values["wan_active_band"] == "LTE BAND 20"
    await stack.wait_state(LTE_BAND_LOCK, "B20")
    await stack.wait_state(LTE_BAND, "B20")

    await stack.call("zte_modem", "set_band_lock", {"lte_bands": []})
    assert int(modem.controls.values["lte_band_lock"], 16) == lte_mask(modem.profile.lte_bands)
    await stack.wait_state(LTE_BAND_LOCK, "all")

    assert stack.goforms == [
        "DISCONNECT_NETWORK", "CONNECT_NETWORK", "SET_BEARER_PREFERENCE", "BAND_SELECT", "BAND_SELECT",
    ]  # fmt: skip
    assert ppp_status(modem) == "ppp_connected"
    await assert_clean(stack)


async def test_ussd_answer_and_unsupported_band_refused(stack: ControlsStack) -> None:
    """send_ussd returns the network's answer; a band the router lacks is refused, nothing written."""
    answer = await stack.call("zte_modem", "send_ussd", {"code": "*100#"}, response=True)
    assert answer["service_response"] == {"reply": USSD_DEFAULT_ANSWER[0]}
    assert stack.goforms == ["USSD_PROCESS"]
    lock_before = dict(stack.modem.controls.values)

    # B71 is not one of the MC801A's bands: refused before anything is sent.
    async with stack.session.post(
        f"{stack.hass.url}/api/services/zte_modem/set_band_lock",
        json={"lte_bands": [71]},
        headers=stack.hass.headers,
    ) as response:
        status, body = response.status, await response.text()
    if rest_answers_validation_errors_with_400():
        assert status == 400, (status, body)
        assert "B71" in body, body
    else:
        # Older hass (2025.4): any ServiceValidationError escapes its REST view as a bare 500.
        assert status == 500, (status, body)

    # What the frontend uses: a validation error, with our translated reason.
    error = await ws_call_error(stack, "zte_modem", "set_band_lock", {"lte_bands": [71]})
    assert error["code"] == "service_validation_error", error
    assert error.get("translation_key") == "control_invalid", error
    assert "B71" in error["message"], error

    assert stack.goforms == ["USSD_PROCESS"]
    assert stack.modem.controls.values == lock_before
    assert await stack.state(LTE_BAND_LOCK) == "all"  # the NSA profile allows every band
    await assert_clean(stack)
