"""Is the answer from a logged-in session? `loginfo` alone is not enough on every build.

An MC888 has been seen answering `loginfo=ok` without a session (asked outside
`multi_data`), so two more witnesses are read in the same request:
- `user_ip_addr`, empty without a session on MC888, MC7010 and MF79U; it only counts
  on a build that has been seen filling it, since others never do;
- every field that needs a session blank while fields readable without one
  (`wa_inner_version`, `imei`, `model_name`) still answer.
"""

from __future__ import annotations

from collections.abc import Mapping

from .parse import clean

# Fields some build or other answers without a session (the login page reads them first);
# they say nothing about the session. Everything else read in a poll needs one.
READABLE_WITHOUT_SESSION = frozenset(
    {
        "loginfo",
        "user_ip_addr",
        "user",
        "Language",
        "wa_inner_version",
        "cr_version",
        "hardware_version",
        "web_version",
        "imei",
        "model_name",
        "mac_address",
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
        "network_provider_fullname",
        "network_type",
        "sub_network_type",
        "signalbar",
    }
)
IDENTITY_WITNESSES = ("wa_inner_version", "imei", "model_name")
# Read with (or, for single-command reads, right after) an answer to decide whether the session
# holds: loginfo, the address witness, the identity witnesses, and a field a session always fills.
SESSION_FIELDS = ("loginfo", "user_ip_addr", *IDENTITY_WITNESSES, "ppp_status")


def session_lost(raw: Mapping[str, str], *, ip_witness: bool) -> bool:
    """True when the answer shows no session; `ip_witness` when the build fills user_ip_addr."""
    if raw.get("loginfo") != "ok":
        return True
    if ip_witness and "user_ip_addr" in raw and not clean(raw.get("user_ip_addr")):
        return True
    protected = [key for key in raw if key not in READABLE_WITHOUT_SESSION]
    if not protected or not any(clean(raw.get(key)) for key in IDENTITY_WITNESSES):
        return False
    # Fields that legitimately read "" or "0" (no SIM, no traffic) still come back non-blank
    # in a session: ppp_status and the traffic counters always hold a value.
    return not any(raw.get(key, "").strip() for key in protected)
