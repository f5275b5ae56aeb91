"""Diagnostics download, with every identity and secret redacted."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_PASSWORD, CONF_USERNAME
from homeassistant.core import HomeAssistant

from .runtime import ZteConfigEntry
from .zte import PRIVATE_KEYS, ModemSnapshot

# The same list as the probe's (zte/privacy.py), plus the entry's own field names.
TO_REDACT = {*PRIVATE_KEYS, CONF_PASSWORD, CONF_USERNAME}


async def async_get_config_entry_diagnostics(hass: HomeAssistant, entry: ZteConfigEntry) -> dict[str, Any]:
    """Entry, detected family, raw fields and parsed values."""
    runtime = entry.runtime_data
    client = runtime.client
    snapshot = runtime.coordinator.data
    return {
        "entry": async_redact_data(
            {
                "title": entry.title,
                "unique_id": entry.unique_id,
                "data": dict(entry.data),
                "options": dict(entry.options),
            },
            TO_REDACT,
        ),
        # Transport, family, which web-UI file and construct decided the login scheme (file names
        # and code shapes only) and request counts.
        **client.diagnostics(),
        "capabilities": {
            "features": sorted(runtime.capabilities.features),
            "evidence": list(runtime.capabilities.evidence),
        },
        "coordinator": runtime.coordinator.diagnostics(),
        "mqtt_bridge": runtime.bridge.stats,
        "sms": runtime.coordinator.inbox.diagnostics(),
        # How many, where and whether complete: never a client's MAC, host name or address.
        "clients": _clients(runtime.coordinator.data, len(runtime.coordinator.presence.clients)),
        "device": async_redact_data(asdict(snapshot.device), TO_REDACT) if snapshot else None,
        "raw": async_redact_data(dict(snapshot.raw), TO_REDACT) if snapshot else None,
        "values": async_redact_data(dict(snapshot.values), TO_REDACT) if snapshot else None,
    }


def _clients(snapshot: ModemSnapshot | None, known: int) -> dict[str, Any] | None:
    lists = snapshot.clients if snapshot is not None else None
    if lists is None:
        return None
    by_interface: dict[str, int] = {}
    for client in lists.clients:
        by_interface[client.interface.value] = by_interface.get(client.interface.value, 0) + 1
    return {"count": lists.count, "complete": lists.complete, "by_interface": by_interface, "known": known}
