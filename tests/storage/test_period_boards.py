"""Period leaderboards against an independent computation on a seeded database.

The seed spreads stories over two years in America/Toronto, with stories placed one
second either side of each period boundary around both daylight-saving changes. The
expected lists are computed here from each story's *local* wall-clock time (no UTC
boundary arithmetic), the Bayesian formula written out, and the rules of DESIGN.md.
"""

import itertools
import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.brands import brand_key
from bot.domain.guild_settings import GuildSettings
from bot.domain.periods import Period
from bot.domain.stories import StoryStatus
from bot.domain.submission import StoryKind, StorySubmission
from bot.domain.touchpoints import Touchpoint
from bot.services.period_boards import PeriodBoards
from storage.sqlite import Storage

ZONE = "America/Toronto"
TZ = ZoneInfo(ZONE)
GUILD = 77
BRANDS = ("Acme", "Bell", "Costco", "Delta", "Eaton", "Fido", "Globe", "Home Depot")
_ids = itertools.count(1)


@dataclass(frozen=True)
class Seeded:
    brand: str
    rating: int
    at: datetime
    published: bool


# Instants either side of local midnight on 1 Nov 2026 (EDT->EST that night, 04:00 UTC)
# and 1 Apr 2026 (EDT, 04:00 UTC), and of the week boundary Monday 00:00 local.
BOUNDARIES = (
    datetime(2026, 11, 1, 4, tzinfo=UTC),
    datetime(2026, 10, 1, 4, tzinfo=UTC),
    datetime(2026, 4, 1, 4, tzinfo=UTC),
    datetime(2026, 3, 1, 5, tzinfo=UTC),
    datetime(2026, 11, 2, 5, tzinfo=UTC),  # Monday 2 Nov 00:00 EST
    datetime(2026, 11, 9, 5, tzinfo=UTC),
)
NOWS = (
    datetime(2026, 11, 1, 4, tzinfo=UTC),  # the first instant of November, local
    datetime(2026, 11, 1, 3, 59, 59, tzinfo=UTC),  # the last second of October, local
    datetime(2026, 11, 9, 5, 0, 1, tzinfo=UTC),
    datetime(2026, 3, 20, tzinfo=UTC),
    datetime(2026, 4, 1, 4, tzinfo=UTC),
)


def _seed_plan() -> list[Seeded]:
    rng = random.Random(13)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    plan = []
    for _ in range(500):
        at = start + timedelta(seconds=rng.randrange(int(timedelta(days=700).total_seconds())))
        brand = rng.choice(BRANDS)
        # Brands lean one way so that both lists fill up.
        bias = BRANDS.index(brand) % 3
        rating = min(5, max(1, rng.randint(1, 5) + (1 if bias == 0 else -1 if bias == 1 else 0)))
        plan.append(Seeded(brand, rating, at, rng.random() > 0.1))
    for boundary in BOUNDARIES:
        for offset in (-1, 0, 1):
            for brand in BRANDS[:4]:
                rating = rng.randint(1, 5)
                plan.append(Seeded(brand, rating, boundary + timedelta(seconds=offset), True))
    return plan


async def _seed(storage: Storage, plan: list[Seeded]) -> None:
    for item in plan:
        submission = StorySubmission.model_validate(
            {
                "kind": StoryKind.GREAT if item.rating >= 3 else StoryKind.DISASTER,
                "brand": item.brand,
                "headline": "A headline long enough",
                "body": "What happened, told in enough words to pass the form's checks.",
                "rating": item.rating,
                "touchpoints": (Touchpoint.SERVICE,),
            }
        )
        await storage.stories.create(
            guild_id=GUILD,
            author_id=500,
            submission=submission,
            brand_key=brand_key(item.brand),
            status=StoryStatus.PUBLISHED if item.published else StoryStatus.PENDING,
            interaction_id=next(_ids),
            now=item.at,
        )


def _week_of(moment: datetime) -> date:
    """The local Monday (weeks start Monday 00:00 here) of a moment, from wall-clock time."""
    day = moment.astimezone(TZ).date()
    return day - timedelta(days=day.weekday())


def _in_period(period: Period, moment: datetime, now: datetime) -> bool:
    local, today = moment.astimezone(TZ), now.astimezone(TZ)
    if period is Period.WEEK:
        return _week_of(moment) == _week_of(now)
    if period is Period.MONTH:
        return (local.year, local.month) == (today.year, today.month)
    if period is Period.QUARTER:
        return (local.year, (local.month - 1) // 3) == (today.year, (today.month - 1) // 3)
    return True


def _in_prior(period: Period, moment: datetime, now: datetime) -> bool:
    if period is not Period.WEEK:
        return _in_period(period, moment, now)
    weeks_back = (_week_of(now) - _week_of(moment)).days // 7
    return 0 <= weeks_back < 12


def _expected(
    plan: list[Seeded], period: Period, now: datetime, settings: GuildSettings
) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    published = [s for s in plan if s.published]
    prior = [s.rating for s in published if _in_prior(period, s.at, now)]
    c = sum(prior) / len(prior) if prior else 3.0
    ratings: dict[str, list[int]] = {}
    for s in published:
        if _in_period(period, s.at, now):
            ratings.setdefault(s.brand, []).append(s.rating)
    m = settings.prior_weight
    scored = [
        (name, (len(r) * (sum(r) / len(r)) + m * c) / (len(r) + m), len(r))
        for name, r in ratings.items()
        if len(r) >= settings.min_stories
    ]
    best = sorted(
        (x for x in scored if round(x[1], 9) >= round(c, 9)),
        key=lambda x: (-round(x[1], 9), -x[2], x[0].casefold()),
    )
    worst = sorted(
        (x for x in scored if round(x[1], 9) < round(c, 9)),
        key=lambda x: (round(x[1], 9), -x[2], x[0].casefold()),
    )
    size = settings.leaderboard_size
    return [(n, s) for n, s, _ in best[:size]], [(n, s) for n, s, _ in worst[:size]]


@pytest.mark.parametrize("now", NOWS, ids=lambda n: n.isoformat())
async def test_every_period_matches_an_independent_computation(
    storage: Storage, now: datetime
) -> None:
    plan = _seed_plan()
    await _seed(storage, plan)
    settings = GuildSettings(
        guild_id=GUILD, timezone=ZONE, min_stories=3, leaderboard_size=4, prior_weight=2.5
    )
    boards = PeriodBoards(storage.leaderboard, lambda: now)
    for period in Period:
        result = await boards.board(settings, period)
        best, worst = _expected(plan, period, now, settings)
        got_best = [(r.name, r.score) for r in result.board.best]
        got_worst = [(r.name, r.score) for r in result.board.worst]
        assert [n for n, _ in got_best] == [n for n, _ in best], period
        assert [n for n, _ in got_worst] == [n for n, _ in worst], period
        for (_, got), (_, want) in zip(got_best + got_worst, best + worst, strict=True):
            assert got == pytest.approx(want, abs=1e-9)
        # Never on both lists.
        assert not {r.brand_id for r in result.board.best} & {
            r.brand_id for r in result.board.worst
        }
        expected_total = sum(1 for s in plan if s.published and _in_period(period, s.at, now))
        assert result.board.total_stories == expected_total, period
