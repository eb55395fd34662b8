"""The single SQLite connection and its transaction discipline.

One aiosqlite connection serves the whole process. Coroutines that share a connection
share its transaction, so every statement runs under one asyncio lock: a write block
runs between BEGIN IMMEDIATE and COMMIT with nobody else's statements in between, and a
read never sees another coroutine's uncommitted work. Blocks must not await anything
but their own statements while they hold the lock.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite

from storage.errors import StorageError
from storage.migrate import (
    Migration,
    apply_migrations,
    bundled_migrations,
    check_sequence,
    refuse_newer_schema,
)

log = logging.getLogger(__name__)

Params = Sequence[Any] | dict[str, Any]

# WAL: readers never block the writer. FULL: an acknowledged commit survives power loss
# (NORMAL can lose the last commits). secure_delete: deleted story text is overwritten,
# not left readable in the file. foreign_keys: off by default, per connection.
_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA busy_timeout = 5000",
)


class Database:
    """Owns the connection; hands out serialised read and write blocks."""

    def __init__(self, connection: aiosqlite.Connection, path: Path) -> None:
        self._connection = connection
        self._lock = asyncio.Lock()
        self.path = path

    @classmethod
    async def open(cls, path: Path, migrations: Iterable[Migration] | None = None) -> Database:
        """Open (creating if needed) and migrate the database at `path`."""
        wanted = bundled_migrations() if migrations is None else check_sequence(list(migrations))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = await aiosqlite.connect(path, isolation_level=None)
            connection.row_factory = sqlite3.Row
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(f"cannot open the database at {path}: {exc}") from None
        database = cls(connection, path)
        try:
            # Checked before any pragma: switching to WAL already rewrites the header.
            try:
                await refuse_newer_schema(connection, wanted)
            except sqlite3.Error as exc:
                raise StorageError(f"cannot read the database at {path}: {exc}") from None
            await database._configure()
            await apply_migrations(connection, wanted)
        except BaseException:
            await connection.close()
            raise
        return database

    async def _configure(self) -> None:
        try:
            for pragma in _PRAGMAS:
                await self._connection.execute(pragma)
            async with self._connection.execute("PRAGMA journal_mode") as cursor:
                row = await cursor.fetchone()
        except sqlite3.Error as exc:
            raise StorageError(f"cannot use the database at {self.path}: {exc}") from None
        if row is None or str(row[0]).lower() != "wal":
            raise StorageError(f"the database at {self.path} cannot use WAL journaling")

    async def close(self) -> None:
        async with self._lock:
            await self._connection.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction: committed on success, rolled back on any error."""
        async with self._lock:
            await self._connection.execute("BEGIN IMMEDIATE")
            try:
                yield self._connection
                await self._connection.execute("COMMIT")
            except BaseException:
                # SQLite may already have rolled back (e.g. a failed COMMIT on a full
                # disk); a second ROLLBACK would hide the real error. Never leave the
                # shared connection inside a transaction, or every later write fails.
                if self._connection.in_transaction:
                    await self._connection.execute("ROLLBACK")
                raise

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[aiosqlite.Connection]:
        """A read block; it waits for any write transaction in progress to finish."""
        async with self._lock:
            yield self._connection

    async def checkpoint(self) -> None:
        """Move the write-ahead log into the file and empty it (after erasing data)."""
        async with self._lock:
            await self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    async def fetch_all(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        async with self.reading() as connection, connection.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetch_one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        async with self.reading() as connection, connection.execute(sql, params) as cursor:
            row: sqlite3.Row | None = await cursor.fetchone()
            return row
