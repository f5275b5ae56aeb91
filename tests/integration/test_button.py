"""The Reboot and Refresh buttons: what a press does and what a failed press says."""

from __future__ import annotations

import pytest
from homeassistant.components.button import SERVICE_PRESS
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry
from syrupy.assertion import SnapshotAssertion

from custom_components.zte_modem.const import DOMAIN
from tests.integration.conftest import platform_summary
from tests.simulator import ModemSimulator

RSRP = "sensor.zte_mc801a_lte_rsrp"
POLLING = "switch.zte_mc801a_polling"


@pytest.mark.usefixtures("entity_registry_enabled_by_default")
async def test_button_snapshot(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    init_integration: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    """Every button with its state, unit, classes and category (version-independent form)."""
    assert platform_summary(hass, entity_registry, init_integration, "button") == snapshot


async def test_reboot_button(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """Pressing reboot sends exactly one reboot write."""
    modem.reboot_seconds = 0.05
    await hass.services.async_call(
        "button", SERVICE_PRESS, {ATTR_ENTITY_ID: "button.zte_mc801a_reboot"}, blocking=True
    )
    assert modem.stats.reboots == 1
    assert modem.stats.writes == 1


async def test_reboot_button_error(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """A modem that cannot be reached gives a readable error, not a traceback."""
    modem.inject_fault("reset")
    with pytest.raises(HomeAssistantError, match="Cannot reach the router"):
        await hass.services.async_call(
            "button", SERVICE_PRESS, {ATTR_ENTITY_ID: "button.zte_mc801a_reboot"}, blocking=True
        )
    assert modem.stats.reboots == 0


async def test_refresh_button(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """Refresh reads the modem now."""
    modem.set_values({"lte_rsrp": "-77"})
    await hass.services.async_call(
        "button", SERVICE_PRESS, {ATTR_ENTITY_ID: "button.zte_mc801a_refresh"}, blocking=True
    )
    await hass.async_block_till_done()
    assert hass.states.get(RSRP).state == "-77"


async def test_reboot_with_changed_password_starts_reauth(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """The router's password changed: pressing Reboot says so and opens the reauth dialog, once."""
    modem.set_password("changed")
    modem.expire_sessions()
    with pytest.raises(HomeAssistantError, match="rejected the password"):
        await hass.services.async_call(
            "button", SERVICE_PRESS, {ATTR_ENTITY_ID: "button.zte_mc801a_reboot"}, blocking=True
        )
    await hass.async_block_till_done()
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [flow["context"]["source"] for flow in flows] == ["reauth"]
    assert modem.stats.reboots == 0
    assert modem.stats.failed_logins == 1


async def test_refresh_button_reports_the_modem_error(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """Refresh against a modem that answers HTML says what is wrong instead of staying silent."""
    modem.inject_fault("html")
    with pytest.raises(HomeAssistantError, match="does not understand"):
        await hass.services.async_call(
            "button", SERVICE_PRESS, {ATTR_ENTITY_ID: "button.zte_mc801a_refresh"}, blocking=True
        )
