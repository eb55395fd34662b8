"""Per-member cooldown and daily cap on new stories, so no one can flood a server.

The limits and waits are given as facts (`Phrase`: a catalog key and its values, in
`common.ftl`) that the Discord edge words in the reader's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.phrase import Phrase

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


def duration_phrase(span: timedelta) -> Phrase:
    """A wait as people say it: "1 minute", "45 minutes", "2 hours", "1 h 30 min".

    Whole hours read as hours; a mix of hours and minutes is shortened ("1 h 30 min")
    because "1 hour and 30 minutes" is long inside a sentence; under a minute, seconds.
    """
    seconds = max(0, int(span.total_seconds()))
    if seconds < 60:
        return Phrase.of("n-seconds", count=seconds)
    minutes = seconds // 60
    if minutes < 60:
        return Phrase.of("n-minutes", count=minutes)
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return Phrase.of("n-hours", count=hours)
    return Phrase.of("duration-hours-minutes", hours=hours, minutes=rest)


def limits_phrase(cooldown: timedelta, daily_cap: int) -> Phrase:
    """The posting limit, natural for every cooldown and cap (0, 1, many).

    A cooldown is only mentioned where it limits anything: with a cap of one story a day,
    or a cooldown of a day or more, the member can post once per 24 hours either way.
    """
    if daily_cap <= 0:
        return Phrase("limits-none")
    if daily_cap == 1 or cooldown >= DAY:
        return Phrase("limits-one-a-day")
    per_day = Phrase.of("limits-per-day", count=daily_cap)
    if cooldown <= timedelta(0):
        return per_day
    return Phrase.of("limits-apart", per_day=per_day, wait=duration_phrase(cooldown))
