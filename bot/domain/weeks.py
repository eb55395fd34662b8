"""Digest weeks: which stretch of time a weekly leaderboard covers, in a server's zone.

A server's week runs from one (weekday, hour) boundary in its IANA zone to the next, so
a week that contains a daylight-saving change is 167 or 169 hours long, not 168. Every
function returns UTC instants (what the database stores) plus the local date the week
starts on, which is the week's identity (the digest row key, the `/leaderboard week:`
argument).

Wall-clock boundaries that do not exist or happen twice are resolved the way
`zoneinfo` does with ``fold=0``: a boundary inside a spring-forward gap falls at the
moment of the change, and one inside the repeated fall-back hour is the first of the
two. Either way every week still starts exactly where the previous one ended.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.schedule import canonical_timezone
from bot.errors import UserFacingError
from bot.phrase import Phrase

__all__ = [
    "ScheduleError",
    "Window",
    "current_week",
    "next_boundary",
    "parse_week_start",
    "trailing_window",
    "validate_hour",
    "validate_weekday",
    "validate_zone",
    "week_window",
    "window_for_week",
]

_WEEK = timedelta(days=7)
# A digest covering less than this (after a schedule change) waits and joins the next.
MIN_DIGEST_SPAN = timedelta(days=3)


class ScheduleError(UserFacingError, ValueError):
    """A bad zone, hour, weekday or week, as facts only: a catalog key and its values
    (weekdays as numbers, 0 = Monday), worded in the member's language by
    ``bot.i18n.refusals.refusal_text`` (weekdays by their names in that language).

    A ValueError for callers that validate, a UserFacingError so that the bot's single
    error path shows it privately without extra wrapping.
    """

    def __init__(self, key: str, /, **values: str | int) -> None:
        super().__init__(Phrase(key, values))
        self.key = key
        self.values = values


@dataclass(frozen=True, slots=True)
class Window:
    """A half-open span of time ``[start, end)`` in UTC, and the local date it starts on."""

    start: datetime
    end: datetime
    week_start: date

    @property
    def key(self) -> str:
        """The week's identity, e.g. ``"2026-11-16"``: stable whatever the zone's offset."""
        return self.week_start.isoformat()

    @property
    def duration(self) -> timedelta:
        return self.end - self.start

    def contains(self, moment: datetime) -> bool:
        return self.start <= moment < self.end


def validate_zone(zone: str) -> ZoneInfo:
    """The zone for an IANA name such as ``Europe/Berlin``; ScheduleError if unknown.

    Only names listed by the IANA database are tried: `ZoneInfo` would otherwise read
    whatever file a free-form name points at under the zone directory.
    """
    if not isinstance(zone, str) or not zone.strip():
        raise ScheduleError("zone-empty")
    name = zone.strip()
    # Only names the IANA database lists are opened (never a free-form path); the
    # same lookup as the setup command's, so case and spaces are forgiven alike.
    canonical = canonical_timezone(name)
    try:
        if canonical is None:
            raise ZoneInfoNotFoundError(name)
        return _zone(canonical)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise ScheduleError("zone-unknown", zone=name[:64]) from None


@lru_cache(maxsize=256)
def _zone(name: str) -> ZoneInfo:
    # Cached: the scheduler asks for every server's zone every few minutes.
    return ZoneInfo(name)


def validate_hour(hour: int) -> int:
    if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 23:
        raise ScheduleError("hour-invalid")
    return hour


def validate_weekday(weekday: int) -> int:
    if isinstance(weekday, bool) or not isinstance(weekday, int) or not 0 <= weekday <= 6:
        raise ScheduleError("weekday-invalid")
    return weekday


def _check_now(now: datetime) -> None:
    if now.tzinfo is None or now.utcoffset() is None:
        # A programming error, not a member's: naive times would silently mean local time.
        raise ValueError("now must be timezone-aware")


def _boundary(day: date, hour: int, tz: ZoneInfo) -> datetime:
    """The UTC instant of `hour`:00 local time on `day` (fold=0 for gaps and repeats)."""
    return datetime.combine(day, time(hour), tzinfo=tz).astimezone(UTC)


def _last_boundary_date(now: datetime, tz: ZoneInfo, weekday: int, hour: int) -> date:
    """The local date of the latest boundary at or before `now`."""
    local = now.astimezone(tz)
    day = local.date() - timedelta(days=(local.weekday() - weekday) % 7)
    if _boundary(day, hour, tz) > now:
        day -= _WEEK
    return day


def _window(start_day: date, weeks: int, hour: int, tz: ZoneInfo) -> Window:
    return Window(
        start=_boundary(start_day, hour, tz),
        end=_boundary(start_day + weeks * _WEEK, hour, tz),
        week_start=start_day,
    )


def week_window(
    now: datetime, zone: str, weekday: int = 0, hour: int = 0, weeks_back: int = 1
) -> Window:
    """The last full week before `now` (``weeks_back=2``: the one before that, …).

    It ends at the most recent boundary at or before `now`: at a boundary exactly, the
    week that just ended is the one the digest is about.
    """
    _check_now(now)
    tz = validate_zone(zone)
    validate_weekday(weekday)
    validate_hour(hour)
    if isinstance(weeks_back, bool) or not isinstance(weeks_back, int) or weeks_back < 1:
        raise ValueError("weeks_back must be a positive whole number")
    end_day = _last_boundary_date(now, tz, weekday, hour) - (weeks_back - 1) * _WEEK
    return _window(end_day - _WEEK, 1, hour, tz)


def current_week(now: datetime, zone: str, weekday: int = 0, hour: int = 0) -> Window:
    """The week in progress (for `/leaderboard`): its end is still in the future."""
    _check_now(now)
    tz = validate_zone(zone)
    validate_weekday(weekday)
    validate_hour(hour)
    return _window(_last_boundary_date(now, tz, weekday, hour), 1, hour, tz)


def next_boundary(now: datetime, zone: str, weekday: int = 0, hour: int = 0) -> datetime:
    """When the next digest is due (UTC): the first boundary strictly after `now`."""
    return current_week(now, zone, weekday, hour).end


def parse_week_start(text: str) -> date:
    """A member's ``YYYY-MM-DD``; ScheduleError with an example if it is not one."""
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ScheduleError("week-bad-date") from None


def window_for_week(
    week_start_date: date | str,
    zone: str,
    weekday: int = 0,
    hour: int = 0,
    *,
    now: datetime | None = None,
) -> Window:
    """The week that starts on a given local date (a past week for `/leaderboard`).

    The date must be one of the server's week-start days. With `now`, a week that has
    not started yet is refused too; a week in progress is allowed (the week so far).
    """
    tz = validate_zone(zone)
    validate_weekday(weekday)
    validate_hour(hour)
    day = parse_week_start(week_start_date) if isinstance(week_start_date, str) else week_start_date
    if isinstance(day, datetime) or not isinstance(day, date):
        raise ScheduleError("week-bad-date")
    if day.weekday() != weekday:
        raise ScheduleError(
            "week-wrong-weekday", date=day.isoformat(), weekday=day.weekday(), start=weekday
        )
    window = _window(day, 1, hour, tz)
    if now is not None:
        _check_now(now)
        if window.start > now:
            raise ScheduleError("week-not-started", week=day.isoformat())
    return window


def trailing_window(window: Window, zone: str, hour: int = 0, weeks: int = 12) -> Window:
    """The `weeks` server weeks ending where `window` ends (the span for the prior mean C).

    Counted in local weeks, so DST changes inside the span do not shift its start.
    """
    tz = validate_zone(zone)
    validate_hour(hour)
    if isinstance(weeks, bool) or not isinstance(weeks, int) or weeks < 1:
        raise ValueError("weeks must be a positive whole number")
    end_day = window.week_start + _WEEK
    return _window(end_day - weeks * _WEEK, weeks, hour, tz)


def after_previous(window: Window, previous_end: datetime | None) -> Window | None:
    """The window adjusted to start where the last digest stopped; None: wait a week.

    A moderator who moves the digest would otherwise leave hours in no digest (a gap)
    or in two (an overlap). A gap shorter than a week stretches the window back; an
    overlap moves its start forward, and if less than `MIN_DIGEST_SPAN` is left, that
    remainder waits for the next week instead of making a tiny digest. A gap of a whole
    week or more is a bot that was down: only the latest week is posted then.
    """
    if previous_end is None or previous_end <= window.start - _WEEK:
        return window
    if previous_end >= window.end:
        return None  # already covered
    if previous_end > window.start and window.end - previous_end < MIN_DIGEST_SPAN:
        return None
    return Window(start=previous_end, end=window.end, week_start=window.week_start)
