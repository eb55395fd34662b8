"""The figures of a brand's card (``/brand`` and the web page), from its published stories.

Pure, Discord-free and wordless: it returns numbers, and the wording in each language
lives in ``bot.i18n.figures`` beside the code that shows it. Every number is computed
from ``BrandStats`` and the server's prior weight, so the card and its unit tests agree
on exactly what a reader sees.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.domain.scoring import bayesian_score, net_promoter_score
from bot.domain.stories import BrandStats
from bot.domain.submission import RATING_MAX, RATING_MIN
from bot.domain.touchpoints import Touchpoint

__all__ = [
    "DEFAULT_PRIOR_MEAN",
    "MIN_TOUCHPOINT_STORIES",
    "BrandSummary",
    "TouchpointFigure",
    "card_score",
    "great_share",
    "nps_value",
    "prior_mean",
    "round_half_up",
    "star_count",
    "summarise",
    "touchpoint_extremes",
]

# The server's mean when it has no recent published story (DESIGN.md, the digest).
DEFAULT_PRIOR_MEAN = 3.0
# One story on a touchpoint is an anecdote, not a strength or a weakness.
MIN_TOUCHPOINT_STORIES = 2
# Means closer than this are equal: SQLite's avg() of different sets can differ in the
# last bit, and "strongest 3.00 / weakest 3.00" would be a contrast that is not there.
_EPSILON = 1e-9


def round_half_up(value: float) -> int:
    """Round .5 away from zero (Python's ``round`` would give 2 for 2.5)."""
    rounded = math.floor(abs(value) + 0.5)
    return int(rounded if value >= 0 else -rounded)


def prior_mean(server_mean: float | None) -> float:
    """C in the Bayesian score: the server's trailing mean, 3.0 if it has none."""
    return DEFAULT_PRIOR_MEAN if server_mean is None else server_mean


def card_score(
    count: int, mean: float | None, server_mean: float | None, prior_weight: float
) -> float | None:
    """``(v·R + m·C) / (v + m)`` over the brand's published stories; None without any.

    Without stories the score would just be C, which says nothing about the brand.
    """
    if count == 0 or mean is None:
        return None
    return bayesian_score(count, mean, prior_mean(server_mean), prior_weight)


def star_count(mean: float) -> int:
    """Whole stars for a mean rating, rounded half up and kept within 1-5."""
    return min(RATING_MAX, max(RATING_MIN, round_half_up(mean)))


def nps_value(answers: Sequence[int]) -> int | None:
    """Net Promoter Score rounded half up (-100…+100); None without answers."""
    score = net_promoter_score(answers)
    return None if score is None else round_half_up(score)


def great_share(great: int, disaster: int) -> int | None:
    """The great stories' share in whole percent; None when there is nothing to split.

    The disaster share is 100 minus this one, so the two always add up to 100.
    """
    total = great + disaster
    return None if total == 0 else round_half_up(100 * great / total)


@dataclass(frozen=True, slots=True)
class TouchpointFigure:
    """One part of the experience and how the brand's stories about it were rated."""

    touchpoint: Touchpoint
    count: int
    mean: float


def touchpoint_extremes(
    ratings: Mapping[Touchpoint, tuple[int, float]],
    min_stories: int = MIN_TOUCHPOINT_STORIES,
) -> tuple[TouchpointFigure | None, TouchpointFigure | None]:
    """(strongest, weakest) touchpoint by mean rating, among those with enough stories.

    Both are relative, so both need a contrast: two eligible touchpoints whose means
    differ. With one eligible touchpoint, or all eligible means equal, both are None,
    and the same touchpoint is therefore never both. Ties on the mean go to the
    touchpoint with more stories (more evidence), then to the order of the form.
    """
    order = list(Touchpoint)
    eligible = [
        TouchpointFigure(touchpoint, count, mean)
        for touchpoint, (count, mean) in ratings.items()
        if count >= min_stories
    ]
    if len(eligible) < 2:
        return None, None
    strongest = min(eligible, key=lambda f: (-f.mean, -f.count, order.index(f.touchpoint)))
    weakest = min(eligible, key=lambda f: (f.mean, -f.count, order.index(f.touchpoint)))
    if strongest.mean - weakest.mean < _EPSILON:
        return None, None
    return strongest, weakest


@dataclass(frozen=True, slots=True)
class BrandSummary:
    """The card's figures; None where the card shows nothing for that line.

    `server_mean` None means the score was weighed against the neutral
    ``DEFAULT_PRIOR_MEAN`` (the server had no recent published story).
    """

    story_count: int
    mean: float | None
    stars: int | None
    score: float | None
    server_mean: float | None
    prior_weight: float
    nps: int | None
    nps_answers: int
    great: int
    disaster: int
    great_share: int | None
    strongest: TouchpointFigure | None
    weakest: TouchpointFigure | None


def summarise(stats: BrandStats, prior_weight: float) -> BrandSummary:
    """Everything on a brand's card but the names, aliases and the recent stories."""
    mean = stats.mean_rating if stats.story_count else None
    score = card_score(stats.story_count, mean, stats.server_mean_rating, prior_weight)
    strongest, weakest = touchpoint_extremes(stats.touchpoint_ratings)
    return BrandSummary(
        story_count=stats.story_count,
        mean=mean,
        stars=None if mean is None else star_count(mean),
        score=score,
        server_mean=stats.server_mean_rating,
        prior_weight=prior_weight,
        nps=nps_value(stats.recommend_answers),
        nps_answers=len(stats.recommend_answers),
        great=stats.great_count,
        disaster=stats.disaster_count,
        great_share=great_share(stats.great_count, stats.disaster_count),
        strongest=strongest,
        weakest=weakest,
    )
