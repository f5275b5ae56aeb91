"""Router controls in Home Assistant: mobile data, network mode, band and cell lock, USSD, data plan."""

from __future__ import annotations

import pytest
from homeassistant.components.select import ATTR_OPTION, SERVICE_SELECT_OPTION
from homeassistant.components.switch import SERVICE_TURN_OFF, SERVICE_TURN_ON
from homeassistant.const import ATTR_ENTITY_ID
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.zte_modem.const import DOMAIN
from tests.integration.conftest import async_poll, setup_modem_entry
from tests.simulator import ModemSimulator

MOBILE_DATA = "switch.zte_mc801a_mobile_data"
NETWORK_MODE = "select.zte_mc801a_network_mode"


@pytest.fixture
async def controls_entry(hass: HomeAssistant, modem: ModemSimulator) -> MockConfigEntry:
    """The modem set up; its data session settles at once, the client re-reads quickly."""
    modem.controls.connect_seconds = 0
    modem.controls.ussd_delay = 0
    entry = await setup_modem_entry(hass, modem)
    client = entry.runtime_data.client
    client.timing.control_poll_interval = 0.02
    client.timing.ussd_poll_interval = 0.02
    return entry


async def test_mobile_data_off_and_on(
    hass: HomeAssistant, modem: ModemSimulator, controls_entry: MockConfigEntry
) -> None:
    """The switch disconnects and connects the data session and shows what the router reports."""
    assert hass.states.get(MOBILE_DATA).state == "on"
    await hass.services.async_call("switch", SERVICE_TURN_OFF, {ATTR_ENTITY_ID: MOBILE_DATA}, blocking=True)
    await hass.async_block_till_done()
    assert hass.states.get(MOBILE_DATA).state == "off"
    assert hass.states.get("binary_sensor.zte_mc801a_mobile_data").state == "off"

    await hass.services.async_call("switch", SERVICE_TURN_ON, {ATTR_ENTITY_ID: MOBILE_DATA}, blocking=True)
    await hass.async_block_till_done()
    assert hass.states.get(MOBILE_DATA).state == "on"
    assert [goform for goform, _ in modem.controls.writes] == ["DISCONNECT_NETWORK", "CONNECT_NETWORK"]
    assert modem.snapshot_state()["ad_failures"] == 0


async def test_refused_write_says_so(
    hass: HomeAssistant, modem: ModemSimulator, controls_entry: MockConfigEntry
) -> None:
    """A router that answers "failure" gives a translated error; the state stays what it is."""
    modem.controls.refuse.add("DISCONNECT_NETWORK")
    with pytest.raises(HomeAssistantError, match="refused"):
        await hass.services.async_call(
            "switch", SERVICE_TURN_OFF, {ATTR_ENTITY_ID: MOBILE_DATA}, blocking=True
        )
    assert hass.states.get(MOBILE_DATA).state == "on"


async def test_network_mode_select(
    hass: HomeAssistant, modem: ModemSimulator, controls_entry: MockConfigEntry
) -> None:
    """The modes the firmware offers, the current one, and a change read back from net_select."""
    state = hass.states.get(NETWORK_MODE)
    assert "only_lte" in state.attributes["options"]
    await hass.services.async_call(
        "select",
        SERVICE_SELECT_OPTION,
        {ATTR_ENTITY_ID: NETWORK_MODE, ATTR_OPTION: "only_lte"},
        blocking=True,
    )
    await hass.async_block_till_done()
    assert hass.states.get(NETWORK_MODE).state == "only_lte"
    assert modem.controls.values["net_select"] == "Only_LTE"


async def test_band_lock_and_its_sensor(
    hass: HomeAssistant, modem: ModemSimulator, controls_entry: MockConfigEntry
) -> None:
    """Locking LTE to B20 moves the router to B20 and the lock sensor says so; unsupported is refused."""
    await hass.services.async_call(DOMAIN, "set_band_lock", {"lte_bands": [20]}, blocking=True)
    await async_poll(hass, controls_entry)
    assert hass.states.get("sensor.zte_mc801a_lte_band_lock").state == "B20"
    assert hass.states.get("sensor.zte_mc801a_lte_band").state == "B20"

    writes = len(modem.controls.writes)
    with pytest.raises(ServiceValidationError):
        await hass.services.async_call(DOMAIN, "set_band_lock", {"lte_bands": [71]}, blocking=True)
    assert len(modem.controls.writes) == writes

    await hass.services.async_call(DOMAIN, "set_band_lock", {"lte_bands": []}, blocking=True)
    await async_poll(hass, controls_entry)
    assert hass.states.get("sensor.zte_mc801a_lte_band_lock").state == "all"


async def test_cell_lock_set_and_cleared(
    hass: HomeAssistant, modem: ModemSimulator, controls_entry: MockConfigEntry
) -> None:
    """An LTE cell lock is written, shown, and removed again; bad parameters never reach the router."""
    await hass.services.async_call(
        DOMAIN, "set_cell_lock", {"rat": "lte", "pci": 123, "earfcn": 1300}, blocking=True
    )
    await async_poll(hass, controls_entry)
    assert "123" in hass.states.get("sensor.zte_mc801a_lte_cell_lock").state

    writes = len(modem.controls.writes)
    with pytest.raises(ServiceValidationError):
        await hass.services.async_call(
            DOMAIN, "set_cell_lock", {"rat": "lte", "pci": 700, "earfcn": 1300}, blocking=True
        )
    assert len(modem.controls.writes) == writes

    await hass.services.async_call(DOMAIN, "set_cell_lock", {"rat": "lte", "clear": True}, blocking=True)
    await async_poll(hass, controls_entry)
    assert hass.states.get("sensor.zte_mc801a_lte_cell_lock").state in ("unknown", "none")


async def test_ussd_returns_the_answer(
    hass: HomeAssistant, modem: ModemSimulator, controls_entry: MockConfigEntry
) -> None:
    """*100# answers the balance; a menu takes a reply; an unsupported code says so."""
    response = await hass.services.async_call(
        DOMAIN, "send_ussd", {"code": "*100#"}, blocking=True, return_response=True
    )
    assert response == {"reply": "Your balance is 12.50 EUR. Valid until 31.12."}

    menu = await hass.services.async_call(
        DOMAIN, "send_ussd", {"code": "*123#"}, blocking=True, return_response=True
    )
    assert "Balance" in str(menu["reply"])
    answer = await hass.services.async_call(
        DOMAIN, "ussd_reply", {"text": "1"}, blocking=True, return_response=True
    )
    assert answer == {"reply": "Your balance is 12.50 EUR."}

    with pytest.raises(HomeAssistantError, match="does not support"):
        await hass.services.async_call(
            DOMAIN, "send_ussd", {"code": "*99#"}, blocking=True, return_response=True
        )


async def test_writes_refused_while_paused(
    hass: HomeAssistant, modem: ModemSimulator, controls_entry: MockConfigEntry
) -> None:
    """The web page has the single session: no control logs in behind its back."""
    await controls_entry.runtime_data.coordinator.async_pause()
    logins = modem.stats.logins
    with pytest.raises(HomeAssistantError, match="paused"):
        await hass.services.async_call(DOMAIN, "set_band_lock", {"lte_bands": [3]}, blocking=True)
    with pytest.raises(HomeAssistantError, match="paused"):
        await hass.services.async_call(
            "select",
            SERVICE_SELECT_OPTION,
            {ATTR_ENTITY_ID: NETWORK_MODE, ATTR_OPTION: "only_lte"},
            blocking=True,
        )
    assert modem.stats.logins == logins
    assert modem.controls.writes == []


async def test_wrong_password_during_a_write_opens_reauth(
    hass: HomeAssistant, modem: ModemSimulator, controls_entry: MockConfigEntry
) -> None:
    """The router's password changed and the session expired: the write fails once and asks for it."""
    modem.set_password("changed")
    modem.expire_sessions()
    with pytest.raises(HomeAssistantError, match="rejected the password"):
        await hass.services.async_call(
            "switch", SERVICE_TURN_OFF, {ATTR_ENTITY_ID: MOBILE_DATA}, blocking=True
        )
    await hass.async_block_till_done()
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [flow["context"]["source"] for flow in flows] == ["reauth"]
    assert modem.stats.failed_logins == 1


async def test_data_plan_sensors(hass: HomeAssistant, modem: ModemSimulator) -> None:
    """The router's own data plan: limit, alert, reset day and how much is used."""
    entry = await setup_modem_entry(hass, modem)
    assert entry.runtime_data.coordinator.data.data_plan.limit is not None
    assert float(hass.states.get("sensor.zte_mc801a_data_limit").state) > 0
    assert hass.states.get("sensor.zte_mc801a_data_reset_day").state.isdigit()
    assert float(hass.states.get("sensor.zte_mc801a_data_used").state) >= 0
