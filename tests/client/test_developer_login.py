"""DEVELOPER_OPTION_LOGIN before band and cell lock writes (ubus-protocol.md §4.2).

The profile DEVELOPER_LOCKS (tests/simulator/profiles.py) is an MC801A whose lock writes fail
until the developer login in the session and whose web UI names it (nicjac #5; the U50 Pro
GoAhead gates the same goformIds, id 71348909576).
"""

from __future__ import annotations

import pytest

from custom_components.zte_modem.zte import ZteClient, ZteControlRefusedError
from tests.conftest import ClientFactory, ModemFactory
from tests.simulator import ModemSimulator
from tests.simulator.profiles import DEVELOPER_LOCKS, SimProfile


async def _setup(
    make_modem: ModemFactory, make_client: ClientFactory, profile: str | SimProfile = DEVELOPER_LOCKS
) -> tuple[ModemSimulator, ZteClient]:
    modem = await make_modem(profile, scenario="nsa")
    client = await make_client(modem)
    client.timing.control_poll_interval = 0.01
    client.timing.readback_timeout = 0.5
    await client.login()
    return modem, client


async def test_developer_login_once_when_a_lock_is_refused(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """The band lock is refused, the developer login follows once, the write goes through and
    reads back; further lock writes in the same session need no second developer login."""
    modem, client = await _setup(make_modem, make_client)

    await client.set_band_lock(lte_bands=[1, 3])

    assert (modem.developer_posts, modem.developer_logins) == (1, 1)
    assert modem.controls.values["lte_band_lock"] == "0x000000005"
    assert (await client.read()).controls.lte_band_lock == "B1+B3"
    evidence = (await client.capabilities()).evidence
    assert "developer login: named in js/service.js" in evidence

    await client.set_band_lock(nr_bands=[78])
    await client.set_cell_lock(rat="lte", pci=205, earfcn=1300)
    await client.set_cell_lock(rat="nr", pci=500, arfcn=627264, band=78, scs=30)
    assert modem.developer_posts == 1
    assert modem.controls.values["nr5g_sa_band_lock"] == "78"
    assert (modem.controls.values["lte_pci_lock"], modem.controls.values["lte_earfcn_lock"]) == (
        "205",
        "1300",
    )
    assert modem.controls.values["nr5g_cell_lock"] == "500,627264,78,30"


async def test_developer_login_again_after_a_new_login(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A new admin session (idle expiry) has no developer login: the next lock write does it again."""
    modem, client = await _setup(make_modem, make_client)
    await client.set_band_lock(lte_bands=[3])
    modem.expire_sessions()
    await client.read()  # logs in again

    await client.set_band_lock(lte_bands=[1])

    assert (modem.developer_posts, modem.developer_logins) == (2, 2)
    assert modem.controls.values["lte_band_lock"] == "0x000000001"


async def test_still_refused_after_it_is_not_tried_twice(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A lock the router refuses anyway: one developer login in the session, a clear refusal,
    and the next refused write does not log in as developer again."""
    modem, client = await _setup(make_modem, make_client)
    modem.controls.refuse = {"BAND_SELECT"}

    for _ in range(2):
        with pytest.raises(ZteControlRefusedError):
            await client.set_band_lock(lte_bands=[3])

    assert (modem.developer_posts, modem.developer_logins) == (1, 1)


@pytest.mark.parametrize("profile", ["mc801a", "mc888"])
async def test_no_developer_login_where_locks_are_accepted_or_it_does_not_exist(
    make_modem: ModemFactory, make_client: ClientFactory, profile: str
) -> None:
    """A build that accepts the lock gets no developer login; a build without it (no web UI name,
    a blank field) that refuses the lock gets a clear refusal, never the developer login."""
    modem, client = await _setup(make_modem, make_client, profile)

    await client.set_band_lock(lte_bands=[3])
    modem.controls.refuse = {"BAND_SELECT", "LTE_LOCK_CELL_SET"}
    with pytest.raises(ZteControlRefusedError):
        await client.set_band_lock(lte_bands=[1])
    with pytest.raises(ZteControlRefusedError):
        await client.set_cell_lock(rat="lte", pci=205, earfcn=1300)

    assert modem.developer_posts == 0
    assert not any("developer" in item for item in (await client.capabilities()).evidence)


async def test_only_lock_writes_get_the_developer_login(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """A refused network-mode change is not a lock write: no developer login for it."""
    modem, client = await _setup(make_modem, make_client)
    modem.controls.refuse = {"SET_BEARER_PREFERENCE"}

    with pytest.raises(ZteControlRefusedError):
        await client.set_network_mode("Only_LTE")

    assert modem.developer_posts == 0
