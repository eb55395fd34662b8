"""PostgreSQL connections with the SQLite database's API and transaction discipline.

`PostgresDatabase` offers what `storage.database.Database` offers (transaction, reading,
fetch_one, fetch_all, checkpoint, writes_queued, reads_queued, close), and its
connections answer `execute` like aiosqlite's (awaitable or `async with`, a cursor with
fetchone / fetchall / rowcount / lastrowid): the repositories' SQL and row handling are
shared with the SQLite side (`storage.postgres.dialect` translates the placeholders).

Writes: one write transaction at a time, across every process on the database. Each
write transaction takes a transaction-level advisory lock first, so PostgreSQL gives the
repositories exactly SQLite's guarantee (BEGIN IMMEDIATE: nobody else writes between a
transaction's reads and its writes). Their read-check-write logic (a member's posting
limits, a moderator's settings, a brand merge) needs no change and no retry loop; the
price is that writes do not run in parallel, which they do not on SQLite either. Inside
a process the writers queue on an asyncio lock first, so only one pooled connection is
ever busy with a write and the queue is visible (`writes_queued`).

Reads: a pool of reader connections (read-only sessions), never used by writes: MVCC
lets them read beside any write, never behind it. A read block is one REPEATABLE READ
snapshot; a single fetch runs on its own. A read inside a write transaction (same task)
uses the writer, so it sees that transaction's own writes.

Waits are bounded as on SQLite: the in-process write queue, a free connection, and the
advisory lock (`lock_timeout`) each give up after about a second with
`DatabaseBusyError`, which the interaction error path answers with a private "busy".
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Generator, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from storage.errors import DatabaseBusyError, StorageError
from storage.migrate import Migration
from storage.postgres.dialect import translate
from storage.postgres.migrate import apply_migrations

log = logging.getLogger(__name__)

Params = Sequence[Any] | Mapping[str, Any]

# The same budget as SQLite's (storage/database.py): two waits stay inside Discord's 3 s.
LOCK_WAIT_SECONDS = 1.0
# Readers beside the writer. PostgreSQL usually runs on its own machine and serves
# reads in parallel, so a few more than SQLite's two; each is one server process.
READERS = 4
# Every write transaction's advisory lock: the bytes "xpit-wri" as a bigint (the
# migration lock is "xpit-mig", storage/postgres/migrate.py).
WRITE_LOCK_KEY = int.from_bytes(b"xpit-wri", "big")
_BEGIN_WRITE = (
    f"BEGIN; SET LOCAL lock_timeout = '{int(LOCK_WAIT_SECONDS * 1000)}ms'; "
    f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})"
)
_BEGIN_READ = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"


class PgCursor:
    """The rows of one statement, read like an aiosqlite cursor."""

    def __init__(
        self, rows: list[asyncpg.Record], rowcount: int, lastrowid: int | None = None
    ) -> None:
        self._rows = rows
        self._next = 0
        self.rowcount = rowcount
        self.lastrowid = lastrowid

    async def fetchone(self) -> asyncpg.Record | None:
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    async def fetchall(self) -> list[asyncpg.Record]:
        rest = self._rows[self._next :]
        self._next = len(self._rows)
        return rest

    async def close(self) -> None:
        self._rows = []

    async def __aenter__(self) -> PgCursor:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


class _Execution:
    """`await connection.execute(...)` or `async with connection.execute(...) as cursor`."""

    def __init__(self, running: Awaitable[PgCursor]) -> None:
        self._running = running

    def __await__(self) -> Generator[Any, None, PgCursor]:
        return self._running.__await__()

    async def __aenter__(self) -> PgCursor:
        return await self._running

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        return None


class PgConnection:
    """One asyncpg connection, answering like an aiosqlite connection."""

    def __init__(self, raw: asyncpg.Connection | PoolConnectionProxy) -> None:
        self.raw = raw

    def execute(self, sql: str, params: Params = ()) -> _Execution:
        return _Execution(self._execute(sql, params))

    async def _execute(self, sql: str, params: Params) -> PgCursor:
        statement = translate(sql)
        arguments = statement.arguments(params)
        if statement.returns_id:
            rows = await self.raw.fetch(statement.sql, *arguments)
            return PgCursor([], len(rows), int(rows[-1][0]) if rows else None)
        if statement.returns_rows:
            rows = await self.raw.fetch(statement.sql, *arguments)
            return PgCursor(rows, len(rows))
        status = await self.raw.execute(statement.sql, *arguments)
        count = status.rsplit(" ", 1)[-1]
        return PgCursor([], int(count) if count.isdigit() else -1)

    async def executemany(self, sql: str, params: Iterable[Params]) -> None:
        statement = translate(sql)
        await self.raw.executemany(statement.sql, [statement.arguments(p) for p in params])

    async def execute_fetchall(self, sql: str, params: Params = ()) -> list[asyncpg.Record]:
        cursor = await self._execute(sql, params)
        return await cursor.fetchall()


# The writer connection and the task inside a write transaction (see storage/database.py).
_writing: ContextVar[tuple[PgConnection, asyncio.Task[Any] | None] | None] = ContextVar(
    "pg_writing", default=None
)


def _own_writer() -> PgConnection | None:
    owner = _writing.get()
    if owner is None or owner[1] is not asyncio.current_task():
        return None
    return owner[0]


def describe(dsn: str) -> str:
    """Where the database is, for messages: host and name, never the password."""
    parts = urlsplit(dsn)
    host = parts.hostname or "local socket"
    return f"{host}/{parts.path.lstrip('/') or '(default)'}"


async def _leave_clean(connection: asyncpg.Connection) -> None:
    """Pool reset: only roll back what a cancelled block left open (no round trip else)."""
    if connection.is_in_transaction():
        await connection.execute("ROLLBACK")


class PostgresDatabase:
    """Owns the pools; hands out write transactions and read blocks."""

    def __init__(self, writer: asyncpg.Pool, readers: asyncpg.Pool, where: str) -> None:
        self._writer = writer
        self._readers = readers
        self._reader_count = readers.get_max_size()
        self._lock = asyncio.Lock()
        self._writes_wanted = 0
        self._reads_wanted = 0
        self.where = where

    @classmethod
    async def open(
        cls, dsn: str, migrations: list[Migration] | None = None, *, readers: int = READERS
    ) -> PostgresDatabase:
        """Connect, apply pending migrations (under their advisory lock), open the pools."""
        where = describe(dsn)
        try:
            connection = await asyncpg.connect(dsn, timeout=10)
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
            raise StorageError(
                f"cannot connect to the PostgreSQL database {where}: {exc}"
            ) from None
        try:
            await apply_migrations(connection, migrations)
        finally:
            await connection.close()
        writer = await asyncpg.create_pool(
            dsn, min_size=1, max_size=1, reset=_leave_clean, server_settings=_settings("writer")
        )
        try:
            reader_pool = await asyncpg.create_pool(
                dsn,
                min_size=readers,
                max_size=readers,
                reset=_leave_clean,
                server_settings={**_settings("reader"), "default_transaction_read_only": "on"},
            )
        except BaseException:
            await writer.close()
            raise
        return cls(writer, reader_pool, where)

    async def close(self) -> None:
        async with self._lock:
            await self._readers.close()
            await self._writer.close()

    @property
    def writes_queued(self) -> bool:
        """Whether a write begun now would wait behind another in this process."""
        return self._writes_wanted > 0

    @property
    def reads_queued(self) -> bool:
        """Whether a read begun now would wait for a reader (every one is in use)."""
        return self._reads_wanted >= self._reader_count

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[PgConnection]:
        """A write transaction: committed on success, rolled back on any error."""
        if _own_writer() is not None:
            raise RuntimeError("write transactions do not nest")
        self._writes_wanted += 1
        try:
            try:
                async with asyncio.timeout(LOCK_WAIT_SECONDS):
                    await self._lock.acquire()
            except TimeoutError:
                raise DatabaseBusyError("waited too long for the write lock") from None
            try:
                async with self._writer.acquire() as raw:
                    connection = PgConnection(raw)
                    try:
                        await raw.execute(_BEGIN_WRITE)
                    except asyncpg.LockNotAvailableError:
                        await raw.execute("ROLLBACK")
                        raise DatabaseBusyError("another process held the write lock") from None
                    token = _writing.set((connection, asyncio.current_task()))
                    try:
                        yield connection
                        await raw.execute("COMMIT")
                    except BaseException:
                        if raw.is_in_transaction() and not raw.is_closed():
                            await raw.execute("ROLLBACK")
                        raise
                    finally:
                        _writing.reset(token)
            finally:
                self._lock.release()
        finally:
            self._writes_wanted -= 1

    @asynccontextmanager
    async def _reader(self) -> AsyncIterator[PgConnection]:
        writer = _own_writer()
        if writer is not None:
            yield writer
            return
        self._reads_wanted += 1
        try:
            try:
                raw = await self._readers.acquire(timeout=LOCK_WAIT_SECONDS)
            except TimeoutError:
                raise DatabaseBusyError("waited too long for a reader") from None
            try:
                yield PgConnection(raw)
            finally:
                await self._readers.release(raw)
        finally:
            self._reads_wanted -= 1

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[PgConnection]:
        """A read block: one snapshot, beside any write in progress (never behind it)."""
        async with self._reader() as connection:
            if connection.raw.is_in_transaction():  # the caller's own write transaction
                yield connection
                return
            await connection.raw.execute(_BEGIN_READ)
            try:
                yield connection
            finally:
                if connection.raw.is_in_transaction():
                    await connection.raw.execute("COMMIT")

    async def checkpoint(self) -> None:
        """Nothing to do: PostgreSQL has no write-ahead log for the bot to empty.

        On SQLite this makes erased text unreadable in the file at once; here the erased
        rows' space is reclaimed by autovacuum (see the README's PostgreSQL section).
        """

    async def fetch_all(self, sql: str, params: Params = ()) -> list[asyncpg.Record]:
        async with self._reader() as connection:
            return await connection.execute_fetchall(sql, params)

    async def fetch_one(self, sql: str, params: Params = ()) -> asyncpg.Record | None:
        async with self._reader() as connection:
            cursor = await connection.execute(sql, params)
            return await cursor.fetchone()


def _settings(role: str) -> dict[str, str]:
    """Names the connections in pg_stat_activity, so an operator sees who is who."""
    return {"application_name": f"experience-it {role}"}
