"""Per-member cooldown and daily cap on new stories, so no one can flood a server."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.domain.brand_card import count_text

DAY = timedelta(days=1)


def next_allowed_post(
    previous: Sequence[datetime], now: datetime, cooldown: timedelta, daily_cap: int
) -> datetime | None:
    """When the member may post again, or None if they may post now.

    `previous` holds the creation times of their stories in the server over (at least)
    the last 24 hours. The cap is a rolling 24-hour window, not a calendar day, so it
    means the same thing in every time zone.
    """
    recent = sorted(t for t in previous if t > now - DAY)
    waits: list[datetime] = []
    if recent and cooldown > timedelta(0) and recent[-1] + cooldown > now:
        waits.append(recent[-1] + cooldown)
    if len(recent) >= daily_cap:
        waits.append(recent[len(recent) - daily_cap] + DAY)
    return max(waits) if waits else None


def duration_text(span: timedelta) -> str:
    """A wait as people say it: "1 minute", "45 minutes", "2 hours", "1 h 30 min".

    Whole hours read as hours; a mix of hours and minutes is shortened ("1 h 30 min")
    because "1 hour and 30 minutes" is long inside a sentence; under a minute, seconds.
    """
    seconds = max(0, int(span.total_seconds()))
    if seconds < 60:
        return count_text(seconds, "second")
    minutes = seconds // 60
    if minutes < 60:
        return count_text(minutes, "minute")
    hours, rest = divmod(minutes, 60)
    return count_text(hours, "hour") if rest == 0 else f"{hours} h {rest} min"


def limits_text(cooldown: timedelta, daily_cap: int) -> str:
    """The posting limit in words, natural for every cooldown and cap (0, 1, many).

    A cooldown is only mentioned where it limits anything: with a cap of one story a day,
    or a cooldown of a day or more, the member can post once per 24 hours either way.
    """
    if daily_cap <= 0:
        return "no new stories for now"
    if daily_cap == 1 or cooldown >= DAY:
        return "one story a day"
    per_day = f"{count_text(daily_cap, 'story', 'stories')} a day"
    if cooldown <= timedelta(0):
        return per_day
    return f"{per_day}, at least {duration_text(cooldown)} apart"
