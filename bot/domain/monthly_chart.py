"""A brand's score month by month, and the bars of a small chart of it (inline SVG).

Each month's score is the Bayesian score of that month's published stories against the
same server mean the brand page shows (so a quiet month is pulled towards it, like
every score in the bot). Months are calendar months in the server's zone; months with
no story have no bar. Pure: the page template only draws the rectangles given here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.scoring import bayesian_score
from bot.domain.weeks import validate_zone

__all__ = ["CHART_HEIGHT", "CHART_WIDTH", "Bar", "MonthScore", "chart_bars", "monthly_scores"]

CHART_WIDTH = 320
CHART_HEIGHT = 120
MAX_MONTHS = 24  # two years: enough to see a trend, still readable on a phone
_TOP = 5.0  # the rating scale
_BOTTOM = 1.0


@dataclass(frozen=True, slots=True)
class MonthScore:
    month: date  # the first day
    count: int
    score: float


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    month: date  # the first day; the page words it ("Nov 2026", "nov. 2026")
    count: int
    score: float


def monthly_scores(
    points: Iterable[tuple[datetime, int]],
    zone: str,
    server_mean: float,
    prior_weight: float,
) -> list[MonthScore]:
    """The last `MAX_MONTHS` months that have stories, oldest first."""
    tz = validate_zone(zone)
    buckets: dict[date, list[int]] = {}
    for moment, rating in points:
        local = moment.astimezone(tz)
        buckets.setdefault(date(local.year, local.month, 1), []).append(rating)
    months = sorted(buckets)[-MAX_MONTHS:]
    return [
        MonthScore(
            month,
            len(buckets[month]),
            bayesian_score(
                len(buckets[month]),
                sum(buckets[month]) / len(buckets[month]),
                server_mean,
                prior_weight,
            ),
        )
        for month in months
    ]


def chart_bars(scores: list[MonthScore]) -> list[Bar]:
    """One bar per month, its height the score on the 1–5 scale."""
    if not scores:
        return []
    slot = CHART_WIDTH / len(scores)
    bars = []
    for index, item in enumerate(scores):
        share = (min(max(item.score, _BOTTOM), _TOP) - _BOTTOM) / (_TOP - _BOTTOM)
        height = max(2.0, share * (CHART_HEIGHT - 20))
        bars.append(
            Bar(
                x=round(index * slot + slot * 0.15, 1),
                y=round(CHART_HEIGHT - 14 - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                month=item.month,
                count=item.count,
                score=item.score,
            )
        )
    return bars
