"""Every config flow path against the simulator: success, each error and its recovery."""

from __future__ import annotations

import pytest
from homeassistant.config_entries import SOURCE_USER
from homeassistant.const import CONF_HOST, CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.zte_modem.const import (
    CONF_CONSIDER_HOME,
    CONF_DISCOVERY,
    CONF_DISCOVERY_PREFIX,
    CONF_IN_USE_THRESHOLD,
    CONF_MAX_AGE,
    CONF_MQTT_BRIDGE,
    CONF_MQTT_ROOT,
    CONF_PROFILE,
    CONF_PUBLISH_ON_POLL,
    CONF_SCAN_INTERVAL,
    CONF_SMS_MARK_READ,
    CONF_TRACK_DEVICES,
    CONF_TRACKING_INTERVAL,
    DOMAIN,
)
from tests.conftest import ModemFactory
from tests.integration.conftest import PASSWORD
from tests.simulator import ModemSimulator


async def _start(hass: HomeAssistant) -> str:
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    return str(result["flow_id"])


async def test_user_flow_creates_entry(hass: HomeAssistant, modem: ModemSimulator) -> None:
    """Address and password are tested, the family detected and stored."""
    flow_id = await _start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_HOST: modem.url.removeprefix("http://"), CONF_PASSWORD: PASSWORD}
    )

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "ZTE MC801A"
    assert result["data"][CONF_HOST] == modem.url
    assert result["data"][CONF_PROFILE]["password_encoding"] == "sha256_ld"
    assert result["result"].unique_id == modem.values["imei"]
    await hass.async_block_till_done()
    # One login to test the settings (then logout), one by the entry's setup.
    assert (modem.stats.logins, modem.stats.failed_logins) == (2, 0)


async def test_multi_user_firmware_stores_username(hass: HomeAssistant, make_modem: ModemFactory) -> None:
    """A username goes into the entry for LOGIN_MULTI_USER firmware."""
    modem = await make_modem("mf286", PASSWORD, username="operator")
    flow_id = await _start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_HOST: modem.url, CONF_PASSWORD: PASSWORD, CONF_USERNAME: "operator"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["data"][CONF_USERNAME] == "operator"
    assert result["data"][CONF_PROFILE]["login_form"] == "multi_user"
    await hass.async_block_till_done()


@pytest.mark.parametrize(
    ("error", "placeholder"),
    [
        ("cannot_connect", None),
        ("invalid_auth_attempts", ("attempts", "4")),
        ("invalid_auth_few", ("attempts", "2")),
        ("locked", ("minutes", "5")),
        ("attempts_low", ("attempts", "1")),
        ("busy", None),
        ("unsupported_firmware", None),
        ("unknown", None),
        ("no_identity", None),
    ],
)
async def test_user_flow_error_and_recovery(
    hass: HomeAssistant, make_modem: ModemFactory, error: str, placeholder: tuple[str, str] | None
) -> None:
    """Each failure shows its error in the form; fixing it and retrying works."""
    modem = await make_modem("mc888", PASSWORD, reject_with_2=True)
    host = modem.url
    password = PASSWORD
    if error == "cannot_connect":
        host = "http://127.0.0.1:9"
    elif error == "invalid_auth_attempts":
        password = "wrong"
    elif error == "invalid_auth_few":
        password = "wrong"
        modem._attempts_left = 3
    elif error == "locked":
        modem._attempts_left = 0
        modem._lock_until = modem.clock() + 290
    elif error == "attempts_low":
        modem._attempts_left = 1
    elif error == "busy":
        modem.web_ui_login()
    elif error == "unsupported_firmware":
        modem.inject_fault("html")
    elif error == "unknown":
        modem.idle_timeout = -1
    elif error == "no_identity":
        modem.set_values({"imei": "", "mac_address": ""})

    flow_id = await _start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_HOST: host, CONF_PASSWORD: password}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": error}
    if placeholder:
        assert result["description_placeholders"][placeholder[0]] == placeholder[1]

    # The user fixes the cause and submits again.
    modem._attempts_left = 5
    modem._lock_until = None
    modem.expire_sessions()
    modem.inject_fault(None)
    modem.idle_timeout = 300
    modem.set_values({"imei": "861111111111111"})
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_HOST: modem.url, CONF_PASSWORD: PASSWORD}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()


async def test_same_modem_twice_aborts(
    hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """The same address is refused before any login, so the running entry keeps its session."""
    logins = modem.stats.logins
    flow_id = await _start(hass)
    result = await hass.config_entries.flow.async_configure(
        flow_id, {CONF_HOST: modem.url + "/", CONF_PASSWORD: PASSWORD}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert modem.stats.logins == logins
    assert modem.snapshot_state()["logged_in"] is True


async def test_reauth(hass: HomeAssistant, modem: ModemSimulator, init_integration: MockConfigEntry) -> None:
    """A new router password is entered once; a wrong one shows an error first."""
    modem.set_password("brand-new")
    result = await init_integration.start_reauth_flow(hass)
    assert result["step_id"] == "reauth_confirm"

    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_PASSWORD: "still-wrong"})
    assert result["errors"] == {"base": "invalid_auth_attempts"}
    assert result["description_placeholders"]["attempts"] == "4"

    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_PASSWORD: "brand-new"})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert init_integration.data[CONF_PASSWORD] == "brand-new"
    await hass.async_block_till_done()


async def test_reauth_other_modem_aborts(
    hass: HomeAssistant, make_modem: ModemFactory, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """Reauth against an address that now answers as another modem is refused."""
    other = await make_modem("mc888", PASSWORD)
    hass.config_entries.async_update_entry(
        init_integration, data={**init_integration.data, CONF_HOST: other.url}
    )
    result = await init_integration.start_reauth_flow(hass)
    result = await hass.config_entries.flow.async_configure(result["flow_id"], {CONF_PASSWORD: PASSWORD})
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "wrong_modem"


async def test_reconfigure(
    hass: HomeAssistant, make_modem: ModemFactory, modem: ModemSimulator, init_integration: MockConfigEntry
) -> None:
    """The address can change; it must still be the same modem."""
    result = await init_integration.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure"

    other = await make_modem("mc888", PASSWORD)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: other.url, CONF_PASSWORD: PASSWORD}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "wrong_modem"

    result = await init_integration.start_reconfigure_flow(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: "", CONF_PASSWORD: "x"}
    )
    assert result["errors"] == {"base": "cannot_connect"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_HOST: modem.url + "/", CONF_PASSWORD: PASSWORD}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert init_integration.data[CONF_HOST] == modem.url
    await hass.async_block_till_done()


OPTIONS = {
    CONF_SCAN_INTERVAL: 60,
    CONF_MQTT_BRIDGE: True,
    CONF_MQTT_ROOT: "Home/Modem",
    CONF_PUBLISH_ON_POLL: True,
    CONF_MAX_AGE: 5,
    CONF_DISCOVERY: False,
    CONF_DISCOVERY_PREFIX: "homeassistant",
    CONF_SMS_MARK_READ: True,
    CONF_TRACK_DEVICES: True,
    CONF_CONSIDER_HOME: 120,
    CONF_TRACKING_INTERVAL: 60,
    CONF_IN_USE_THRESHOLD: 50.0,
}


async def test_options(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    """Options are validated; the root is stored lowercased; the entry reloads."""
    result = await hass.config_entries.options.async_init(init_integration.entry_id)
    assert result["type"] is FlowResultType.FORM

    for bad in ("zte/", "/zte", "zte/+/x", "zte//x", "$sys", "zte/#", ""):
        result = await hass.config_entries.options.async_configure(
            result["flow_id"], {**OPTIONS, CONF_MQTT_ROOT: bad, CONF_DISCOVERY_PREFIX: bad or "x y"}
        )
        assert result["errors"] == {CONF_MQTT_ROOT: "invalid_root", CONF_DISCOVERY_PREFIX: "invalid_root"}, (
            bad
        )

    result = await hass.config_entries.options.async_configure(result["flow_id"], OPTIONS)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert init_integration.options[CONF_MQTT_ROOT] == "home/modem"
    assert init_integration.options[CONF_SCAN_INTERVAL] == 60
    assert init_integration.runtime_data.coordinator.update_interval.total_seconds() == 60


async def test_options_root_in_use(hass: HomeAssistant, init_integration: MockConfigEntry) -> None:
    """Two modems cannot share a root topic."""
    other = MockConfigEntry(domain=DOMAIN, unique_id="other", options={CONF_MQTT_ROOT: "zte"})
    other.add_to_hass(hass)
    result = await hass.config_entries.options.async_init(init_integration.entry_id)
    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**OPTIONS, CONF_MQTT_ROOT: "ZTE"}
    )
    assert result["errors"] == {CONF_MQTT_ROOT: "root_in_use"}


async def test_options_warn_once_about_this_ha_discovery_prefix(
    hass: HomeAssistant, init_integration: MockConfigEntry
) -> None:
    """Discovery on the prefix this HA's MQTT listens on: warned once (duplicates), kept on resubmit."""
    mqtt_entry = MockConfigEntry(domain="mqtt", data={"broker": "127.0.0.1"}, options={"discovery": True})
    mqtt_entry.add_to_hass(hass)
    wanted = {**OPTIONS, CONF_DISCOVERY: True, CONF_DISCOVERY_PREFIX: "homeassistant"}

    result = await hass.config_entries.options.async_init(init_integration.entry_id)
    result = await hass.config_entries.options.async_configure(result["flow_id"], wanted)
    assert result["errors"] == {CONF_DISCOVERY_PREFIX: "prefix_of_this_ha"}

    result = await hass.config_entries.options.async_configure(
        result["flow_id"], {**wanted, CONF_DISCOVERY_PREFIX: "zte_discovery"}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()

    result = await hass.config_entries.options.async_init(init_integration.entry_id)
    result = await hass.config_entries.options.async_configure(result["flow_id"], wanted)
    assert result["errors"] == {CONF_DISCOVERY_PREFIX: "prefix_of_this_ha"}
    result = await hass.config_entries.options.async_configure(result["flow_id"], wanted)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert init_integration.options[CONF_DISCOVERY_PREFIX] == "homeassistant"
