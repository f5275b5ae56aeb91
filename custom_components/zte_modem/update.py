"""The firmware update entity: what the router says about its firmware, read only.

It shows the installed version, the newest one the router knows of (with its description),
and the progress of a download or an installation started on the router's own web page. It
offers no install: a firmware write that goes wrong can leave a router that no longer boots
("bricked my router", core #97792), so that stays with the router's web page.
"""

from __future__ import annotations

from typing import Any

from homeassistant.components.update import (
    UpdateDeviceClass,
    UpdateEntity,
    UpdateEntityDescription,
    UpdateEntityFeature,
)
from homeassistant.const import EntityCategory, Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddConfigEntryEntitiesCallback

from .entity import ZteEntity, remove_not_offered
from .runtime import ZteConfigEntry
from .zte import Feature, FirmwareUpdate

PARALLEL_UPDATES = 0
SUMMARY_MAX = 255  # what HA keeps of a release summary

FIRMWARE = UpdateEntityDescription(
    key="firmware",
    translation_key="firmware",
    device_class=UpdateDeviceClass.FIRMWARE,
    entity_category=EntityCategory.CONFIG,
)


async def async_setup_entry(
    hass: HomeAssistant, entry: ZteConfigEntry, async_add_entities: AddConfigEntryEntitiesCallback
) -> None:
    """Add the firmware entity when the router reports its update state."""
    runtime = entry.runtime_data
    if runtime.capabilities.supports(Feature.FIRMWARE_UPDATE):
        async_add_entities([ZteFirmwareUpdate(runtime.coordinator, FIRMWARE)])
    else:
        remove_not_offered(hass, entry, Platform.UPDATE, [FIRMWARE.key])


class ZteFirmwareUpdate(ZteEntity, UpdateEntity):
    """Installed and latest firmware, and the router's own download or installation progress."""

    # Progress only: no INSTALL, no release-notes call (the summary is all the router gives).
    _attr_supported_features = UpdateEntityFeature.PROGRESS

    @property
    def _update(self) -> FirmwareUpdate | None:
        return self.coordinator.data.firmware_update

    @property
    def available(self) -> bool:
        """Unavailable while the last read had no update state (the router stopped reporting it)."""
        return super().available and self._update is not None

    @property
    def installed_version(self) -> str | None:
        """The firmware the router runs."""
        update = self._update
        return update.installed if update else None

    @property
    def latest_version(self) -> str | None:
        """The newest firmware the router knows of; the installed one when there is none newer."""
        update = self._update
        return update.latest if update else None

    @property
    def in_progress(self) -> bool:
        """The router is downloading or installing an update."""
        update = self._update
        return update.in_progress if update else False

    @property
    def update_percentage(self) -> int | None:
        """How much of the package the router has downloaded (None while it installs)."""
        update = self._update
        return update.progress if update else None

    @property
    def release_summary(self) -> str | None:
        """The router's description of the newer version, cut to what HA keeps."""
        update = self._update
        summary = update.release_summary if update else None
        return summary[:SUMMARY_MAX] if summary else None

    @property
    def extra_state_attributes(self) -> dict[str, Any] | None:
        """Where the update stands on the router (idle, downloading, downloaded, ...)."""
        update = self._update
        attributes = {**(super().extra_state_attributes or {})}
        if update is not None and update.stage is not None:
            attributes["stage"] = update.stage.value
        return attributes or None
