"""The figures and wording of a brand's card (``/brand``), from its published stories.

Pure and Discord-free: the cog only lays these strings out in an embed. Every number
shown here is computed from ``BrandStats`` and the server's prior weight, so the card
and its unit tests agree on exactly what a reader sees.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.domain.scoring import bayesian_score, net_promoter_score
from bot.domain.stories import BrandStats
from bot.domain.submission import RATING_MAX, RATING_MIN, stars
from bot.domain.touchpoints import Touchpoint

__all__ = [
    "DEFAULT_PRIOR_MEAN",
    "MIN_TOUCHPOINT_STORIES",
    "NO_VALUE",
    "BrandSummary",
    "TouchpointFigure",
    "card_score",
    "count_text",
    "nps_text",
    "prior_mean",
    "rating_text",
    "round_half_up",
    "score_text",
    "split_text",
    "star_count",
    "summarise",
    "touchpoint_extremes",
]

# The server's mean when it has no recent published story (DESIGN.md, the digest).
DEFAULT_PRIOR_MEAN = 3.0
# One story on a touchpoint is an anecdote, not a strength or a weakness.
MIN_TOUCHPOINT_STORIES = 2
NO_VALUE = "—"
# Means closer than this are equal: SQLite's avg() of different sets can differ in the
# last bit, and "strongest 3.00 / weakest 3.00" would be a contrast that is not there.
_EPSILON = 1e-9


def round_half_up(value: float) -> int:
    """Round .5 away from zero (Python's ``round`` would give 2 for 2.5)."""
    rounded = math.floor(abs(value) + 0.5)
    return int(rounded if value >= 0 else -rounded)


def count_text(count: int, singular: str, plural: str | None = None) -> str:
    """``count_text(1, "story") == "1 story"``, ``count_text(2, "story", "stories")``."""
    word = singular if count == 1 else (plural or singular + "s")
    return f"{count} {word}"


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


def rating_text(mean: float) -> str:
    """``rating_text(3.666) == "★★★★☆ 3.67 / 5"``."""
    return f"{stars(star_count(mean))} {mean:.2f} / {RATING_MAX}"


def score_text(
    score: float,
    count: int,
    server_mean: float | None,
    prior_weight: float,
    prior_label: str = "the server's 12-week average",
) -> str:
    """The score, and what pulled it where (so a reader can tell it from the mean)."""
    prior = (
        f"{prior_label} {server_mean:.2f}"
        if server_mean is not None
        else f"a neutral {DEFAULT_PRIOR_MEAN:.2f} (no recent stories in the server)"
    )
    return (
        f"**{score:.2f}** / {RATING_MAX} — {count_text(count, 'story', 'stories')} "
        f"weighed against {prior}, weight {prior_weight:g}"
    )


def nps_text(answers: Sequence[int]) -> str:
    """Net Promoter Score with how many answers it rests on; "—" when there are none."""
    score = net_promoter_score(answers)
    how_many = count_text(len(answers), "answer")
    if score is None:
        return f"{NO_VALUE} ({how_many})"
    value = round_half_up(score)
    shown = f"+{value}" if value > 0 else str(value)
    return f"{shown} ({how_many})"


def split_text(great: int, disaster: int) -> str | None:
    """``"🌟 3 great (75%) · 💥 1 disaster (25%)"``; None when there is nothing to split.

    The disaster share is 100 minus the great share, so the two always add up to 100.
    """
    total = great + disaster
    if total == 0:
        return None
    great_share = round_half_up(100 * great / total)
    return f"🌟 {great} great ({great_share}%) · 💥 {disaster} disaster ({100 - great_share}%)"


@dataclass(frozen=True, slots=True)
class TouchpointFigure:
    """One part of the experience and how the brand's stories about it were rated."""

    touchpoint: Touchpoint
    count: int
    mean: float

    def describe(self) -> str:
        """``"🎧 Customer service & support — 1.50 ★ (2 stories)"``."""
        return (
            f"{self.touchpoint.emoji} {self.touchpoint.label} — {self.mean:.2f} ★ "
            f"({count_text(self.count, 'story', 'stories')})"
        )


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
    """The card's figures as text; None where the card shows nothing for that line."""

    story_count: int
    rating: str | None
    score: str | None
    nps: str
    split: str | None
    strongest: TouchpointFigure | None
    weakest: TouchpointFigure | None


def summarise(
    stats: BrandStats, prior_weight: float, prior_label: str = "the server's 12-week average"
) -> BrandSummary:
    """Everything on a brand's card but the names, aliases and the recent stories.

    `prior_label` names where the server mean comes from (a period's card weighs the
    brand against that period's average, see ``bot.domain.periods``).
    """
    mean = stats.mean_rating if stats.story_count else None
    score = card_score(stats.story_count, mean, stats.server_mean_rating, prior_weight)
    strongest, weakest = touchpoint_extremes(stats.touchpoint_ratings)
    return BrandSummary(
        story_count=stats.story_count,
        rating=None if mean is None else rating_text(mean),
        score=None
        if score is None
        else score_text(
            score, stats.story_count, stats.server_mean_rating, prior_weight, prior_label
        ),
        nps=nps_text(stats.recommend_answers),
        split=split_text(stats.great_count, stats.disaster_count),
        strongest=strongest,
        weakest=weakest,
    )
