"""Which API a router speaks: ubus (`POST /ubus/` answers a JSON-RPC array) or goform (anything else).

Asked once, at the first login of a client without a stored profile; the answer is stored
with the profile, so a restart asks nothing. A router that sends http to https (a G5 Ultra
serves https by default) is followed there once.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from enum import StrEnum

import aiohttp

from .connection import ClientStats, ClientTiming, exchange
from .exceptions import ZteConnectionError

REDIRECTS = frozenset({301, 302, 303, 307, 308})
NOT_IMPLEMENTED = 501  # what a web server without the path may answer a POST
# web_login_info under the null session: the web page's first call.
PROBE = [
    {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "call",
        "params": ["0" * 32, "zwrt_web", "web_login_info", {}],
    }
]


class Transport(StrEnum):
    """The API a router speaks."""

    GOFORM = "goform"
    UBUS = "ubus"


@dataclass(frozen=True, slots=True)
class Found:
    """The transport, and the address to use (https when the router sent us there)."""

    transport: Transport
    host: str


async def find_transport(
    host: str, *, session: aiohttp.ClientSession, timing: ClientTiming, stats: ClientStats
) -> Found:
    """Ask `POST /ubus/`: a JSON-RPC array means ubus; a 404, an HTML page or any other answer of
    a working web server means goform; a server error means ask again later."""
    for _ in range(2):
        status, location, body = await _probe(host, session=session, timing=timing, stats=stats)
        if status in REDIRECTS and location.startswith("https://") and host.startswith("http://"):
            host = "https://" + host.removeprefix("http://")
            continue
        if _is_jsonrpc_array(body):
            return Found(Transport.UBUS, host)
        if status >= 500 and status != NOT_IMPLEMENTED:
            # A router in trouble says nothing about its API: ask again later, store nothing.
            raise ZteConnectionError(f"{host} answered HTTP {status}")
        return Found(Transport.GOFORM, host)
    return Found(Transport.GOFORM, host)


def _is_jsonrpc_array(body: str) -> bool:
    try:
        decoded = json.loads(body)
    except ValueError:
        return False
    return (
        isinstance(decoded, list)
        and bool(decoded)
        and isinstance(decoded[0], dict)
        and decoded[0].get("jsonrpc") == "2.0"
        and ("result" in decoded[0] or "error" in decoded[0])
    )


async def _probe(
    host: str, *, session: aiohttp.ClientSession, timing: ClientTiming, stats: ClientStats
) -> tuple[int, str, str]:
    answer = await exchange(
        session,
        "POST",
        f"{host}/ubus/",
        timing=timing,
        stats=stats,
        params={"t": str(int(time.time() * 1000))},
        data=json.dumps(PROBE),
        headers={"Referer": f"{host}/", "Origin": host, "Content-Type": "application/json"},
    )
    return answer.status, answer.location, answer.text
