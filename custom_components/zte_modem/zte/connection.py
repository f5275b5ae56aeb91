"""How a client reaches a router: its address, TLS as routers offer it, timing, and the cost counter."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

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
    clock: Callable[[], datetime] = field(default=lambda: local_now())
