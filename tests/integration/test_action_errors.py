"""What a user reads when an action or a background step goes wrong, and that nothing breaks."""

from __future__ import annotations

from unittest.mock import AsyncMock, patch

import pytest
from homeassistant.config_entries import ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError

from custom_components.zte_modem.const import DOMAIN
from custom_components.zte_modem.errors import describe_error
from custom_components.zte_modem.zte import (
    ZteAuthenticationError,
    ZteConnectionError,
    ZteControlRefusedError,
    ZteError,
    ZteLoginRefusedError,
    ZteSmsFailedError,
    ZteSmsTooLongError,
    ZteUssdUnsupportedError,
)
from tests.conftest import ModemFactory
from tests.integration.conftest import async_poll, modem_entry, setup_modem_entry
from tests.simulator import ModemSimulator


@pytest.mark.parametrize(
    ("error", "key"),
    [
        (ZteAuthenticationError("no", None), "invalid_auth"),
        (ZteAuthenticationError("no", 4), "invalid_auth_attempts"),
        (ZteAuthenticationError("no", 2), "invalid_auth_few"),
        (ZteLoginRefusedError(ZteLoginRefusedError.SIM_LOCKED), "sim_locked"),
        (ZteLoginRefusedError("something new"), "unknown"),
        (ZteSmsTooLongError(400, 335, "UTF-16 units"), "sms_too_long"),
        (ZteSmsFailedError("network"), "sms_failed"),
        (ZteControlRefusedError("failure"), "control_refused"),
        (ZteUssdUnsupportedError("99"), "ussd_unsupported"),
        (ZteConnectionError("timed out"), "cannot_connect"),
    ],
)
def test_every_error_has_its_message(error: ZteError, key: str) -> None:
    """Each client error maps to the translated text that explains it (one mapping for everything)."""
    assert describe_error(error)[0] == key


async def test_unknown_device_and_ambiguous_router(
    hass: HomeAssistant, make_modem: ModemFactory, modem: ModemSimulator
) -> None:
    """A device of another integration is refused; with two routers the action asks which one."""
    await setup_modem_entry(hass, modem)
    with pytest.raises(ServiceValidationError):
        await hass.services.async_call(
            DOMAIN,
            "send_sms",
            {"device_id": "not-a-router", "number": "+4670", "message": "x"},
            blocking=True,
        )
    other = await make_modem("mc888", "Sup3r-Secret-pw")
    await setup_modem_entry(hass, other)
    with pytest.raises(ServiceValidationError, match="choose one"):
        await hass.services.async_call(DOMAIN, "delete_sms", {}, blocking=True)


async def test_send_with_changed_password_opens_reauth(hass: HomeAssistant, modem: ModemSimulator) -> None:
    """send_sms meets a changed router password: the error says so and reauth opens; no retry."""
    await setup_modem_entry(hass, modem)
    modem.set_password("changed")
    modem.expire_sessions()
    with pytest.raises(HomeAssistantError, match="rejected the password"):
        await hass.services.async_call(DOMAIN, "send_sms", {"number": "+4670", "message": "x"}, blocking=True)
    await hass.async_block_till_done()
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [flow["context"]["source"] for flow in flows] == ["reauth"]
    assert modem.stats.failed_logins == 1


async def test_delete_when_the_router_refuses(hass: HomeAssistant, modem: ModemSimulator) -> None:
    """A refused delete is a clear error, not a traceback."""
    entry = await setup_modem_entry(hass, modem)
    with (
        patch.object(
            entry.runtime_data.client.transport,
            "delete_all_but",
            AsyncMock(side_effect=ZteConnectionError("gone")),
        ),
        pytest.raises(HomeAssistantError, match="Cannot reach the router"),
    ):
        await hass.services.async_call(DOMAIN, "delete_sms", {"keep_latest": 1}, blocking=True)


async def test_cell_lock_with_reboot_and_ussd_cancel(hass: HomeAssistant, modem: ModemSimulator) -> None:
    """reboot: true restarts the router after the lock so it applies; a USSD session can be ended."""
    modem.reboot_seconds = 0.05
    modem.controls.ussd_delay = 0
    entry = await setup_modem_entry(hass, modem)
    entry.runtime_data.client.timing.control_poll_interval = 0.02
    entry.runtime_data.client.timing.ussd_poll_interval = 0.02
    menu = await hass.services.async_call(
        DOMAIN, "send_ussd", {"code": "*123#"}, blocking=True, return_response=True
    )
    assert "Balance" in str(menu)
    await hass.services.async_call(DOMAIN, "ussd_cancel", {}, blocking=True)
    assert any(form.get("USSD_operator") == "ussd_cancel" for _, form in modem.controls.writes)

    await hass.services.async_call(
        DOMAIN, "set_cell_lock", {"rat": "lte", "pci": 123, "earfcn": 1300, "reboot": True}, blocking=True
    )
    assert modem.stats.reboots == 1


async def test_sms_list_and_mark_read_failures_do_not_break_polling(
    hass: HomeAssistant, modem: ModemSimulator
) -> None:
    """The message list cannot be read once: the poll still succeeds and the message fires next time;
    marking read fails: the event still fires."""
    entry = await setup_modem_entry(hass, modem)
    client = entry.runtime_data.client
    modem.inject_sms("+46709998877", "hello")
    with patch.object(client.transport, "list_sms", AsyncMock(side_effect=ZteConnectionError("gone"))):
        await async_poll(hass, entry)
    assert entry.runtime_data.coordinator.last_update_success
    assert entry.runtime_data.coordinator.inbox.fired == 0

    with patch.object(client.transport, "mark_sms_read", AsyncMock(side_effect=ZteConnectionError("gone"))):
        await async_poll(hass, entry)
    assert entry.runtime_data.coordinator.inbox.fired == 1
    assert hass.states.get("event.zte_mc801a_sms").attributes["text"] == "hello"


async def test_setup_retried_when_the_router_cannot_say_what_it_offers(
    hass: HomeAssistant, modem: ModemSimulator
) -> None:
    """The router answers the first poll but not what it offers (which decides the entities): the
    entry is retried later, nothing guessed; then the select offers the router's own modes."""
    entry = modem_entry(modem)
    entry.add_to_hass(hass)
    with patch(
        "custom_components.zte_modem.zte.ZteClient.capabilities",
        AsyncMock(side_effect=ZteConnectionError("gone")),
    ):
        await hass.config_entries.async_setup(entry.entry_id)
        await hass.async_block_till_done()
    assert entry.state is ConfigEntryState.SETUP_RETRY
    assert hass.states.get("select.zte_mc801a_network_mode") is None

    await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    options = hass.states.get("select.zte_mc801a_network_mode").attributes["options"]
    assert options == ["wl_and_5g", "lte_and_5g", "only_5g", "wcdma_and_lte", "only_lte", "only_wcdma"]
