"""The benchmark's database: a year of stories across many servers, built fast.

Created with the project's own migrations (so the schema and indexes are the real ones),
then filled through plain sqlite3 with executemany in big transactions, rows inserted in
time order as a live bot would insert them.

Built relative to the real clock: `python -m bot` runs on today's time, so "the week so
far" that `/leaderboard` shows and the trailing weeks of the brand card must hold the
benchmark's stories. The largest server has ~50,000 published stories in the current
week so far and as many in the last full week (`WEEK`); brand keys come from the bot's
own normaliser, so `/brand name:Brand 1` finds the brand; every story has the
touchpoints the story form and the brand card read, and recent stories have votes.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.domain.brands import brand_key
from bot.domain.touchpoints import Touchpoint
from bot.domain.weeks import Window, current_week, week_window
from storage.database import Database

SPAN_WEEKS = 52  # the stories cover the year ending with the current week so far
BIG_GUILD = 10_001
WEEK = week_window(datetime.now(UTC), "UTC")  # the last full week, as at import
_RATINGS = (1, 2, 3, 4, 5)
_DISASTER_CUM = (50, 80, 92, 97, 100)  # disasters are mostly 1-2 stars, not always
_GREAT_CUM = (2, 6, 18, 55, 100)
_TOUCHPOINTS = tuple(t.value for t in Touchpoint)
_PHRASE = (
    "the parcel arrived late and the support line kept me on hold for an hour before "
    "someone finally offered a refund which took three weeks to show up on my card but "
    "the staff at the counter were friendly and fixed the billing error on the spot"
)
_WORDS = _PHRASE.split()
_VOTED_WEEKS = 2  # stories of the last full week and of the week so far get votes
# guild, author, brand, kind, headline, body, rating, status, created, published, interaction
StoryRow = tuple[int, int, int, str, str, str, int, str, int, int | None, int]


@dataclass(frozen=True)
class Plan:
    stories: int
    servers: int
    seed: int = 2026

    @property
    def big_week(self) -> int:
        """The largest server's stories in each of its two busy weeks (the last full one
        and the one so far): ~50,000 of 1,000,000 published (6 % hidden or pending)."""
        return round(self.stories / 20 / 0.94)

    @property
    def big_other(self) -> int:
        """Its stories in the other weeks (so that the 12-week mean has work to do)."""
        return self.stories // 20


@dataclass(frozen=True)
class Built:
    path: Path
    seconds: float
    big_published: int
    big_brands: int
    current_published: int = 0
    guilds: tuple[int, ...] = ()

    @property
    def small_guild(self) -> int:
        """The server with the fewest stories (the last by rank)."""
        return self.guilds[-1] if self.guilds else BIG_GUILD


def _text(rng: random.Random, words: int) -> str:
    start = rng.randrange(len(_WORDS))
    return " ".join(_WORDS[(start + i) % len(_WORDS)] for i in range(words))


async def _create_schema(path: Path) -> None:
    database = await Database.open(path)
    await database.close()


def _brand_counts(plan: Plan, weights: Sequence[float]) -> list[int]:
    """Brands per server, roughly one per fifteen stories (3 to 60; 400 for the largest)."""
    others = plan.stories - 2 * plan.big_week - plan.big_other
    counts = [min(400, max(3, (2 * plan.big_week + plan.big_other) // 100))]
    counts += [min(60, max(3, int(max(others, 0) * w / 15))) for w in weights]
    return counts


def weeks_for(now: datetime) -> tuple[Window, Window]:
    """(the last full week, the week so far) at `now`, in UTC weeks starting on Monday
    at midnight: a new server's digest schedule."""
    return week_window(now, "UTC"), current_week(now, "UTC")


def build(directory: Path, plan: Plan, *, now: datetime | None = None) -> Built:
    """Create the database with the migrations, then bulk-load it through sqlite3."""
    began = time.perf_counter()
    now = now or datetime.now(UTC)
    last_week, this_week = weeks_for(now)
    path = directory / "bench.db"
    asyncio.run(_create_schema(path))
    rng = random.Random(plan.seed)
    guilds = [BIG_GUILD + i for i in range(plan.servers)]
    raw = [1 / (rank**0.7) for rank in range(1, plan.servers)]
    total = sum(raw) or 1.0
    weights = [w / total for w in raw]
    brand_counts = _brand_counts(plan, weights)
    week_starts = [
        int((this_week.start - timedelta(weeks=SPAN_WEEKS - 1 - week)).timestamp())
        for week in range(SPAN_WEEKS)
    ]
    # The week so far: stories up to a minute ago (at least an hour's span, even just
    # after midnight on Monday, so the data is never squeezed into nothing).
    so_far = max(3600, int(now.timestamp()) - 60 - week_starts[-1])

    connection = sqlite3.connect(path, isolation_level=None)
    try:
        # Only for the load: no journal, no fsync, a big cache. The bot's own settings
        # (WAL and all) are back in force when it opens the file.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA cache_size = -1000000")
        brand_ids: list[list[int]] = []
        next_brand = 1
        stamp = week_starts[0]
        connection.execute("BEGIN")
        for guild, count in zip(guilds, brand_counts, strict=True):
            ids = list(range(next_brand, next_brand + count))
            next_brand += count
            brand_ids.append(ids)
            connection.executemany(
                "INSERT INTO brands (id, guild_id, name, name_key, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(b, guild, f"Brand {b}", brand_key(f"Brand {b}"), stamp) for b in ids],
            )
        connection.execute("COMMIT")

        interaction = iter(range(1, 10**12))
        next_story = 1
        for week in range(SPAN_WEEKS):
            span = so_far if week == SPAN_WEEKS - 1 else 7 * 86400
            rows = list(
                _week_rows(
                    rng,
                    plan,
                    week,
                    week_starts[week],
                    span,
                    guilds,
                    weights,
                    brand_ids,
                    interaction,
                )
            )
            rows.sort(key=lambda row: row[8])  # created_at: rowids grow with time
            story_ids = range(next_story, next_story + len(rows))
            next_story += len(rows)
            connection.execute("BEGIN")
            connection.executemany(
                "INSERT INTO stories (id, guild_id, author_id, brand_id, kind, headline, body, "
                "rating, status, created_at, published_at, interaction_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(story, *row) for story, row in zip(story_ids, rows, strict=True)],
            )
            connection.executemany(
                "INSERT INTO story_touchpoints (story_id, touchpoint) VALUES (?, ?)",
                _touchpoint_rows(rng, story_ids, rows),
            )
            if week >= SPAN_WEEKS - _VOTED_WEEKS:
                connection.executemany(
                    "INSERT OR IGNORE INTO story_votes (story_id, user_id, created_at) "
                    "VALUES (?, ?, ?)",
                    _vote_rows(rng, story_ids, rows),
                )
            connection.execute("COMMIT")
        connection.execute("PRAGMA journal_mode = WAL")
        big_published = _published(connection, BIG_GUILD, last_week)
        current_published = _published(connection, BIG_GUILD, this_week)
    finally:
        connection.close()
    return Built(
        path,
        time.perf_counter() - began,
        big_published,
        brand_counts[0],
        current_published,
        tuple(guilds),
    )


def _published(connection: sqlite3.Connection, guild: int, window: Window) -> int:
    row = connection.execute(
        "SELECT count(*) FROM stories WHERE guild_id = ? AND status = 'published' "
        "AND published_at >= ? AND published_at < ?",
        (guild, int(window.start.timestamp()), int(window.end.timestamp())),
    ).fetchone()
    return int(row[0])


def _touchpoint_rows(
    rng: random.Random, ids: Sequence[int], rows: Sequence[StoryRow]
) -> Iterator[tuple[int, str]]:
    """One or two touchpoints a story; each brand leans to its own usual ones."""
    random_ = rng.random
    count = len(_TOUCHPOINTS)
    for story, row in zip(ids, rows, strict=True):
        brand = row[2]
        first = (brand * 3 + int(count * random_() ** 3)) % count
        yield story, _TOUCHPOINTS[first]
        if random_() < 0.4:
            second = (first + 1 + int((count - 1) * random_())) % count
            yield story, _TOUCHPOINTS[second]


def _vote_rows(
    rng: random.Random, ids: Sequence[int], rows: Sequence[StoryRow]
) -> Iterator[tuple[int, int, int]]:
    """A fifth of the published stories found relatable by one to four readers."""
    random_ = rng.random
    for story, row in zip(ids, rows, strict=True):
        if row[7] == "published" and random_() < 0.2:
            for _ in range(1 + int(4 * random_())):
                yield story, rng.randrange(1, 50_000), row[8] + 3600


def _week_rows(
    rng: random.Random,
    plan: Plan,
    week: int,
    start: int,
    span: int,
    guilds: Sequence[int],
    weights: Sequence[float],
    brand_ids: Sequence[Sequence[int]],
    interaction: Iterator[int],
) -> Iterator[StoryRow]:
    """One week's stories, created within `span` seconds of `start`, in no order; the
    last two weeks (the last full one and the one so far) are the largest server's busy
    weeks."""
    busy = week >= SPAN_WEEKS - 2
    big = plan.big_week if busy else plan.big_other // (SPAN_WEEKS - 2)
    others = max(0, plan.stories - 2 * plan.big_week - plan.big_other) // SPAN_WEEKS
    picks: list[int] = [0] * big
    if len(guilds) > 1:
        picks += rng.choices(range(1, len(guilds)), weights=weights, k=others)
    random_ = rng.random
    for index in picks:
        brands = brand_ids[index]
        brand = brands[int(len(brands) * random_() ** 2)]  # a few brands get most stories
        disaster_share = 0.1 + 0.8 * ((brand * 2654435761) % 1000) / 1000
        disaster = random_() < disaster_share
        cum = _DISASTER_CUM if disaster else _GREAT_CUM
        rating = rng.choices(_RATINGS, cum_weights=cum)[0]
        roll = random_()
        status = "published" if roll < 0.94 else "hidden" if roll < 0.97 else "pending"
        created = start + int(random_() * span)
        yield (
            guilds[index],
            rng.randrange(1, 50_000),
            brand,
            "disaster" if disaster else "great",
            _text(rng, 6),
            _text(rng, rng.randrange(15, 110)),  # ~80 to ~600 characters
            rating,
            status,
            created,
            created if status == "published" else None,
            next(interaction),
        )
