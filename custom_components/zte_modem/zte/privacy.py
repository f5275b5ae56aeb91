"""What never leaves this machine in a report: one list for the probe and the diagnostics."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

# Identities, addresses, secrets and session tokens: modem field names and catalogue keys.
PRIVATE_KEYS = frozenset(
    {
        "password",
        "username",
        "unique_id",
        "imei",
        "serial",
        "imsi",
        "sim_imsi",
        "ziccid",
        "sim_iccid",
        "msisdn",
        "mac_address",
        "wan_ipaddr",
        "ipv6_wan_ipaddr",
        "wan_ip",
        "wan_ipv6",
        "user_ip_addr",
        "cookie",
        "stok",
        "zwsd",
        "LD",
        "RD",
        "AD",
        # APN credentials (their stored profiles, goform/apn.py, never reach a snapshot either).
        "ppp_username",
        "ppp_passwd",
        "ipv6_ppp_username",
        "ipv6_ppp_passwd",
        *(f"{prefix}APN_config{index}" for prefix in ("", "ipv6_") for index in range(20)),
    }
)
REDACTED = "**REDACTED**"


def redact(data: Mapping[str, Any]) -> dict[str, Any]:
    """A copy with every private key's value replaced (one level: flat goform answers, metrics)."""
    return {
        key: REDACTED if key in PRIVATE_KEYS and value is not None else value for key, value in data.items()
    }
