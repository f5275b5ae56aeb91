"""What the router says about a firmware update, from goform's fields (ubus answers under the same names).

Facts (../shared/docs/ubus-protocol.md §5.1, from the G5TS web page's JS and rosenrot's tests):
`new_version_state` is `1`, `version_has_new_critical_software` or
`version_has_new_optional_software` when a newer version is known (`0`, `version_idle`,
`version_no_new_software`, `version_checking`, `version_checking_failed`, ... otherwise);
`current_upgrade_state` says whether the router downloads (`downloading`,
`upgrade_pack_redownload`) or installs (`upgrading`) one; `dm_new_version` names it (or holds
`version_number_abnormal`: no update), `dm_description` describes it, and
`dm_download_pkg_size` / `dm_pkg_total_size` give the download's progress. The installed
version is `wa_inner_version`. Read only: nothing here asks the router to check, download or
install (core #97792: "bricked my router").
"""

from __future__ import annotations

from collections.abc import Mapping

from ..values import FirmwareStage, FirmwareUpdate
from .parse import clean, to_int

STATE_FIELDS = ("new_version_state", "current_upgrade_state")
FIRMWARE_FIELDS: tuple[str, ...] = (
    *STATE_FIELDS,
    "dm_new_version",
    "dm_description",
    "dm_pkg_total_size",
    "dm_download_pkg_size",
)
NEW_VERSION = frozenset({"1", "version_has_new_critical_software", "version_has_new_optional_software"})
NOT_A_VERSION = "version_number_abnormal"
STAGES = {
    "fota_idle": FirmwareStage.IDLE,
    "idle": FirmwareStage.IDLE,
    "downloading": FirmwareStage.DOWNLOADING,
    "upgrade_pack_redownload": FirmwareStage.DOWNLOADING,
    "download_completed": FirmwareStage.DOWNLOADED,
    "download_failed": FirmwareStage.DOWNLOAD_FAILED,
    "verify_failed": FirmwareStage.VERIFY_FAILED,
    "upgrade_pack_error": FirmwareStage.VERIFY_FAILED,
    "upgrading": FirmwareStage.INSTALLING,
}
# Stages in which the router holds (or fetches) the new version: it is the latest one.
HOLDS_NEW = frozenset({FirmwareStage.DOWNLOADING, FirmwareStage.DOWNLOADED, FirmwareStage.INSTALLING})


def reports_updates(raw: Mapping[str, str]) -> bool:
    """The router answered the update state fields at all (firmware without them leaves them blank)."""
    return any(clean(raw.get(name)) for name in STATE_FIELDS)


def firmware_update(raw: Mapping[str, str]) -> FirmwareUpdate | None:
    """The update state; None when the router does not report one."""
    if not reports_updates(raw):
        return None
    installed = clean(raw.get("wa_inner_version"))
    state = (clean(raw.get("current_upgrade_state")) or "").lower()
    stage = STAGES.get(state)
    known = (clean(raw.get("new_version_state")) or "").lower() in NEW_VERSION or stage in HOLDS_NEW
    offered = clean(raw.get("dm_new_version"))
    newer = offered if known and offered and offered.lower() != NOT_A_VERSION else None
    latest = newer or installed
    return FirmwareUpdate(
        installed=installed,
        latest=latest,
        stage=stage,
        progress=_progress(raw) if stage is FirmwareStage.DOWNLOADING else None,
        release_summary=clean(raw.get("dm_description")) if latest != installed else None,
    )


def _progress(raw: Mapping[str, str]) -> int | None:
    """Downloaded share in percent (0-100), when both sizes are known."""
    done, total = to_int(raw.get("dm_download_pkg_size")), to_int(raw.get("dm_pkg_total_size"))
    if done is None or total is None or total <= 0 or done < 0:
        return None
    return min(100, done * 100 // total)
