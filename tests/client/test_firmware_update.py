"""The router's firmware-update state on both transports: each state the router reports becomes
the typed `FirmwareUpdate` the update entity shows; read with the settings (hourly), every minute
while a download or an installation runs; routers without the fields offer no update feature."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from types import SimpleNamespace
from typing import Any

import aiohttp
import pytest

from custom_components.zte_modem.zte import Feature, FirmwareStage, FirmwareUpdate
from custom_components.zte_modem.zte.goform import extra_reads
from custom_components.zte_modem.zte.goform.firmware import firmware_update
from custom_components.zte_modem.zte.ubus import client as ubus_client
from custom_components.zte_modem.zte.ubus.client import UbusClient
from tests.conftest import ClientFactory, ModemFactory
from tests.simulator.firmware import DESCRIPTION, TOTAL_SIZE
from tests.simulator.ubus import UbusSimulator, with_switches

INSTALLED = "BD_UKH3GMC801AV1.0.0B15"
NEWER = "BD_UKH3GMC801AV1.0.0B16"


async def _update(client: Any) -> FirmwareUpdate:
    """One poll's firmware update, which must be there."""
    update = (await client.read()).firmware_update
    assert update is not None
    return update


class Clock:
    """A monotonic clock the schedules read (patched into the modules that keep them)."""

    def __init__(self) -> None:
        self.now = 10_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    made = Clock()
    fake = SimpleNamespace(monotonic=made)
    monkeypatch.setattr(extra_reads, "time", fake)
    monkeypatch.setattr(ubus_client, "time", fake)
    return made


# -- the mapping, field by field (../shared/docs/ubus-protocol.md §5.1) ---------------------------


def _raw(**fields: str) -> dict[str, str]:
    return {"wa_inner_version": INSTALLED, **fields}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            _raw(new_version_state="version_idle", current_upgrade_state="fota_idle", dm_new_version=""),
            FirmwareUpdate(
                installed=INSTALLED,
                latest=INSTALLED,
                stage=FirmwareStage.IDLE,
                progress=None,
                release_summary=None,
            ),
            id="idle",
        ),
        pytest.param(
            _raw(
                new_version_state="version_has_new_critical_software",
                dm_new_version=NEWER,
                dm_description="Fix",
            ),
            FirmwareUpdate(
                installed=INSTALLED, latest=NEWER, stage=None, progress=None, release_summary="Fix"
            ),
            id="critical-no-upgrade-state",
        ),
        pytest.param(
            _raw(new_version_state="1", current_upgrade_state="fota_idle", dm_new_version=NEWER),
            FirmwareUpdate(
                installed=INSTALLED,
                latest=NEWER,
                stage=FirmwareStage.IDLE,
                progress=None,
                release_summary=None,
            ),
            id="numeric-available",
        ),
        pytest.param(
            _raw(new_version_state="1", dm_new_version="version_number_abnormal", dm_description="x"),
            FirmwareUpdate(
                installed=INSTALLED, latest=INSTALLED, stage=None, progress=None, release_summary=None
            ),
            id="abnormal-version-is-no-update",
        ),
        pytest.param(
            _raw(new_version_state="version_checking", dm_new_version=NEWER, dm_description="old news"),
            FirmwareUpdate(
                installed=INSTALLED, latest=INSTALLED, stage=None, progress=None, release_summary=None
            ),
            id="checking-is-no-update",
        ),
        pytest.param(
            _raw(
                new_version_state="1",
                current_upgrade_state="downloading",
                dm_new_version=NEWER,
                dm_pkg_total_size="1000",
                dm_download_pkg_size="333",
            ),
            FirmwareUpdate(
                installed=INSTALLED,
                latest=NEWER,
                stage=FirmwareStage.DOWNLOADING,
                progress=33,
                release_summary=None,
            ),
            id="downloading",
        ),
        pytest.param(
            _raw(current_upgrade_state="downloading", dm_new_version=NEWER, dm_pkg_total_size="0"),
            FirmwareUpdate(
                installed=INSTALLED,
                latest=NEWER,
                stage=FirmwareStage.DOWNLOADING,
                progress=None,
                release_summary=None,
            ),
            id="downloading-size-unknown",
        ),
        pytest.param(
            _raw(new_version_state="1", current_upgrade_state="upgrading", dm_new_version=NEWER),
            FirmwareUpdate(
                installed=INSTALLED,
                latest=NEWER,
                stage=FirmwareStage.INSTALLING,
                progress=None,
                release_summary=None,
            ),
            id="installing",
        ),
        pytest.param(
            _raw(new_version_state="1", current_upgrade_state="verify_failed", dm_new_version=NEWER),
            FirmwareUpdate(
                installed=INSTALLED,
                latest=NEWER,
                stage=FirmwareStage.VERIFY_FAILED,
                progress=None,
                release_summary=None,
            ),
            id="verify-failed",
        ),
    ],
)
def test_fields_become_the_typed_update(raw: dict[str, str], expected: FirmwareUpdate) -> None:
    """Latest is the router's new version only when it says one is there; progress = downloaded/total."""
    assert firmware_update(raw) == expected


def test_no_update_fields_no_update() -> None:
    """Firmware without the fields (they answer blank): nothing to show."""
    assert firmware_update(_raw(new_version_state="", current_upgrade_state="", dm_new_version="")) is None
    assert firmware_update(_raw()) is None


# -- goform -------------------------------------------------------------------------------------


async def test_goform_states_from_the_settings_read(
    make_modem: ModemFactory, make_client: ClientFactory, clock: Clock
) -> None:
    """An MC801A: idle, then a newer version with its description, a download that moves every
    minute (not every poll), the package downloaded, the router installing."""
    modem = await make_modem("mc801a")
    client = await make_client(modem)
    update = (await client.read()).firmware_update
    assert update == FirmwareUpdate(
        installed=INSTALLED, latest=INSTALLED, stage=FirmwareStage.IDLE, progress=None, release_summary=None
    )
    assert (await client.capabilities()).supports(Feature.FIRMWARE_UPDATE)

    assert modem.firmware is not None
    modem.firmware.set_state("available")
    await client.read_settings()
    update = (await client.read()).firmware_update
    assert update is not None
    assert (update.latest, update.release_summary, update.available) == (NEWER, DESCRIPTION, True)

    modem.firmware.set_state("downloading")
    await client.read_settings()
    update = await _update(client)
    assert (update.in_progress, update.progress) == (True, 25)
    reads = modem.firmware.reads
    assert (await client.read()).firmware_update == update  # within the minute: not read again
    assert modem.firmware.reads == reads
    clock.now += 61
    assert (await _update(client)).progress == 50  # read again: the download moved
    clock.now += 61
    assert (await _update(client)).progress == 75

    modem.firmware.set_state("completed")
    clock.now += 61
    update = (await client.read()).firmware_update
    assert update is not None
    assert (update.stage, update.in_progress, update.latest) == (FirmwareStage.DOWNLOADED, False, NEWER)
    reads = modem.firmware.reads
    clock.now += 61
    await client.read()
    assert modem.firmware.reads == reads  # done: back to hourly
    clock.now += 3600
    modem.firmware.set_state("installing")
    update = await _update(client)
    assert (update.stage, update.in_progress) == (FirmwareStage.INSTALLING, True)


async def test_goform_numeric_state_and_abnormal_version(
    make_modem: ModemFactory, make_client: ClientFactory
) -> None:
    """An MC7010 writes new_version_state as 1/0; `version_number_abnormal` is no version."""
    modem = await make_modem("mc7010")
    client = await make_client(modem)
    assert modem.firmware is not None
    modem.firmware.set_state("available")
    assert (await _update(client)).latest == "BD_MC7010V1.0.0B10"
    modem.firmware.set_state("abnormal")
    await client.read_settings()
    update = await _update(client)
    assert not update.available
    assert update.latest == update.installed


@pytest.mark.parametrize("profile", ["mf286", "mf79u"])
async def test_goform_without_update_fields_offers_no_update(
    make_modem: ModemFactory, make_client: ClientFactory, profile: str
) -> None:
    """Older builds and MiFis answer the fields blank: no typed update, no feature, the poll goes on."""
    modem = await make_modem(profile)
    client = await make_client(modem)
    snapshot = await client.read()
    assert snapshot.firmware_update is None
    capabilities = await client.capabilities()
    assert not capabilities.supports(Feature.FIRMWARE_UPDATE)
    assert any("Firmware update" in line for line in capabilities.evidence)


# -- ubus ---------------------------------------------------------------------------------------


@pytest.fixture
async def ubus(socket_enabled: None) -> AsyncIterator[Callable[..., Any]]:
    started: list[tuple[UbusSimulator, aiohttp.ClientSession]] = []

    async def setup(profile: str) -> tuple[UbusSimulator, UbusClient]:
        modem = UbusSimulator(profile, "pw")
        await modem.start()
        session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        started.append((modem, session))
        return modem, UbusClient(modem.url, "pw", session=session)

    yield setup
    for modem, session in started:
        await session.close()
        await modem.stop()


@pytest.mark.parametrize("profile", ["g5ts", "u60pro", "g5ultra"])
async def test_ubus_states_inside_the_poll(ubus: Callable[..., Any], clock: Clock, profile: str) -> None:
    """Both reads (G5TS, G5 Ultra) or the uci config alone with a numeric state (U60 Pro): ridden in
    the poll's one POST, hourly, every minute while the download runs."""
    modem, client = await ubus(profile)
    installed = modem.profile.firmware
    update = await _update(client)
    assert (update.installed, update.available) == (installed, False)
    assert (await client.capabilities()).supports(Feature.FIRMWARE_UPDATE)
    assert "uci.get.zwrt_zte_dm" in modem.batches[-1]

    modem.firmware.set_state("available")
    requests = modem.stats.requests
    await client.read()
    assert modem.stats.requests - requests == 1  # one POST per poll
    assert "uci.get.zwrt_zte_dm" not in modem.batches[-1]  # not due within the hour
    clock.now += 3600
    update = await _update(client)
    assert update.available
    assert update.latest != installed
    assert update.release_summary == DESCRIPTION

    modem.firmware.set_state("downloading", step=TOTAL_SIZE // 10)
    clock.now += 3600
    first = await _update(client)
    clock.now += 61
    second = await _update(client)
    assert first.in_progress
    assert (first.progress, second.progress) == (10, 20)

    modem.firmware.set_state("completed")
    clock.now += 61
    update = await _update(client)
    assert (update.stage, update.in_progress) == (FirmwareStage.DOWNLOADED, False)


async def test_ubus_without_the_update_module(ubus: Callable[..., Any]) -> None:
    """The MC7500 profile answers neither read (an error each): the poll goes on, no feature."""
    modem, client = await ubus("mc7500")
    snapshot = await client.read()
    assert snapshot.firmware_update is None
    assert snapshot.values["lte_rsrp"] == -80
    assert not (await client.capabilities()).supports(Feature.FIRMWARE_UPDATE)
    assert "zwrt_fota_res.api.get_update_status" in modem.batches[-1]


async def test_ubus_status_call_alone_names_no_version(socket_enabled: None) -> None:
    """Firmware answering only get_update_status (no dm_update config): the stage shows, but with
    no version string the latest stays the installed one (nothing to name)."""
    modem = UbusSimulator(with_switches("g5ts", fota=("status",)), "pw")
    await modem.start()
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            client = UbusClient(modem.url, "pw", session=session)
            modem.firmware.set_state("downloading")
            update = await _update(client)
            assert (update.stage, update.progress) == (FirmwareStage.DOWNLOADING, None)
            assert update.latest == update.installed == modem.profile.firmware
            assert (await client.capabilities()).supports(Feature.FIRMWARE_UPDATE)
    finally:
        await modem.stop()
