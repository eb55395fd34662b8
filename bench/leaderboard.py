"""How long the weekly leaderboard takes at scale: `python -m bench.leaderboard`.

Builds, in a temporary folder, a database (bench/story_database.py): by default
1,000,000 stories across 1,000 servers over a year, one large server having ~50,000
stories in the benchmark week. Then it times the
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
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.story_database import (
    BIG_GUILD,
    WEEK,
    Plan,
    build,
)
from bot.domain.ranking import rank_week
from bot.domain.weeks import Window, trailing_window
from storage.database import Database
from storage.repositories.leaderboard import (
    BRAND_ROWS_SQL,
    SqliteLeaderboardRepository,
    window_params,
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
