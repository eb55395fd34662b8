"""How long the weekly leaderboard takes at scale: `python -m bench.leaderboard`.

Builds, in a temporary folder, a database with the project's own migrations and then
fills it through plain sqlite3 (executemany in big transactions, rows inserted in time
order as a live bot would): by default 1,000,000 stories across 1,000 servers over a
year, one large server having ~50,000 stories in the benchmark week. Then it times the
repository's `brand_rows` for the largest server against the very same SQL run
directly through sqlite3, their ratio, and every server's rows for the week. Last, it
adds to this throw-away file an index without `kind` (the previous design's
`stories_leaderboard`) and times, side by side, the single covering query against the
previous two passes (a covering aggregate, then a disaster pass that reads each window
row's table record for `kind`). `--stories/--servers` make a quicker run.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.domain.ranking import rank_week
from bot.domain.weeks import Window, trailing_window, week_window
from storage.database import Database
from storage.repositories.leaderboard import (
    BRAND_ROWS_SQL,
    SqliteLeaderboardRepository,
    window_params,
)

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


def _median_ms(run: Callable[[], object], runs: int) -> float:
    run()  # warm-up: the page cache, not the query, is what a first run measures
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


async def _amedian_ms(run: Callable[[], Awaitable[object]], runs: int) -> float:
    await run()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        await run()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


@dataclass(frozen=True)
class RepoFigures:
    largest_ms: float
    servers: int
    all_rows_ms: float
    all_ranked_ms: float
    server_mean_ms: float


async def _measure_repository(path: Path, runs: int) -> RepoFigures:
    database = await Database.open(path)
    try:
        repo = SqliteLeaderboardRepository(database)
        trailing = trailing_window(WEEK, "UTC")

        async def largest() -> None:
            await repo.brand_rows(BIG_GUILD, WEEK.start, WEEK.end)

        async def mean() -> None:
            await repo.server_mean(BIG_GUILD, trailing.start, trailing.end)

        largest_ms = await _amedian_ms(largest, runs)
        mean_ms = await _amedian_ms(mean, runs)

        began = time.perf_counter()
        guilds = await repo.guild_ids_with_stories(WEEK.start, WEEK.end)
        for guild in guilds:
            await repo.brand_rows(guild, WEEK.start, WEEK.end)
        all_rows_ms = (time.perf_counter() - began) * 1000

        began = time.perf_counter()
        for guild in await repo.guild_ids_with_stories(WEEK.start, WEEK.end):
            rows = await repo.brand_rows(guild, WEEK.start, WEEK.end)
            prior = await repo.server_mean(guild, trailing.start, trailing.end)
            rank_week(rows, prior_mean=prior)
        all_ranked_ms = (time.perf_counter() - began) * 1000
    finally:
        await database.close()
    return RepoFigures(largest_ms, len(guilds), all_rows_ms, all_ranked_ms, mean_ms)


def _raw_brand_rows(connection: sqlite3.Connection, window: Window, guild: int) -> int:
    """The repository's statement, without aiosqlite's thread and the pydantic rows."""
    params = window_params(guild, window.start, window.end)
    return len(connection.execute(BRAND_ROWS_SQL, params).fetchall())


# The previous design, for comparison: `stories_leaderboard` without `kind`, created as an
# extra index on the throw-away file only, and brand_rows' former statement on it.
_TWO_PASS_INDEX = "bench_leaderboard_without_kind"
_TWO_PASS_WINDOW = (
    f"FROM stories INDEXED BY {_TWO_PASS_INDEX} "
    "WHERE guild_id = :guild AND status = 'published' "
    "AND published_at >= :start AND published_at < :end"
)
# Pass one, covering: per-brand count and rating, names for the result rows only.
_TOTALS_SQL = (
    "SELECT w.brand_id, b.name, w.stories, w.rating_sum FROM ("
    f"SELECT brand_id, count(*) AS stories, sum(rating) AS rating_sum {_TWO_PASS_WINDOW} "
    "GROUP BY brand_id) AS w JOIN brands AS b ON b.id = w.brand_id"
)
# Pass two, the same range again with one table lookup per window row for `kind`.
_DISASTERS_SQL = (
    f"SELECT brand_id, count(*) AS disasters {_TWO_PASS_WINDOW} "
    "AND kind = 'disaster' GROUP BY brand_id"
)
# Both in one statement, as brand_rows ran them.
_TWO_PASS_SQL = (
    "SELECT t.brand_id, t.name, t.stories, t.rating_sum, coalesce(d.disasters, 0) "
    f"FROM ({_TOTALS_SQL}) AS t LEFT JOIN ({_DISASTERS_SQL}) AS d "
    "ON d.brand_id = t.brand_id ORDER BY t.brand_id"
)


@dataclass(frozen=True)
class RawFigures:
    largest_ms: float
    all_rows_ms: float


def _measure_raw(path: Path, runs: int) -> RawFigures:
    connection = sqlite3.connect(path)
    try:
        params = window_params(BIG_GUILD, WEEK.start, WEEK.end)
        largest = _median_ms(lambda: _raw_brand_rows(connection, WEEK, BIG_GUILD), runs)
        guilds = [
            int(r[0])
            for r in connection.execute(
                "SELECT DISTINCT guild_id FROM stories "
                "WHERE published_at >= ? AND published_at < ?",
                (params["start"], params["end"]),
            )
        ]
        began = time.perf_counter()
        for guild in guilds:
            _raw_brand_rows(connection, WEEK, guild)
        all_rows = (time.perf_counter() - began) * 1000
    finally:
        connection.close()
    return RawFigures(largest, all_rows)


@dataclass(frozen=True)
class Comparison:
    one_query_ms: float
    two_passes_ms: float
    totals_ms: float
    disasters_ms: float
    index_seconds: float
    one_query_plan: str
    two_pass_plan: str

    @property
    def ratio(self) -> float:
        return self.two_passes_ms / self.one_query_ms


def _paired_medians(
    first: Callable[[], object], second: Callable[[], object], runs: int
) -> tuple[float, float]:
    """Medians of two statements timed in alternation, so both see the same cache."""
    first()  # warm-up, as in _median_ms
    second()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for run, into in ((first, times[0]), (second, times[1])):
            began = time.perf_counter()
            run()
            into.append((time.perf_counter() - began) * 1000)
    return statistics.median(times[0]), statistics.median(times[1])


def _compare_two_passes(path: Path, runs: int) -> Comparison:
    """The single covering query against the previous design, on the same file."""
    connection = sqlite3.connect(path)
    try:
        began = time.perf_counter()
        connection.execute(
            f"CREATE INDEX {_TWO_PASS_INDEX} ON stories "
            "(guild_id, status, published_at, brand_id, rating)"
        )
        index_seconds = time.perf_counter() - began
        params = window_params(BIG_GUILD, WEEK.start, WEEK.end)

        def run(sql: str) -> Callable[[], list[tuple[object, ...]]]:
            return lambda: connection.execute(sql, params).fetchall()

        def plan(sql: str) -> str:
            steps = connection.execute(f"EXPLAIN QUERY PLAN {sql}", params)
            return "; ".join(str(r[3]) for r in steps)

        if run(BRAND_ROWS_SQL)() != run(_TWO_PASS_SQL)():
            raise SystemExit("the single query and the two passes disagree")
        one_query, two_passes = _paired_medians(run(BRAND_ROWS_SQL), run(_TWO_PASS_SQL), runs)
        totals, disasters = _paired_medians(run(_TOTALS_SQL), run(_DISASTERS_SQL), runs)
        return Comparison(
            one_query,
            two_passes,
            totals,
            disasters,
            index_seconds,
            plan(BRAND_ROWS_SQL),
            plan(_TWO_PASS_SQL),
        )
    finally:
        connection.close()


def _row(label: str, *cells: str) -> str:
    return f"{label:<52}" + "".join(f"{cell:>14}" for cell in cells)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stories", type=int, default=1_000_000)
    parser.add_argument("--servers", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=7, help="timed runs per median")
    parser.add_argument("--dir", type=Path, help="build here instead of a temporary folder")
    parser.add_argument(
        "--no-two-pass",
        action="store_true",
        help="skip the extra index without kind and the comparison with the two passes",
    )
    args = parser.parse_args(argv)
    if args.stories < 100 or args.servers < 1 or args.runs < 1:
        parser.error("need at least 100 stories, 1 server and 1 run")
    plan = Plan(stories=args.stories, servers=args.servers)

    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        built = build(Path(folder), plan)
        size_mb = built.path.stat().st_size / 1e6
        repo = asyncio.run(_measure_repository(built.path, args.runs))
        raw = _measure_raw(built.path, args.runs)
        comparison = None if args.no_two_pass else _compare_two_passes(built.path, args.runs)

    print(
        f"database: {plan.stories:,} stories, {plan.servers:,} servers, "
        f"{size_mb:,.0f} MB, built in {built.seconds:.1f} s"
    )
    print(
        f"benchmark week {WEEK.key} (UTC): largest server has {built.big_published:,} "
        f"published stories across {built.big_brands} brands; {args.runs} runs per median"
    )
    print()
    print(_row("", "repository", "sqlite3", "ratio"))
    print(
        _row(
            "brand_rows, largest server (median ms)",
            f"{repo.largest_ms:.1f}",
            f"{raw.largest_ms:.1f}",
            f"{repo.largest_ms / raw.largest_ms:.2f}",
        )
    )
    print(
        _row(
            f"brand_rows, all {repo.servers:,} servers with stories (total ms)",
            f"{repo.all_rows_ms:.0f}",
            f"{raw.all_rows_ms:.0f}",
            f"{repo.all_rows_ms / raw.all_rows_ms:.2f}",
        )
    )
    print(_row("  + 12-week server mean + rank_week, all (total ms)", f"{repo.all_ranked_ms:.0f}"))
    print(_row("server_mean over 12 weeks, largest (median ms)", f"{repo.server_mean_ms:.1f}"))
    if comparison is None:
        return
    c = comparison
    print()
    print(
        "largest server, single covering query vs the previous two passes "
        f"(sqlite3, median ms; index without kind built in {c.index_seconds:.1f} s):"
    )
    print(_row("  one query, kind in stories_leaderboard (now)", "", f"{c.one_query_ms:.1f}"))
    print(_row("  two passes, index without kind (before)", "", f"{c.two_passes_ms:.1f}"))
    print(_row("    pass 1: count and rating, covering", "", f"{c.totals_ms:.1f}"))
    print(
        _row("    pass 2: disasters, one table row per story (kind)", "", f"{c.disasters_ms:.1f}")
    )
    print(_row("  two passes / one query", "", f"{c.ratio:.2f}"))
    print(f"    plan now: {c.one_query_plan}")
    print(f"    plan before: {c.two_pass_plan}")


if __name__ == "__main__":
    main()
