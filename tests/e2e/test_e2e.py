"""The whole chain as a user lives it: real hass, real Mosquitto, the modem over HTTP."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import itertools
import json
import re

import pytest

from tests.broker import Watcher
from tests.e2e.stack import Stack
from tests.integration.test_mqtt_bridge import LTE_KEYS
from tests.integration.test_mqtt_broker import ask

pytestmark = pytest.mark.timeout(240)

RSRP = "sensor.zte_mc801a_lte_rsrp"
SINR = "sensor.zte_mc801a_lte_sinr"
CONNECTED = "binary_sensor.zte_mc801a_mobile_data"
REFRESH = "button.zte_mc801a_refresh"


def not_unavailable(state: str) -> bool:
    return state != "unavailable"


async def test_setup_sensors_and_mqtt(stack: Stack) -> None:
    """Entries added through the flow API: sensors carry the modem's values and units; MQTT answers."""
    rsrp = await stack.hass.wait_state(stack.session, RSRP, not_unavailable)
    assert rsrp["state"] == "-95"
    assert rsrp["attributes"]["unit_of_measurement"] == "dBm"
    assert rsrp["attributes"]["device_class"] == "signal_strength"
    sinr = await stack.hass.state(stack.session, SINR)
    assert sinr is not None
    assert sinr["attributes"]["unit_of_measurement"] == "dB"
    band = await stack.hass.state(stack.session, "sensor.zte_mc801a_5g_band")
    assert band is not None
    assert band["state"] == "n78"

    watcher = Watcher(stack.broker.port, ["zte/#"])
    try:
        provider = await ask(watcher, "zte/provider/get", "zte/provider")
        assert json.loads(provider.payload) == "Telia SE"
        lte = json.loads((await ask(watcher, "zte/lte/get", "zte/lte")).payload)
        assert set(lte) == LTE_KEYS
        assert lte["rsrp"] == -95
        status = await watcher.wait_for(lambda m: m.topic == "zte/status")
        assert (status.payload, status.retain) == (b"online", True)
    finally:
        watcher.close()


async def test_modem_reboot_recovers(stack: Stack) -> None:
    """The modem vanishes for 20 s: unavailable and offline, then back with no manual step."""
    assert stack.simulator is not None
    await stack.set_options(scan_interval=10)
    await stack.hass.wait_state(stack.session, RSRP, not_unavailable)
    watcher = Watcher(stack.broker.port, ["zte/status"])
    try:
        await watcher.wait_for(lambda m: m.payload == b"online")
        await stack.simulator.control(stack.session, action="down", seconds=20)
        await stack.hass.wait_state(stack.session, RSRP, lambda s: s == "unavailable", timeout=30)
        await watcher.wait_for(lambda m: m.payload == b"offline", timeout=30)

        await stack.hass.wait_state(stack.session, RSRP, lambda s: s == "-95", timeout=60)
        await watcher.wait_for(lambda m: m.payload == b"online", timeout=30)
    finally:
        watcher.close()


async def test_broker_restart(stack: Stack) -> None:
    """Mosquitto is killed and restarted: the bridge answers again."""
    watcher = Watcher(stack.broker.port, ["zte/#"])
    try:
        await ask(watcher, "zte/lte_rsrp/get", "zte/lte_rsrp")
    finally:
        watcher.close()
    stack.broker.stop()
    await asyncio.sleep(2)
    stack.broker.start()
    watcher = Watcher(stack.broker.port, ["zte/#"])
    try:
        answer = await ask(watcher, "zte/lte_rsrp/get", "zte/lte_rsrp", timeout=60)
        assert json.loads(answer.payload) == -95
    finally:
        watcher.close()


async def test_password_change_reauth(stack: Stack) -> None:
    """A new router password: reauth appears, no more login attempts, the new password restores it."""
    assert stack.simulator is not None
    await stack.set_options(scan_interval=10)
    await stack.hass.wait_state(stack.session, RSRP, not_unavailable)
    await stack.simulator.control(stack.session, action="password", password="new-router-pw")
    await stack.simulator.control(stack.session, action="expire_session")
    # The press itself reports the rejected password (and opens reauth), it does not just go quiet.
    with pytest.raises(RuntimeError, match="HTTP"):
        await stack.press(REFRESH)

    reauth = None
    for _ in range(60):
        flows = await stack.hass.ws(stack.session, "config_entries/flow/progress")
        reauth = next(
            (f for f in flows if f["handler"] == "zte_modem" and f["context"]["source"] == "reauth"), None
        )
        if reauth:
            break
        await asyncio.sleep(0.5)
    assert reauth is not None, "no reauth flow"

    await asyncio.sleep(25)  # two more poll intervals: nothing may try the old password again
    stats = await stack.simulator.stats(stack.session)
    assert stats["failed_logins"] == 1
    assert stats["attempts_left"] == 4

    result = await stack.hass.api(
        stack.session,
        "POST",
        f"/api/config/config_entries/flow/{reauth['flow_id']}",
        {"password": "new-router-pw"},
    )
    assert result["type"] == "abort"
    assert result["reason"] == "reauth_successful"
    await stack.hass.wait_state(stack.session, RSRP, lambda s: s == "-95", timeout=60)


async def test_restart_keeps_entities_and_log_is_clean(stack: Stack) -> None:
    """HA restarts: same entry, same entities. The whole debug log holds no secret."""
    assert stack.simulator is not None
    await stack.hass.wait_state(stack.session, RSRP, not_unavailable)
    sessions = set()
    for _ in range(3):
        await stack.simulator.control(stack.session, action="expire_session")
        await stack.press(REFRESH)
        await asyncio.sleep(1)
        if session := (await stack.simulator.stats(stack.session))["session"]:
            sessions.add(session)
    before = sorted(state["entity_id"] for state in await stack.hass.api(stack.session, "GET", "/api/states")
                    if "zte_mc801a" in state["entity_id"])  # fmt: skip

    await stack.restart_hass()
    await stack.hass.wait_state(stack.session, RSRP, lambda s: s == "-95", timeout=60)
    # The platforms come up one after another (HA 2026.11 can have the sensors before the
    # switches; the select first reads the firmware's network modes): wait for the rest.
    for _ in range(240):
        states = await stack.hass.api(stack.session, "GET", "/api/states")
        after = sorted(state["entity_id"] for state in states if "zte_mc801a" in state["entity_id"])
        if after == before:
            break
        await asyncio.sleep(0.25)
    assert after == before
    entries = await stack.hass.api(stack.session, "GET", "/api/config/config_entries/entry?domain=zte_modem")
    assert [entry["state"] for entry in entries] == ["loaded"]
    if session := (await stack.simulator.stats(stack.session))["session"]:
        sessions.add(session)

    log = stack.hass.log_path.read_text()
    assert "custom_components.zte_modem" in log  # debug logging was on
    password = stack.modem_password
    digest = hashlib.sha256(password.encode()).hexdigest()
    for secret in (password, base64.b64encode(password.encode()).decode(), digest, digest.upper(), *sessions):
        assert secret not in log
    assert sessions
    assert not re.search(r"\b[0-9A-F]{64}\b", log), "a login nonce or password hash reached the log"


# HA's loader warns about every custom integration at start; that line is HA's, not ours.
HA_CUSTOM_INTEGRATION_NOTICE = "We found a custom integration zte_modem which has not been tested"
LOG_RECORD = re.compile(r"^\d{4}-\d{2}-\d{2} [\d:.]+ (?P<level>[A-Z]+) ", re.MULTILINE)


def zte_modem_problems(log: str) -> list[str]:
    """Every log record at WARNING or above, traceback included, that names zte_modem."""
    starts = [match.start() for match in LOG_RECORD.finditer(log)] + [len(log)]
    problems = []
    for start, end in itertools.pairwise(starts):
        record = log[start:end]
        level = LOG_RECORD.match(record)
        if level is None or level["level"] not in {"WARNING", "ERROR", "CRITICAL"}:
            continue
        if "zte_modem" in record and HA_CUSTOM_INTEGRATION_NOTICE not in record:
            problems.append(record.strip())
    return problems


async def test_log_has_no_warning_from_zte_modem(stack: Stack) -> None:
    """Start, polling, reload and unload leave no warning or traceback of ours in home-assistant.log."""
    await stack.hass.wait_state(stack.session, RSRP, lambda s: s == "-95", timeout=60)
    for _ in range(3):
        await stack.press(REFRESH)
        await asyncio.sleep(0.5)
    entries = await stack.hass.api(stack.session, "GET", "/api/config/config_entries/entry?domain=zte_modem")
    entry_id = entries[0]["entry_id"]
    await stack.hass.api(stack.session, "POST", f"/api/config/config_entries/entry/{entry_id}/reload")
    await stack.hass.wait_state(stack.session, RSRP, lambda s: s == "-95", timeout=60)
    await stack.hass.ws(stack.session, "config_entries/disable", entry_id=entry_id, disabled_by="user")
    await asyncio.sleep(1)

    log = stack.hass.log_path.read_text()
    assert "custom_components.zte_modem" in log  # debug logging was on: the log is the real one
    assert zte_modem_problems(log) == []
