"""A data plan's arithmetic: the billing period and the linear projection of use."""

from __future__ import annotations

import calendar
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
