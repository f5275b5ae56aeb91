"""The simulated modem's APN profiles and data-limit form (goform).

Modelled on /work/shared/docs/ubus-protocol.md §5.2 (APN_PROC_EX / APN_PROC, the `apn_`
prefixed family: id 70327057113; reconnecting around a change: ids 22993968255, 40714166498)
and §5.3 (DATA_LIMIT_SETTING is all-or-nothing: a partial payload is refused and changes
nothing; the PlayFaster roadmap, zwrt-datad notes id 71158851397; fields from the capture id
67046988050 and their flux_ twins id 55053262215). Profiles are serialized `($)`-joined:
name, APN, APN select, dial number, auth mode, user name, password, PDP type, PDP select,
PDP address, DNS mode, preferred DNS, standby DNS.

The profiles carry a distinctive user name and password (APN_USERNAME, APN_PASSWORD): tests
grep states, attributes, logs and diagnostics for them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .controls import SimControls

if TYPE_CHECKING:
    from .server import ModemSimulator

APN_USERNAME = "apn-user-Quokka42"
APN_PASSWORD = "Apn-Pa55-Zebra-7781"
APN_WRITES = frozenset({"APN_PROC", "APN_PROC_EX"})
LIMIT_FORM = (
    "data_volume_limit_switch",
    "data_volume_limit_unit",
    "data_volume_limit_size",
    "data_volume_alert_percent",
    "wan_auto_clear_flow_data_switch",
    "traffic_clear_date",
    "notify_deviceui_enable",
    "flux_data_volume_limit_switch",
    "flux_data_volume_limit_unit",
    "flux_data_volume_limit_size",
    "flux_data_volume_alert_percent",
    "flux_auto_clear_flow_data_switch",
    "flux_clear_date",
    "flux_notify_deviceui_enable",
)
ADMIN_WRITES = APN_WRITES | {"DATA_LIMIT_SETTING"}
_SIZE = re.compile(r"\d+(?:\.\d+)?_\d+")
SLOTS = 20


@dataclass(slots=True)
class SimApn:
    """One stored profile."""

    name: str
    apn: str
    pdp_type: str = "IP"
    auth: str = "none"
    username: str = ""
    password: str = ""

    def serialized(self) -> str:
        parts = (self.name, self.apn, "manual", "*99#", self.auth, self.username, self.password,
                 self.pdp_type, "auto", "", "auto", "", "")  # fmt: skip
        return "($)".join(parts)


def default_profiles() -> list[SimApn]:
    return [
        SimApn("Telia Internet", "online.telia.se"),
        SimApn("Work VPN", "corp.example", "IPv4v6", "chap", APN_USERNAME, APN_PASSWORD),
        SimApn("IPv6 only", "v6.example", "IPv6", "pap", APN_USERNAME, APN_PASSWORD),
    ]


class SimAdmin:
    """APN state and the data-limit form of one simulated modem; `interface` is the profile's
    `apn_interface`: "ex" (APN_PROC_EX), "proc" (APN_PROC only), "prefixed" (ex, `apn_` fields)
    or "" (no APN settings at all)."""

    def __init__(self, interface: str, controls: SimControls) -> None:
        self.interface = interface
        self.controls = controls
        self.profiles = default_profiles()
        self.mode = "manual"
        self.current = 0
        self.notify = "0"
        self.protocol_errors: list[str] = []
        self.limit_forms: list[dict[str, str]] = []  # every DATA_LIMIT_SETTING payload, as sent

    def field(self, key: str) -> str | None:
        """An APN or data-limit field, None for fields this module does not own."""
        if key in ("notify_deviceui_enable", "flux_notify_deviceui_enable"):
            flux = self.controls.profile.flux_plan
            return self.notify if key.startswith("flux_") == flux else ""
        match = re.fullmatch(r"(ipv6_)?APN_config(\d+)", key)
        if match:
            index = int(match.group(2))
            if not self.interface or index >= len(self.profiles):
                return ""
            return self.profiles[index].serialized()
        if not self.interface:
            return "" if key in _STATE_KEYS else None
        prefixed = self.interface == "prefixed"
        current = self.profiles[self.current].name if self.profiles else ""
        values = {
            "apn_mode": self.mode,
            "Current_index": "" if prefixed else str(self.current),
            "apn_Current_index": str(self.current) if prefixed else "",
            "m_profile_name": current,
            "profile_name_ui": current,
            "USE_IPV6_INTERFACE": "" if self.interface == "proc" else "1",
            "apn_interface_version": "" if self.interface == "proc" else "2",
        }
        return values.get(key)

    def write(self, goform_id: str, form: Mapping[str, str], modem: ModemSimulator) -> bool:
        if goform_id == "DATA_LIMIT_SETTING":
            return self._limit(form)
        # In the controls' list, so tests see the order of disconnect, APN change and reconnect.
        self.controls.writes.append((goform_id, dict(form)))
        wanted = "APN_PROC" if self.interface == "proc" else "APN_PROC_EX"
        if not self.interface or goform_id != wanted:
            return False
        if modem.field_value("ppp_status") == "ppp_connected":
            self.protocol_errors.append("APN changed while the data session was up")
        if form.get("apn_mode") == "auto":
            self.mode = "auto"
            return True
        prefix = "apn_" if self.interface == "prefixed" else ""
        if form.get("apn_mode") != "manual" or form.get("apn_action") != "set_default":
            self.protocol_errors.append(f"{goform_id} without apn_mode=manual&apn_action=set_default")
            return False
        index, pdp = form.get(f"{prefix}index", ""), form.get(f"{prefix}pdp_type", "")
        if form.get("set_default_flag") != "1" or not index.isdigit() or int(index) >= len(self.profiles):
            self.protocol_errors.append(f"{goform_id}: set_default_flag/{prefix}index")
            return False
        if pdp != self.profiles[int(index)].pdp_type:
            self.protocol_errors.append(f"{goform_id}: {prefix}pdp_type {pdp!r} is not the profile's")
            return False
        self.mode, self.current = "manual", int(index)
        return True

    def _limit(self, form: Mapping[str, str]) -> bool:
        self.limit_forms.append(dict(form))
        if any(key not in form for key in LIMIT_FORM):
            return False  # all or nothing: nothing changes
        plain = {key: form[key] for key in LIMIT_FORM[:7]}
        if any(form[f"flux_{key}"] != value for key, value in plain.items() if key.startswith("data_volume")):
            self.protocol_errors.append("DATA_LIMIT_SETTING: the flux_ twins differ")
        try:
            alert, day = int(plain["data_volume_alert_percent"]), int(plain["traffic_clear_date"])
        except ValueError:
            return False
        if (
            plain["data_volume_limit_switch"] not in ("0", "1")
            or plain["data_volume_limit_unit"] not in ("data", "time")
            or not _SIZE.fullmatch(plain["data_volume_limit_size"])
            or not 1 <= alert <= 100
            or not 1 <= day <= 31
            or plain["wan_auto_clear_flow_data_switch"] not in ("on", "off")
        ):
            return False
        self.controls.set_data_plan(
            enabled=plain["data_volume_limit_switch"] == "1",
            size=plain["data_volume_limit_size"],
            unit=plain["data_volume_limit_unit"],
            alert_percent=alert,
            reset_day=day,
            auto_clear=plain["wan_auto_clear_flow_data_switch"] == "on",
        )
        self.notify = plain["notify_deviceui_enable"]
        return True


_STATE_KEYS = frozenset(
    {"apn_mode", "Current_index", "apn_Current_index", "m_profile_name", "profile_name_ui",
     "USE_IPV6_INTERFACE", "apn_interface_version"}
)  # fmt: skip
