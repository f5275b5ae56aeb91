"""The shipped blueprints, imported into a real HA, instantiated against the simulator's entities."""

from __future__ import annotations

import asyncio

import pytest

from tests.e2e.stack import BLUEPRINTS, Stack

pytestmark = pytest.mark.timeout(240)

ALERT = "input_boolean.zte_signal_alert"


async def _instantiate(stack: Stack, automation_id: str, path: str, inputs: dict[str, object]) -> None:
    await stack.hass.api(
        stack.session,
        "POST",
        f"/api/config/automation/config/{automation_id}",
        {"alias": automation_id, "use_blueprint": {"path": path, "input": inputs}},
    )
    entity_id = f"automation.{automation_id}"
    await stack.hass.wait_state(stack.session, entity_id, lambda state: state == "on", timeout=30)


async def test_blueprints_are_imported(stack: Stack) -> None:
    """HA lists every shipped blueprint as a valid automation blueprint."""
    blueprints = await stack.hass.ws(stack.session, "blueprint/list", domain="automation")
    shipped = (
        "weak_signal_alert.yaml",
        "reboot_on_no_service.yaml",
        "forward_sms.yaml",
        "alignment_feedback.yaml",
    )
    assert sorted(shipped) == sorted(path.name for path in BLUEPRINTS.glob("*.yaml"))
    for path in (f"zte_modem/{name}" for name in shipped):
        assert path in blueprints, blueprints
        assert "error" not in blueprints[path], blueprints[path]


async def test_weak_signal_alert_fires(stack: Stack) -> None:
    """RSRP pushed below the threshold and kept there: the alert action runs."""
    assert stack.simulator is not None
    await _instantiate(
        stack,
        "zte_weak_signal",
        "zte_modem/weak_signal_alert.yaml",
        {
            "signal_sensor": "sensor.zte_mc801a_lte_rsrp",
            "threshold": -110,
            "duration": {"seconds": 2},
            "alert_actions": [{"action": "input_boolean.turn_on", "target": {"entity_id": ALERT}}],
        },
    )
    assert (await stack.hass.state(stack.session, ALERT))["state"] == "off"  # type: ignore[index]
    await stack.simulator.control(stack.session, action="set", values={"lte_rsrp": "-121"})
    await stack.press("button.zte_mc801a_refresh")
    await stack.hass.wait_state(stack.session, "sensor.zte_mc801a_lte_rsrp", lambda s: s == "-121")
    await stack.hass.wait_state(stack.session, ALERT, lambda s: s == "on", timeout=30)


async def test_reboot_on_no_service_with_cooldown(stack: Stack) -> None:
    """Mobile data down for the set time: one reboot, and no second one within the cool-down."""
    assert stack.simulator is not None
    await stack.set_options(scan_interval=10)
    await _instantiate(
        stack,
        "zte_reboot_no_service",
        "zte_modem/reboot_on_no_service.yaml",
        {
            "connected_sensor": "binary_sensor.zte_mc801a_mobile_data",
            "reboot_button": "button.zte_mc801a_reboot",
            "duration": {"seconds": 2},
            "cooldown": 60,
        },
    )
    await stack.simulator.control(stack.session, action="scenario", name="no_service")
    await stack.press("button.zte_mc801a_refresh")
    await stack.hass.wait_state(stack.session, "binary_sensor.zte_mc801a_mobile_data", lambda s: s == "off")

    for _ in range(60):
        try:
            if (await stack.simulator.stats(stack.session))["reboots"] >= 1:
                break
        except OSError:
            break  # already rebooting: the simulator's control endpoint is down too
        await asyncio.sleep(0.5)
    await asyncio.sleep(4)  # the simulated reboot takes 3 s
    assert (await stack.simulator.stats(stack.session))["reboots"] == 1

    # Still no service after the reboot: the trigger fires again, the cool-down holds.
    await stack.hass.wait_state(
        stack.session, "binary_sensor.zte_mc801a_mobile_data", lambda s: s == "off", timeout=40
    )
    await asyncio.sleep(15)
    assert (await stack.simulator.stats(stack.session))["reboots"] == 1


async def _notifications(stack: Stack) -> list[str]:
    """The messages of the persistent notifications, oldest first."""
    answer = await stack.hass.ws(stack.session, "persistent_notification/get")
    return [str(item["message"]) for item in sorted(answer, key=lambda item: str(item["created_at"]))]


async def _wait_notification(stack: Stack, text: str, timeout: float = 30) -> list[str]:
    for _ in range(int(timeout * 4)):
        messages = await _notifications(stack)
        if any(text in message for message in messages):
            return messages
        await asyncio.sleep(0.25)
    raise AssertionError(f"no notification with {text!r}: {await _notifications(stack)}")


async def test_alignment_feedback_announces(stack: Stack) -> None:
    """Alignment on: the quality is announced; a better signal (by more than the step) is announced
    with the new best; a change below the step is not."""
    assert stack.simulator is not None
    await _instantiate(
        stack,
        "zte_alignment_feedback",
        "zte_modem/alignment_feedback.yaml",
        {
            "alignment_switch": "switch.zte_mc801a_alignment_mode",
            "quality_sensor": "sensor.zte_mc801a_signal_quality",
            "step": 5,
        },
    )
    switch = {"entity_id": "switch.zte_mc801a_alignment_mode"}
    await stack.hass.api(stack.session, "POST", "/api/services/switch/turn_on", switch)
    await _wait_notification(stack, "Alignment on. Signal quality 68 percent")
    # LTE -93 dBm: 69, one point only (not announced); then NR at -80 dBm / 25 dB: 85, a new best.
    await stack.simulator.control(stack.session, action="set", values={"lte_rsrp": "-93"})
    await stack.hass.wait_state(stack.session, "sensor.zte_mc801a_signal_quality", lambda s: s == "69")
    await stack.simulator.control(stack.session, action="set", values={"Z5g_rsrp": "-80", "Z5g_SINR": "25.0"})
    await stack.hass.wait_state(stack.session, "sensor.zte_mc801a_signal_quality", lambda s: s == "85")
    await _wait_notification(stack, "New best: 85 percent")
    messages = await _wait_notification(stack, "Signal quality 85 percent")
    assert "New best: 69 percent" in messages  # every new best is announced
    assert not any(message.startswith("Signal quality 69") for message in messages)
    await stack.hass.api(stack.session, "POST", "/api/services/switch/turn_off", switch)
