"""APN profiles and data-plan settings through the client, on goform and on ubus, against the
simulators: a choice or a setting is written and read back; the data session is taken down and
brought back around an APN change only when it was up; DATA_LIMIT_SETTING is always the whole
form; bad input is refused before anything is sent; no APN user name or password leaves the client."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from custom_components.zte_modem.zte import (
    AUTOMATIC,
    Feature,
    ZteClient,
    ZteControlRefusedError,
    ZteControlValidationError,
)
from custom_components.zte_modem.zte.goform.plan import limit_form, size_text
from custom_components.zte_modem.zte.plan import PlanChange
from custom_components.zte_modem.zte.ubus.client import UbusClient
from tests.conftest import ClientFactory, ModemFactory
from tests.simulator import ModemSimulator
from tests.simulator.admin import APN_PASSWORD, APN_USERNAME, LIMIT_FORM
from tests.simulator.profiles import APN_PREFIXED, APN_PROC_ONLY
from tests.simulator.ubus import UbusSimulator

PASSWORD = "Sup3r-Secret-pw"
GOFORM_OPTIONS = (AUTOMATIC, "Telia Internet", "Work VPN", "IPv6 only")


async def _goform(
    make_modem: ModemFactory, make_client: ClientFactory, profile: Any = "mc801a"
) -> tuple[ModemSimulator, ZteClient]:
    modem = await make_modem(profile, PASSWORD)
    modem.controls.connect_seconds = 0.05
    client = await make_client(modem, PASSWORD)
    client.timing.control_poll_interval = 0.01
    client.timing.readback_timeout = 0.5
    await client.login()
    return modem, client


@pytest.fixture
async def ubus(socket_enabled: None) -> AsyncIterator[tuple[UbusSimulator, UbusClient]]:
    modem = UbusSimulator("u60pro", PASSWORD)
    await modem.start()
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        client = UbusClient(modem.url, PASSWORD, session=session)
        client.timing.control_poll_interval = 0.01
        client.timing.readback_timeout = 0.5
        yield modem, client
    await modem.stop()


def _goform_writes(modem: ModemSimulator) -> list[str]:
    return [goform_id for goform_id, _ in modem.controls.writes]


# -- APN on goform -------------------------------------------------------------------------


async def test_goform_apn_profiles_are_read_with_the_settings(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """The select's options: Automatic and each stored profile by name; the default profile shown."""
    modem, client = await _goform(make_modem, make_client)
    snapshot = await client.read()
    assert snapshot.apn is not None
    assert snapshot.apn.options == GOFORM_OPTIONS
    assert snapshot.apn.current == "Telia Internet"
    assert (await client.capabilities()).supports(Feature.APN)


async def test_goform_apn_pick_and_auto_read_back_with_a_reconnect(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """APN_PROC_EX with set_default (the profile's PDP type and index) between a disconnect and a
    reconnect, as the stock page does; then apn_mode=auto. Each read back; the router never saw
    the APN change with the data session up."""
    modem, client = await _goform(make_modem, make_client)
    await client.read()
    state = await client.set_apn("Work VPN")
    assert state.current == "Work VPN"
    assert (modem.admin.mode, modem.admin.current) == ("manual", 1)
    assert _goform_writes(modem) == ["DISCONNECT_NETWORK", "APN_PROC_EX", "CONNECT_NETWORK"]
    _, form = modem.controls.writes[1]
    assert {
        key: form[key] for key in ("apn_mode", "apn_action", "set_default_flag", "pdp_type", "index")
    } == {
        "apn_mode": "manual",
        "apn_action": "set_default",
        "set_default_flag": "1",
        "pdp_type": "IPv4v6",
        "index": "1",
    }
    assert (await client.read()).apn.current == "Work VPN"  # type: ignore[union-attr]
    await client.set_apn(AUTOMATIC)
    assert modem.admin.mode == "auto"
    assert (await client.read()).apn.current == AUTOMATIC  # type: ignore[union-attr]
    assert modem.admin.protocol_errors == []
    assert modem.controls.protocol_errors == []
    assert modem.ad_failures == 0


async def test_goform_apn_no_reconnect_when_the_data_session_was_down(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """Only reconnect if it was connected: a session that was down stays down."""
    modem, client = await _goform(make_modem, make_client)
    await client.set_mobile_data(False)
    modem.controls.writes.clear()
    await client.set_apn("IPv6 only")
    assert _goform_writes(modem) == ["APN_PROC_EX"]
    assert modem.field_value("ppp_status") == "ppp_disconnected"


@pytest.mark.parametrize(("profile", "command"), [(APN_PROC_ONLY, "APN_PROC"), (APN_PREFIXED, "APN_PROC_EX")])
async def test_goform_apn_older_and_prefixed_firmware(
    make_modem: ModemFactory, make_client: ClientFactory, profile: Any, command: str
) -> None:
    """Without USE_IPV6_INTERFACE the older APN_PROC (the simulator refuses APN_PROC_EX there); the
    family that prefixes its APN fields reports apn_Current_index and takes apn_pdp_type/apn_index."""
    modem, client = await _goform(make_modem, make_client, profile)
    assert (await client.read()).apn.current == "Telia Internet"  # type: ignore[union-attr]
    await client.set_apn("Work VPN")
    assert command in _goform_writes(modem)
    assert modem.admin.current == 1
    assert modem.admin.protocol_errors == []


async def test_goform_apn_unknown_name_is_refused_before_any_write(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    modem, client = await _goform(make_modem, make_client)
    with pytest.raises(ZteControlValidationError, match="no APN profile named"):
        await client.set_apn("Nope")
    assert modem.controls.writes == []


async def test_goform_router_without_apn_settings_offers_no_apn(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    from dataclasses import replace

    from tests.simulator.profiles import PROFILES

    modem, client = await _goform(make_modem, make_client, replace(PROFILES["mc801a"], apn_interface=""))
    assert (await client.read()).apn is None
    assert not (await client.capabilities()).supports(Feature.APN)
    with pytest.raises(ZteControlValidationError):
        await client.set_apn(AUTOMATIC)


# -- data plan on goform -------------------------------------------------------------------


@pytest.mark.parametrize("profile", ["mc801a", "f50"])
async def test_goform_data_limit_whole_form_read_back(
    make_modem: ModemFactory, make_client: ClientFactory, profile: str
) -> None:
    """One DATA_LIMIT_SETTING per change with every field in both spellings (old and flux_),
    the size as <number>_<multiplier>; read back into the snapshot; nothing else changes."""
    modem, client = await _goform(make_modem, make_client, profile)
    before = (await client.read()).plan_settings
    assert before is not None
    assert (before.enabled, before.limit_gb, before.alert_percent, before.reset_day) == (True, 100.0, 80, 1)
    settings = await client.set_data_plan(limit_gb=472)
    assert settings.limit_gb == 472
    form = modem.admin.limit_forms[-1]
    assert set(LIMIT_FORM) <= set(form)
    assert form["data_volume_limit_size"] == form["flux_data_volume_limit_size"] == "472_1024"
    assert form["data_volume_alert_percent"] == "80"
    assert form["traffic_clear_date"] == "1"
    assert form["AD"]
    await client.set_data_plan(alert_percent=90)
    await client.set_data_plan(reset_day=17)
    await client.set_data_plan(enabled=False)
    after = (await client.read()).plan_settings
    assert after is not None
    assert (after.enabled, after.limit_gb, after.alert_percent, after.reset_day) == (False, 472.0, 90, 17)
    assert len(modem.admin.limit_forms) == 4
    assert all(set(LIMIT_FORM) <= set(sent) for sent in modem.admin.limit_forms)
    assert modem.admin.protocol_errors == []
    await client.set_data_plan(enabled=True, limit_gb=0.5)
    assert modem.admin.limit_forms[-1]["data_volume_limit_size"] == "512_1"
    assert (await client.read()).data_plan.limit == 0.5


async def test_simulator_refuses_a_partial_data_limit_form(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """The real form is all-or-nothing: one field left out is "failure" and nothing changes."""
    modem, client = await _goform(make_modem, make_client)
    await client.read()
    values = {key: modem.field_value(key) for key in modem.controls.values}
    whole = limit_form(values, PlanChange(limit_gb=50))
    for missing in LIMIT_FORM:
        partial = {key: value for key, value in whole.items() if key != missing}
        assert modem.admin.write("DATA_LIMIT_SETTING", partial, modem) is False
    assert modem.controls.values["data_volume_limit_size"] == "100_1024"
    assert modem.admin.write("DATA_LIMIT_SETTING", whole, modem) is True
    assert modem.controls.values["data_volume_limit_size"] == "50_1024"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"limit_gb": 0}, "above 0 GB"),
        ({"limit_gb": -3}, "above 0 GB"),
        ({"alert_percent": 0}, "1 to 100"),
        ({"alert_percent": 101}, "1 to 100"),
        ({"reset_day": 0}, "1 to 31"),
        ({"reset_day": 32}, "1 to 31"),
        ({}, "Give a data-plan setting"),
    ],
)
async def test_bad_data_plan_input_is_refused_before_any_write(
    make_modem: ModemFactory, make_client: ClientFactory, change: dict[str, Any], message: str
) -> None:
    modem, client = await _goform(make_modem, make_client)
    with pytest.raises(ZteControlValidationError, match=message):
        await client.set_data_plan(**change)
    assert modem.admin.limit_forms == []


async def test_refused_data_limit_write_is_a_clear_error(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    modem, client = await _goform(make_modem, make_client)
    modem.admin.interface = modem.admin.interface  # unchanged APN; refuse the form by a bad day
    modem.controls.values["traffic_clear_date"] = "40"
    modem.controls.values["wan_auto_clear_flow_data_switch"] = "on"
    with pytest.raises(ZteControlRefusedError, match="DATA_LIMIT_SETTING"):
        await client.set_data_plan(alert_percent=70)


def test_size_text() -> None:
    assert (size_text(472), size_text(1.5), size_text(0.25)) == ("472_1024", "1536_1", "256_1")


# -- ubus ----------------------------------------------------------------------------------


async def test_ubus_apn_pick_and_auto(ubus: tuple[UbusSimulator, UbusClient]) -> None:
    """getManuApnList names the options; enable_manu_apn_id (after set_apn_mode 1) picks one,
    set_apn_mode 0 is automatic; the data session is down during the change and up again."""
    modem, client = ubus
    snapshot = await client.read()
    assert snapshot.apn is not None
    assert snapshot.apn.options == (AUTOMATIC, "Telia Internet", "Work VPN")
    assert snapshot.apn.current == "Telia Internet"
    assert (await client.capabilities()).supports(Feature.APN)
    await client.set_apn("Work VPN")
    methods = [method for method, _ in modem.state.writes]
    assert methods == ["set_wwaniface", "set_apn_mode", "enable_manu_apn_id", "set_wwaniface"]
    assert dict(modem.state.writes[2][1]) == {"profileId": "2"}
    assert (await client.read()).apn.current == "Work VPN"  # type: ignore[union-attr]
    await client.set_apn(AUTOMATIC)
    assert modem.state.apn_mode == 0
    assert (await client.read()).apn.current == AUTOMATIC  # type: ignore[union-attr]
    assert modem.state.admin_errors == []
    assert modem.state.data_enabled is True


async def test_ubus_data_plan_setters_read_back(ubus: tuple[UbusSimulator, UbusClient]) -> None:
    """set_wwandst_monthlimit with every argument (the value a string of bytes), and
    set_wwandst_clearday; read back and in the next snapshot."""
    modem, client = ubus
    await client.read()
    settings = await client.set_data_plan(limit_gb=200, alert_percent=75)
    assert (settings.limit_gb, settings.alert_percent) == (200, 75)
    method, args = modem.state.writes[-1]
    assert method == "set_wwandst_monthlimit"
    assert args == {
        "source_module": "web",
        "cid": 1,
        "enable": 1,
        "type": 2,
        "value": str(200 * 1024**3),
        "ratio": 75,
    }
    await client.set_data_plan(reset_day=3)
    assert modem.state.writes[-1] == (
        "set_wwandst_clearday",
        {"source_module": "web", "cid": 1, "enable": 1, "clearday": 3},
    )
    await client.set_data_plan(enabled=False)
    snapshot = await client.read()
    assert snapshot.plan_settings is not None
    assert (snapshot.plan_settings.enabled, snapshot.plan_settings.limit_gb) == (False, 200)
    assert snapshot.plan_settings.reset_day == 3
    with pytest.raises(ZteControlValidationError):
        await client.set_data_plan(alert_percent=0)


# -- privacy -------------------------------------------------------------------------------


async def test_no_apn_secret_leaves_the_client(
    make_modem: ModemFactory,
    make_client: ClientFactory,
    ubus: tuple[UbusSimulator, UbusClient],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Neither transport keeps an APN user name or password in a snapshot (values, raw, typed)
    nor in its diagnostics or a log line at debug level."""
    caplog.set_level(logging.DEBUG, logger="custom_components.zte_modem")
    modem, client = await _goform(make_modem, make_client)
    ubus_modem, ubus_client = ubus
    seen: list[str] = []
    for each in (client, ubus_client):
        snapshot = await each.read()
        await each.set_apn("Work VPN")
        snapshot = await each.read()
        seen += [repr(snapshot), repr(dict(snapshot.raw)), repr(snapshot.apn), repr(each.diagnostics())]
    seen.append(caplog.text)
    for text in seen:
        assert APN_PASSWORD not in text
        assert APN_USERNAME not in text
    assert modem.admin.profiles[1].password == APN_PASSWORD  # the router did hold them


async def test_ubus_firmware_without_the_apn_object_offers_no_apn(socket_enabled: None) -> None:
    """A firmware that answers "method not found" for zwrt_apn_object gets no APN select."""

    class NoApn(UbusSimulator):
        def _answer(self, name: str, args: dict[str, Any]) -> list[Any]:
            return [3] if name.startswith("zwrt_apn_object.") else super()._answer(name, args)

    modem = NoApn("u60pro", PASSWORD)
    await modem.start()
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            client = UbusClient(modem.url, PASSWORD, session=session)
            assert (await client.read()).apn is None
            assert not (await client.capabilities()).supports(Feature.APN)
            assert (await client.capabilities()).supports(Feature.DATA_PLAN)
    finally:
        await modem.stop()


def test_goform_apn_state_from_the_fields() -> None:
    """Profiles by name and PDP type (the IPv6 twin when the IPv4 one is blank); the default by
    Current_index, else by the profile name the router shows; no secret kept."""
    from custom_components.zte_modem.zte.goform.apn import apn_state

    values = {
        "APN_config0": "Home($)home.apn($)manual($)*99#($)pap($)u1($)p1($)IP($)auto($)($)auto($)($)",
        "ipv6_APN_config1": "Six($)six.apn($)manual($)*99#($)chap($)u2($)p2($)IPv6($)auto($)($)auto($)($)",
        "apn_mode": "manual",
        "Current_index": "9",
        "m_profile_name": "Six",
    }
    state = apn_state(values)
    assert state is not None
    assert [(p.handle, p.name, p.pdp_type) for p in state.profiles] == [
        ("0", "Home", "IP"),
        ("1", "Six", "IPv6"),
    ]
    assert state.current == "Six"
    assert "p1" not in repr(state)
    assert "u2" not in repr(state)
    assert apn_state({"apn_mode": "", "APN_config0": ""}) is None
    assert apn_state({"apn_mode": "auto"}).current == AUTOMATIC  # type: ignore[union-attr]
