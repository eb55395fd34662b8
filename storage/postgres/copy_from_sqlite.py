"""Moving from SQLite to PostgreSQL: every table of a SQLite file into an empty database.

What `python -m bot copy-to-postgres` does, in one PostgreSQL transaction (a failure
leaves the target as empty as it was):

1. Refuses a SQLite file a bot process is using (its process lock: stories written during
   the copy would be lost), or one not migrated to this version (run the bot once first).
2. Migrates the PostgreSQL database, then refuses it unless it is empty: no row in any
   table but the migrations' own (the fencing counter must still be at 0).
3. Copies every table, parents before children (PostgreSQL's foreign keys give the
   order), with COPY in batches. Row triggers are switched off inside the transaction:
   the story totals are copied as they are, not recomputed, so the leaderboards read
   exactly what they read on SQLite.
4. Moves each identity sequence past the largest id SQLite ever gave (ids are never
   reused, also after a move), and the fencing counter to SQLite's.
5. Counts every table on both sides; any difference rolls everything back.
6. After the commit, ANALYZE: the planner's statistics of the new rows at once, not when
   autovacuum gets round to it (until then PostgreSQL plans millions of rows as if the
   tables were empty; a few seconds on the 1,000,000-story database).

Only facts are returned (tables and row counts); the command line words them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg

from storage.errors import StorageError
from storage.migrate import bundled_migrations as sqlite_migrations
from storage.postgres.migrate import apply_migrations
from storage.process_lock import only_process

BATCH = 5_000  # rows per COPY: bounded memory on the 1,000,000-story database
# Tables the migrations themselves fill: not copied, not counted as content.
MIGRATION_TABLES = frozenset({"schema_migrations"})
COUNTERS = frozenset({"fencing_tokens"})


class CopyRefused(StorageError):
    """The copy cannot start (the source or the target is not as it must be)."""


@dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int


def _convert(pg_type: str) -> Callable[[Any], Any]:
    if pg_type in ("bigint", "integer", "smallint"):
        return int
    if pg_type in ("double precision", "real", "numeric"):
        return float
    if pg_type == "boolean":
        return bool
    if pg_type == "bytea":
        return bytes
    return str


def _require(path: Path) -> None:
    if not path.exists():
        raise CopyRefused(f"{path} does not exist")


def _open_source(path: Path) -> sqlite3.Connection:
    _require(path)
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        version = int(source.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error as exc:
        raise CopyRefused(f"cannot read {path}: {exc}") from None
    latest = len(sqlite_migrations())
    if version != latest:
        source.close()
        raise CopyRefused(
            f"{path} has schema version {version}, this bot's is {latest}: run this version "
            "of the bot on it once (it migrates at start), then copy"
        )
    return source


def _source_tables(source: sqlite3.Connection) -> list[str]:
    rows = source.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return sorted(str(row[0]) for row in rows)


async def _target_tables(target: asyncpg.Connection) -> dict[str, dict[str, str]]:
    """Every table of the public schema with its columns' types."""
    rows = await target.fetch(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
    )
    tables: dict[str, dict[str, str]] = {}
    for row in rows:
        tables.setdefault(row["table_name"], {})[row["column_name"]] = row["data_type"]
    return tables


async def _parents_first(target: asyncpg.Connection, tables: list[str]) -> list[str]:
    """The tables ordered so that every foreign key's table comes before its users."""
    edges = await target.fetch(
        "SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent "
        "FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace"
    )
    parents: dict[str, set[str]] = {t: set() for t in tables}
    for edge in edges:
        if edge["child"] in parents and edge["parent"] != edge["child"]:
            parents[edge["child"]].add(edge["parent"])
    ordered: list[str] = []
    while parents:
        ready = sorted(t for t, waiting in parents.items() if not waiting - set(ordered))
        if not ready:
            raise CopyRefused(f"circular foreign keys between {', '.join(sorted(parents))}")
        for table in ready:
            ordered.append(table)
            del parents[table]
    return ordered


async def _refuse_unless_empty(target: asyncpg.Connection, tables: list[str]) -> None:
    for table in tables:
        if table in COUNTERS:
            moved = await target.fetchval(f'SELECT count(*) FROM "{table}" WHERE last <> 0')
            if moved:
                raise CopyRefused(f"the PostgreSQL database is not empty ({table} was used)")
            continue
        if await target.fetchval(f'SELECT EXISTS (SELECT 1 FROM "{table}")'):
            raise CopyRefused(
                f"the PostgreSQL database is not empty ({table} has rows): copy into a new, "
                "empty database"
            )


def _batches(
    source: sqlite3.Connection, table: str, columns: list[str], types: dict[str, str]
) -> Iterator[list[tuple[Any, ...]]]:
    converters = [_convert(types[c]) for c in columns]
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = source.execute(f'SELECT {names} FROM "{table}"')
    while rows := cursor.fetchmany(BATCH):
        yield [
            tuple(
                None if v is None else convert(v)
                for v, convert in zip(row, converters, strict=True)
            )
            for row in rows
        ]


async def _copy_table(
    source: sqlite3.Connection,
    target: asyncpg.Connection,
    table: str,
    types: dict[str, str],
) -> None:
    source_columns = [str(r[1]) for r in source.execute(f'PRAGMA table_info("{table}")')]
    missing = sorted(set(source_columns) - set(types))
    if missing:
        raise CopyRefused(f"PostgreSQL's {table} lacks the columns {', '.join(missing)}")
    if table in COUNTERS:
        for name, last in source.execute(f'SELECT name, last FROM "{table}"'):
            await target.execute(
                f'INSERT INTO "{table}" (name, last) VALUES ($1, $2) '
                "ON CONFLICT (name) DO UPDATE SET last = excluded.last",
                name,
                int(last),
            )
        return
    for batch in _batches(source, table, source_columns, types):
        await target.copy_records_to_table(table, records=batch, columns=source_columns)


async def _advance_identities(
    source: sqlite3.Connection, target: asyncpg.Connection, tables: list[str]
) -> None:
    """Each identity sequence past the largest id SQLite ever handed out."""
    identities = await target.fetch(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' AND is_identity = 'YES'"
    )
    has_sequence_table = source.execute(
        "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'"
    ).fetchone()
    for row in identities:
        table, column = row["table_name"], row["column_name"]
        if table not in tables:
            continue
        highest = source.execute(f'SELECT max("{column}") FROM "{table}"').fetchone()[0] or 0
        if has_sequence_table:
            given = source.execute(
                "SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)
            ).fetchone()
            highest = max(highest, int(given[0]) if given else 0)
        if highest:
            await target.execute(
                "SELECT setval(pg_get_serial_sequence($1, $2), $3)", table, column, highest
            )


async def copy_sqlite_to_postgres(database: Path, dsn: str) -> list[TableCopy]:
    """Copy every table of the SQLite file at `database` into the empty database at `dsn`."""
    _require(database)  # before the lock, which would leave a side file behind
    with only_process(database):
        source = _open_source(database)
        try:
            try:
                target = await asyncpg.connect(dsn)
            except (OSError, asyncpg.PostgresError) as exc:
                raise StorageError(f"cannot connect to PostgreSQL: {exc}") from None
            try:
                await apply_migrations(target)
                copied = await _copy_all(source, target)
                await target.execute("ANALYZE")
                return copied
            finally:
                await target.close()
        finally:
            source.close()


async def _copy_all(source: sqlite3.Connection, target: asyncpg.Connection) -> list[TableCopy]:
    target_tables = await _target_tables(target)
    tables = _source_tables(source)
    unknown = sorted(set(tables) - set(target_tables))
    if unknown:
        raise CopyRefused(f"PostgreSQL has no table for {', '.join(unknown)}")
    ordered = await _parents_first(target, tables)
    copied: list[TableCopy] = []
    source.execute("BEGIN")  # one snapshot of the source for every table
    try:
        async with target.transaction():
            await _refuse_unless_empty(
                target, sorted(t for t in target_tables if t not in MIGRATION_TABLES)
            )
            for table in ordered:
                await target.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
            for table in ordered:
                await _copy_table(source, target, table, target_tables[table])
            for table in ordered:
                await target.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')
            await _advance_identities(source, target, ordered)
            for table in ordered:
                expected = int(source.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
                found = int(await target.fetchval(f'SELECT count(*) FROM "{table}"'))
                if found != expected:
                    raise StorageError(
                        f"{table}: {expected} rows in SQLite but {found} in PostgreSQL; "
                        "nothing was kept"
                    )
                copied.append(TableCopy(table, found))
    finally:
        source.rollback()
    return copied
