"""Entities exist for what the router can report: none for 5G on an LTE-only router, none for SMS
on a data-only one; what an earlier setup made and the router does not offer leaves the registry."""

from __future__ import annotations

from dataclasses import replace

from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er

from custom_components.zte_modem.const import DOMAIN
from custom_components.zte_modem.zte import METRICS, Feature
from tests.conftest import ModemFactory
from tests.integration.conftest import PASSWORD, async_poll, modem_entry, setup_modem_entry
from tests.simulator import PROFILES

NR_KEYS = {metric.key for metric in METRICS if Feature.NR5G in metric.features}
SMS_KEYS = {"sms_unread", "sms_stored", "sms_storage_full", "sms"}


def _keys(hass: HomeAssistant, unique_id: str) -> set[str]:
    """The keys of this entry's entities in the registry (unique id = <entry unique id>_<key>)."""
    registry = er.async_get(hass)
    return {
        entry.unique_id.removeprefix(f"{unique_id}_")
        for entry in registry.entities.values()
        if entry.platform == DOMAIN and entry.unique_id.startswith(f"{unique_id}_")
    }


async def test_lte_only_router_has_no_5g_entities(hass: HomeAssistant, make_modem: ModemFactory) -> None:
    """An MF286 (LTE only): its LTE, traffic and SMS entities, and not one 5G entity."""
    modem = await make_modem("mf286", PASSWORD)
    entry = await setup_modem_entry(hass, modem)

    keys = _keys(hass, str(entry.unique_id))
    assert not keys & NR_KEYS
    assert {"lte_rsrp", "lte_band", "lte_ca_bands", "rx_rate", "connected", "sms", "network_mode"} <= keys
    options = hass.states.get("select.zte_mf286_network_mode").attributes["options"]
    assert not [option for option in options if "5g" in option]
    assert "5G" not in ", ".join(entry.runtime_data.capabilities.evidence)


async def test_5g_router_keeps_its_5g_entities(hass: HomeAssistant, make_modem: ModemFactory) -> None:
    """An MC801A: every 5G entity is there."""
    modem = await make_modem("mc801a", PASSWORD)
    entry = await setup_modem_entry(hass, modem)
    assert _keys(hass, str(entry.unique_id)) >= NR_KEYS


async def test_data_only_router_has_no_sms_entities_and_never_asks(
    hass: HomeAssistant, make_modem: ModemFactory
) -> None:
    """A build without SMS: no SMS sensor, storage sensor or event; quiet polls stay one request
    (no message list tried again and again)."""
    modem = await make_modem(replace(PROFILES["mf286"], has_sms=False), PASSWORD)
    entry = await setup_modem_entry(hass, modem)

    keys = _keys(hass, str(entry.unique_id))
    assert not keys & SMS_KEYS
    assert "lte_rsrp" in keys
    modem.stats.reset()
    for _ in range(3):
        await async_poll(hass, entry)
    assert modem.stats.requests == 3
    assert modem.sms.list_requests == 0


async def test_entities_not_offered_leave_the_registry(hass: HomeAssistant, make_modem: ModemFactory) -> None:
    """Entities an earlier release made for every router are removed on an LTE-only data-only one,
    not left behind as "no longer provided"; the rest keep their entity ids."""
    modem = await make_modem(replace(PROFILES["mf286"], has_sms=False), PASSWORD)
    entry = modem_entry(modem)
    entry.add_to_hass(hass)
    registry = er.async_get(hass)
    earlier = {
        key: registry.async_get_or_create(
            platform, DOMAIN, f"{entry.unique_id}_{key}", config_entry=entry
        ).entity_id
        for platform, key in (
            (Platform.SENSOR, "nr5g_rsrp"),
            (Platform.SENSOR, "sms_unread"),
            (Platform.EVENT, "sms"),
            (Platform.SENSOR, "lte_rsrp"),
        )
    }

    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()

    for key in ("nr5g_rsrp", "sms_unread", "sms"):
        assert registry.async_get(earlier[key]) is None, key
    assert registry.async_get(earlier["lte_rsrp"]) is not None
    assert hass.states.get(earlier["lte_rsrp"]) is not None
