"""Shared fixtures: the modem simulator on a real 127.0.0.1 socket and clients for it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import aiohttp
import pytest

# Import our package before any hass fixture so the loader finds it (PHACC's own
# testing_config has a custom_components package of its own).
import custom_components.zte_modem  # noqa: F401
from custom_components.zte_modem.zte import ZteClient
from custom_components.zte_modem.zte.goform import LoginProfile
from tests.simulator import ModemSimulator

type ModemFactory = Callable[..., Awaitable[ModemSimulator]]
type ClientFactory = Callable[..., Awaitable[ZteClient]]


@pytest.fixture
async def make_modem(socket_enabled: None) -> AsyncIterator[ModemFactory]:
    """Start simulators on free loopback ports; all stopped at teardown."""
    started: list[ModemSimulator] = []

    async def factory(profile: str = "mc801a", password: str = "admin", **kwargs: Any) -> ModemSimulator:
        simulator = ModemSimulator(profile, password, **kwargs)
        await simulator.start()
        started.append(simulator)
        return simulator

    yield factory
    for simulator in started:
        await simulator.stop()


@pytest.fixture
async def make_client() -> AsyncIterator[ClientFactory]:
    """Clients with their own cookie-jar session, closed at teardown."""
    sessions: list[aiohttp.ClientSession] = []

    async def factory(
        modem: ModemSimulator | str,
        password: str = "admin",
        *,
        profile: LoginProfile | None = None,
        username: str | None = None,
        request_timeout: float = 5.0,
    ) -> ZteClient:
        session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
        sessions.append(session)
        url = modem if isinstance(modem, str) else modem.url
        return ZteClient(
            url,
            password,
            session=session,
            profile=profile,
            username=username,
            request_timeout=request_timeout,
        )

    yield factory
    for session in sessions:
        await session.close()
