"""A router's own firmware-update (FOTA) state, as goform fields and as the ubus reads carry it.

Field names and values from ../shared/docs/ubus-protocol.md §5.1 (the G5TS web page's JS [F],
the ZTE WebUI simulator id 33364059138, rosenrot's tests): `new_version_state` as words
(`version_idle`, `version_has_new_optional_software`, ...) or, on builds like the WebUI
simulator's, as `0`/`1`; `current_upgrade_state` (`fota_idle`, `downloading`,
`download_completed`, `download_failed`, `upgrading`); `dm_new_version`, `dm_description`,
`dm_pkg_total_size`, `dm_download_pkg_size`. Version strings and descriptions are our own
placeholders of the recorded `BD_...V1.0.0Bnn` shape.

Tests steer it with `set_state`: "idle" (no newer version), "available" (a newer one, with a
description), "downloading" (the downloaded size grows by `step` bytes at every read),
"completed" (downloaded, not installed), "installing", "failed" (download failed) and
"abnormal" (`dm_new_version` holds `version_number_abnormal`).
"""

from __future__ import annotations

from dataclasses import dataclass

NEW_VERSION = "BD_NEWV1.0.0B99"  # placeholder; a profile's own next build replaces it
DESCRIPTION = "Improves 5G stability and fixes security issues."
TOTAL_SIZE = 80 * 1024 * 1024
FOTA_KEYS = frozenset(
    {"new_version_state", "current_upgrade_state", "dm_new_version", "dm_description",
     "dm_pkg_total_size", "dm_download_pkg_size", "is_mandatory"}
)  # fmt: skip
STATES = ("idle", "available", "downloading", "completed", "installing", "failed", "abnormal")
# state -> (new_version_state as words, as a number, current_upgrade_state)
_SHAPES = {
    "idle": ("version_idle", "0", "fota_idle"),
    "available": ("version_has_new_optional_software", "1", "fota_idle"),
    "downloading": ("version_has_new_optional_software", "1", "downloading"),
    "completed": ("version_has_new_optional_software", "1", "download_completed"),
    "installing": ("version_has_new_critical_software", "1", "upgrading"),
    "failed": ("version_has_new_optional_software", "1", "download_failed"),
    "abnormal": ("version_number_abnormal", "0", "fota_idle"),
}


def next_build(version: str) -> str:
    """The build after `version` (BD_...B15 -> BD_...B16): the placeholder newer firmware."""
    head, sep, tail = version.split(" ")[0].rpartition("B")
    return f"{head}B{int(tail) + 1:02d}" if sep and tail.isdigit() else NEW_VERSION


@dataclass(slots=True)
class SimFirmware:
    """One router's FOTA state; `numeric` writes `new_version_state` as 0/1."""

    new_version: str = NEW_VERSION
    numeric: bool = False
    state: str = "idle"
    description: str = DESCRIPTION
    total: int = TOTAL_SIZE
    downloaded: int = 0
    step: int = TOTAL_SIZE // 4
    reads: int = 0

    def set_state(self, state: str, *, downloaded: int | None = None, step: int | None = None) -> None:
        """Move to one of STATES; a download starts at `downloaded` bytes (0) and grows by `step`."""
        if state not in STATES:
            raise ValueError(f"unknown firmware state {state!r}")
        self.state = state
        if state == "downloading":
            self.downloaded = downloaded or 0
        elif state in ("completed", "installing"):
            self.downloaded = self.total
        else:
            self.downloaded = 0
        if step is not None:
            self.step = step

    def fields(self, *, advance: bool = True) -> dict[str, str]:
        """The fields as one read answers them; a running download has grown since the last read
        (`advance`: this is that read; a second call in the same batch passes False)."""
        words, number, upgrade = _SHAPES[self.state]
        if advance:
            self.reads += 1
            if self.state == "downloading":
                self.downloaded = min(self.total, self.downloaded + self.step)
        newer = self.state not in ("idle", "abnormal")
        version = (
            self.new_version if newer else ("version_number_abnormal" if self.state == "abnormal" else "")
        )
        return {
            "new_version_state": number if self.numeric else words,
            "current_upgrade_state": upgrade,
            "dm_new_version": version,
            "dm_description": self.description if newer else "",
            "dm_pkg_total_size": str(self.total) if newer else "0",
            "dm_download_pkg_size": str(self.downloaded),
            "is_mandatory": "0",
        }
