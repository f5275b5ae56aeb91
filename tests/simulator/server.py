"""A faithful goform modem on a real HTTP socket, steerable while it runs."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import math
import random
import secrets
import ssl
import subprocess
import tempfile
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from aiohttp import web

from .admin import ADMIN_WRITES, SimAdmin
from .clients import SimClients, household
from .controls import CONTROL_WRITES, SimControls
from .firmware import FOTA_KEYS, SimFirmware, next_build
from .profiles import PROFILES, SimProfile, web_ui_files
from .scenarios import SCENARIOS, default_scenario, identity_fields
from .sms import MEM_DEVICE, ORDER_BY_RAW, ROUTER_ZONE, SmsStore
from .sms_crypto import SimSmsCrypto

CONTROL_PREFIX = "/__sim__"
MAX_LOGIN_COUNT = 5
PRELOGIN_READABLE = frozenset(
    {
        "loginfo",
        "Language",
        "wa_inner_version",
        "cr_version",
        "LD",
        "RD",
        "modem_main_state",
        "pin_status",
        "psw_fail_num_str",
        "login_lock_time",
        "puknumber",
        "pinnumber",
        "opms_wan_mode",
        "network_provider",
        "user",
        # Real builds answer these without a session (docs/detection.md, "Is the session still ours?").
        "imei",
        "model_name",
    }
)
# Scenarios in which the build's value quirks (wrong band field, PCell band 0, ...) show.
QUIRK_SCENARIOS = frozenset({"lte", "lte_ca", "nsa"})
NR_ALIASES = {"Z5g_rsrp": ("nr5g_rsrp", "5g_rsrp"), "Z5g_SINR": ("nr5g_sinr", "Z5g_snr")}
OEM_LOGIN_RESULTS = frozenset({"5", "6", "7", "8", "failure"})
AD_EXEMPT = frozenset({"LOGIN", "SET_WEB_LANGUAGE"})
FAULT_KINDS = frozenset({"timeout", "reset", "html", "truncated", "garbage", "empty"})
HTML_PAGE = (
    "<html><head><title>Document Moved</title></head><body><h2>Document Moved</h2>"
    'This document has moved to <a href="/pub/login.html">/pub/login.html</a></body></html>'
)
MONTHLY_BASE = {"monthly_rx_bytes": 52_000_000_000, "monthly_tx_bytes": 4_100_000_000}
SMS_COUNTER_KEYS = frozenset(
    {"sms_received_flag", "sts_received_flag", "sms_unread_num", "sms_dev_unread_num", "sms_sim_unread_num"}
)
# Single-command GETs answered from the SMS store (without multi_data, as the stock page asks).
SMS_TABLES = frozenset({"sms_data_total", "sms_capacity_info", "sms_cmd_status_info"})
SMS_WRITES = frozenset({"SEND_SMS", "DELETE_SMS", "SET_MSG_READ"})
# Client lists (clients.py): asked alone and without multi_data by the stock page.
CLIENT_TABLES = frozenset({"station_list", "lan_station_list"})
# The lock writes a build with the developer login refuses before DEVELOPER_OPTION_LOGIN.
DEVELOPER_GATED = frozenset(
    {"BAND_SELECT", "WAN_PERFORM_NR5G_BAND_LOCK", "LTE_LOCK_CELL_SET", "NR5G_LOCK_CELL_SET"}
)
# USSD keys the stock page asks alone and without multi_data (an MF935 answers them blank with it).
USSD_KEYS = frozenset({"ussd_write_flag", "ussd_data_info"})


def self_signed_context() -> ssl.SSLContext:
    """A server context with a throw-away self-signed certificate, like the routers' own."""
    with tempfile.TemporaryDirectory() as folder:
        cert, key = f"{folder}/cert.pem", f"{folder}/key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=ufi.ztedevice.com",
             "-days", "2", "-keyout", key, "-out", cert],
            check=True,
            capture_output=True,
        )  # fmt: skip
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert, key)
    return context


class FakeClock:
    """A monotonic clock that tests move by hand."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass(slots=True)
class SimStats:
    """What the modem saw; tests and benchmarks assert load with it."""

    requests: int = 0
    reads: int = 0
    logins: int = 0
    failed_logins: int = 0
    writes: int = 0
    reboots: int = 0
    in_flight: int = 0
    max_concurrency: int = 0

    def reset(self) -> None:
        for name in ("requests", "reads", "logins", "failed_logins", "writes", "reboots", "max_concurrency"):
            setattr(self, name, 0)


def _sha256_upper(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest().upper()


def _md5_lower(text: str) -> str:
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


class ModemSimulator:
    """One simulated modem. Start it with ``await sim.start()``."""

    def __init__(
        self,
        profile: str | SimProfile = "mc801a",
        password: str = "admin",
        *,
        username: str = "admin",
        scenario: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        latency: tuple[float, float] = (0.0, 0.0),
        idle_timeout: float = 300.0,
        lock_seconds: int = 300,
        reboot_seconds: float = 3.0,
        boot_blank_seconds: float = 2.0,
        locked_result: str = "1",
        reject_with_2: bool = False,
        require_referer: bool = True,
        loginfo_lies: bool = False,
    ) -> None:
        self.profile = PROFILES[profile] if isinstance(profile, str) else profile
        self.password = password
        self.username = username
        self.clock = clock
        self.latency = latency
        self.idle_timeout = idle_timeout
        self.lock_seconds = lock_seconds
        self.reboot_seconds = reboot_seconds
        self.boot_blank_seconds = boot_blank_seconds
        self.locked_result = locked_result
        self.reject_with_2 = reject_with_2
        self.require_referer = require_referer
        # loginfo answers "ok" whenever anybody holds a session, even to a client without one
        # (one MC888 report, outside multi_data; here in every read, to prove the witnesses).
        self.loginfo_lies = loginfo_lies
        # An OEM login result to answer instead of checking the password (5, 6, 7, 8, failure).
        self.login_result: str | None = None
        self.web_ui = web_ui_files(self.profile)
        self.ad_failures = 0
        self.sms = SmsStore(
            nv_total=self.profile.sms_nv_total,
            encrypted=self.profile.sms_encrypted,
            clock=lambda: datetime.now(ROUTER_ZONE),
        )
        # An SMS-encrypting build's key pair (synthetic, made now) and its session key.
        self.sms_crypto = SimSmsCrypto() if self.profile.sms_encrypted else None
        if self.sms_crypto is not None:
            self.sms.seal = self.sms_crypto.seal
        # Every SEND_SMS POST that reached the router, answered or refused (a resend shows here).
        self.send_posts = 0
        self.certificate_reads = 0
        # The session in which DEVELOPER_OPTION_LOGIN succeeded (profiles with developer_login).
        self._developer_session: str | None = None
        self.developer_logins = 0
        self.developer_posts = 0  # every DEVELOPER_OPTION_LOGIN POST, on any profile
        # The operator's welcome message, unread: the scenarios' one unread SMS.
        self.sms.inject("Telia", "Welcome to Telia! Your SIM card is ready.")
        self.sms.received_flag = False
        self.stats = SimStats()
        # Router controls: data session, mode, locks, USSD, data plan (tests steer modem.controls).
        self.controls = SimControls(self.profile, clock)
        # Connected clients (tests steer modem.clients: join, leave, shape, failures).
        self.clients: SimClients = household(wifi=self.profile.has_wifi)
        self.clients.shape = self.profile.station_shape
        self.clients.table_strict = self.profile.table_strict
        # APN profiles and the data-limit form (admin.py).
        self.admin = SimAdmin(self.profile.apn_interface, self.controls)
        # The router's own firmware-update state (tests steer modem.firmware.set_state); None: a
        # build without the fields (they answer blank).
        self.firmware: SimFirmware | None = (
            SimFirmware(
                new_version=next_build(self.profile.wa_inner_version), numeric=self.profile.fota == "numeric"
            )
            if self.profile.fota != "none"
            else None
        )
        self._fota: dict[str, str] = {}
        self.scenario = scenario or default_scenario(self.profile)
        self.values: dict[str, str] = {}
        self.set_scenario(self.scenario)
        self._session: str | None = None
        self._session_seen = 0.0
        self._ld: str | None = None
        self._rd = secrets.token_hex(16)
        self._attempts_left = MAX_LOGIN_COUNT
        self._lock_until: float | None = None
        self._boot_at = clock() - 3600
        self._connected_at = clock() - 1800
        self._down = False
        self._down_task: asyncio.Task[None] | None = None
        self._fault: str | None = None
        self._fault_remaining: int | None = None
        self.hang_seconds = 60.0
        self._runner: web.AppRunner | None = None
        self._ssl_context: ssl.SSLContext | None = None
        self._site: web.TCPSite | None = None
        self.host = "127.0.0.1"
        self.port = 0
        self.app = self._build_app()

    # -- lifecycle --------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL the client should use."""
        scheme = "https" if self._ssl_context is not None else "http"
        return f"{scheme}://{self.host}:{self.port}"

    async def start(
        self, host: str = "127.0.0.1", port: int = 0, ssl_context: ssl.SSLContext | None = None
    ) -> str:
        """Listen on host:port (0 picks a free port); returns the base URL (https with a context)."""
        self.host = host
        self._ssl_context = ssl_context
        self._runner = web.AppRunner(self.app, access_log=None, handle_signals=False)
        await self._runner.setup()
        await self._listen(port)
        return self.url

    async def _listen(self, port: int) -> None:
        assert self._runner is not None
        self._site = web.TCPSite(
            self._runner, self.host, port, reuse_address=True, ssl_context=self._ssl_context
        )
        await self._site.start()
        server = self._site._server
        assert server is not None
        sockets = getattr(server, "sockets", None) or []
        self.port = sockets[0].getsockname()[1] if sockets else port

    async def stop(self) -> None:
        """Close the socket and every connection."""
        if self._down_task is not None:
            self._down_task.cancel()
            self._down_task = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- steering (in-process; the control endpoint calls the same) -------

    def set_scenario(self, name: str) -> None:
        """Switch the radio situation (lte, lte_ca, nsa, sa, no_service, no_sim)."""
        data = dict(SCENARIOS[name])
        if not self.profile.has_5g:
            for key in (
                "Z5g_rsrp",
                "Z5g_rsrq",
                "Z5g_SINR",
                "nr5g_action_band",
                "nr5g_pci",
                "nr5g_cell_id",
                "nr5g_action_channel",
            ):
                data[key] = ""
        if self.profile.pci_decimal and data.get("lte_pci"):
            # MF-series firmware writes the PCI in decimal; 205 read as hex would be 517.
            data["lte_pci"] = "205"
            # ...and the neighbours' PCIs too.
            data["ngbr_cell_info"] = _decimal_neighbour_pcis(data.get("ngbr_cell_info", ""))
        if self.profile.nr_aliases:
            for source, aliases in NR_ALIASES.items():
                for alias in aliases:
                    data[alias] = data.get(source, "")
                data[source] = ""
        if name in QUIRK_SCENARIOS:
            data.update(self.profile.quirks)
        self.scenario = name
        self.values = {**identity_fields(self.profile), **data}
        # The band locks hold whatever the radio situation: cells move onto allowed bands.
        self.controls.apply_locks(self)

    def set_values(self, values: Mapping[str, str]) -> None:
        """Override single fields, e.g. push lte_rsrp down."""
        self.values.update({key: str(value) for key, value in values.items()})

    def set_password(self, password: str) -> None:
        """Change the admin password (the session stays, like on a real router)."""
        self.password = password

    def expire_sessions(self) -> None:
        """Drop every session, as idle expiry would."""
        self._session = None

    def web_ui_login(self) -> None:
        """Someone logs into the web page and takes the single session (and registers its own SMS key)."""
        self._session = secrets.token_hex(self.profile.cookie_length // 2).upper()
        self._session_seen = self.clock()
        if self.sms_crypto is not None:
            self.sms_crypto.aes_key = secrets.token_bytes(32)

    def inject_fault(self, kind: str | None, count: int | None = None) -> None:
        """Answer the next `count` goform requests (all when None) with a fault."""
        if kind is not None and kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {kind!r}")
        self._fault = kind
        self._fault_remaining = count

    def take_down(self, seconds: float) -> None:
        """Refuse every connection for `seconds` (real time), then come back."""
        self._down = True
        if self._down_task is not None:
            self._down_task.cancel()
        self._down_task = asyncio.get_running_loop().create_task(self._come_back(seconds))

    async def _come_back(self, seconds: float) -> None:
        if self._site is not None:
            await self._site.stop()
            self._site = None
        await asyncio.sleep(seconds)
        if self._runner is not None:
            await self._listen(self.port)
        self._down = False
        self._down_task = None

    def reboot(self) -> None:
        """What REBOOT_DEVICE does: down for a while, then a fresh boot."""
        self.stats.reboots += 1
        self._session = None
        self._boot_at = self.clock() + self.reboot_seconds
        self._connected_at = self._boot_at
        self.take_down(self.reboot_seconds)

    def snapshot_state(self) -> dict[str, Any]:
        """Counters and state for the control endpoint and benchmarks."""
        return {
            "profile": self.profile.name,
            "family": self.profile.family,
            "scenario": self.scenario,
            "logged_in": self._session is not None,
            # Test-only: lets end-to-end tests check that no session cookie reaches a log.
            "session": self._session,
            "attempts_left": self._attempts_left_now(),
            "ad_failures": self.ad_failures,
            "send_posts": self.send_posts,
            "developer_logins": self.developer_logins,
            **asdict(self.stats),
            **self.sms.snapshot(),
            "control_protocol_errors": list(self.controls.protocol_errors),
            "apn_mode": self.admin.mode,
            "apn_current": self.admin.current,
            "admin_protocol_errors": list(self.admin.protocol_errors),
            "data_limit_forms": len(self.admin.limit_forms),
        }

    def inject_sms(
        self,
        number: str,
        text: str,
        *,
        parts: int = 1,
        arrived: int | None = None,
        when: datetime | None = None,
        mem: int = MEM_DEVICE,
    ) -> int | None:
        """An SMS arrives (`arrived` of `parts` so far); its id, or None when the memory is full."""
        return self.sms.inject(number, text, parts=parts, arrived=arrived, when=when, mem=mem)

    # -- HTTP -------------------------------------------------------------

    def _build_app(self) -> web.Application:
        app = web.Application(middlewares=[self._middleware])
        app.router.add_get("/", self._index)
        app.router.add_get("/index.html", self._index)
        app.router.add_get("/js/{path:.*}", self._static_js)
        app.router.add_get("/goform/goform_get_cmd_process", self._get_cmd)
        app.router.add_post("/goform/goform_set_cmd_process", self._set_cmd)
        app.router.add_get("/goform/goform_set_cmd_process", self._set_cmd)
        app.router.add_get(CONTROL_PREFIX + "/stats", self._control_stats)
        app.router.add_post(CONTROL_PREFIX + "/control", self._control)
        return app

    @web.middleware
    async def _middleware(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        if request.path.startswith(CONTROL_PREFIX):
            return await handler(request)
        self.stats.requests += 1
        self.stats.in_flight += 1
        self.stats.max_concurrency = max(self.stats.max_concurrency, self.stats.in_flight)
        try:
            if self._down:
                return self._abort(request)
            low, high = self.latency
            if high > 0:
                await asyncio.sleep(random.uniform(low, high))
            if self._fault is not None and request.path.startswith("/goform/"):
                fault = self._fault
                if self._fault_remaining is not None:
                    self._fault_remaining -= 1
                    if self._fault_remaining <= 0:
                        self._fault = None
                if fault == "timeout":
                    await asyncio.sleep(self.hang_seconds)
                elif fault == "reset":
                    return self._abort(request)
                elif fault == "html":
                    return web.Response(text=HTML_PAGE, content_type="text/html")
                elif fault == "garbage":
                    return self._goform_text("\x00\xffnot json at all")
                elif fault == "truncated":
                    response = await handler(request)
                    body = getattr(response, "text", None) or "{}"
                    return self._goform_text(body[: max(1, len(body) // 2)])
                elif fault == "empty":
                    response = await handler(request)
                    body = json.loads(getattr(response, "text", None) or "{}")
                    return self._goform_text(json.dumps(dict.fromkeys(body, "")))
            return await handler(request)
        finally:
            self.stats.in_flight -= 1

    @staticmethod
    def _abort(request: web.Request) -> web.StreamResponse:
        if request.transport is not None:
            request.transport.abort()
        # Nothing reaches the client: the connection is already gone.
        return web.Response(status=500)

    @staticmethod
    def _goform_text(text: str) -> web.Response:
        return web.Response(
            text=text,
            content_type="text/html",
            headers={
                "Server": "WebServer-Webs",
                "Cache-Control": "no-store",
                "X-Frame-Options": "sameorigin",
            },
        )

    def _goform(self, data: Mapping[str, Any] | list[Any], cookie: str | None = None) -> web.Response:
        response = self._goform_text(json.dumps(data))
        if cookie is not None:
            response.headers["Set-Cookie"] = f'{self.profile.cookie_name}="{cookie}";path=/;HttpOnly'
        return response

    async def _index(self, request: web.Request) -> web.Response:
        return web.Response(
            text=f"<html><head><title>{self.profile.model}</title></head>"
            "<body>ZTE goform web UI</body></html>",
            content_type="text/html",
        )

    async def _static_js(self, request: web.Request) -> web.Response:
        text = self.web_ui.get("js/" + request.match_info["path"])
        if text is None:
            raise web.HTTPNotFound
        return web.Response(text=text, content_type="application/javascript")

    def _referer_ok(self, request: web.Request) -> bool:
        if not self.require_referer:
            return True
        referer = request.headers.get("Referer", "")
        return referer.startswith(f"http://{request.host}/") or referer.startswith(f"https://{request.host}/")

    def _session_valid(self, request: web.Request) -> bool:
        if self._session is None:
            return False
        if self.clock() - self._session_seen > self.idle_timeout:
            self._session = None
            return False
        cookie = request.cookies.get(self.profile.cookie_name, "").strip('"')
        if cookie != self._session:
            return False
        self._session_seen = self.clock()
        return True

    def _attempts_left_now(self) -> int:
        if self._lock_until is not None and self.clock() >= self._lock_until:
            self._lock_until = None
            self._attempts_left = MAX_LOGIN_COUNT
        return self._attempts_left

    def _field(self, key: str, logged_in: bool, *, multi_data: bool = True) -> str:
        now = self.clock()
        booting = now - self._boot_at < self.boot_blank_seconds
        if key == "loginfo":
            if (self.loginfo_lies or not multi_data) and self._session is not None:
                return "ok"
            return "ok" if logged_in else ""
        if key == "user_ip_addr":
            return "192.168.0.23" if logged_in and self.profile.user_ip_witness else ""
        if key == "LD":
            if self.profile.sha256_flag != 2:
                return ""
            self._ld = secrets.token_hex(32).upper()
            return self._ld
        if key == "RD":
            return "" if self.profile.ad_digest == "none" else self._rd
        if key == "psw_fail_num_str":
            return str(self._attempts_left_now())
        if key == "login_lock_time":
            self._attempts_left_now()
            if self._lock_until is None:
                return str(self.lock_seconds)
            return str(math.ceil(self._lock_until - now))
        if key == "wa_inner_version":
            return "" if booting else self.profile.wa_inner_version
        if key == "cr_version":
            return self.profile.cr_version
        if key == "user":
            return self.username if self._session else ""
        if key == "developer_option_loginfo":
            developer = (
                logged_in and self.profile.developer_login and self._developer_session == self._session
            )
            return "ok" if developer else ""
        if key not in PRELOGIN_READABLE and not logged_in:
            return ""
        return self._dynamic(key, now)

    def field_value(self, key: str) -> str:
        """A field as a logged-in GET would answer it now."""
        return self._dynamic(key, self.clock())

    def _dynamic(self, key: str, now: float) -> str:
        admin = self.admin.field(key)
        if admin is not None:
            return admin
        if key in self._fota:
            return self._fota[key]
        control = self.controls.field(key, lambda name: self._dynamic(name, now))
        if control is not None:
            return control
        connected_for = max(0.0, now - self._connected_at)
        rate = {"rx": self._int("realtime_rx_thrpt"), "tx": self._int("realtime_tx_thrpt")}
        if key in ("realtime_rx_bytes", "realtime_tx_bytes"):
            return str(int(rate[key[9:11]] * connected_for))
        if key == "realtime_time":
            return str(int(connected_for))
        if key in MONTHLY_BASE:
            direction = "rx" if "rx" in key else "tx"
            return str(MONTHLY_BASE[key] + int(rate[direction] * max(0.0, now - self._boot_at + 3600)))
        if key in SMS_COUNTER_KEYS and not self.profile.has_sms:
            return ""
        if key in SMS_COUNTER_KEYS:
            # No SIM, no SMS: the scenario blanks the counters; otherwise the store decides.
            return "" if self.values.get("sms_unread_num") == "" else self.sms.counters()[key]
        return self.values.get(key, "")

    def _int(self, key: str) -> int:
        try:
            return int(self.values.get(key, "0") or 0)
        except ValueError:
            return 0

    async def _get_cmd(self, request: web.Request) -> web.Response:
        self.stats.reads += 1
        keys = [key for key in request.query.get("cmd", "").split(",") if key]
        if not self._referer_ok(request):
            return self._goform(dict.fromkeys(keys, ""))
        logged_in = self._session_valid(request)
        multi_data = request.query.get("multi_data") == "1"
        # One read of the update state per GET that asks for it (a download grows per read).
        asks_fota = self.firmware is not None and logged_in and not FOTA_KEYS.isdisjoint(keys)
        self._fota = self.firmware.fields() if self.firmware is not None and asks_fota else {}
        if len(keys) == 1 and keys[0] in USSD_KEYS:
            return self._goform(self._ussd_read(keys[0], logged_in=logged_in, multi_data=multi_data))
        if any(key in CLIENT_TABLES for key in keys):
            return self._goform(self._client_tables(keys, logged_in=logged_in, multi_data=multi_data))
        if keys == ["web_crt_get"]:
            self.certificate_reads += 1
        if keys == ["web_crt_get"] and self.sms_crypto is not None:
            return self._goform({"result": self.sms_crypto.pem if logged_in else ""})
        if len(keys) == 1 and keys[0] in SMS_TABLES:
            return self._goform(self._sms_table(request, keys[0], logged_in=logged_in, multi_data=multi_data))
        return self._goform({key: self._field(key, logged_in, multi_data=multi_data) for key in keys})

    def _client_tables(self, keys: list[str], *, logged_in: bool, multi_data: bool) -> Any:
        if len(keys) == 1:
            return self.clients.goform_table(keys[0], logged_in=logged_in, alone=not multi_data)
        answer: dict[str, Any] = {}
        for key in keys:
            if key in CLIENT_TABLES:
                table = self.clients.goform_table(key, logged_in=logged_in, alone=False)
                answer[key] = table.get(key, "") if isinstance(table, dict) else table
            else:
                answer[key] = self._field(key, logged_in, multi_data=multi_data)
        return answer

    def _ussd_read(self, key: str, *, logged_in: bool, multi_data: bool) -> dict[str, Any]:
        if not logged_in:
            return {key: ""}
        if multi_data:
            self.controls.protocol_errors.append(f"{key} asked with multi_data=1")
            return {key: ""}
        if key == "ussd_data_info":
            return self.controls.ussd_data()
        return {key: self.controls.field(key, lambda name: "") or ""}

    def _sms_table(
        self, request: web.Request, key: str, *, logged_in: bool, multi_data: bool
    ) -> dict[str, Any]:
        if not logged_in or not self.profile.has_sms:
            # What real builds answer without a session, or for a command they do not know: the
            # command name, blank.
            return {key: ""}
        if multi_data:
            self.sms.protocol_errors.append(f"{key} asked with multi_data=1")
            if key == "sms_data_total":
                return {"messages": []}
        if key == "sms_capacity_info":
            return self.sms.capacity()
        if key == "sms_cmd_status_info":
            command = request.query.get("sms_cmd", "")
            return {"sms_cmd": command, "sms_cmd_status_result": self.sms.status_of(command)}
        # The order must arrive as the stock page's jQuery writes it: spaces as '+', not %2B or %20.
        if ORDER_BY_RAW not in request.rel_url.raw_query_string.split("&"):
            self.sms.protocol_errors.append("order_by not sent as order+by+id+desc")
            return {"messages": []}
        try:
            mem = int(request.query["mem_store"])
            tags = int(request.query["tags"])
            page = int(request.query["page"])
            per_page = int(request.query["data_per_page"])
        except (KeyError, ValueError):
            self.sms.protocol_errors.append("sms_data_total without page/data_per_page/mem_store/tags")
            return {"messages": []}
        return {"messages": self.sms.rows(mem=mem, tags=tags, page=page, per_page=per_page)}

    def _expected_password(self) -> str | None:
        b64 = base64.b64encode(self.password.encode()).decode()
        flag = self.profile.sha256_flag
        if flag == 2:
            if self._ld is None:
                return None
            return _sha256_upper(_sha256_upper(self.password) + self._ld)
        if flag == 1:
            return _sha256_upper(b64)
        return b64 if self.profile.password_encode else self.password

    def _expected_ad(self) -> str:
        digest = _sha256_upper if self.profile.ad_digest == "sha256" else _md5_lower
        return digest(digest(self.profile.wa_inner_version + self.profile.cr_version) + self._rd)

    async def _set_cmd(self, request: web.Request) -> web.Response:
        form: Mapping[str, str]
        if request.method == "POST":
            posted = await request.post()
            form = {key: str(value) for key, value in posted.items()}
        else:
            form = dict(request.query)
        goform_id = form.get("goformId", "")
        if goform_id in ("LOGIN", "LOGIN_MULTI_USER"):
            return self._login(request, form, goform_id)
        self.stats.writes += 1
        if goform_id == "DEVELOPER_OPTION_LOGIN":
            self.developer_posts += 1
        if not self._referer_ok(request):
            return self._goform({"result": "failure"})
        if goform_id != "SET_WEB_LANGUAGE" and not self._session_valid(request):
            return self._goform({"result": "failure"})
        if self.profile.ad_digest != "none" and goform_id not in AD_EXEMPT:
            if form.get("AD") != self._expected_ad():
                self.ad_failures += 1
                return self._goform({"result": "failure"})
            self._rd = secrets.token_hex(16)
        if goform_id == "LOGOUT":
            self._session = None
        elif goform_id == "REBOOT_DEVICE":
            asyncio.get_running_loop().call_soon(self.reboot)
        elif goform_id == "SEND_SMS":
            return self._send_sms(form)
        elif goform_id in SMS_WRITES:
            return self._goform({"result": "success" if self._sms_write(goform_id, form) else "failure"})
        elif goform_id in ADMIN_WRITES:
            return self._goform(
                {"result": "success" if self.admin.write(goform_id, form, self) else "failure"}
            )
        elif goform_id == "web_http_enstr_set" and self.sms_crypto is not None:
            accepted = self.sms_crypto.accept(form.get("web_enstr", ""))
            return self._goform({"result": "success" if accepted else "failure"})
        elif goform_id == "DEVELOPER_OPTION_LOGIN" and self.profile.developer_login:
            return self._developer_login(form)
        elif (
            goform_id in DEVELOPER_GATED
            and self.profile.developer_login
            and (self._developer_session != self._session)
        ):
            self.controls.writes.append((goform_id, dict(form)))
            return self._goform({"result": "failure"})
        elif goform_id in CONTROL_WRITES:
            return self._goform(
                {"result": "success" if self.controls.write(goform_id, form, self) else "failure"}
            )
        elif goform_id != "SET_WEB_LANGUAGE":
            return self._goform({"result": "failure"})
        return self._goform({"result": "success"})

    def _send_sms(self, form: Mapping[str, str]) -> web.Response:
        self.send_posts += 1
        accepted = self._sms_write("SEND_SMS", form)
        if accepted and self.sms.answer_after_send == "http500":
            return web.Response(status=500, text="Internal Server Error")
        if accepted and self.sms.answer_after_send == "failure":
            return self._goform({"result": "failure"})
        return self._goform({"result": "success" if accepted else "failure"})

    def _developer_login(self, form: Mapping[str, str]) -> web.Response:
        """DEVELOPER_OPTION_LOGIN (§4.2): the LOGIN hash over a fresh LD, inside the admin session."""
        expected = None if self._ld is None else _sha256_upper(_sha256_upper(self.password) + self._ld)
        self._ld = None
        if expected is None or not secrets.compare_digest(form.get("password", ""), expected):
            return self._goform({"result": "1"})
        self.developer_logins += 1
        self._developer_session = self._session
        return self._goform({"result": "0"})

    def _sms_write(self, goform_id: str, form: Mapping[str, str]) -> bool:
        if goform_id == "SEND_SMS":
            if self.sms_crypto is None:
                return self.sms.send(form)
            # Encrypting firmware takes only fields sealed with the session key; plain is refused.
            number, body = (
                self.sms_crypto.open(form.get("Number", "")),
                self.sms_crypto.open(form.get("MessageBody", "")),
            )
            if number is None or body is None:
                return False
            return self.sms.send({**form, "Number": number, "MessageBody": body})
        if goform_id == "DELETE_SMS":
            if form.get("notCallback") != "true":
                self.sms.protocol_errors.append("DELETE_SMS without notCallback=true")
            return self.sms.delete(form.get("msg_id", ""))
        return self.sms.mark_read(form.get("msg_id", ""), form.get("tag", ""))

    def _login(self, request: web.Request, form: Mapping[str, str], goform_id: str) -> web.Response:
        self.stats.logins += 1
        if not self._referer_ok(request):
            self.stats.failed_logins += 1
            return self._goform({"result": "failure"})
        if self._attempts_left_now() == 0:
            self.stats.failed_logins += 1
            return self._goform({"result": self.locked_result})
        if self.login_result is not None:
            self.stats.failed_logins += 1
            return self._goform({"result": self.login_result})
        expected = self._expected_password()
        self._ld = None  # LOGIN consumes the nonce
        valid = expected is not None and secrets.compare_digest(form.get("password", ""), expected)
        if self.profile.multi_user and goform_id != "LOGIN_MULTI_USER":
            # The build's web page never sends plain LOGIN; treat it as a failed attempt.
            valid = False
        if goform_id == "LOGIN_MULTI_USER":
            valid = valid and form.get("user") == self.username
            if self.profile.ad_digest != "none" and form.get("AD") != self._expected_ad():
                self.stats.failed_logins += 1
                return self._goform({"result": "failure"})
        if not valid:
            self.stats.failed_logins += 1
            self._attempts_left -= 1
            if self._attempts_left <= 0:
                self._attempts_left = 0
                self._lock_until = self.clock() + self.lock_seconds
            return self._goform({"result": "3"})
        if self.reject_with_2 and self._session is not None and not self._session_valid(request):
            self.stats.failed_logins += 1
            return self._goform({"result": "2"})
        self._attempts_left = MAX_LOGIN_COUNT
        self._session = secrets.token_hex(self.profile.cookie_length // 2).upper()
        self._session_seen = self.clock()
        if self.sms_crypto is not None:
            self.sms_crypto.aes_key = None  # a new session starts without an SMS key
        return self._goform({"result": "0"}, cookie=self._session)

    # -- control endpoint (the real modem has none) -----------------------

    async def _control_stats(self, request: web.Request) -> web.Response:
        return web.json_response(self.snapshot_state())

    async def _control(self, request: web.Request) -> web.Response:
        try:
            command = await request.json()
            action = command["action"]
            if action == "scenario":
                self.set_scenario(command["name"])
            elif action == "set":
                self.set_values(command["values"])
            elif action == "password":
                self.set_password(command["password"])
            elif action == "expire_session":
                self.expire_sessions()
            elif action == "web_ui_login":
                self.web_ui_login()
            elif action == "down":
                self.take_down(float(command["seconds"]))
            elif action == "fault":
                self.inject_fault(command.get("kind"), command.get("count"))
            elif action == "login_result":
                result = command.get("result")
                if result is not None and result not in OEM_LOGIN_RESULTS:
                    raise ValueError(result)
                self.login_result = result
            elif action == "reset_stats":
                self.stats.reset()
            elif action == "sms_inject":
                when = command.get("time")
                self.inject_sms(
                    command["number"],
                    command["text"],
                    parts=int(command.get("parts", 1)),
                    arrived=command.get("arrived"),
                    when=datetime.fromisoformat(when) if when else None,
                    mem=int(command.get("mem", MEM_DEVICE)),
                )
            elif action == "sms_part":
                self.sms.deliver_part(int(command["id"]))
            elif action == "sms_fail_next":
                self.sms.fail_sends = int(command.get("count", 1))
            elif action == "sms_refuse_next":
                self.sms.refuse_sends = int(command.get("count", 1))
            elif action == "sms_answer_after_send":
                self.sms.answer_after_send = command.get("answer")
            elif action == "sms_hang":
                self.sms.hang_sends = bool(command.get("on", True))
            elif action == "sms_fill":
                self.sms.fill(int(command.get("mem", MEM_DEVICE)))
            elif action == "refuse_writes":
                self.controls.refuse = set(command.get("goform_ids", []))
            elif action == "ignore_writes":
                self.controls.ignore = set(command.get("goform_ids", []))
            elif action == "controls":
                self.controls.values.update({key: str(value) for key, value in command["values"].items()})
            elif action == "data_plan":
                self.controls.set_data_plan(**command.get("plan", {}))
            elif action == "client_join":
                self.clients.join(
                    command["mac"],
                    command.get("hostname", ""),
                    command.get("ip", ""),
                    command.get("interface", "wifi_2.4"),
                )
            elif action == "client_leave":
                self.clients.leave(command["mac"])
            elif action == "client_lists_fail":
                self.clients.fail_lists = int(command.get("count", 1))
            elif action == "connect_seconds":
                self.controls.connect_seconds = float(command["seconds"])
            elif action == "firmware":
                if self.firmware is None:
                    raise ValueError("this profile has no firmware-update fields")
                self.firmware.set_state(command["state"])
            else:
                raise KeyError(action)
        except (KeyError, ValueError, TypeError) as err:
            return web.json_response({"error": f"bad command: {err}"}, status=400)
        return web.json_response(self.snapshot_state())


def _decimal_neighbour_pcis(rows: str) -> str:
    """`ngbr_cell_info` with each row's PCI (second column) written in decimal."""
    out = []
    for row in rows.split(";"):
        parts = row.split(",")
        if len(parts) >= 2 and parts[1]:
            parts[1] = str(int(parts[1], 16))
        if row:
            out.append(",".join(parts))
    return "".join(f"{row};" for row in out)
