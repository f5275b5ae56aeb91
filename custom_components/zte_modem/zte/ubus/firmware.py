"""The router's firmware-update state on ubus, under goform's field names (goform/firmware.py reads them).

Two reads carry it (../shared/docs/ubus-protocol.md §2.4 "Firmware", §5.1): the uci config
`zwrt_zte_dm` section `dm_update` (its `values`: `new_version_state`, `dm_new_version`,
`dm_description`, `dm_pkg_total_size`, `dm_download_pkg_size`, ...) and the FOTA daemon's
`zwrt_fota_res.api.get_update_status {moduleName:"web"}` (`current_upgrade_state`, and on some
builds the version state too). Which build answers which is not settled, so both are asked and
merged, the daemon's live answer over the stored config. Firmware without them answers an error
status for either (3: method not found, or "Object not found"): that call adds nothing and the
poll goes on. Read with the settings' hourly schedule inside the poll's one POST, every minute
while the router downloads or installs. Nothing here starts a check, a download or an install.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..goform.firmware import FIRMWARE_FIELDS
from .fields import text
from .rpc import Call, Reply

DM_UPDATE = Call("uci", "get", {"config": "zwrt_zte_dm", "section": "dm_update"})
UPDATE_STATUS = Call("zwrt_fota_res.api", "get_update_status", {"moduleName": "web"})
FIRMWARE_CALLS = (DM_UPDATE, UPDATE_STATUS)


def firmware_view(answers: Mapping[str, Reply]) -> dict[str, str]:
    """The update fields both calls answered, under goform's names; {} when neither did."""
    stored = _data(answers, DM_UPDATE).get("values")
    live = _data(answers, UPDATE_STATUS)
    view: dict[str, str] = {}
    for source in (stored if isinstance(stored, dict) else {}, live):
        view |= {name: text(source[name]) for name in FIRMWARE_FIELDS if text(source.get(name))}
    return view


def _data(answers: Mapping[str, Reply], call: Call) -> dict[str, Any]:
    reply = answers.get(call.key)
    return reply.data if reply is not None and reply.ok else {}
