"""The data-cap guard: what is left of the limit, and when the plan is at risk (projection or alert),
from the router's plan fields as both transports hand them over."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from custom_components.zte_modem.zte.goform.plan import CLOCK_FIELD
from custom_components.zte_modem.zte.goform.snapshot import snapshot_from_raw

GB = 1024**3
ZONE = timezone(timedelta(hours=1))


def plan(used_gb: float, now: datetime, *, enabled: bool = True, alert: int = 80) -> dict[str, str]:
    """A 100 GB limit that resets on the 1st, `used_gb` used this period."""
    used = int(used_gb * GB)
    return {
        "data_volume_limit_switch": "1" if enabled else "0",
        "data_volume_limit_unit": "data",
        "data_volume_limit_size": "100_1024",
        "data_volume_alert_percent": str(alert),
        "traffic_clear_date": "1",
        "wan_auto_clear_flow_data_switch": "on",
        "monthly_rx_bytes": str(used - used // 10),
        "monthly_tx_bytes": str(used // 10),
        CLOCK_FIELD: now.isoformat(),
    }


@pytest.mark.parametrize(
    ("used_gb", "day", "remaining", "at_risk"),
    [
        (20, 20, 80.0, False),  # 20 GB by the 20th: 32.6 GB projected, 20 % used
        (50, 10, 50.0, True),  # 50 GB by the 10th: 172 GB projected, over the limit
        (85, 30, 15.0, True),  # the 80 % alert threshold crossed
        (120, 25, 0.0, True),  # used up: nothing left, not a negative number
        (1, 1, 99.0, False),  # the first hours of a period: no projection, far from the alert
    ],
)
def test_remaining_and_at_risk(used_gb: float, day: int, remaining: float, at_risk: bool) -> None:
    now = datetime(2026, 12, day, 6, 0, tzinfo=ZONE)
    snapshot = snapshot_from_raw(plan(used_gb, now))
    assert snapshot.data_plan.remaining == pytest.approx(remaining, abs=0.01)
    assert snapshot.data_plan.at_risk is at_risk
    assert snapshot.values["data_plan_at_risk"] is at_risk


def test_without_a_limit_nothing_is_claimed() -> None:
    snapshot = snapshot_from_raw(plan(50, datetime(2026, 12, 10, tzinfo=ZONE), enabled=False))
    assert snapshot.data_plan.remaining is None
    assert snapshot.data_plan.at_risk is None


def test_flux_spelling_reads_the_same() -> None:
    now = datetime(2026, 12, 10, tzinfo=ZONE)
    flux = {
        f"flux_{key}" if key.startswith("data_volume") else key: value for key, value in plan(50, now).items()
    }
    assert snapshot_from_raw(flux).data_plan.at_risk is True
