"""The simulator behaves like the firmware where the client cannot show it."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import aiohttp
import pytest

from custom_components.zte_modem.zte.goform import AdDigest, PasswordEncoding
from custom_components.zte_modem.zte.goform.crypto import ad_token, encode_password, md5_lower
from tests.conftest import ModemFactory
from tests.simulator import ModemSimulator

GET = "/goform/goform_get_cmd_process"
SET = "/goform/goform_set_cmd_process"


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        yield session


def _headers(modem: ModemSimulator) -> dict[str, str]:
    return {"Referer": f"{modem.url}/index.html"}


async def _get(http: aiohttp.ClientSession, modem: ModemSimulator, cmd: str, **extra: str) -> dict[str, str]:
    params = {"isTest": "false", "cmd": cmd, "multi_data": "1", **extra}
    async with http.get(
        modem.url + GET, params=params, headers=extra.pop("headers", _headers(modem))
    ) as resp:
        assert resp.status == 200
        assert resp.headers["Content-Type"].startswith("text/html")
        assert resp.headers["Server"] == "WebServer-Webs"
        result: dict[str, str] = json.loads(await resp.text())
        return result


async def _post(http: aiohttp.ClientSession, modem: ModemSimulator, **form: str) -> str:
    async with http.post(modem.url + SET, data={"isTest": "false", **form}, headers=_headers(modem)) as resp:
        return str(json.loads(await resp.text())["result"])


async def _login(http: aiohttp.ClientSession, modem: ModemSimulator, password: str = "admin") -> str:
    ld = (await _get(http, modem, "LD"))["LD"]
    return await _post(
        http, modem, goformId="LOGIN", password=encode_password(password, PasswordEncoding.SHA256_LD, ld)
    )


async def _ad(http: aiohttp.ClientSession, modem: ModemSimulator) -> str:
    versions = await _get(http, modem, "wa_inner_version,cr_version,RD")
    return ad_token(AdDigest.MD5, versions["wa_inner_version"], versions["cr_version"], versions["RD"])


async def test_missing_referer_blanks_values(make_modem: ModemFactory, http: aiohttp.ClientSession) -> None:
    """Without a Referer the modem answers 200 with every value empty."""
    modem = await make_modem()
    async with http.get(
        modem.url + GET, params={"cmd": "wa_inner_version,Language", "multi_data": "1"}
    ) as resp:
        assert json.loads(await resp.text()) == {"wa_inner_version": "", "Language": ""}
    async with http.post(modem.url + SET, data={"goformId": "REBOOT_DEVICE"}) as resp:
        assert json.loads(await resp.text()) == {"result": "failure"}


async def test_protected_fields_need_login(make_modem: ModemFactory, http: aiohttp.ClientSession) -> None:
    """Before login, only pre-login fields are readable; unknown keys echo as ''."""
    modem = await make_modem()
    answer = await _get(http, modem, "wa_inner_version,lte_rsrp,loginfo,no_such_key")
    assert answer == {
        "wa_inner_version": modem.profile.wa_inner_version,
        "lte_rsrp": "",
        "loginfo": "",
        "no_such_key": "",
    }
    assert await _login(http, modem) == "0"
    assert (await _get(http, modem, "lte_rsrp,loginfo")) == {"lte_rsrp": "-95", "loginfo": "ok"}


async def test_stale_ld_counts_as_wrong_password(
    make_modem: ModemFactory, http: aiohttp.ClientSession
) -> None:
    """Hashing with an older LD fails with '3' and costs an attempt."""
    modem = await make_modem()
    first_ld = (await _get(http, modem, "LD"))["LD"]
    await _get(http, modem, "LD")
    result = await _post(
        http, modem, goformId="LOGIN", password=encode_password("admin", PasswordEncoding.SHA256_LD, first_ld)
    )
    assert result == "3"
    assert (await _get(http, modem, "psw_fail_num_str"))["psw_fail_num_str"] == "4"


async def test_lockout_rejects_correct_password(
    make_modem: ModemFactory, http: aiohttp.ClientSession
) -> None:
    """Five wrong passwords lock; the right one fails during the lock."""
    modem = await make_modem()
    for _ in range(5):
        assert await _login(http, modem, "wrong") == "3"
    state = await _get(http, modem, "psw_fail_num_str,login_lock_time")
    assert state == {"psw_fail_num_str": "0", "login_lock_time": "300"}
    assert await _login(http, modem) == "1"


@pytest.mark.parametrize("variant", ["wrong_hash", "wrong_case", "reversed", "stale_rd", "missing"])
async def test_bad_ad_is_refused(make_modem: ModemFactory, http: aiohttp.ClientSession, variant: str) -> None:
    """Writes with a wrong, upper-case, reversed, stale or missing AD fail."""
    modem = await make_modem("mf297d")  # non-empty cr_version makes operand order matter
    assert await _login(http, modem) == "0"
    versions = await _get(http, modem, "wa_inner_version,cr_version,RD")
    wa, cr, rd = versions["wa_inner_version"], versions["cr_version"], versions["RD"]
    if variant == "stale_rd":
        good = ad_token(AdDigest.MD5, wa, cr, rd)
        assert await _post(http, modem, goformId="CONNECT_NETWORK", AD=good) == "success"
    ad = {
        "wrong_hash": md5_lower("nonsense"),
        "wrong_case": ad_token(AdDigest.MD5, wa, cr, rd).upper(),
        "reversed": ad_token(AdDigest.MD5, cr, wa, rd),
        "stale_rd": ad_token(AdDigest.MD5, wa, cr, rd),
        "missing": "",
    }[variant]
    assert await _post(http, modem, goformId="REBOOT_DEVICE", AD=ad) == "failure"
    assert modem.stats.reboots == 0


async def test_writes_need_session(make_modem: ModemFactory, http: aiohttp.ClientSession) -> None:
    """No session, no write; LOGOUT ends the session; unknown commands fail."""
    modem = await make_modem()
    assert await _post(http, modem, goformId="REBOOT_DEVICE", AD=await _ad(http, modem)) == "failure"
    assert await _login(http, modem) == "0"
    assert await _post(http, modem, goformId="NO_SUCH_THING", AD=await _ad(http, modem)) == "failure"
    assert await _post(http, modem, goformId="SET_WEB_LANGUAGE", Language="en") == "success"
    assert await _post(http, modem, goformId="LOGOUT", AD=await _ad(http, modem)) == "success"
    assert (await _get(http, modem, "loginfo"))["loginfo"] == ""


async def test_lenient_get_on_set_endpoint(make_modem: ModemFactory, http: aiohttp.ClientSession) -> None:
    """Some builds accept GET on the set endpoint (MC801A login via GET)."""
    modem = await make_modem("mf283")
    params = {"isTest": "false", "goformId": "LOGIN", "password": "YWRtaW4="}
    async with http.get(modem.url + SET, params=params, headers=_headers(modem)) as resp:
        assert json.loads(await resp.text()) == {"result": "0"}
        assert "stok" in resp.headers["Set-Cookie"]


async def test_control_endpoint(make_modem: ModemFactory, http: aiohttp.ClientSession) -> None:
    """The control endpoint steers a running simulator and reports counters."""
    modem = await make_modem()
    control = modem.url + "/__sim__/control"
    async with http.post(control, json={"action": "set", "values": {"lte_rsrp": "-120"}}) as resp:
        assert resp.status == 200
    assert modem.values["lte_rsrp"] == "-120"
    for command in (
        {"action": "scenario", "name": "sa"},
        {"action": "password", "password": "new"},
        {"action": "expire_session"},
        {"action": "web_ui_login"},
        {"action": "fault", "kind": "html", "count": 1},
        {"action": "fault", "kind": None},
        {"action": "reset_stats"},
    ):
        async with http.post(control, json=command) as resp:
            assert resp.status == 200, command
    assert modem.scenario == "sa"
    assert modem.password == "new"
    async with http.post(control, json={"action": "fault", "kind": "meteor"}) as resp:
        assert resp.status == 400
    async with http.post(control, json={"action": "explode"}) as resp:
        assert resp.status == 400
    async with http.get(modem.url + "/__sim__/stats") as resp:
        stats = await resp.json()
    assert stats["profile"] == "mc801a"
    assert stats["requests"] == 0


async def test_down_refuses_connections(make_modem: ModemFactory, http: aiohttp.ClientSession) -> None:
    """Taking the modem down refuses connections, then it comes back on the same port."""
    modem = await make_modem()
    port = modem.port
    async with http.post(modem.url + "/__sim__/control", json={"action": "down", "seconds": 0.2}) as resp:
        assert resp.status == 200
    await asyncio.sleep(0.05)
    with pytest.raises(aiohttp.ClientError):
        await _get(http, modem, "Language")
    await asyncio.sleep(0.3)
    assert (await _get(http, modem, "Language"))["Language"] == "en"
    assert modem.port == port


async def test_index_page(make_modem: ModemFactory, http: aiohttp.ClientSession) -> None:
    """The root page looks like the ZTE web UI."""
    modem = await make_modem("mc889")
    async with http.get(modem.url + "/") as resp:
        assert "ZTE" in await resp.text()
    async with http.get(modem.url + "/js/config/config.js") as resp:
        assert resp.status == 404
