"""A brand's figures and a leaderboard's rows in words: shared by `/brand`, the
leaderboards, the digest and the web pages, so a figure reads the same everywhere.

The domain (`bot.domain.brand_card`, `bot.domain.ranking`) gives numbers; this module
words them with the catalogs and writes the numbers with Babel ("3,67" in French).
Brand names are member text: callers escape them for where they show them.
"""

from __future__ import annotations

from bot.domain.brand_card import BrandSummary, TouchpointFigure, prior_mean
from bot.domain.periods import Period, PeriodSpan
from bot.domain.ranking import Movement, MovementKind
from bot.domain.submission import stars
from bot.domain.touchpoints import Touchpoint
from bot.i18n.catalog import Lang, tr
from bot.i18n.formats import decimal, month_year, plain_number, short_date

NO_VALUE = "—"


def touchpoint_name(lang: Lang, touchpoint: Touchpoint) -> str:
    return tr(lang, f"touchpoint-{touchpoint.value}")


def period_name(lang: Lang, period: Period) -> str:
    """A period as a tab: "This week", "Ce mois-ci"."""
    return tr(lang, f"period-{period.value}")


def period_title(lang: Lang, span: PeriodSpan) -> str:
    """Which stretch a period covers: "Week of Nov 16, 2026", "novembre 2026", "T4 2026"."""
    start = span.window.week_start
    if span.period is Period.WEEK:
        return tr(lang, "period-title-week", date=short_date(lang, start))
    if span.period is Period.MONTH:
        return month_year(lang, start)
    if span.period is Period.QUARTER:
        return tr(
            lang, "period-title-quarter", quarter=(start.month - 1) // 3 + 1, year=str(start.year)
        )
    return tr(lang, "period-all")


def prior_source(lang: Lang, span: PeriodSpan | None, server_mean: float | None) -> str:
    """Where the server mean C comes from, with its value."""
    if server_mean is None:
        return tr(lang, "card-prior-neutral", mean=decimal(lang, prior_mean(None)))
    mean = decimal(lang, server_mean)
    if span is None or span.period is Period.WEEK:
        return tr(lang, "card-prior-week", mean=mean)
    if span.period is Period.ALL_TIME:
        return tr(lang, "card-prior-all", mean=mean)
    return tr(lang, "card-prior-period", period=period_title(lang, span), mean=mean)


def rating_text(lang: Lang, summary: BrandSummary) -> str | None:
    """The mean rating, "★★★★☆ 3.67 / 5"; None without stories."""
    if summary.mean is None or summary.stars is None:
        return None
    return tr(lang, "card-rating", stars=stars(summary.stars), mean=decimal(lang, summary.mean))


def score_text(
    lang: Lang, summary: BrandSummary, span: PeriodSpan | None = None, *, bold: bool = True
) -> str | None:
    """The score, and what pulled it where (so a reader can tell it from the mean)."""
    if summary.score is None:
        return None
    score = decimal(lang, summary.score)
    return tr(
        lang,
        "card-score",
        score=f"**{score}**" if bold else score,
        count=summary.story_count,
        prior=prior_source(lang, span, summary.server_mean),
        weight=plain_number(lang, summary.prior_weight),
    )


def nps_text(lang: Lang, summary: BrandSummary) -> str:
    """The NPS, "+33 (3 answers)"; "—" when nobody answered."""
    value = summary.nps
    signed = "" if value is None else f"+{value}" if value > 0 else str(value)
    shown = NO_VALUE if value is None else signed
    return tr(lang, "card-nps", score=shown, answers=summary.nps_answers)


def split_text(lang: Lang, summary: BrandSummary) -> str | None:
    """Great and disaster shares; None when there is nothing to split."""
    if summary.great_share is None:
        return None
    return tr(
        lang,
        "card-split",
        great=summary.great,
        disaster=summary.disaster,
        great_share=summary.great_share,
        disaster_share=100 - summary.great_share,
    )


def touchpoint_text(lang: Lang, figure: TouchpointFigure) -> str:
    """A touchpoint's figure: "🎧 Customer service & support — 1.50 ★ (2 stories)"."""
    return tr(
        lang,
        "card-touchpoint",
        emoji=figure.touchpoint.emoji,
        touchpoint=touchpoint_name(lang, figure.touchpoint),
        mean=decimal(lang, figure.mean),
        count=figure.count,
    )


def movement_text(lang: Lang, movement: Movement) -> str:
    """A rank's change since last week as the digest shows it: "↑2", "↓1", "new", "="."""
    if movement.kind is MovementKind.UP:
        return f"↑{movement.steps}"
    if movement.kind is MovementKind.DOWN:
        return f"↓{movement.steps}"
    return tr(lang, "movement-new") if movement.kind is MovementKind.NEW else "="
