"""Moving the benchmark's SQLite database to PostgreSQL: time, counts, every leaderboard.

Builds the benchmark database (1,000,000 stories, 1,000 servers by default), copies it
with `python -m bot copy-to-postgres`'s own function into an empty database on a
throwaway PostgreSQL server (Debian's binaries, as the tests start it; `--dsn` uses a
server you already run), then reads every server's leaderboard rows for the last full
week and the week so far through the bot's storage on each engine and compares them.

    python -m bench.copy_to_postgres                 # about a few minutes
    python -m bench.copy_to_postgres --stories 20000 --servers 20
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sqlite3
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

import asyncpg

from bench.story_database import Plan, build, weeks_for
from bot.domain.ranking import BrandWeek
from storage.postgres.assemble import open_postgres_storage
from storage.postgres.copy_from_sqlite import copy_sqlite_to_postgres
from storage.sqlite import Storage, open_storage
from tests.postgres_server import PostgresCluster, dsn_for, require_postgres_bin_dir

TARGET = "copy_bench"


@contextlib.contextmanager
def server(dsn: str | None) -> Iterator[str]:
    if dsn is not None:
        yield dsn
        return
    with PostgresCluster(require_postgres_bin_dir()) as cluster:
        yield cluster.dsn


async def _fresh_database(server_dsn: str) -> str:
    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{TARGET}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{TARGET}"')
    finally:
        await admin.close()
    socket_folder = server_dsn.split("host=", 1)[1].split("&", 1)[0]
    return dsn_for(socket_folder, TARGET)


Board = list[tuple[list[BrandWeek], float | None]]


async def _boards(storage: Storage, guilds: Sequence[int]) -> dict[int, Board]:
    """Each server's rows and mean for the last full week and the week so far."""
    weeks = weeks_for(datetime.now(UTC))
    boards: dict[int, Board] = {}
    for guild in guilds:
        boards[guild] = [
            (
                await storage.leaderboard.brand_rows(guild, week.start, week.end),
                await storage.leaderboard.server_mean(guild, week.start, week.end),
            )
            for week in weeks
        ]
    return boards


async def _run(path: Path, server_dsn: str) -> None:
    with sqlite3.connect(path) as connection:
        guilds = [r[0] for r in connection.execute("SELECT DISTINCT guild_id FROM stories")]
    target = await _fresh_database(server_dsn)

    began = time.perf_counter()
    copied = await copy_sqlite_to_postgres(path, target)
    seconds = time.perf_counter() - began

    source = await open_storage(path)
    try:
        before = await _boards(source, guilds)
    finally:
        await source.close()
    moved = await open_postgres_storage(target)
    try:
        after = await _boards(moved, guilds)
    finally:
        await moved.close()
    different = [g for g in guilds if before[g] != after[g]]

    rows = sum(t.rows for t in copied)
    print(
        f"copied {len(copied)} tables, {rows:,} rows in {seconds:.1f} s "
        f"({rows / seconds:,.0f} rows/s)"
    )
    for table in copied:
        print(f"  {table.table:<28} {table.rows:>12,}  (count equal on both engines)")
    print(
        f"leaderboards compared: {len(guilds):,} servers x 2 weeks (rows and server mean); "
        f"different: {len(different)}"
    )
    if different:
        raise SystemExit(f"leaderboards differ for servers {different[:10]}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stories", type=int, default=1_000_000)
    parser.add_argument("--servers", type=int, default=1_000)
    parser.add_argument("--dir", type=Path, help="build here instead of a temporary folder")
    parser.add_argument("--dsn", help="a PostgreSQL server to use (default: a throwaway one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        built = build(Path(folder), Plan(stories=args.stories, servers=args.servers))
        size_mb = built.path.stat().st_size / 1e6
        print(
            f"database: {args.stories:,} stories, {args.servers:,} servers, {size_mb:,.0f} MB, "
            f"built in {built.seconds:.1f} s"
        )
        with server(args.dsn) as dsn:
            asyncio.run(_run(built.path, dsn))


if __name__ == "__main__":
    main()
