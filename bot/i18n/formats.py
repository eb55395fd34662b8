"""Numbers and dates as each language writes them, through Babel ("3,67", "2 mars 2026").

Kept apart from the catalogs: these are CLDR rules, not wording, and a translator never
has to touch them. Every figure the bot shows goes through here, so a French reader
never meets "3.67" and an English one never meets "3,67".
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, localcontext

from babel.dates import format_date, get_day_names
from babel.numbers import format_decimal, format_percent

from bot.i18n.catalog import Lang


def decimal(lang: Lang, value: float, digits: int = 2) -> str:
    """A figure with exactly `digits` decimals: ``decimal("fr", 3.666) == "3,67"``.

    Halves round up, as people do and as the domain's `round_half_up` does (Babel reads
    3.275 as the decimal 3.275, so the card shows 3.28, where Python's binary "%.2f"
    would show 3.27; Babel's default, half-even, would turn 3.265 into 3.26).
    """
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    with localcontext() as context:
        context.rounding = ROUND_HALF_UP
        return str(format_decimal(value, format=pattern, locale=lang))


def plain_number(lang: Lang, value: float) -> str:
    """A setting as typed, without forced decimals: 3 → "3", 2.5 → "2,5" in French."""
    return str(format_decimal(value, locale=lang))


def short_date(lang: Lang, when: date) -> str:
    """A date with its year: "Mar 2, 2026", "2 mars 2026"."""
    return str(format_date(when, "medium", locale=lang))


def month_year(lang: Lang, when: date) -> str:
    """A month and its year: "March 2026", "mars 2026"."""
    return str(format_date(when, "LLLL y", locale=lang))


def month_short(lang: Lang, when: date) -> str:
    """A month's short name under a chart's bar: "Mar", "mars"."""
    return str(format_date(when, "LLL", locale=lang))


def percent(lang: Lang, share: float) -> str:
    """A share of 1 in whole percent: 0.4 → "40%", "40 %" in French."""
    return str(format_percent(share, locale=lang))


def weekday_name(lang: Lang, weekday: int) -> str:
    """0 → "Monday" / "lundi" … 6 → "Sunday" / "dimanche"."""
    return str(get_day_names("wide", locale=lang)[weekday])
