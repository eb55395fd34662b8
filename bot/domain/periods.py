"""Leaderboard periods longer than a week: month, quarter and all time, in a server's zone.

A week follows the server's digest schedule (``bot.domain.weeks``). A month and a
quarter are calendar spans: from local midnight on their first day to local midnight on
the first day of the next one, converted to UTC, so a month containing a daylight-saving
change is an hour shorter or longer than its days suggest, and consecutive months meet
exactly. All time starts at the epoch and ends far in the future.

The prior mean C, which pulls a brand with few stories towards the server's average:

- for a week it stays what the digest has always used, the trailing 12 server weeks
  (one week is too little evidence for a stable average);
- for a month, a quarter and all time it is the mean of that period's own published
  stories: a long period is evidence enough, and a brand is then compared with the
  same stories it competes against (a reader can check the ranking from the period alone).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum

from bot.domain.weeks import Window, current_week, trailing_window, validate_zone

__all__ = [
    "ALL_TIME_END",
    "ALL_TIME_START",
    "Period",
    "PeriodSpan",
    "month_window",
    "period_span",
    "quarter_window",
]

ALL_TIME_START = datetime(1970, 1, 1, tzinfo=UTC)
# Far enough for any story; still a valid Unix time in a 64-bit integer column.
ALL_TIME_END = datetime(3000, 1, 1, tzinfo=UTC)


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    ALL_TIME = "all"


@dataclass(frozen=True, slots=True)
class PeriodSpan:
    """The stories a period ranks (`window`) and those its prior mean C comes from.

    Its title in words ("November 2026", "T4 2026") is `bot.i18n.figures.period_title`.
    """

    period: Period
    window: Window
    prior: Window


def _local_midnight(day: date, zone: str) -> datetime:
    # fold=0: a midnight that does not exist (a few zones change at 00:00) falls at the
    # change itself, and consecutive periods still meet exactly.
    return datetime.combine(day, time(0), tzinfo=validate_zone(zone)).astimezone(UTC)


def _calendar_window(first: date, after: date, zone: str) -> Window:
    return Window(
        start=_local_midnight(first, zone), end=_local_midnight(after, zone), week_start=first
    )


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def month_window(now: datetime, zone: str) -> Window:
    """The calendar month in progress at `now`, local to `zone`."""
    local = now.astimezone(validate_zone(zone)).date()
    first = date(local.year, local.month, 1)
    return _calendar_window(first, _add_months(first, 1), zone)


def quarter_window(now: datetime, zone: str) -> Window:
    """The calendar quarter (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec) in progress at `now`."""
    local = now.astimezone(validate_zone(zone)).date()
    first = date(local.year, 3 * ((local.month - 1) // 3) + 1, 1)
    return _calendar_window(first, _add_months(first, 3), zone)


def period_span(
    period: Period, now: datetime, zone: str, weekday: int = 0, hour: int = 0
) -> PeriodSpan:
    """The period in progress at `now` (its end may be in the future: "so far")."""
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    if period is Period.WEEK:
        window = current_week(now, zone, weekday, hour)
        return PeriodSpan(period, window, trailing_window(window, zone, hour))
    if period is Period.MONTH:
        window = month_window(now, zone)
        return PeriodSpan(period, window, window)
    if period is Period.QUARTER:
        window = quarter_window(now, zone)
        return PeriodSpan(period, window, window)
    window = Window(start=ALL_TIME_START, end=ALL_TIME_END, week_start=ALL_TIME_START.date())
    return PeriodSpan(period, window, window)
