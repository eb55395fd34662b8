"""A server's posting limits in words ("5 stories a day, at least 1 h 30 min apart"),
in either language: the setup panel shows them, and so do the story flow's refusals."""

from __future__ import annotations

from datetime import timedelta

from bot.i18n.catalog import Lang, count, tr

_DAY = timedelta(days=1)


def duration_text(lang: Lang, span: timedelta) -> str:
    """A wait as people say it: "1 minute", "45 minutes", "2 hours", "1 h 30 min".

    Whole hours read as hours; a mix of hours and minutes is shortened ("1 h 30 min")
    because "1 hour and 30 minutes" is long inside a sentence; under a minute, seconds.
    """
    seconds = max(0, int(span.total_seconds()))
    if seconds < 60:
        return count(lang, "n-seconds", seconds)
    minutes = seconds // 60
    if minutes < 60:
        return count(lang, "n-minutes", minutes)
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return count(lang, "n-hours", hours)
    return tr(lang, "duration-hours-minutes", hours=hours, minutes=rest)


def limits_text(lang: Lang, cooldown: timedelta, daily_cap: int) -> str:
    """The posting limit in words, natural for every cooldown and cap (0, 1, many).

    A cooldown is only mentioned where it limits anything: with a cap of one story a day,
    or a cooldown of a day or more, the member can post once per 24 hours either way.
    """
    if daily_cap <= 0:
        return tr(lang, "limits-none")
    if daily_cap == 1 or cooldown >= _DAY:
        return tr(lang, "limits-one-a-day")
    per_day = tr(lang, "limits-per-day", count=daily_cap)
    if cooldown <= timedelta(0):
        return per_day
    return tr(lang, "limits-apart", per_day=per_day, wait=duration_text(lang, cooldown))
