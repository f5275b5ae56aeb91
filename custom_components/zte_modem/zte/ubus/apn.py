"""APN profiles on ubus: the reads that join the poll and the calls that pick one (no network here).

Facts (/work/shared/docs/ubus-protocol.md §2.5 [F]): `zwrt_apn_object.get_apn_mode` answers
`apn_mode` (0 automatic, 1 manual: two tools write 0 for "auto"), `getManuApnList` answers
`apnListArray[{profileId, profilename, wanapn, pdpType, pppAuthMode, username, password}]`,
the profile in use marked `isEnable` (a U60 Pro tool reads it so). `set_apn_mode {apn_mode}`
switches the mode; `enable_manu_apn_id {profileId}` (a string) makes a profile the default.
Only the id, name and PDP type are kept: the user name and password never leave `apn_from`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..apn import ApnProfile, ApnState
from .fields import text
from .rpc import Call, Reply

APN_MODE = Call("zwrt_apn_object", "get_apn_mode")
MANUAL_LIST = Call("zwrt_apn_object", "getManuApnList")
APN_CALLS = (APN_MODE, MANUAL_LIST)
_PDP_TYPES = {"1": "IP", "2": "IPv6", "3": "IPv4v6", "ip": "IP", "ipv6": "IPv6", "ipv4v6": "IPv4v6"}


def apn_from(answers: Mapping[str, Reply]) -> ApnState | None:
    """The profiles and the router's choice; None when neither call was answered."""
    mode = _data(answers, APN_MODE)
    listed = _data(answers, MANUAL_LIST).get("apnListArray")
    if not mode and not isinstance(listed, list):
        return None
    profiles: list[ApnProfile] = []
    selected: str | None = None
    for entry in listed if isinstance(listed, list) else ():
        if not isinstance(entry, dict):
            continue
        handle, name = text(entry.get("profileId")), text(entry.get("profilename"))
        if not handle or not name:
            continue
        pdp = _PDP_TYPES.get(text(entry.get("pdpType")).lower(), "IP")
        profiles.append(ApnProfile(handle=handle, name=name, pdp_type=pdp))
        if text(entry.get("isEnable")) in ("1", "true"):
            selected = handle
    return ApnState(automatic=text(mode.get("apn_mode")) == "0", profiles=tuple(profiles), selected=selected)


def apn_calls(profile: ApnProfile | None) -> tuple[Call, ...]:
    """The writes that make `profile` the default (None: automatic)."""
    if profile is None:
        return (Call("zwrt_apn_object", "set_apn_mode", {"apn_mode": 0}, write=True),)
    return (
        Call("zwrt_apn_object", "set_apn_mode", {"apn_mode": 1}, write=True),
        Call("zwrt_apn_object", "enable_manu_apn_id", {"profileId": profile.handle}, write=True),
    )


def _data(answers: Mapping[str, Reply], call: Call) -> dict[str, Any]:
    reply = answers.get(call.key)
    return reply.data if reply is not None and reply.ok else {}
