"""The probe command: "does it work with my router?" in one run.

    scripts/probe --host http://192.168.0.1 [--json]        (no Home Assistant needed)
    python -m custom_components.zte_modem.zte probe --host …  (inside an HA environment)

Prints the detected family, model, firmware and every metric. It never prints
the password, the IMEI, cookies or tokens, so the output can go into a bug report.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import json
import os
import sys
from typing import Any, TextIO

import aiohttp

from .catalogue import METRICS
from .client import ZteClient
from .connection import ClientTiming
from .exceptions import (
    ZteAuthenticationError,
    ZteBusyError,
    ZteConnectionError,
    ZteError,
    ZteLockedError,
    ZteUnsupportedFirmwareError,
)
from .privacy import redact

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_WRONG_PASSWORD = 2
EXIT_LOCKED = 3
EXIT_CANNOT_CONNECT = 4
EXIT_UNSUPPORTED = 5
EXIT_BUSY = 6


def build_parser() -> argparse.ArgumentParser:
    """Command line of the probe."""
    parser = argparse.ArgumentParser(prog="python -m custom_components.zte_modem.zte")
    commands = parser.add_subparsers(dest="command", required=True)
    probe = commands.add_parser("probe", help="detect the login scheme and print every metric")
    probe.add_argument("--host", default="http://192.168.0.1", help="router address (default %(default)s)")
    probe.add_argument("--password", help="admin password (else $ZTE_PASSWORD, else a prompt)")
    probe.add_argument("--username", help="only for firmware with user accounts")
    probe.add_argument("--json", action="store_true", help="print one JSON object")
    probe.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    return parser


async def run_probe(args: argparse.Namespace, out: TextIO, password: str) -> int:
    """Log in, read once, log out; print the result. Returns the exit code."""
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
        client = ZteClient(
            args.host,
            password,
            session=session,
            username=args.username,
            timing=ClientTiming(request_timeout=args.timeout),
        )
        try:
            await client.login()
            snapshot = await client.read()
        except ZteError as err:
            return _report_error(err, out, as_json=args.json)
        # A failed logout does not matter: the session times out on its own.
        with contextlib.suppress(ZteError):
            await client.logout()
    result: dict[str, Any] = {
        "transport": client.transport_name,
        **_login_report(client),
        "model": snapshot.device.model,
        "firmware": snapshot.device.firmware,
        "config_version": snapshot.device.config_version,
        "hardware_version": snapshot.device.hardware_version,
        # The same redaction as the diagnostics download: the output goes into public issues.
        "metrics": redact(snapshot.values),
    }
    if args.json:
        out.write(json.dumps(result, indent=2) + "\n")
        return EXIT_OK
    out.write(f"API:       {result['transport']}\n")
    if result["family"] is not None:
        out.write(f"Family:    {result['family']}\n")
    out.write(f"Model:     {result['model'] or 'unknown'}\n")
    out.write(f"Firmware:  {result['firmware'] or 'unknown'}\n")
    login = result["login"]
    out.write("Login:     " + ", ".join(f"{key} {value}" for key, value in login.items()) + "\n")
    detection = result["detection"]
    out.write(f"Detection: {'confident' if detection['confident'] else 'NOT confident'}\n")
    for line in detection["evidence"]:
        out.write(f"  - {line}\n")
    out.write("\n")
    width = max(len(metric.key) for metric in METRICS)
    for metric in METRICS:
        value = result["metrics"][metric.key]
        shown = "-" if value is None else f"{value}{' ' + metric.unit if metric.unit else ''}"
        out.write(f"{metric.key:<{width}}  {shown}\n")
    return EXIT_OK


def _login_report(client: ZteClient) -> dict[str, Any]:
    """How the login went: goform's detected scheme, or ubus's fixed one (never a salt or token)."""
    profile = client.profile
    if profile is None:
        return {
            "family": None,
            "login": {"password": "sha256(sha256 + salt), as the web page", "session": "ubus_rpc_session"},
            "detection": {"confident": True, "evidence": ["POST /ubus/ answered a JSON-RPC array"]},
        }
    return {
        "family": profile.family.value,
        "login": {
            "password_encoding": profile.password_encoding.value,
            "ad_digest": profile.ad_digest.value,
            "login_form": profile.login_form.value,
            "multi_user": profile.multi_user,
            "lte_pci_format": profile.pci_format.value if profile.pci_format else None,
        },
        "detection": _detection_report(client),
    }


def _detection_report(client: ZteClient) -> dict[str, Any]:
    """Which file and construct decided each part of the scheme; only file names and code shapes."""
    detection = client.detection
    if detection is None:  # pragma: no cover - a fresh client always detects
        return {"confident": True, "evidence": ["stored profile"]}
    return {
        "confident": detection.confident,
        "password_confident": detection.password_confident,
        "ad_confident": detection.ad_confident,
        "form_confident": detection.form_confident,
        "evidence": list(detection.evidence),
    }


def _report_error(err: ZteError, out: TextIO, *, as_json: bool) -> int:
    if isinstance(err, ZteAuthenticationError):
        code, kind = EXIT_WRONG_PASSWORD, "wrong_password"
    elif isinstance(err, ZteLockedError):
        code, kind = EXIT_LOCKED, "locked"
    elif isinstance(err, ZteUnsupportedFirmwareError):
        code, kind = EXIT_UNSUPPORTED, "unsupported_firmware"
    elif isinstance(err, ZteConnectionError):
        code, kind = EXIT_CANNOT_CONNECT, "cannot_connect"
    elif isinstance(err, ZteBusyError):
        code, kind = EXIT_BUSY, "busy"
    else:
        code, kind = EXIT_ERROR, "error"
    if as_json:
        out.write(json.dumps({"error": kind, "message": str(err)}) + "\n")
    else:
        out.write(f"Error ({kind}): {err}\n")
    return code


def main(argv: list[str] | None = None) -> int:
    """Entry point of `python -m custom_components.zte_modem.zte`."""
    args = build_parser().parse_args(argv)
    password = args.password or os.environ.get("ZTE_PASSWORD")
    if password is None:
        password = getpass.getpass("Router admin password: ")
    return asyncio.run(run_probe(args, sys.stdout, password))
