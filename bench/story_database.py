"""The benchmark's database: a year of stories across many servers, built fast.

Created with the project's own migrations (so the schema and indexes are the real ones),
then filled through plain sqlite3 with executemany in big transactions, rows inserted in
time order as a live bot would insert them.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.domain.weeks import week_window
from storage.database import Database

WEEK = week_window(datetime(2026, 11, 23, 12, tzinfo=UTC), "UTC")  # 2026-11-16 .. 11-23
SPAN_WEEKS = 52  # the stories cover the year ending with the benchmark week
BIG_GUILD = 10_001
_RATINGS = (1, 2, 3, 4, 5)
_DISASTER_CUM = (50, 80, 92, 97, 100)  # disasters are mostly 1-2 stars, not always
_GREAT_CUM = (2, 6, 18, 55, 100)
_PHRASE = (
    "the parcel arrived late and the support line kept me on hold for an hour before "
    "someone finally offered a refund which took three weeks to show up on my card but "
    "the staff at the counter were friendly and fixed the billing error on the spot"
)
_WORDS = _PHRASE.split()
# guild, author, brand, kind, headline, body, rating, status, created, published, interaction
StoryRow = tuple[int, int, int, str, str, str, int, str, int, int | None, int]


@dataclass(frozen=True)
class Plan:
    stories: int
    servers: int
    seed: int = 2026

    @property
    def big_week(self) -> int:
        """The largest server's stories in the benchmark week: ~50,000 of 1,000,000
        published (6 % are hidden or pending, as in `_week_rows`)."""
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


def _text(rng: random.Random, words: int) -> str:
    start = rng.randrange(len(_WORDS))
    return " ".join(_WORDS[(start + i) % len(_WORDS)] for i in range(words))


async def _create_schema(path: Path) -> None:
    database = await Database.open(path)
    await database.close()


def _brand_counts(plan: Plan, weights: Sequence[float]) -> list[int]:
    """Brands per server, roughly one per fifteen stories (3 to 60; 400 for the largest)."""
    others = plan.stories - plan.big_week - plan.big_other
    counts = [min(400, max(3, (plan.big_week + plan.big_other) // 100))]
    counts += [min(60, max(3, int(others * w / 15))) for w in weights]
    return counts


def build(directory: Path, plan: Plan) -> Built:
    """Create the database with the migrations, then bulk-load it through sqlite3."""
    began = time.perf_counter()
    path = directory / "bench.db"
    asyncio.run(_create_schema(path))
    rng = random.Random(plan.seed)
    guilds = [BIG_GUILD + i for i in range(plan.servers)]
    raw = [1 / (rank**0.7) for rank in range(1, plan.servers)]
    total = sum(raw) or 1.0
    weights = [w / total for w in raw]
    brand_counts = _brand_counts(plan, weights)

    connection = sqlite3.connect(path, isolation_level=None)
    try:
        # Only for the load: no journal, no fsync, a big cache. The bot's own settings
        # (WAL and all) are back in force when it opens the file.
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("PRAGMA cache_size = -1000000")
        brand_ids: list[list[int]] = []
        next_brand = 1
        stamp = int(WEEK.start.timestamp()) - SPAN_WEEKS * 7 * 86400
        connection.execute("BEGIN")
        for guild, count in zip(guilds, brand_counts, strict=True):
            ids = list(range(next_brand, next_brand + count))
            next_brand += count
            brand_ids.append(ids)
            connection.executemany(
                "INSERT INTO brands (id, guild_id, name, name_key, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(b, guild, f"Brand {b}", f"brand {b}", stamp) for b in ids],
            )
        connection.execute("COMMIT")

        interaction = iter(range(1, 10**12))
        for week in range(SPAN_WEEKS):
            rows = list(_week_rows(rng, plan, week, guilds, weights, brand_ids, interaction))
            rows.sort(key=lambda row: row[8])  # created_at: rowids grow with time
            connection.execute("BEGIN")
            connection.executemany(
                "INSERT INTO stories (guild_id, author_id, brand_id, kind, headline, body, "
                "rating, status, created_at, published_at, interaction_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
            connection.execute("COMMIT")
        connection.execute("PRAGMA journal_mode = WAL")
        big_published = connection.execute(
            "SELECT count(*) FROM stories WHERE guild_id = ? AND status = 'published' "
            "AND published_at >= ? AND published_at < ?",
            (BIG_GUILD, int(WEEK.start.timestamp()), int(WEEK.end.timestamp())),
        ).fetchone()[0]
    finally:
        connection.close()
    return Built(path, time.perf_counter() - began, int(big_published), brand_counts[0])


def _week_rows(
    rng: random.Random,
    plan: Plan,
    week: int,
    guilds: Sequence[int],
    weights: Sequence[float],
    brand_ids: Sequence[Sequence[int]],
    interaction: Iterator[int],
) -> Iterator[StoryRow]:
    """One week's stories, in no particular order; the last week is the benchmark week."""
    start = int(WEEK.start.timestamp()) - (SPAN_WEEKS - 1 - week) * 7 * 86400
    is_bench_week = week == SPAN_WEEKS - 1
    big = plan.big_week if is_bench_week else plan.big_other // (SPAN_WEEKS - 1)
    others = (plan.stories - plan.big_week - plan.big_other) // SPAN_WEEKS
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
        created = start + int(random_() * 7 * 86400)
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
