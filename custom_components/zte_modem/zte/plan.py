"""A data plan's arithmetic: the billing period and the linear projection of use."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta

# Until this much of a period has passed, a linear projection is noise (a few MB on the morning
# of the reset day would project to terabytes), so there is none.
PROJECTION_MIN_ELAPSED = timedelta(hours=12)
MB = 1024 * 1024
GB = 1024 * MB


def _reset_on(year: int, month: int, day: int, like: datetime) -> datetime:
    """Midnight of `day` in that month, the last day when the month is shorter."""
    last = calendar.monthrange(year, month)[1]
    return like.replace(year=year, month=month, day=min(day, last), hour=0, minute=0, second=0, microsecond=0)


def billing_period(now: datetime, reset_day: int | None) -> tuple[datetime, datetime]:
    """Start and end of the period holding `now`: from the last reset (midnight of the reset day,
    the month's last day when it is shorter) to the next. No reset day: the calendar month."""
    day = reset_day or 1
    start = _reset_on(now.year, now.month, day, now)
    if start > now:
        year, month = (now.year - 1, 12) if now.month == 1 else (now.year, now.month - 1)
        start = _reset_on(year, month, day, now)
    year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    return start, _reset_on(year, month, day, now)


def projected_bytes(used: float, *, now: datetime, reset_day: int | None) -> float | None:
    """Linear projection to the end of the period: used / elapsed share of the period.

    None during the first PROJECTION_MIN_ELAPSED (12 h) of a period: on the reset day itself a few
    megabytes would project to an absurd total.
    """
    start, end = billing_period(now, reset_day)
    elapsed = now - start
    if elapsed < PROJECTION_MIN_ELAPSED:
        return None
    return used * ((end - start) / elapsed)


@dataclass(frozen=True, slots=True)
class PlanSettings:
    """The router's data-plan settings as they can be written: the limit switch, the limit in GB
    (None: the limit counts connection time, or is not set), the alert threshold in percent and
    the day of month the counters reset (None: the router does not clear them itself)."""

    enabled: bool
    limit_gb: float | None
    alert_percent: int | None
    reset_day: int | None


@dataclass(frozen=True, slots=True)
class PlanChange:
    """A validated change of the data-plan settings: None leaves a setting as it is."""

    enabled: bool | None = None
    limit_gb: float | None = None
    alert_percent: int | None = None
    reset_day: int | None = None

    def applied_to(self, current: PlanSettings) -> PlanSettings:
        """The settings after this change (a new limit in GB also makes the limit count data)."""
        return PlanSettings(
            enabled=current.enabled if self.enabled is None else self.enabled,
            limit_gb=current.limit_gb if self.limit_gb is None else self.limit_gb,
            alert_percent=current.alert_percent if self.alert_percent is None else self.alert_percent,
            reset_day=current.reset_day if self.reset_day is None else self.reset_day,
        )

    def shown_in(self, settings: PlanSettings) -> bool:
        """Whether a read-back shows every changed setting."""
        return (
            (self.enabled is None or settings.enabled == self.enabled)
            and (self.limit_gb is None or _same_gb(settings.limit_gb, self.limit_gb))
            and (self.alert_percent is None or settings.alert_percent == self.alert_percent)
            and (self.reset_day is None or settings.reset_day == self.reset_day)
        )


def _same_gb(shown: float | None, wanted: float) -> bool:
    # Routers store MB or bytes: within half a MB is the same limit.
    return shown is not None and abs(shown - wanted) * 1024 < 0.5
