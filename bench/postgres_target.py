"""The benchmarks' PostgreSQL side: a server, the 1,000,000 stories copied in, checked.

One place for what `bench/copy_to_postgres.py` and `bench/leaderboard.py` both need: a
throwaway server (the tests' `PostgresCluster`, Debian's binaries, fsync off) or one the
operator names with `--dsn`; an empty database in it; the SQLite benchmark database
copied with `python -m bot copy-to-postgres`'s own function (which counts every table
on both sides and refuses a difference); and every server's leaderboard read through
the bot's storage on each engine and compared.
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import asyncpg

from bench.story_database import weeks_for
from bot.domain.ranking import BrandWeek
from storage.postgres.assemble import open_postgres_storage
from storage.postgres.copy_from_sqlite import TableCopy, copy_sqlite_to_postgres
from storage.sqlite import Storage, open_storage
from tests.postgres_server import PostgresCluster, dsn_for, require_postgres_bin_dir


@contextlib.contextmanager
def server(dsn: str | None) -> Iterator[str]:
    """`dsn` when given, else a throwaway server for the `with` block."""
    if dsn is not None:
        yield dsn
        return
    with PostgresCluster(require_postgres_bin_dir()) as cluster:
        yield cluster.dsn


async def fresh_database(server_dsn: str, name: str) -> str:
    """An empty database called `name` on the server (dropped first if it exists)."""
    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    socket_folder = server_dsn.split("host=", 1)[1].split("&", 1)[0]
    return dsn_for(socket_folder, name)


Board = list[tuple[list[BrandWeek], float | None]]


async def boards(storage: Storage, guilds: Sequence[int]) -> dict[int, Board]:
    """Each server's rows and mean for the last full week and the week so far."""
    weeks = weeks_for(datetime.now(UTC))
    found: dict[int, Board] = {}
    for guild in guilds:
        found[guild] = [
            (
                await storage.leaderboard.brand_rows(guild, week.start, week.end),
                await storage.leaderboard.server_mean(guild, week.start, week.end),
            )
            for week in weeks
        ]
    return found


@dataclass(frozen=True)
class CopyCheck:
    """What the copy did and what the comparison found."""

    dsn: str
    tables: list[TableCopy]
    seconds: float
    servers: int
    different: list[int]

    @property
    def rows(self) -> int:
        return sum(t.rows for t in self.tables)


async def copy_and_compare(path: Path, server_dsn: str, name: str) -> CopyCheck:
    """Copy the SQLite file into a new database `name`, then compare every leaderboard.

    The counts are checked by the copy itself (it raises on any difference).
    """
    with contextlib.closing(sqlite3.connect(path)) as connection:
        guilds = [r[0] for r in connection.execute("SELECT DISTINCT guild_id FROM stories")]
    target = await fresh_database(server_dsn, name)

    began = time.perf_counter()
    copied = await copy_sqlite_to_postgres(path, target)
    seconds = time.perf_counter() - began

    source = await open_storage(path)
    try:
        before = await boards(source, guilds)
    finally:
        await source.close()
    moved = await open_postgres_storage(target)
    try:
        after = await boards(moved, guilds)
    finally:
        await moved.close()
    different = [g for g in guilds if before[g] != after[g]]
    return CopyCheck(target, copied, seconds, len(guilds), different)


def copy_lines(check: CopyCheck, *, per_table: bool) -> list[str]:
    """The copy's report: time, rows, (each table), the leaderboards compared."""
    lines = [
        f"copied {len(check.tables)} tables, {check.rows:,} rows in {check.seconds:.1f} s "
        f"({check.rows / check.seconds:,.0f} rows/s), every count equal on both engines"
    ]
    if per_table:
        lines += [f"  {t.table:<28} {t.rows:>12,}" for t in check.tables]
    lines.append(
        f"leaderboards compared: {check.servers:,} servers x 2 weeks (rows and server mean); "
        f"different: {len(check.different)}"
    )
    return lines
