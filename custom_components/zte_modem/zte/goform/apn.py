"""APN profiles on goform: what the router stores, and the command that picks one (no network here).

Facts (/work/shared/docs/ubus-protocol.md §5.2, ids 13320816493, 59031960721, 46222890313,
70327057113, 40714166498, 22993968255):

* Reads: `APN_config0..19` and `ipv6_APN_config0..19`, one stored profile each, its fields
  joined by `($)` in the stock pages' order: profile name, APN, APN select, dial number, auth
  mode, user name, password, PDP type, ... Only the name (0) and the PDP type (7) are kept
  here: the user name and password never leave `_fields`. `apn_mode` is `auto` or `manual`;
  the default profile's index is `Current_index` (`apn_Current_index` on the family that
  prefixes its APN fields with `apn_`, id 70327057113); `m_profile_name` / `profile_name_ui`
  name the profile in use.
* Writes: `APN_PROC_EX` when `USE_IPV6_INTERFACE` is set, else the older `APN_PROC`; `apn_mode=auto`,
  or `apn_mode=manual&apn_action=set_default&set_default_flag=1&pdp_type=<type>&index=<n>`.
  The `apn_` family's web page sends `apn_pdp_type` and (our model, not seen in a capture)
  `apn_index`.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..apn import ApnProfile, ApnState
from .parse import clean

PROFILE_SLOTS = 20
SEPARATOR = "($)"
_NAME, _PDP_TYPE = 0, 7
CONFIG_FIELDS = tuple(f"APN_config{index}" for index in range(PROFILE_SLOTS))
IPV6_CONFIG_FIELDS = tuple(f"ipv6_APN_config{index}" for index in range(PROFILE_SLOTS))
STATE_FIELDS = (
    "apn_mode",
    "Current_index",
    "apn_Current_index",
    "m_profile_name",
    "profile_name_ui",
    "USE_IPV6_INTERFACE",
    "apn_interface_version",
)
APN_FIELDS = (*CONFIG_FIELDS, *IPV6_CONFIG_FIELDS, *STATE_FIELDS)
# Fields whose values hold APN user names and passwords: never in a snapshot's raw answer.
SECRET_FIELDS = frozenset((*CONFIG_FIELDS, *IPV6_CONFIG_FIELDS))
PDP_TYPES = frozenset({"IP", "IPv6", "IPv4v6"})


def _fields(raw: str | None) -> list[str]:
    return [part.strip() for part in (raw or "").split(SEPARATOR)]


def _profile(index: int, values: Mapping[str, str]) -> ApnProfile | None:
    parts = _fields(values.get(CONFIG_FIELDS[index]))
    ipv6 = _fields(values.get(IPV6_CONFIG_FIELDS[index]))
    name = parts[_NAME] or ipv6[_NAME]
    if not name:
        return None
    pdp = next(
        (part[_PDP_TYPE] for part in (parts, ipv6) if len(part) > _PDP_TYPE and part[_PDP_TYPE] in PDP_TYPES),
        "IP",
    )
    return ApnProfile(handle=str(index), name=name, pdp_type=pdp)


def prefixed(values: Mapping[str, str]) -> bool:
    """The family that prefixes its APN fields with `apn_` (it reports `apn_Current_index` only)."""
    return clean(values.get("Current_index")) is None and clean(values.get("apn_Current_index")) is not None


def apn_state(values: Mapping[str, str]) -> ApnState | None:
    """The stored profiles and the router's choice; None when the router reports no APN settings."""
    profiles = tuple(
        profile for index in range(PROFILE_SLOTS) if (profile := _profile(index, values)) is not None
    )
    mode = (clean(values.get("apn_mode")) or "").lower()
    if not profiles and not mode:
        return None
    index = clean(values.get("Current_index")) or clean(values.get("apn_Current_index"))
    selected = index if index is not None and index.isdigit() else None
    if selected is None or all(profile.handle != selected for profile in profiles):
        shown = clean(values.get("m_profile_name")) or clean(values.get("profile_name_ui"))
        by_name = next((profile for profile in profiles if profile.name == shown), None)
        selected = by_name.handle if by_name is not None else selected
    return ApnState(automatic=mode == "auto", profiles=profiles, selected=selected)


def apn_command(values: Mapping[str, str], profile: ApnProfile | None) -> tuple[str, dict[str, str]]:
    """The goformId and form that make `profile` the default (None: automatic)."""
    goform_id = "APN_PROC_EX" if clean(values.get("USE_IPV6_INTERFACE")) in ("1", "true") else "APN_PROC"
    if profile is None:
        return goform_id, {"apn_mode": "auto"}
    prefix = "apn_" if prefixed(values) else ""
    return goform_id, {
        "apn_mode": "manual",
        "apn_action": "set_default",
        "set_default_flag": "1",
        f"{prefix}pdp_type": profile.pdp_type,
        f"{prefix}index": profile.handle,
    }


def apn_shown(state: ApnState | None, profile: ApnProfile | None) -> bool:
    """Whether a read-back shows the choice."""
    if state is None:
        return False
    if profile is None:
        return state.automatic
    return not state.automatic and state.selected == profile.handle
