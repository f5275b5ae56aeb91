"""The ubus JSON-RPC exchange: one `POST /ubus/` carrying a batch of calls, as the router's web page sends it.

Every request is a JSON array of calls `{"jsonrpc": "2.0", "id": n, "method": "call",
"params": [session, object, method, args]}`; the answer is an array matched by `id`. A call
succeeds with `result: [0, {...}]` (some writes answer `[0]`); another first element is a
ubus status (2 invalid argument, 3 method not found, 6 permission denied, ...); an expired
or missing session is the JSON-RPC error -32002 "Access denied". Headers as the web page
sends them: `Z-Tag` (the method, or the config for `uci get`), `Z-Mode` ("1" on a write
while logged in), Referer and Origin (a G5TS over https answers 307 without a Referer). A
`webtoken` cookie that some builds rotate is replayed by hand: the caller's cookie jar may
ignore cookies of a host given as an IP address.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import aiohttp

from ..connection import ClientStats, ClientTiming, exchange
from ..exceptions import ZteConnectionError, ZteUnsupportedFirmwareError

PATH = "/ubus/"
NULL_SESSION = "0" * 32
ACCESS_DENIED = -32002
STATUS_OK = 0
COOKIE = "webtoken"


@dataclass(frozen=True, slots=True)
class Call:
    """One ubus call: object, method, arguments; `write` marks a change (Z-Mode 1)."""

    obj: str
    method: str
    # Arguments may hold a hashed password, a wrapped key or an SMS: never in a repr.
    args: Mapping[str, Any] = field(default_factory=dict, repr=False)
    write: bool = False

    @property
    def key(self) -> str:
        """A name for the call, to find its reply: object.method, and the config of `uci get`."""
        config = f".{self.args['config']}" if self.obj == "uci" and "config" in self.args else ""
        return f"{self.obj}.{self.method}{config}"

    @property
    def tag(self) -> str:
        """What the web page puts in Z-Tag: the config for `uci get`, else the method."""
        if self.obj == "uci":
            return str(self.args.get("config", self.method))
        return self.method


@dataclass(frozen=True, slots=True)
class Reply:
    """One call's answer: a ubus status and its data, or a JSON-RPC error code."""

    status: int | None
    # A reply may hold a session token, a salt or an SMS: never in a repr.
    data: dict[str, Any] = field(repr=False)
    error: int | None = None

    @property
    def ok(self) -> bool:
        """Status 0 and no error."""
        return self.error is None and self.status == STATUS_OK


class UbusHttp:
    """Batches of calls to one router's `/ubus/` endpoint over the caller's aiohttp session."""

    def __init__(
        self, host: str, *, session: aiohttp.ClientSession, timing: ClientTiming, stats: ClientStats
    ) -> None:
        self.host = host
        self._session = session
        self._timing = timing
        self.stats = stats
        self._cookie: str | None = None
        self._headers = {
            "Referer": f"{host}/",
            "Origin": host,
            "X-Requested-With": "XMLHttpRequest",
            "Content-Type": "application/json",
        }

    async def batch(self, session: str, calls: Sequence[Call]) -> list[Reply]:
        """One POST with every call; the replies in the order of `calls`."""
        body = [
            {
                "jsonrpc": "2.0",
                "id": index,
                "method": "call",
                "params": [session, c.obj, c.method, dict(c.args)],
            }
            for index, c in enumerate(calls, start=1)
        ]
        headers = dict(self._headers)
        headers["Z-Tag"] = calls[0].tag if calls else ""
        headers["Z-Mode"] = "1" if session != NULL_SESSION and any(c.write for c in calls) else "0"
        if self._cookie is not None:
            headers["Cookie"] = f"{COOKIE}={self._cookie}"
        status, text, cookie = await self._post(headers, json.dumps(body))
        if cookie is not None:
            self._cookie = cookie
        if 300 <= status < 400:
            raise ZteUnsupportedFirmwareError(f"redirected (HTTP {status})")
        if status >= 400:
            raise ZteConnectionError(f"{self.host} answered HTTP {status}")
        return decode_replies(text, len(calls))

    async def _post(self, headers: Mapping[str, str], body: str) -> tuple[int, str, str | None]:
        answer = await exchange(
            self._session,
            "POST",
            f"{self.host}{PATH}",
            timing=self._timing,
            stats=self.stats,
            params={"t": str(int(time.time() * 1000))},
            data=body,
            headers=headers,
        )
        cookie = answer.cookies.get(COOKIE)
        return answer.status, answer.text, cookie.strip('"') if cookie is not None else None


def decode_replies(text: str, count: int) -> list[Reply]:
    """The answer array, in call order; a clear error for HTML, garbage or a cut-off body."""
    body = text.strip()
    if not body.startswith("["):
        raise ZteUnsupportedFirmwareError("the answer is not a JSON-RPC array")
    try:
        decoded: Any = json.loads(body)
    except ValueError as err:
        raise ZteConnectionError("The router sent an incomplete or invalid JSON answer") from err
    items = [item for item in decoded if isinstance(item, dict)] if isinstance(decoded, list) else []
    by_id: dict[int, Reply] = {}
    for item in items:
        ident = item.get("id")
        if isinstance(ident, int) or (isinstance(ident, str) and ident.isdigit()):
            by_id[int(ident)] = _reply(item)
    if not by_id and len(items) == count:
        # No usable ids: the answer is in call order, as JSON-RPC batches come back here.
        return [_reply(item) for item in items]
    missing = Reply(status=None, data={})
    return [by_id.get(index, missing) for index in range(1, count + 1)]


def _reply(item: Mapping[str, Any]) -> Reply:
    error = item.get("error")
    if isinstance(error, dict):
        code = error.get("code")
        return Reply(status=None, data={}, error=code if isinstance(code, int) else 0)
    result = item.get("result")
    if not isinstance(result, list) or not result:
        return Reply(status=None, data={})
    status = result[0] if isinstance(result[0], int) else None
    data = result[1] if len(result) > 1 and isinstance(result[1], dict) else {}
    return Reply(status=status, data=data)
