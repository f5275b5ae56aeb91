"""Mobile data in use (the backup link carrying traffic) and the data-cap guard on the device page."""

from __future__ import annotations

from datetime import timedelta

from freezegun.api import FrozenDateTimeFactory
from homeassistant.const import STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant

from custom_components.zte_modem.const import CONF_IN_USE_THRESHOLD
from tests.integration.conftest import async_poll, setup_modem_entry
from tests.simulator import ModemSimulator
from tests.simulator.controls import lte_mask

IN_USE = "binary_sensor.zte_mc801a_mobile_data_in_use"
AT_RISK = "binary_sensor.zte_mc801a_data_plan_at_risk"
REMAINING = "sensor.zte_mc801a_data_remaining"


def rates(modem: ModemSimulator, rx: int, tx: int = 0) -> None:
    """Bytes per second, as the router reports them."""
    modem.set_values({"realtime_rx_thrpt": str(rx), "realtime_tx_thrpt": str(tx)})


async def test_in_use_needs_two_polls_each_way(
    hass: HomeAssistant, modem: ModemSimulator, freezer: FrozenDateTimeFactory
) -> None:
    """Above 100 kbit/s (12.5 kB/s) for two polls: on; one poll below changes nothing; two: off."""
    rates(modem, 0)
    entry = await setup_modem_entry(hass, modem, {CONF_IN_USE_THRESHOLD: 100})
    assert hass.states.get(IN_USE).state == STATE_OFF  # type: ignore[union-attr]
    rates(modem, 20_000)  # 160 kbit/s
    freezer.tick(timedelta(seconds=30))
    await async_poll(hass, entry)
    assert hass.states.get(IN_USE).state == STATE_OFF  # type: ignore[union-attr]
    freezer.tick(timedelta(seconds=30))
    await async_poll(hass, entry)
    state = hass.states.get(IN_USE)
    assert state is not None
    assert state.state == STATE_ON
    since = state.attributes["since"]
    rates(modem, 1_000, 1_000)  # 16 kbit/s: below
    freezer.tick(timedelta(seconds=30))
    await async_poll(hass, entry)
    assert hass.states.get(IN_USE).state == STATE_ON  # type: ignore[union-attr]
    rates(modem, 8_000, 8_000)  # 128 kbit/s combined: above again
    freezer.tick(timedelta(seconds=30))
    await async_poll(hass, entry)
    rates(modem, 0)
    for _ in range(2):
        freezer.tick(timedelta(seconds=30))
        await async_poll(hass, entry)
    state = hass.states.get(IN_USE)
    assert state is not None
    assert state.state == STATE_OFF
    assert state.attributes["since"] != since


async def test_in_use_ends_at_once_when_the_session_drops(hass: HomeAssistant, modem: ModemSimulator) -> None:
    rates(modem, 50_000)
    entry = await setup_modem_entry(hass, modem)
    await async_poll(hass, entry)
    assert hass.states.get(IN_USE).state == STATE_ON  # type: ignore[union-attr]
    modem.set_scenario("no_service")
    await async_poll(hass, entry)
    assert hass.states.get(IN_USE).state == STATE_OFF  # type: ignore[union-attr]


async def test_data_plan_guard_entities(hass: HomeAssistant, modem: ModemSimulator) -> None:
    """The simulated plan: 100 GB, alert at 80 %, more than that used: at risk, with the figures."""
    await setup_modem_entry(hass, modem)
    remaining = hass.states.get(REMAINING)
    assert remaining is not None
    assert 0 <= float(remaining.state) < 20
    at_risk = hass.states.get(AT_RISK)
    assert at_risk is not None
    assert at_risk.state == STATE_ON
    assert at_risk.attributes["limit"] == 100.0
    assert at_risk.attributes["alert_percent"] == 80
    assert at_risk.attributes["reset_date"]
    assert at_risk.attributes["projected"] is None or at_risk.attributes["projected"] > 0


async def test_band_locks_stay_readable(hass: HomeAssistant, modem: ModemSimulator) -> None:
    """MC801A: a 5G lock of the twelve bands it has reads "12 bands" (the router does not say which
    bands it supports, so not `all`), the list in `bands`; MQTT keeps the router's own list. A
    short restriction reads as the list."""
    entry = await setup_modem_entry(hass, modem)
    nr = hass.states.get("sensor.zte_mc801a_5g_band_lock")
    assert nr is not None
    assert nr.state == f"{len(modem.profile.nr_bands)} bands"
    assert nr.attributes["bands"] == [f"n{band}" for band in sorted(modem.profile.nr_bands)]
    assert str(entry.runtime_data.coordinator.data.values["nr5g_band_lock"]).startswith("n1+n3+n5")
    lte = hass.states.get("sensor.zte_mc801a_lte_band_lock")
    assert lte is not None
    assert lte.state == "all"
    modem.controls.values["lte_band_lock"] = f"0x{lte_mask((3, 20)):09X}"
    await entry.runtime_data.client.read_settings()  # type: ignore[attr-defined]
    await async_poll(hass, entry)
    lte = hass.states.get("sensor.zte_mc801a_lte_band_lock")
    assert lte is not None
    assert lte.state == "B3+B20"
    assert lte.attributes["bands"] == ["B3", "B20"]
