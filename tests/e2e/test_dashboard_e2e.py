"""The ready dashboard (dashboards/zte_modem.yaml) in a real browser on a real hass: added as the
README says (the file in the config folder, a YAML dashboard in configuration.yaml), every view
opens with every card rendered, none in error and no entity missing; the first view is
photographed by the same script that makes the README's picture (scripts/dashboard_screenshot.py).

Set ZTE_DASHBOARD_SCREENSHOT=docs/images/dashboard.png to keep the picture.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from scripts.dashboard import DASHBOARD, LOVELACE_CONFIG, install_dashboard
from scripts.dashboard_screenshot import cards_per_view, walk_dashboard
from tests.e2e.stack import DEMO_PASSWORD, DEMO_USER, InProcessStack

pytestmark = pytest.mark.timeout(300)


@pytest.fixture
async def stack(socket_enabled: None, tmp_path: Path) -> AsyncIterator[InProcessStack]:
    running = InProcessStack(tmp_path)
    # The README's two steps: the file in the config folder, the dashboard in configuration.yaml.
    install_dashboard(running.config_dir)
    try:
        await running.start(frontend_extra=LOVELACE_CONFIG)
        result = await running.add_modem()
        assert result["type"] == "create_entry", result
        yield running
    finally:
        await running.stop()


async def enable_dashboard_entities(stack: InProcessStack) -> None:
    """The per-antenna sensors are disabled by default: enabled as the README tells, then the
    entry reloaded (as Home Assistant does by itself 30 s later)."""
    wanted = set(DASHBOARD.read_text().split())
    entries = await stack.hass.ws(stack.session, "config/entity_registry/list")
    for entry in entries:
        if entry["entity_id"] in wanted and entry["disabled_by"] is not None:
            await stack.hass.ws(
                stack.session, "config/entity_registry/update", entity_id=entry["entity_id"], disabled_by=None
            )
    assert stack.zte_entry_id is not None
    async with stack.hass.entry_changes(stack.session) as changes:
        await stack.hass.api(
            stack.session, "POST", f"/api/config/config_entries/entry/{stack.zte_entry_id}/reload"
        )
        await changes.wait_reloaded(stack.zte_entry_id)


async def test_dashboard_loads_without_a_card_in_error(stack: InProcessStack, tmp_path: Path) -> None:
    await enable_dashboard_entities(stack)
    await stack.hass.wait_state(
        stack.session,
        "sensor.zte_mc801a_lte_rsrp_antenna_1",
        lambda value: value not in ("unavailable", "unknown"),
    )
    picture = Path(os.environ.get("ZTE_DASHBOARD_SCREENSHOT") or tmp_path / "dashboard.png")
    expected = cards_per_view(DASHBOARD)
    reports = await walk_dashboard(
        stack.hass.url, DEMO_USER, DEMO_PASSWORD, cards_per_view=expected, screenshot=picture
    )
    for view, report in reports.items():
        assert report.cards == expected[view], (view, report)
        assert report.errors == [], (view, report.errors)
        assert report.warnings == [], (view, report.warnings)
    assert picture.stat().st_size > 20_000  # a page with content, not a blank one
