"""Backing off when the process keeps restarting.

Discord allows 1,000 IDENTIFYs a day and then resets the bot's token; a crash loop under
a supervisor that restarts at once would burn through that in hours. The bot remembers
its recent start times and, when they pile up, waits longer before connecting.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

WINDOW = timedelta(minutes=10)
FREE_STARTS = 3  # restarts within the window that cost nothing (deploys, a manual restart)
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=15)


def start_delay(previous_starts: Sequence[datetime], now: datetime) -> timedelta:
    """How long to wait before connecting, given when the process started recently."""
    recent = [t for t in previous_starts if now - WINDOW <= t <= now]
    excess = len(recent) - FREE_STARTS
    if excess < 0:
        return timedelta(0)
    if excess >= 10:  # 30 s · 2¹⁰ is far past the cap already
        return MAX_DELAY
    delay: timedelta = FIRST_DELAY * 2**excess
    return min(delay, MAX_DELAY)


def remember_start(previous_starts: Sequence[datetime], now: datetime) -> list[datetime]:
    """The start times worth keeping, this one included."""
    return [t for t in previous_starts if now - WINDOW <= t <= now] + [now]
