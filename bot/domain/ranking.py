"""The weekly leaderboards: who delighted the server and who let it down.

Pure arithmetic on one week's per-brand figures (``BrandWeek``, which storage computes
with one indexed aggregate): no I/O, no Discord, so the digest, `/leaderboard` and the
moderators' preview all rank the same way and the maths is tested by hand.

The results (not the input rows) are pydantic models so that a posted leaderboard can
be stored as JSON and read back next week to show rank movement.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from bot.domain.scoring import bayesian_score

__all__ = [
    "DEFAULT_PRIOR_MEAN",
    "MOVER_MIN_STORIES",
    "MOVER_Z",
    "BrandWeek",
    "Leaderboard",
    "Movement",
    "MovementKind",
    "Mover",
    "PreviousRanks",
    "RankedBrand",
    "check_rows",
    "disaster_movers",
    "rank_week",
    "two_proportion_z",
]

DEFAULT_PRIOR_MEAN = 3.0  # C when the server has no stories in the trailing weeks
MOVER_Z = 1.96  # two-sided 5 % significance
MOVER_MIN_STORIES = 3  # per brand, in each of the two weeks compared
# Scores are compared after rounding so that float noise (e.g. 3.0000000000000004 for
# a brand exactly at the server mean) never decides a tie or which list a brand is on.
_SCORE_DIGITS = 9


class BrandWeek(NamedTuple):
    """One brand's published stories in one window, as storage aggregates them.

    An immutable tuple whose fields are the aggregate query's columns, so storage
    builds hundreds per read at the cost of a tuple: with a pydantic model (or a
    checking dataclass) building them cost more than the query itself
    (`bench/leaderboard.py`). `check_rows` checks the invariants where the maths uses
    them, in `rank_week`.
    """

    brand_id: int
    name: str
    # Shadows tuple.count (a method no caller of a row uses): the name every caller reads.
    count: int  # type: ignore[assignment]
    mean_rating: float  # 0 only when count is 0
    great_count: int
    disaster_count: int


def check_rows(rows: Iterable[BrandWeek]) -> None:
    """Refuse rows no correct query produces (they would rank silently wrong)."""
    seen: set[int] = set()
    for row in rows:
        if min(row.count, row.great_count, row.disaster_count) < 0:
            raise ValueError("counts must not be negative")
        # Every story is either great or disaster: a mismatch means a broken query.
        if row.great_count + row.disaster_count != row.count:
            raise ValueError("great_count + disaster_count must equal count")
        if not 0 <= row.mean_rating <= 5 or (row.count and row.mean_rating < 1):
            raise ValueError("mean_rating must be between 1 and 5")
        if row.brand_id in seen:
            raise ValueError("each brand must appear once")
        seen.add(row.brand_id)


class MovementKind(StrEnum):
    NEW = "new"  # not on this list in last week's posted digest
    UP = "up"  # a smaller rank number than last week
    DOWN = "down"
    SAME = "same"


class Movement(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: MovementKind
    steps: int = Field(default=0, ge=0)

    @classmethod
    def between(cls, previous: int | None, current: int) -> Movement:
        if previous is None:
            return cls(kind=MovementKind.NEW)
        if previous > current:
            return cls(kind=MovementKind.UP, steps=previous - current)
        if previous < current:
            return cls(kind=MovementKind.DOWN, steps=current - previous)
        return cls(kind=MovementKind.SAME)


class RankedBrand(BaseModel):
    """A row of the best or worst list."""

    model_config = ConfigDict(frozen=True)

    rank: int = Field(ge=1)
    brand_id: int
    name: str
    score: float
    count: int
    mean_rating: float
    great_count: int
    disaster_count: int
    movement: Movement


class PreviousRanks(BaseModel):
    """Last week's posted ranks, brand id -> rank, per list (empty: no digest last week)."""

    model_config = ConfigDict(frozen=True)

    best: dict[int, int] = Field(default_factory=dict)
    worst: dict[int, int] = Field(default_factory=dict)


class Leaderboard(BaseModel):
    """Both lists for one week, with the parameters and totals they were computed from."""

    model_config = ConfigDict(frozen=True)

    prior_mean: float
    prior_weight: float
    min_stories: int
    size: int
    best: tuple[RankedBrand, ...]
    worst: tuple[RankedBrand, ...]
    eligible_brands: int  # brands with at least min_stories stories
    total_stories: int  # every published story in the window, ranked or not
    great_stories: int
    disaster_stories: int

    @property
    def is_empty(self) -> bool:
        """No brand qualified: post "not enough stories", never an empty table."""
        return not self.best and not self.worst

    def posted_ranks(self) -> PreviousRanks:
        """What next week's movement is measured against, once this one is posted."""
        return PreviousRanks(
            best={row.brand_id: row.rank for row in self.best},
            worst={row.brand_id: row.rank for row in self.worst},
        )


def _score_key(score: float) -> float:
    return round(score, _SCORE_DIGITS)


def _tie_key(row: BrandWeek) -> tuple[int, str, int]:
    return (-row.count, row.name.casefold(), row.brand_id)


def rank_week(
    rows: Iterable[BrandWeek],
    *,
    prior_mean: float | None,
    prior_weight: float = 3.0,
    min_stories: int = 2,
    size: int = 5,
    previous: PreviousRanks | None = None,
) -> Leaderboard:
    """Rank a window's brands by Bayesian score into a best and a worst list.

    `prior_mean` is C, the server's mean rating over the trailing weeks (None: the
    server has none yet, use 3.0). A brand is best if its score is at least C and worst
    if below, so no brand is on both. Ties: more stories first, then name (casefolded),
    then brand id so that the order never depends on the input order.
    """
    if prior_weight < 0:
        raise ValueError("prior_weight must not be negative")
    if min_stories < 1 or size < 1:
        raise ValueError("min_stories and size must be at least 1")
    rows = list(rows)
    check_rows(rows)
    mean = DEFAULT_PRIOR_MEAN if prior_mean is None else prior_mean
    previous = previous or PreviousRanks()

    scored = [
        (bayesian_score(row.count, row.mean_rating, mean, prior_weight), row)
        for row in rows
        if row.count >= min_stories
    ]
    threshold = _score_key(mean)
    above = [item for item in scored if _score_key(item[0]) >= threshold]
    below = [item for item in scored if _score_key(item[0]) < threshold]
    above.sort(key=lambda item: (-_score_key(item[0]), *_tie_key(item[1])))
    below.sort(key=lambda item: (_score_key(item[0]), *_tie_key(item[1])))

    return Leaderboard(
        prior_mean=mean,
        prior_weight=prior_weight,
        min_stories=min_stories,
        size=size,
        best=_ranked(above[:size], previous.best),
        worst=_ranked(below[:size], previous.worst),
        eligible_brands=len(scored),
        total_stories=sum(row.count for row in rows),
        great_stories=sum(row.great_count for row in rows),
        disaster_stories=sum(row.disaster_count for row in rows),
    )


def _ranked(
    items: Sequence[tuple[float, BrandWeek]], previous: Mapping[int, int]
) -> tuple[RankedBrand, ...]:
    return tuple(
        RankedBrand(
            rank=rank,
            brand_id=row.brand_id,
            name=row.name,
            score=score,
            count=row.count,
            mean_rating=row.mean_rating,
            great_count=row.great_count,
            disaster_count=row.disaster_count,
            movement=Movement.between(previous.get(row.brand_id), rank),
        )
        for rank, (score, row) in enumerate(items, start=1)
    )


class Mover(BaseModel):
    """A brand whose share of disaster stories changed significantly since last week."""

    model_config = ConfigDict(frozen=True)

    brand_id: int
    name: str
    z: float  # positive: the disaster share went up
    share_before: float
    share_now: float
    stories_before: int
    stories_now: int

    @property
    def got_worse(self) -> bool:
        return self.z > 0


def two_proportion_z(hits_before: int, n_before: int, hits_now: int, n_now: int) -> float:
    """The pooled two-proportion z statistic for ``hits_now/n_now - hits_before/n_before``.

    0 when the pooled share is 0 or 1: both weeks are identical, nothing changed.
    """
    if n_before <= 0 or n_now <= 0:
        raise ValueError("both samples need at least one story")
    if not (0 <= hits_before <= n_before and 0 <= hits_now <= n_now):
        raise ValueError("hits must be between 0 and the sample size")
    pooled = (hits_before + hits_now) / (n_before + n_now)
    variance = pooled * (1 - pooled) * (1 / n_before + 1 / n_now)
    if variance <= 0:
        return 0.0
    return (hits_now / n_now - hits_before / n_before) / math.sqrt(variance)


def disaster_movers(
    this_week: Iterable[BrandWeek],
    last_week: Iterable[BrandWeek],
    *,
    min_stories: int = MOVER_MIN_STORIES,
    z_threshold: float = MOVER_Z,
) -> tuple[Mover, ...]:
    """Brands whose disaster share moved with |z| ≥ `z_threshold`, largest |z| first.

    Only brands with at least `min_stories` stories in each week are tested: below that
    a single story swings the share and the normal approximation means nothing.
    """
    before = {row.brand_id: row for row in last_week}
    movers: list[Mover] = []
    for now in this_week:
        then = before.get(now.brand_id)
        if then is None or then.count < min_stories or now.count < min_stories:
            continue
        z = two_proportion_z(then.disaster_count, then.count, now.disaster_count, now.count)
        if abs(z) >= z_threshold:
            movers.append(
                Mover(
                    brand_id=now.brand_id,
                    name=now.name,
                    z=z,
                    share_before=then.disaster_count / then.count,
                    share_now=now.disaster_count / now.count,
                    stories_before=then.count,
                    stories_now=now.count,
                )
            )
    movers.sort(key=lambda m: (-abs(m.z), m.name.casefold(), m.brand_id))
    return tuple(movers)
