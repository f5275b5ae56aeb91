"""Connected devices: the count sensor, opt-in trackers, the grace period, failed and partial reads,
new devices without a reload, a restart that assumes nobody home, and no client identity leaked."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_HOME, STATE_NOT_HOME
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr
from homeassistant.helpers import entity_registry as er
from pytest_homeassistant_custom_component.common import MockConfigEntry

from custom_components.zte_modem.const import CONF_CONSIDER_HOME, CONF_TRACK_DEVICES, CONF_TRACKING_INTERVAL
from custom_components.zte_modem.diagnostics import async_get_config_entry_diagnostics
from tests.integration.conftest import async_poll, setup_modem_entry
from tests.simulator import ModemSimulator

PHONE = "device_tracker.pixel_8"
GUEST = "device_tracker.guest_tablet"
NAS = "device_tracker.nas"
COUNT = "sensor.zte_mc801a_connected_devices"
# Lists at every poll; away after two minutes missing from complete lists.
TRACKING = {CONF_TRACK_DEVICES: True, CONF_CONSIDER_HOME: 120, CONF_TRACKING_INTERVAL: 0}


@pytest.fixture
def known_devices(hass: HomeAssistant) -> None:
    """The phone, the tablet, the NAS and a laptop are devices Home Assistant knows already (say
    from another integration): HA enables their trackers and attaches them to those devices."""
    other = MockConfigEntry(domain="other")
    other.add_to_hass(hass)
    registry = dr.async_get(hass)
    for mac in ("A4:C3:F0:11:22:33", "3C:22:FB:44:55:66", "00:11:32:77:88:99", "02:00:00:00:00:2A"):
        registry.async_get_or_create(
            config_entry_id=other.entry_id, connections={(dr.CONNECTION_NETWORK_MAC, mac.lower())}
        )


def state(hass: HomeAssistant, entity_id: str) -> str:
    found = hass.states.get(entity_id)
    assert found is not None, entity_id
    return found.state


async def poll_after(
    hass: HomeAssistant, entry: MockConfigEntry, freezer: FrozenDateTimeFactory, s: int
) -> None:
    freezer.tick(timedelta(seconds=s))
    await async_poll(hass, entry)


async def test_count_without_tracking(hass: HomeAssistant, modem: ModemSimulator) -> None:
    """Off by default: no trackers, but the count sensor, which follows the lists."""
    entry = await setup_modem_entry(hass, modem, {CONF_TRACKING_INTERVAL: 0})
    assert state(hass, COUNT) == "3"
    assert hass.states.async_entity_ids("device_tracker") == []
    modem.clients.join("02:00:00:00:00:01", "laptop", "192.168.0.120", "wifi_2.4")
    await async_poll(hass, entry)
    assert state(hass, COUNT) == "4"


@pytest.mark.usefixtures("known_devices")
async def test_trackers_home_and_their_attributes(hass: HomeAssistant, modem: ModemSimulator) -> None:
    entry = await setup_modem_entry(hass, modem, TRACKING)
    assert {state(hass, entity) for entity in (PHONE, GUEST, NAS)} == {STATE_HOME}
    phone = hass.states.get(PHONE)
    assert phone is not None
    assert phone.attributes["interface"] == "wifi_5"
    assert phone.attributes["ip"] == "192.168.0.101"
    assert phone.attributes["mac"] == "A4:C3:F0:11:22:33"
    assert phone.attributes["last_seen"]
    assert hass.states.get(GUEST).attributes["interface"] == "guest"  # type: ignore[union-attr]
    assert hass.states.get(NAS).attributes["interface"] == "lan"  # type: ignore[union-attr]
    registry = er.async_get(hass)
    unique = registry.async_get(PHONE)
    assert unique is not None
    assert unique.unique_id == f"{entry.unique_id}_client_a4c3f0112233"


async def test_trackers_follow_home_assistants_default_rules(
    hass: HomeAssistant, modem: ModemSimulator
) -> None:
    """A MAC no known device has: its tracker is created disabled (HA's own rule); a known one
    is enabled and attached to that device."""
    other = MockConfigEntry(domain="other")
    other.add_to_hass(hass)
    dr.async_get(hass).async_get_or_create(
        config_entry_id=other.entry_id, connections={(dr.CONNECTION_NETWORK_MAC, "00:11:32:77:88:99")}
    )
    await setup_modem_entry(hass, modem, TRACKING)
    registry = er.async_get(hass)
    phone = registry.async_get(PHONE)
    assert phone is not None
    assert phone.disabled_by is er.RegistryEntryDisabler.INTEGRATION
    nas = registry.async_get(NAS)
    assert nas is not None
    assert nas.disabled_by is None
    # Attached to the known device (HA before 2026.10) or to a device of its own that carries the
    # same MAC, which HA merges with the known one (2026.10+): either way, by the MAC.
    attached = dr.async_get(hass).async_get(nas.device_id or "")
    assert attached is not None
    assert (dr.CONNECTION_NETWORK_MAC, "00:11:32:77:88:99") in attached.connections
    assert state(hass, NAS) == STATE_HOME


@pytest.mark.usefixtures("known_devices")
async def test_leaving_needs_the_grace_period_and_survives_failures(
    hass: HomeAssistant, modem: ModemSimulator, freezer: FrozenDateTimeFactory
) -> None:
    """The phone leaves: home through a failed poll and a partial list, away only after two
    minutes of complete lists without it."""
    entry = await setup_modem_entry(hass, modem, TRACKING)
    modem.clients.leave("A4:C3:F0:11:22:33")
    await poll_after(hass, entry, freezer, 30)  # absence starts
    await poll_after(hass, entry, freezer, 60)
    assert state(hass, PHONE) == STATE_HOME
    modem.inject_fault("html", count=1)
    await poll_after(hass, entry, freezer, 60)  # failed: the absence so far does not count
    assert not entry.runtime_data.coordinator.last_update_success
    assert state(hass, PHONE) == STATE_HOME
    await poll_after(hass, entry, freezer, 30)  # absence starts again
    modem.clients.fail_lan = 1
    await poll_after(hass, entry, freezer, 100)  # partial list: says nothing about who left
    assert state(hass, PHONE) == STATE_HOME
    await poll_after(hass, entry, freezer, 30)  # 130 s after the restart of the absence
    assert state(hass, PHONE) == STATE_NOT_HOME
    assert state(hass, NAS) == STATE_HOME
    modem.clients.join("A4:C3:F0:11:22:33", "pixel-8", "192.168.0.101", "wifi_5")
    await poll_after(hass, entry, freezer, 30)
    assert state(hass, PHONE) == STATE_HOME


@pytest.mark.usefixtures("known_devices")
async def test_a_partial_list_never_sends_anybody_away(
    hass: HomeAssistant, modem: ModemSimulator, freezer: FrozenDateTimeFactory
) -> None:
    """The LAN list fails for ten minutes: the wired NAS, not in any list, stays home."""
    entry = await setup_modem_entry(hass, modem, TRACKING)
    modem.clients.fail_lan = 100
    for _ in range(20):
        await poll_after(hass, entry, freezer, 30)
    assert state(hass, NAS) == STATE_HOME


@pytest.mark.usefixtures("known_devices")
async def test_new_device_gets_a_tracker_without_reload(hass: HomeAssistant, modem: ModemSimulator) -> None:
    entry = await setup_modem_entry(hass, modem, TRACKING)
    modem.clients.join("02:00:00:00:00:2A", "", "192.168.0.142", "wifi_2.4")
    await async_poll(hass, entry)
    # No host name: named by its MAC.
    assert state(hass, "device_tracker.02_00_00_00_00_2a") == STATE_HOME


@pytest.mark.usefixtures("known_devices")
async def test_restart_assumes_nobody_home(hass: HomeAssistant, modem: ModemSimulator) -> None:
    """A device that left while HA was down is restored away, not home; those in the first
    list are home at once."""
    entry = await setup_modem_entry(hass, modem, TRACKING)
    assert state(hass, GUEST) == STATE_HOME
    assert await hass.config_entries.async_unload(entry.entry_id)
    await hass.async_block_till_done()
    modem.clients.leave("3C:22:FB:44:55:66")
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert state(hass, GUEST) == STATE_NOT_HOME
    assert state(hass, PHONE) == STATE_HOME
    guest = hass.states.get(GUEST)
    assert guest is not None
    assert guest.attributes["last_seen"]  # what was known of it stays


@pytest.mark.usefixtures("known_devices")
async def test_switching_tracking_off_removes_the_trackers(
    hass: HomeAssistant, modem: ModemSimulator
) -> None:
    entry = await setup_modem_entry(hass, modem, TRACKING)
    assert len(hass.states.async_entity_ids("device_tracker")) == 3
    hass.config_entries.async_update_entry(entry, options={**TRACKING, CONF_TRACK_DEVICES: False})
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    registry = er.async_get(hass)
    trackers = [
        e for e in er.async_entries_for_config_entry(registry, entry.entry_id) if e.domain == "device_tracker"
    ]
    assert trackers == []


@pytest.mark.usefixtures("known_devices")
async def test_no_client_identity_in_diagnostics_or_logs(
    hass: HomeAssistant, modem: ModemSimulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    entry = await setup_modem_entry(hass, modem, TRACKING)
    modem.clients.fail_lan = 1
    await async_poll(hass, entry)
    diagnostics = str(await async_get_config_entry_diagnostics(hass, entry))
    assert "'count': 2, 'complete': False" in diagnostics
    for secret in (
        "A4:C3:F0:11:22:33",
        "a4:c3:f0:11:22:33",
        "pixel-8",
        "guest-tablet",
        "192.168.0.101",
        "nas'",
    ):
        assert secret not in diagnostics
        assert secret not in caplog.text


async def test_lists_not_read_when_nothing_needs_them(hass: HomeAssistant, modem: ModemSimulator) -> None:
    """Tracking off and the count sensor disabled by the user: the polls stop reading the lists
    (two requests each on goform); enabling the sensor again brings them back."""
    entry = await setup_modem_entry(hass, modem, {CONF_TRACKING_INTERVAL: 0})
    registry = er.async_get(hass)
    registry.async_update_entity(COUNT, disabled_by=er.RegistryEntryDisabler.USER)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    modem.clients.list_reads = 0
    for _ in range(3):
        await async_poll(hass, entry)
    assert modem.clients.list_reads == 0
    registry.async_update_entity(COUNT, disabled_by=None)
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    await async_poll(hass, entry)
    assert modem.clients.list_reads >= 2
