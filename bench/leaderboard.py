"""How long the weekly leaderboard takes at scale, on SQLite and PostgreSQL: one run.

`python -m bench.leaderboard` builds, in a temporary folder, the benchmark database
(bench/story_database.py): by default 1,000,000 stories across 1,000 servers over a
year, the largest server having ~50,000 stories in the benchmark week (`--from FILE`
copies an already built one instead, e.g. bench/bursts' cache). It copies it into a
throwaway PostgreSQL server with `python -m bot copy-to-postgres`'s own function, checks
the counts and every server's leaderboard on both engines (bench/postgres_target.py),
then times on each engine, side by side, the repository's `brand_rows` for the largest
server's week against the very same SQL through the raw driver: median, p95 and their
ratio, and every server's rows for the week (bench/leaderboard_engines.py). The raw
baselines: on SQLite the `sqlite3` module called synchronously in the event loop (no
thread hand-over: the hardest, judged) and a bare `aiosqlite` connection (the storage's
driver, one hand-over: printed beside it); on PostgreSQL a bare `asyncpg` connection.
`--rounds N` repeats the timings N times and prints each round's ratios. Last, on
SQLite, it adds to the throw-away file an index without `kind` (the previous design's
`stories_leaderboard`) and times the single covering scan against the previous two
passes. `--stories/--servers` make a quicker run; `--dsn` uses a PostgreSQL server you
already run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import secrets
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import aiosqlite
import asyncpg

from bench.leaderboard_engines import EngineFigures, measure, side_by_side
from bench.postgres_target import CopyCheck, copy_and_compare, copy_lines, server
from bench.story_database import BIG_GUILD, WEEK, Built, Plan, build
from storage.database import Database
from storage.postgres.assemble import open_postgres_storage
from storage.postgres.dialect import translate
from storage.repositories.leaderboard import BRAND_ROWS_SQL, window_params
from storage.repositories.window_totals import span_params
from storage.sqlite import open_storage


async def _measure_sqlite(path: Path, runs: int, rounds: int) -> EngineFigures:
    """sqlite3 in the event loop (the hardest baseline) and a bare aiosqlite connection
    (the storage's driver, one thread hand-over), beside the repository."""
    storage = await open_storage(path)
    threaded = await aiosqlite.connect(path)
    try:
        with contextlib.closing(sqlite3.connect(path)) as connection:

            async def raw_rows(guild: int) -> int:
                params = span_params(guild, WEEK.start, WEEK.end)
                return len(connection.execute(BRAND_ROWS_SQL, params).fetchall())

            async def threaded_rows(guild: int) -> int:
                params = span_params(guild, WEEK.start, WEEK.end)
                return len(list(await threaded.execute_fetchall(BRAND_ROWS_SQL, params)))

            async def storage_rows(guild: int) -> int:
                params = span_params(guild, WEEK.start, WEEK.end)
                return len(await storage.database.fetch_all(BRAND_ROWS_SQL, params))

            return await measure(
                "SQLite",
                "sqlite3",
                storage.leaderboard,
                raw_rows,
                storage_rows,
                runs,
                threaded=("aiosqlite", threaded_rows),
                rounds=rounds,
            )
    finally:
        await threaded.close()
        await storage.close()


async def _postgres_plan(connection: asyncpg.Connection, sql: str, arguments: list[int]) -> str:
    """EXPLAIN ANALYZE of the largest server's week, one node a step, for the record."""
    lines = await connection.fetch(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", *arguments)
    steps = []
    for (line,) in lines:
        text = str(line).strip().removeprefix("-> ").strip()
        if text.startswith(("Execution Time", "Planning Time")):
            steps.append(text)
        elif "(cost=" in text:
            node = text.split("  (cost=", 1)[0]
            actual = text.split("(actual time=", 1)[1].split(" ", 1)[0] if "actual" in text else ""
            steps.append(f"{node} [{actual.split('..')[-1]} ms]")
    return "; ".join(steps)


async def _measure_postgres(dsn: str, runs: int, rounds: int) -> tuple[EngineFigures, str]:
    storage = await open_postgres_storage(dsn)
    try:
        connection = await asyncpg.connect(dsn)
        try:
            statement = translate(BRAND_ROWS_SQL)  # as the storage sends it

            async def raw_rows(guild: int) -> int:
                params = span_params(guild, WEEK.start, WEEK.end)
                return len(await connection.fetch(statement.sql, *statement.arguments(params)))

            async def storage_rows(guild: int) -> int:
                params = span_params(guild, WEEK.start, WEEK.end)
                return len(await storage.database.fetch_all(BRAND_ROWS_SQL, params))

            figures = await measure(
                "PostgreSQL",
                "asyncpg",
                storage.leaderboard,
                raw_rows,
                storage_rows,
                runs,
                rounds=rounds,
            )
            largest = statement.arguments(span_params(BIG_GUILD, WEEK.start, WEEK.end))
            return figures, await _postgres_plan(connection, statement.sql, largest)
        finally:
            await connection.close()
    finally:
        await storage.close()


@dataclass(frozen=True)
class BothEngines:
    check: CopyCheck
    vacuum_seconds: float
    figures: list[EngineFigures]
    postgres_plan: str
    load: tuple[float, float]  # the machine's 1-minute load average before and after


async def _vacuum(dsn: str) -> float:
    """VACUUM (ANALYZE) the copy, as autovacuum would before long: the timings then meet
    a server in its steady state, and no autovacuum runs beside them."""
    connection = await asyncpg.connect(dsn)
    try:
        began = time.perf_counter()
        await connection.execute("VACUUM (ANALYZE)")
        return time.perf_counter() - began
    finally:
        await connection.close()


async def _both_engines(path: Path, server_dsn: str, runs: int, rounds: int) -> BothEngines:
    """Copy and check, then time SQLite and PostgreSQL; the copy is dropped afterwards."""
    name = f"leaderboard_bench_{secrets.token_hex(4)}"
    check = await copy_and_compare(path, server_dsn, name)
    try:
        vacuum_seconds = await _vacuum(check.dsn)
        load_before = os.getloadavg()[0]
        sqlite_figures = await _measure_sqlite(path, runs, rounds)
        postgres_figures, plan = await _measure_postgres(check.dsn, runs, rounds)
        load = (load_before, os.getloadavg()[0])
    finally:
        admin = await asyncpg.connect(server_dsn)
        try:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await admin.close()
    return BothEngines(check, vacuum_seconds, [sqlite_figures, postgres_figures], plan, load)


async def _migrate(path: Path) -> None:
    database = await Database.open(path)
    await database.close()


def _reuse(source: Path, folder: Path) -> Built:
    """A copy of an already built benchmark database (the bench adds an index to it),
    brought to this version's schema as the bot would at start."""
    began = time.perf_counter()
    path = folder / "bench.db"
    shutil.copyfile(source, path)
    asyncio.run(_migrate(path))
    with contextlib.closing(sqlite3.connect(path)) as connection:
        params = window_params(BIG_GUILD, WEEK.start, WEEK.end)
        published, brands = connection.execute(
            "SELECT count(*), count(DISTINCT brand_id) FROM stories WHERE guild_id = :guild "
            "AND status = 'published' AND published_at >= :start AND published_at < :end",
            params,
        ).fetchone()
    return Built(path, time.perf_counter() - began, int(published), int(brands))


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
# Both in one statement, as brand_rows ran them (with brand_rows' columns today).
_TWO_PASS_SQL = (
    "SELECT t.brand_id, t.name, t.stories, CAST(t.rating_sum AS REAL) / t.stories, "
    "t.stories - coalesce(d.disasters, 0), coalesce(d.disasters, 0) "
    f"FROM ({_TOTALS_SQL}) AS t LEFT JOIN ({_DISASTERS_SQL}) AS d "
    "ON d.brand_id = t.brand_id ORDER BY t.brand_id"
)


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
    first()  # warm-up: the page cache, not the query, is what a first run measures
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
    parser.add_argument("--runs", type=int, default=50, help="timed runs per figure and round")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="repeat the largest week's alternation (each round's ratios are printed)",
    )
    parser.add_argument("--dir", type=Path, help="build here instead of a temporary folder")
    parser.add_argument(
        "--from",
        dest="source",
        type=Path,
        help="copy this already built benchmark database instead of building one "
        "(--stories/--servers then only label it)",
    )
    parser.add_argument("--dsn", help="a PostgreSQL server to use (default: a throwaway one)")
    parser.add_argument(
        "--no-two-pass",
        action="store_true",
        help="skip the extra index without kind and the comparison with the two passes",
    )
    args = parser.parse_args(argv)
    if args.stories < 100 or args.servers < 1 or args.runs < 1 or args.rounds < 1:
        parser.error("need at least 100 stories, 1 server, 1 run and 1 round")
    if args.source is not None and not args.source.is_file():
        parser.error(f"no database at {args.source}")
    plan = Plan(stories=args.stories, servers=args.servers)

    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        if args.source is None:
            built = build(Path(folder), plan)
        else:
            built = _reuse(args.source, Path(folder))
        size_mb = built.path.stat().st_size / 1e6
        with server(args.dsn) as dsn:
            both = asyncio.run(_both_engines(built.path, dsn, args.runs, args.rounds))
        comparison = None if args.no_two_pass else _compare_two_passes(built.path, args.runs)

    how = "built" if args.source is None else f"copied from {args.source}"
    print(
        f"database: {plan.stories:,} stories, {plan.servers:,} servers, "
        f"{size_mb:,.0f} MB, {how} in {built.seconds:.1f} s"
    )
    print(
        f"benchmark week {WEEK.key} (UTC): largest server has {built.big_published:,} "
        f"published stories across {built.big_brands} brands; {args.runs} runs per figure "
        f"in each of {args.rounds} round(s)"
    )
    print("into PostgreSQL (python -m bot copy-to-postgres's copy, a throwaway server):")
    for line in copy_lines(both.check, per_table=False):
        print(f"  {line}")
    if both.check.different:
        raise SystemExit(f"leaderboards differ for servers {both.check.different[:10]}")
    print(
        f"  then VACUUM (ANALYZE) in {both.vacuum_seconds:.1f} s (no autovacuum beside the timings)"
    )
    print(
        f"machine's 1-minute load average: {both.load[0]:.2f} before the timings, "
        f"{both.load[1]:.2f} after ({os.cpu_count()} cores, shared)"
    )
    print()
    for line in side_by_side(both.figures):
        print(line)
    print(f"  PostgreSQL plan, largest server's week: {both.postgres_plan}")
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
