"""Diagnostics: useful for a bug report, with every identity and secret redacted."""

from __future__ import annotations

import json

from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import get_diagnostics_for_config_entry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

from tests.integration.conftest import PASSWORD
from tests.simulator import ModemSimulator


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    modem: ModemSimulator,
    init_integration: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    """Family, raw fields and values are there; password, IMEI, MAC and WAN IPs are not."""
    diagnostics = await get_diagnostics_for_config_entry(hass, hass_client, init_integration)

    assert diagnostics["family"] == "C"
    assert diagnostics["raw"]["lte_rsrp"] == "-95"
    assert diagnostics["values"]["lte_pci"] == 500
    text = json.dumps(diagnostics)
    for secret in (
        PASSWORD,
        modem.values["imei"],
        modem.values["mac_address"],
        modem.values["wan_ipaddr"],
        modem.values["ipv6_wan_ipaddr"],
        modem._session or "no-session",
    ):
        assert secret not in text
    diagnostics["entry"]["data"]["host"] = "http://127.0.0.1:<port>"
    assert diagnostics == snapshot
