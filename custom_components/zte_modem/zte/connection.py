"""How a client reaches a router: its address, TLS as routers offer it, timing, and the cost counter."""

from __future__ import annotations

import asyncio
import ssl
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

import aiohttp

from .exceptions import ZteConnectionError

DEFAULT_TIMEOUT = 10.0


def normalize_host(host: str) -> str:
    """'192.168.0.1', 'http://192.168.0.1/' -> 'http://192.168.0.1'."""
    text = host.strip().rstrip("/")
    if "://" not in text:
        text = f"http://{text}"
    return text


def modem_ssl_context() -> ssl.SSLContext:
    """TLS as the routers offer it: self-signed certificates, and on some MC7010/MC888
    builds weak parameters that OpenSSL's default security level refuses."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.set_ciphers("DEFAULT:@SECLEVEL=0")
    return context


def local_now() -> datetime:
    """The local time with its zone: stamped on sent SMS, the data-plan projection's now."""
    return datetime.now().astimezone()


@dataclass(slots=True)
class ClientStats:
    """What the client cost the modem, for benchmarks and diagnostics."""

    requests: int = 0
    reads: int = 0
    logins: int = 0
    failed_logins: int = 0
    writes: int = 0


@dataclass(slots=True, kw_only=True)
class ClientTiming:
    """How long a client waits, and how often it asks, while the router works on a command.

    Shared by reference with the transport: tests and scripts shorten the intervals on a live
    client (`client.timing.sms_poll_interval = 0.01`); `clock` gives the local time.
    """

    request_timeout: float = DEFAULT_TIMEOUT
    sms_poll_interval: float = 1.0  # the stock page asks for a command's status every second
    sms_send_timeout: float = 30.0
    sms_delete_timeout: float = 15.0
    control_poll_interval: float = 1.0
    # Band, cell and mode changes show in their fields at once on the builds seen; a little slack.
    readback_timeout: float = 10.0
    ussd_poll_interval: float = 1.0
    # The client lists join a poll at most this often (the "Tracking interval" option).
    client_list_interval: float = 60.0
    # Fast mode (antenna alignment): every poll is its one request, nothing more; the extra reads
    # that fall due meanwhile (settings, SMS storage, client lists, firmware state) wait until
    # this is False again and then join the next poll.
    quiet: bool = False
    # Seconds for schedules (the client lists); benchmarks and tests pass a clock they advance.
    monotonic: Callable[[], float] = field(default=time.monotonic)
    clock: Callable[[], datetime] = field(default=lambda: local_now())


@dataclass(frozen=True, slots=True)
class HttpAnswer:
    """What one exchange brought back; the caller judges the status."""

    status: int
    text: str = field(repr=False)
    location: str = ""
    cookies: Mapping[str, str] = field(default_factory=dict, repr=False)


async def exchange(
    session: aiohttp.ClientSession,
    method: str,
    url: str,
    *,
    timing: ClientTiming,
    stats: ClientStats,
    params: Mapping[str, str] | None = None,
    data: Mapping[str, str] | str | None = None,
    headers: Mapping[str, str] | None = None,
) -> HttpAnswer:
    """One request to a router, counted in `stats`; only a transport failure raises
    (ZteConnectionError, naming the host and the failure's kind, never its content)."""
    stats.requests += 1
    host = url.split("/", 3)[:3]
    where = "/".join(host)
    try:
        async with asyncio.timeout(timing.request_timeout):
            async with session.request(
                method,
                url,
                params=params,
                data=data,
                headers=headers,
                allow_redirects=False,
                ssl=modem_ssl_context() if url.startswith("https://") else True,
            ) as response:
                body = await response.read()
                return HttpAnswer(
                    status=response.status,
                    text=body.decode("utf-8", errors="replace"),
                    location=response.headers.get("Location", ""),
                    cookies={name: morsel.value for name, morsel in response.cookies.items()},
                )
    except TimeoutError as err:
        raise ZteConnectionError(f"Timed out after {timing.request_timeout:g} s talking to {where}") from err
    except aiohttp.ClientError as err:
        raise ZteConnectionError(f"Cannot talk to {where}: {type(err).__name__}") from err
