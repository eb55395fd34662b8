"""Per-member cooldown and daily cap on new stories, so no one can flood a server."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.i18n import limits

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
    """A wait in English ("1 minute", "1 h 30 min"); other languages: `bot.i18n.limits`."""
    return limits.duration_text("en", span)


def limits_text(cooldown: timedelta, daily_cap: int) -> str:
    """The posting limit in English ("5 stories a day, at least …"); see `bot.i18n.limits`."""
    return limits.limits_text("en", cooldown, daily_cap)
