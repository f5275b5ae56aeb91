"""A ubus router (G5TS, U60 Pro, MC7500, G5 Ultra) on a real HTTP socket: `POST /ubus/` with JSON-RPC batches.

Written from the facts in ../shared/docs/ubus-protocol.md (§2.8 is the checklist); values in
our own words, shapes as the sources describe them. Each profile switches what differs:
ints or strings, SINR in dB or tenths, what `login_fail_num` counts, `webtoken` cookies, the
307 without a Referer, the network-mode tokens, a result as string or int.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from aiohttp import web

from .admin import APN_PASSWORD, APN_USERNAME
from .clients import SimClients, household
from .firmware import SimFirmware, next_build
from .server import SimStats, self_signed_context

NULL = "0" * 32
MAX_LOGIN_COUNT = 5
ACCESS_DENIED = {"code": -32002, "message": "Access denied"}
OBJECT_NOT_FOUND = {"code": -32000, "message": "Object not found"}  # a module this firmware lacks
FOTA_STATUS = "zwrt_fota_res.api.get_update_status"
FOTA_UCI = "uci.get.zwrt_zte_dm"
# Callable under the null session (§2.8).
OPEN_METHODS = frozenset(
    {
        "zwrt_web.web_login_info",
        "zwrt_web.web_login",
        "zte_nwinfo_api.nwinfo_get_netinfo",
        "zwrt_router.api.router_get_status_no_auth",
        "uci.get.zwrt_common_info",
        FOTA_STATUS,  # readable logged out (§2.8)
    }
)


@dataclass(frozen=True, slots=True)
class UbusSimProfile:
    """What one ubus firmware does differently."""

    name: str
    model_name: str
    market_name: str
    firmware: str
    modes: tuple[str, ...]
    net_select: str
    https: bool = False
    webtoken_cookie: bool = False
    redirect_without_referer: bool = False
    strings: bool = False  # every number as a string (unverified; the recorded answers have ints)
    sinr_tenths: bool = False  # SINR in tenths of a dB (MC7500 document)
    fail_count: str = "left"  # what login_fail_num counts: "left" or "failures"
    result_as_int: bool = False
    sms_crypto: bool = True  # web_crt_get and encrypted SMS fields (the G5TS web page's scheme)
    plaintext_send_refused: bool = False  # a plain send answers status 2 (U60 Pro from B27)
    lte_lock_method: str = "ext"  # "ext": nwinfo_set_lte_ext_band; "gwl": only nwinfo_set_gwl_bandlock
    nsa_lock_ignored: bool = False  # nwinfo_set_nrbandlock with type "1" changes nothing
    # Which firmware-update reads answer (§2.4 "Firmware", §5.1): "uci" (zwrt_zte_dm dm_update:
    # the version state and dm_* fields, and the upgrade state when there is no status call),
    # "status" (zwrt_fota_res.api.get_update_status: the upgrade and version states). A read
    # not listed answers as on firmware without the module. Which model answers which is not
    # on record: the G5TS JS has both; the others here are switched to cover every case.
    fota: tuple[str, ...] = ("uci", "status")
    fota_numeric: bool = False  # new_version_state as 0/1 instead of version_* words


# Sources per profile (../shared/docs/ubus-protocol.md §2 and tests/fixtures/real/ubus): U60 Pro
# firmware BD_CNMU5250V1.0.0B31 and its mode tokens (field manual), the G5TS tokens (zte-cpe-rs),
# the MC7500 tokens and SINR in tenths (its API document, unconfirmed), https on the G5 Ultra
# (Kajkac). The G5TS, MC7500 and G5 Ultra firmware strings are placeholders of the recorded
# BD_...V1.0.0Bnn shape: no answer of those models is on record.
UBUS_PROFILES: dict[str, UbusSimProfile] = {
    profile.name: profile
    for profile in (
        UbusSimProfile(
            name="g5ts",
            model_name="G5TS",
            market_name="G5TS",
            firmware="BD_G5TSV1.0.0B05",
            modes=("4G_AND_5G", "LTE_AND_5G", "Only_5G", "Only_LTE"),
            net_select="4G_AND_5G",
            https=True,
            webtoken_cookie=True,
            redirect_without_referer=True,
        ),
        UbusSimProfile(
            name="u60pro",
            model_name="MU5250",
            market_name="U60 Pro",
            firmware="BD_CNMU5250V1.0.0B31",
            modes=("WL_AND_5G", "LTE_AND_5G", "Only_5G", "Only_LTE", "Only_WCDMA"),
            net_select="WL_AND_5G",
            fail_count="failures",
            result_as_int=True,
            plaintext_send_refused=True,
            fota=("uci",),
            fota_numeric=True,
        ),
        UbusSimProfile(
            name="mc7500",
            model_name="MC7500",
            market_name="MC7500",
            firmware="BD_MC7500V1.0.0B02",
            modes=("AUTO_AND_5G", "ONLY_5G", "ONLY_LTE"),
            net_select="AUTO_AND_5G",
            sinr_tenths=True,
            fail_count="failures",
            lte_lock_method="gwl",
            nsa_lock_ignored=True,
            fota=(),
        ),
        UbusSimProfile(
            name="g5ultra",
            model_name="G5 Ultra",
            market_name="G5 Ultra",
            firmware="BD_G5ULTRAV1.0.0B03",
            modes=("WL_AND_5G", "LTE_AND_5G", "Only_5G", "Only_LTE"),
            net_select="WL_AND_5G",
            https=True,
            sms_crypto=False,  # plain UCS-2 hex, as firmware without the scheme
        ),
    )
}

# An ENDC cell as an MC7510 (B04) answered it: B1 + CA B3/B20, n78; ints, SINR as strings with
# one decimal, signalbar a string (tests/fixtures/real/ubus/mc7510-nwinfo_get_netinfo-dawidroz.json,
# from dawidroz/zte-modem-luci@44f6437 tests/ubus-map.test.sh).
NSA_RADIO: dict[str, Any] = {
    "network_type": "ENDC",
    "signalbar": "5",
    "simcard_roam": "Home",
    "network_provider": "Orange",
    "network_provider_fullname": "Orange",
    "wan_active_band": "LTE BAND 1",
    "wan_active_channel": 75,
    "cell_id": 35072027,
    "lte_pci": 259,
    "lte_rsrp": -80,
    "lte_rsrq": -9,
    "lte_rssi": -79,
    "lte_snr": "7.0",
    "lteca": "259,1,53711,75,15.0;259,3,2,1725,15.0;307,20,2,6200,10.0;",
    "nr5g_pci": 463,
    "nr5g_action_channel": 640704,
    "nr5g_action_band": "n78",
    "nr5g_rsrp": -91,
    "nr5g_rsrq": -12,
    "nr5g_snr": "18.0",
    # The all-ones 28 bits the MC7510 answers in ENDC: unknown, not a cell (same fixture).
    "nr5g_cell_id": 268435455,
}

# The serving cells moved (tests set `sim.radio.update(OTHER_CELL_RADIO)`): another eNodeB
# (0x2C2A107: eNodeB 180897, sector 7), PCI 201 on B20 / EARFCN 6300, and an NR cell id as a
# U60 Pro reports it (tests/fixtures/real/ubus/mu5250-nwinfo_get_netinfo-u60manual.json).
OTHER_CELL_RADIO: dict[str, Any] = {
    "cell_id": 0x2C2A107,
    "lte_pci": 201,
    "wan_active_band": "LTE BAND 20",
    "wan_active_channel": 6300,
    "lteca": "201,20,53711,6300,10.0;",
    "nr5g_cell_id": 13313155135,
}


def web_password(password: str, salt: str) -> str:
    """What the web page sends: SHA-256 twice, uppercase hex."""
    first = hashlib.sha256(password.encode()).hexdigest().upper()
    return hashlib.sha256((first + salt).encode()).hexdigest().upper()


@dataclass(slots=True)
class UbusState:
    """What the router keeps between requests."""

    net_select: str
    data_enabled: bool = True
    failures: int = 0
    locked_until: float | None = None
    token: str | None = None
    salt: str = field(default_factory=lambda: secrets.token_hex(32).upper())  # 64 hex, as recorded
    reboots: int = 0
    writes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    aes_key: bytes | None = None  # the SMS key the current session registered
    messages: list[dict[str, Any]] = field(default_factory=list)
    next_id: int = 1
    sends: list[dict[str, str]] = field(default_factory=list)  # number and text as the router decoded them
    refused_sends: int = 0
    lte_bands: list[int] = field(default_factory=lambda: [1, 3, 8, 20, 38])
    nr_sa_bands: list[int] = field(default_factory=list)
    nr_nsa_bands: list[int] = field(default_factory=list)
    # The data plan as get_wwandst_monthlimit/clearday answer it: a 100 GiB limit in bytes (the
    # unit two U60 Pro tools store), an alert at 85 %, counters cleared on the 10th.
    plan_limit: dict[str, Any] = field(
        default_factory=lambda: {"enable": 1, "type": 2, "value": "107374182400", "ratio": 85, "overflow": 0}
    )
    plan_clear: dict[str, Any] = field(default_factory=lambda: {"enable": 1, "clearday": 10})
    lte_cell: tuple[int, int] = (0, 0)
    nr_cell: tuple[int, int, int] = (0, 0, 0)
    # APN (§2.5 [F]): 0 automatic, 1 manual; the manual profiles as getManuApnList answers them
    # (pdpType 1 IP, 2 IPv6, 3 IPv4v6; the password is AES-encrypted on a real router, here the
    # distinctive plain text so a leak would show).
    apn_mode: int = 1
    apn_profiles: list[dict[str, Any]] = field(default_factory=lambda: _apn_profiles())
    admin_errors: list[str] = field(default_factory=list)


class UbusSimulator:
    """One ubus router; tests steer it directly (browser_login, expire_sessions, reset_next)."""

    def __init__(
        self,
        profile: str | UbusSimProfile = "g5ts",
        password: str = "admin",
        *,
        clock: Callable[[], float] = time.monotonic,
        lock_seconds: int = 300,
    ) -> None:
        self.profile = UBUS_PROFILES[profile] if isinstance(profile, str) else profile
        self.password = password
        self.clock = clock
        self.lock_seconds = lock_seconds
        self.values = {"imei": "869000000000142", "wlan_mac_address": "34:DA:B7:00:00:42"}
        self.radio: dict[str, Any] = dict(NSA_RADIO)
        self.state = UbusState(net_select=self.profile.net_select)
        self.stats = SimStats()
        self.login_result: str | None = None  # answer this instead of checking the password ("3": busy)
        # The router's own firmware-update state (tests steer sim.firmware.set_state).
        self.firmware = SimFirmware(
            new_version=next_build(self.profile.firmware), numeric=self.profile.fota_numeric
        )
        self.reset_next = 0  # requests to answer with a dropped connection
        self.batches: list[list[str]] = []  # the methods of every batch, in order
        # Connected clients (tests steer modem.clients: join, leave, failures).
        self.clients: SimClients = household()
        self._webtoken: str | None = None
        # The session times out after this long without a call (web_login answers timeout: 300).
        self.session_timeout = 300.0
        self._used_at = clock()
        self._sms_status: dict[int, list[str]] = {}  # per command: statuses still to report
        self._runner: web.AppRunner | None = None
        self.url = ""

    # -- lifecycle -------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        """Listen on host:port (0 picks a free port; TLS when the profile serves https); the base URL."""
        app = web.Application()
        app.router.add_post("/ubus/", self._ubus)
        app.router.add_post("/ubus", self._ubus)
        app.router.add_get("/__sim__/stats", self._stats)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        context = self_signed_context() if self.profile.https else None
        site = web.TCPSite(self._runner, host, port, ssl_context=context)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"{'https' if context else 'http'}://{host}:{port}"
        return self.url

    async def _stats(self, request: web.Request) -> web.Response:
        """Counts only (the same endpoint as the goform simulator's, for scripts/develop)."""
        stats = {name: getattr(self.stats, name) for name in ("requests", "reads", "logins", "failed_logins")}
        return web.json_response({**stats, "net_select": self.state.net_select})

    async def stop(self) -> None:
        """Close the socket."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- steering ----------------------------------------------------------------------

    def browser_login(self) -> None:
        """Someone logs in on the web page: our session is gone (single session)."""
        self.state.token = secrets.token_hex(16)
        self.state.aes_key = None

    def inject_sms(self, number: str, text: str) -> int:
        """An incoming message, unread; its id."""
        message_id = self.state.next_id
        self.state.next_id += 1
        stamp = time.strftime("%y,%m,%d,%H,%M,%S", time.gmtime())
        self.state.messages.append(
            {"id": message_id, "number": number, "content": text.encode("utf-16-be").hex().upper(),
             "tag": "1", "date": f"{stamp},+0", "received_all_concat_sms": "1"}
        )  # fmt: skip
        return message_id

    def expire_sessions(self) -> None:
        """The session timed out."""
        self.state.token = None

    @property
    def attempts_left(self) -> int:
        return MAX_LOGIN_COUNT - self.state.failures

    # -- HTTP --------------------------------------------------------------------------

    async def _ubus(self, request: web.Request) -> web.StreamResponse:
        self.stats.requests += 1
        self.stats.in_flight += 1
        self.stats.max_concurrency = max(self.stats.max_concurrency, self.stats.in_flight)
        try:
            if self.reset_next > 0:
                self.reset_next -= 1
                if request.transport is not None:
                    request.transport.abort()
                return web.Response(status=500)
            if self.profile.redirect_without_referer and not request.headers.get("Referer"):
                return web.Response(status=307, headers={"Location": "/index.html"})
            try:
                body = json.loads(await request.text())
            except ValueError:
                return web.Response(status=400, text="bad request")
            if not isinstance(body, list):
                return web.Response(status=400, text="array expected")
            self.batches.append([_name(item) for item in body if isinstance(item, dict)])
            # A build that rotates its webtoken wants the latest one back on every call made
            # with a session (rosenrot replays it; which builds check it is not settled).
            sent = request.cookies.get("webtoken", "").strip('"')
            cookie_ok = not self.profile.webtoken_cookie or self._webtoken in (None, sent)
            replies = [self._call(item, cookie_ok=cookie_ok) for item in body if isinstance(item, dict)]
            response = web.json_response(replies)
            if self.profile.webtoken_cookie:
                self._webtoken = secrets.token_hex(8)
                response.headers["Set-Cookie"] = f'webtoken="{self._webtoken}"; Path=/'
            return response
        finally:
            self.stats.in_flight -= 1

    def _call(self, item: dict[str, Any], *, cookie_ok: bool = True) -> dict[str, Any]:
        ident = item.get("id")
        params = item.get("params")
        if not isinstance(params, list) or len(params) != 4:
            return {"jsonrpc": "2.0", "id": ident, "error": {"code": -32600, "message": "Invalid request"}}
        session, obj, method, args = params
        name = _name(item)
        now = self.clock()
        if self.state.token is not None and now - self._used_at > self.session_timeout:
            self.state.token, self.state.aes_key = None, None  # idle too long: the session ends
        if name == FOTA_STATUS and "status" not in self.profile.fota:
            return {"jsonrpc": "2.0", "id": ident, "error": OBJECT_NOT_FOUND}
        if name.startswith("uci.get.") and name not in OPEN_METHODS and session == NULL:
            return {"jsonrpc": "2.0", "id": ident, "result": [6]}  # permission denied (U60 Pro)
        if name not in OPEN_METHODS and (session == NULL or session != self.state.token or not cookie_ok):
            return {"jsonrpc": "2.0", "id": ident, "error": ACCESS_DENIED}
        if session != NULL and session == self.state.token:
            self._used_at = now  # every call refreshes the session's timeout
        result = self._answer(name, args if isinstance(args, dict) else {})
        return {"jsonrpc": "2.0", "id": ident, "result": result}

    def _answer(self, name: str, args: dict[str, Any]) -> list[Any]:
        handler = {
            "zwrt_web.web_login_info": self._login_info,
            "zwrt_web.web_login": self._login,
            "zwrt_web.web_logout": self._logout,
            "zte_nwinfo_api.nwinfo_get_netinfo": self._netinfo,
            "zwrt_data.get_wwandst": self._traffic,
            "zwrt_data.get_wwaniface": self._wan,
            "zwrt_data.set_wwaniface": self._set_wan,
            "zwrt_bsp.thermal.get_cpu_temp": lambda _: [0, {"cpuss_temp": self._number(47)}],
            "uci.get.zwrt_common_info": self._common_info,
            "uci.get.zwrt_zte_mdm": lambda _: [0, {"values": {"imei": self.values["imei"], **self._mac()}}],
            "zte_nwinfo_api.nwinfo_set_netselect": self._set_mode,
            "zwrt_mc.device.manager.device_reboot": self._reboot,
            "zte_nwinfo_api.nwinfo_set_lte_ext_band": self._lte_ext_band,
            "zte_nwinfo_api.nwinfo_set_gwl_bandlock": self._gwl_bandlock,
            "zte_nwinfo_api.nwinfo_set_nrbandlock": self._nr_bandlock,
            "zte_nwinfo_api.nwinfo_lock_lte_cell": self._lock_lte_cell,
            "zte_nwinfo_api.nwinfo_lock_nr_cell": self._lock_nr_cell,
            "zte_nwinfo_api.nwinfo_reset_band_cell_setting": self._reset_locks,
            "zwrt_mc.device.manager.get_device_info": self._device_info,
            "zwrt_data.get_wwandst_monthlimit": lambda _: [0, dict(self.state.plan_limit)],
            "zwrt_data.get_wwandst_clearday": lambda _: [0, dict(self.state.plan_clear)],
            "zwrt_apn_object.get_apn_mode": lambda _: [0, {"apn_mode": self.state.apn_mode}],
            "zwrt_apn_object.getManuApnList": lambda _: [0, {"apnListArray": self.state.apn_profiles}],
            "zwrt_apn_object.set_apn_mode": self._set_apn_mode,
            "zwrt_apn_object.enable_manu_apn_id": self._enable_apn,
            "zwrt_data.set_wwandst_monthlimit": self._set_monthlimit,
            "zwrt_data.set_wwandst_clearday": self._set_clearday,
            "zwrt_web.web_crt_get": self._certificate,
            "zwrt_web.web_http_enstr_set": self._set_key,
            "zwrt_wms.zte_libwms_get_sms_data": self._sms_list,
            "zwrt_wms.zte_libwms_send_sms": self._sms_send,
            "zwrt_wms.zwrt_wms_get_cmd_status": self._sms_status_of,
            "zwrt_wms.zwrt_wms_delete_sms": self._sms_delete,
            "zwrt_wms.zwrt_wms_modify_tag": self._sms_tag,
            "zwrt_wms.zwrt_wms_get_wms_capacity": self._sms_capacity,
            "zwrt_router.api.router_get_user_list_num": lambda _: [0, self.clients.ubus_counts()],
            "zwrt_router.api.router_wireless_access_list": self._wifi_clients,
            "zwrt_router.api.router_lan_access_list": self._lan_clients,
            FOTA_UCI: self._fota_config,
            FOTA_STATUS: self._fota_status,
        }.get(name)
        return handler(args) if handler is not None else [3]  # method not found

    def _wifi_clients(self, args: dict[str, Any]) -> list[Any]:
        page = self.clients.ubus_wifi_page(
            to_int_or(args.get("start_id"), 1), to_int_or(args.get("end_id"), 64)
        )
        return [2] if page is None else [0, page]

    def _lan_clients(self, _: dict[str, Any]) -> list[Any]:
        answer = self.clients.ubus_lan()
        return [2] if answer is None else [0, answer]

    def _number(self, value: float) -> Any:
        return str(value) if self.profile.strings else value

    def _mac(self) -> dict[str, str]:
        return {"wlan_mac_address": self.values["wlan_mac_address"]}

    def _login_info(self, _: dict[str, Any]) -> list[Any]:
        now = self.clock()
        if self.state.locked_until is not None and now >= self.state.locked_until:
            self.state.locked_until, self.state.failures = None, 0
        counter = self.attempts_left if self.profile.fail_count == "left" else self.state.failures
        left = 0 if self.state.locked_until is None else int(self.state.locked_until - now)
        return [
            0,
            {"zte_web_sault": self.state.salt, "login_fail_num": counter, "login_fail_lock_lefttime": left},
        ]

    def _login(self, args: dict[str, Any]) -> list[Any]:
        result = self.login_result
        if result is None:
            if self.state.locked_until is not None:
                result = "1"
            elif args.get("password") == web_password(self.password, self.state.salt):
                result = "0"
            else:
                result = "1"
                self.stats.failed_logins += 1
                self.state.failures += 1
                if self.state.failures >= MAX_LOGIN_COUNT:
                    self.state.locked_until = self.clock() + self.lock_seconds
        answer: dict[str, Any] = {"result": int(result) if self.profile.result_as_int else result}
        if result == "0":
            self.stats.logins += 1
            self.state.failures = 0
            self.state.token = secrets.token_hex(16)
            self.state.aes_key = None  # a new session registers its own SMS key
            self._used_at = self.clock()
            answer |= {"ubus_rpc_session": self.state.token, "timeout": 300}
        return [0, answer]

    def _logout(self, _: dict[str, Any]) -> list[Any]:
        self.state.token = None
        self.state.aes_key = None
        return [0]

    def _netinfo(self, _: dict[str, Any]) -> list[Any]:
        self.stats.reads += 1
        radio = {
            key: self._number(value) if isinstance(value, int) else value for key, value in self.radio.items()
        }
        if self.profile.sinr_tenths:
            for key in ("lte_snr", "nr5g_snr"):
                radio[key] = round(float(self.radio[key]) * 10)
        state = self.state
        locks = {
            "lte_band": ",".join(str(band) for band in state.lte_bands),
            "nr5g_sa_band_lock": ",".join(str(band) for band in state.nr_sa_bands),
            "nr5g_nsa_band_lock": ",".join(str(band) for band in state.nr_nsa_bands),
            "lock_lte_cell": ",".join(str(number) for number in state.lte_cell),
            "lock_nr_cell": ",".join(str(number) for number in state.nr_cell),
        }
        return [0, {**radio, **locks, "net_select": state.net_select}]

    def _traffic(self, args: dict[str, Any]) -> list[Any]:
        """get_wwandst: type 1 this connection, 2 this month, 3 in total, 7 today, 4 all of them."""
        periods = {
            "real": (1_250_000, 250_000, 4_000_000_000, 600_000_000, 7200),
            "month": (0, 0, 52_000_000_000, 6_000_000_000, 900_000),
            "total": (0, 0, 487_567_569_649, 61_000_000_000, 9_000_000),
            "day": (0, 0, 2_000_000_000, 300_000_000, 40_000),
        }
        wanted = {1: ("real",), 2: ("month",), 3: ("total",), 7: ("day",), 4: tuple(periods)}
        kind = to_int_or(args.get("type"), 0)
        if kind not in wanted:
            return [2]  # invalid argument
        counters: dict[str, int] = {}
        for period in wanted[kind]:
            rx_speed, tx_speed, rx, tx, seconds = periods[period]
            counters |= {f"{period}_rx_bytes": rx, f"{period}_tx_bytes": tx, f"{period}_time": seconds}
            if period == "real":
                counters |= {"real_rx_speed": rx_speed, "real_tx_speed": tx_speed}
        return [0, {key: self._number(value) for key, value in counters.items()}]

    def _device_info(self, args: dict[str, Any]) -> list[Any]:
        """get_device_info: an unknown name in deviceInfoList fails the whole call (U60 Pro)."""
        known = {"meminfo": {"total": 1024, "free": 512}, "device_uptime": 3600}
        names = args.get("deviceInfoList")
        if not isinstance(names, list) or any(name not in known for name in names):
            return [2]
        return [0, {name: known[name] for name in names}]

    def _wan(self, _: dict[str, Any]) -> list[Any]:
        return [0, {"connect_status": "connected" if self.state.data_enabled else "disconnected"}]

    def _set_wan(self, args: dict[str, Any]) -> list[Any]:
        self.state.writes.append(("set_wwaniface", args))
        self.stats.writes += 1
        self.state.data_enabled = str(args.get("enable")) == "1"
        return [0]

    def _set_mode(self, args: dict[str, Any]) -> list[Any]:
        self.state.writes.append(("nwinfo_set_netselect", args))
        self.stats.writes += 1
        mode = args.get("net_select")
        if mode not in self.profile.modes:
            return [2]  # invalid argument
        self.state.net_select = str(mode)
        return [0]

    def _reboot(self, args: dict[str, Any]) -> list[Any]:
        self.state.writes.append(("device_reboot", args))
        self.stats.reboots += 1
        self.state.token = None
        return [0]

    # -- APN and data plan (§2.5) -------------------------------------------------------

    def _apn_change(self, method: str, args: dict[str, Any]) -> None:
        self._record(method, args)
        if self.state.data_enabled:
            self.state.admin_errors.append(f"{method} while the data session was up")

    def _set_apn_mode(self, args: dict[str, Any]) -> list[Any]:
        self._apn_change("set_apn_mode", args)
        if args.get("apn_mode") not in (0, 1):
            return [2]
        self.state.apn_mode = int(args["apn_mode"])
        return [0]

    def _enable_apn(self, args: dict[str, Any]) -> list[Any]:
        self._apn_change("enable_manu_apn_id", args)
        wanted = args.get("profileId")
        if not isinstance(wanted, str) or all(
            item["profileId"] != wanted for item in self.state.apn_profiles
        ):
            return [2]
        for item in self.state.apn_profiles:
            item["isEnable"] = "1" if item["profileId"] == wanted else "0"
        return [0]

    def _set_monthlimit(self, args: dict[str, Any]) -> list[Any]:
        self._record("set_wwandst_monthlimit", args)
        wanted = ("source_module", "cid", "enable", "type", "value", "ratio")
        if any(key not in args for key in wanted) or not isinstance(args["value"], str):
            return [2]  # every argument, the value as a string
        if args["enable"] not in (0, 1) or args["type"] not in (1, 2) or not 0 <= int(args["ratio"]) <= 100:
            return [2]
        self.state.plan_limit |= {key: args[key] for key in ("enable", "type", "value", "ratio")}
        return [0]

    def _set_clearday(self, args: dict[str, Any]) -> list[Any]:
        self._record("set_wwandst_clearday", args)
        if any(key not in args for key in ("source_module", "cid", "enable", "clearday")):
            return [2]
        if not 1 <= int(args["clearday"]) <= 31:
            return [2]
        self.state.plan_clear = {"enable": args["enable"], "clearday": args["clearday"]}
        return [0]

    # -- locks (§2.5) -------------------------------------------------------------------

    def _record(self, method: str, args: dict[str, Any]) -> None:
        self.state.writes.append((method, args))
        self.stats.writes += 1

    def _lte_ext_band(self, args: dict[str, Any]) -> list[Any]:
        if self.profile.lte_lock_method != "ext":
            return [3]  # method not found on older firmware
        self._record("nwinfo_set_lte_ext_band", args)
        self.state.lte_bands = sorted(int(part) for part in str(args.get("lte_band", "")).split(",") if part)
        return [0]

    def _gwl_bandlock(self, args: dict[str, Any]) -> list[Any]:
        self._record("nwinfo_set_gwl_bandlock", args)
        mask = int(str(args.get("lte_band_mask", "0")))  # decimal
        self.state.lte_bands = [bit + 1 for bit in range(64) if mask >> bit & 1]
        return [0]

    def _nr_bandlock(self, args: dict[str, Any]) -> list[Any]:
        self._record("nwinfo_set_nrbandlock", args)
        bands = sorted(int(part) for part in str(args.get("nr5g_band", "")).split(",") if part)
        if str(args.get("nr5g_type")) == "0":
            self.state.nr_sa_bands = bands
        elif not self.profile.nsa_lock_ignored:
            self.state.nr_nsa_bands = bands
        return [0]

    def _lock_lte_cell(self, args: dict[str, Any]) -> list[Any]:
        self._record("nwinfo_lock_lte_cell", args)
        self.state.lte_cell = (int(args["lock_lte_pci"]), int(args["lock_lte_earfcn"]))
        return [0]

    def _lock_nr_cell(self, args: dict[str, Any]) -> list[Any]:
        self._record("nwinfo_lock_nr_cell", args)
        self.state.nr_cell = (
            int(args["lock_nr_pci"]),
            int(args["lock_nr_earfcn"]),
            int(args["lock_nr_cell_band"]),
        )
        return [0]

    def _reset_locks(self, args: dict[str, Any]) -> list[Any]:
        self._record("nwinfo_reset_band_cell_setting", args)
        fresh = UbusState(net_select=self.state.net_select)
        self.state.lte_bands, self.state.nr_sa_bands, self.state.nr_nsa_bands = fresh.lte_bands, [], []
        self.state.lte_cell, self.state.nr_cell = (0, 0), (0, 0, 0)
        return [0]

    # -- SMS (§2.6) ---------------------------------------------------------------------

    def _certificate(self, _: dict[str, Any]) -> list[Any]:
        if not self.profile.sms_crypto:
            return [3]  # no such method: firmware without the scheme
        # The PEM on one line, as the router sends it.
        return [0, {"result": _rsa_key()[1].replace("\n", "")}]

    def _set_key(self, args: dict[str, Any]) -> list[Any]:
        from cryptography.hazmat.primitives.asymmetric import padding

        try:
            hex_key = _rsa_key()[0].decrypt(base64.b64decode(str(args.get("web_enstr"))), padding.PKCS1v15())
            self.state.aes_key = bytes.fromhex(hex_key.decode())
        except ValueError:
            return [2]
        return [0, {"result": "0"}]

    def _seal(self, text: str) -> str:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        assert self.state.aes_key is not None
        iv = secrets.token_bytes(12)
        sealed = AESGCM(self.state.aes_key).encrypt(iv, text.encode(), None)
        return base64.b64encode(iv + sealed[-16:] + sealed[:-16]).decode()

    def _open(self, blob: str) -> str | None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        assert self.state.aes_key is not None
        try:
            raw = base64.b64decode(blob, validate=True)
            return AESGCM(self.state.aes_key).decrypt(raw[:12], raw[28:] + raw[12:28], None).decode()
        except Exception:  # noqa: BLE001 - anything unreadable is a refused field
            return None

    def _sms_list(self, args: dict[str, Any]) -> list[Any]:
        rows = []
        for message in sorted(self.state.messages, key=lambda m: m["id"], reverse=True):
            row = {key: str(value) for key, value in message.items()}
            if self.profile.sms_crypto and self.state.aes_key is not None:
                row["number"], row["content"] = self._seal(row["number"]), self._seal(row["content"])
            rows.append(row)
        return [0, {"messages": rows}]

    def _sms_send(self, args: dict[str, Any]) -> list[Any]:
        number, body = str(args.get("number", "")), str(args.get("message_body", ""))
        if self.profile.sms_crypto and self.state.aes_key is not None:
            opened = (self._open(number), self._open(body))
            if opened[0] is None or opened[1] is None:
                return [2]
            number, body = opened[0], opened[1]
        elif self.profile.plaintext_send_refused:
            self.state.refused_sends += 1
            return [2]
        self.state.sends.append({"number": number, "text": bytes.fromhex(body).decode("utf-16-be")})
        self._sms_status[4] = ["1", "3"]
        return [0]

    def _sms_status_of(self, args: dict[str, Any]) -> list[Any]:
        """1 (working) once after a command, then 3 (done), as the web page sees it."""
        pending = self._sms_status.get(int(args.get("sms_cmd", 0)), [])
        return [0, {"sms_cmd_status_result": pending.pop(0) if pending else "3"}]

    def _sms_delete(self, args: dict[str, Any]) -> list[Any]:
        self._sms_status[6] = ["1", "3"]
        doomed = {int(part) for part in str(args.get("id", "")).split(";") if part.strip()}
        self.state.messages = [m for m in self.state.messages if m["id"] not in doomed]
        return [0]

    def _sms_tag(self, args: dict[str, Any]) -> list[Any]:
        marked = {int(part) for part in str(args.get("id", "")).split(";") if part.strip()}
        for message in self.state.messages:
            if message["id"] in marked:
                message["tag"] = str(args.get("tag", "0"))
        return [0]

    def _sms_capacity(self, _: dict[str, Any]) -> list[Any]:
        figures = {
            "sms_nv_total": 100,
            "sms_nv_rev_total": len(self.state.messages),
            "sms_nv_send_total": len(self.state.sends),
            "sms_nv_draftbox_total": 0,
            "sms_sim_total": 0,
            "sms_sim_rev_total": 0,
            "sms_sim_send_total": 0,
            "sms_sim_draftbox_total": 0,
        }
        return [0, {key: self._number(value) for key, value in figures.items()}]

    def _fota_config(self, args: dict[str, Any]) -> list[Any]:
        """uci zwrt_zte_dm dm_update: the stored update info (a download grows at each read)."""
        if "uci" not in self.profile.fota or args.get("section") != "dm_update":
            return [5]  # no such config or section: no data
        values = self.firmware.fields()
        if "status" in self.profile.fota:
            del values["current_upgrade_state"]  # the daemon's status call tells it
        return [0, {"values": values}]

    def _fota_status(self, _: dict[str, Any]) -> list[Any]:
        """The FOTA daemon's live state (the same read as the config's when both are asked)."""
        fields = self.firmware.fields(advance="uci" not in self.profile.fota)
        return [0, {key: fields[key] for key in ("current_upgrade_state", "new_version_state")}]

    def _common_info(self, _: dict[str, Any]) -> list[Any]:
        profile = self.profile
        values = {
            "model_name": profile.model_name,
            "device_market_name": profile.market_name,
            "hardware_version": "V1.0",
            "wa_inner_version": profile.firmware,
        }
        return [0, {"values": values}]


@functools.cache
def _rsa_key() -> tuple[Any, str]:
    """The router's key pair (made once per test run) and its public PEM."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, pem.decode()


def _apn_profiles() -> list[dict[str, Any]]:
    def entry(ident: str, name: str, apn: str, pdp: int, auth: int, enabled: str) -> dict[str, Any]:
        secret = (
            {"username": APN_USERNAME, "password": APN_PASSWORD} if auth else {"username": "", "password": ""}
        )
        return {"profileId": ident, "profilename": name, "wanapn": apn, "pdpType": pdp,
                "pppAuthMode": auth, **secret, "isEnable": enabled}  # fmt: skip

    return [
        entry("1", "Telia Internet", "online.telia.se", 1, 0, "1"),
        entry("2", "Work VPN", "corp.example", 3, 2, "0"),
    ]


def to_int_or(value: Any, default: int) -> int:
    """An int argument as the router parses it (int or digits), else `default`."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return int(value) if isinstance(value, str) and value.strip().isdigit() else default


def _name(item: dict[str, Any]) -> str:
    params = item.get("params")
    if not isinstance(params, list) or len(params) != 4:
        return ""
    _, obj, method, args = params
    if obj == "uci" and isinstance(args, dict):
        return f"uci.{method}.{args.get('config')}"
    return f"{obj}.{method}"


def _self_signed() -> Any:
    from tests.secure_broker import self_signed_context

    return self_signed_context()


def with_switches(profile: str, **changes: Any) -> UbusSimProfile:
    """A profile with some switches changed (tests)."""
    return replace(UBUS_PROFILES[profile], **changes)
