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

A lost database (a restart, a failover, a minute away): the dropped connections are
replaced by themselves. A single read, or a transaction that has not begun, is tried once
more on a new connection; a write cut off midway is rolled back by the server and raises
`DatabaseBusyError`; one cut off during COMMIT raises a `StorageError` saying the outcome
is unknown. While the server cannot be reached, every attempt answers "busy" within
about a second; nothing has to be restarted when it is back.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlsplit

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from storage.errors import DatabaseBusyError, StorageError
from storage.migrate import Migration
from storage.postgres.connection import Params, PgConnection
from storage.postgres.migrate import apply_migrations
from storage.postgres.readers import Readers

log = logging.getLogger(__name__)

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
    if not connection.is_closed() and connection.is_in_transaction():
        await connection.execute("ROLLBACK")


# What a dropped connection raises: the server restarted or went away (57P01-57P03),
# the socket closed, or the connection had already been closed under us. A query sent
# while the server's "terminating connection" is still in flight can also meet the
# client's protocol in a state it refuses (InternalClientError, seen in 2 runs of 4 of
# the test that drops connections): that connection cannot be trusted either.
_SERVER_GONE = (
    asyncpg.InternalClientError,
    asyncpg.PostgresConnectionError,
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.CannotConnectNowError,
)


def _reusable(exc: Exception) -> bool:
    """Whether a connection whose statement raised `exc` can serve the next read: yes
    after the server's answer (an error in the statement, a read-only refusal) or an
    error in the caller's code; not when the client's protocol itself complained."""
    return not isinstance(exc, (asyncpg.InterfaceError, asyncpg.InternalClientError))


def _closed(raw: asyncpg.Connection | PoolConnectionProxy) -> bool:
    try:
        return raw.is_closed()
    except asyncpg.InterfaceError:  # the pool detached it: it saw the connection die
        return True


def _lost(exc: BaseException, raw: asyncpg.Connection | PoolConnectionProxy) -> bool:
    """Whether `exc` means the connection is gone (not a mistake in a statement)."""
    if isinstance(exc, _SERVER_GONE):
        return True
    return isinstance(exc, (OSError, asyncpg.InterfaceError)) and _closed(raw)


async def _acquire(pool: asyncpg.Pool) -> PoolConnectionProxy:
    """A pooled connection within the time a member can wait, else "busy"."""
    try:
        return await pool.acquire(timeout=LOCK_WAIT_SECONDS)
    except TimeoutError:
        raise DatabaseBusyError("waited too long for a database connection") from None
    except (OSError, *_SERVER_GONE):
        raise DatabaseBusyError("the database cannot be reached") from None


class PostgresDatabase:
    """Owns the pools; hands out write transactions and read blocks."""

    def __init__(self, writer: asyncpg.Pool, readers: Readers, where: str) -> None:
        self._writer = writer
        self._readers = readers
        self._reader_count = readers.size
        self._lock = asyncio.Lock()
        self._writes_wanted = 0
        self._reads_wanted = 0
        self._write_edges = 0  # see `data_version`
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
        reader_set = Readers(
            dsn,
            readers,
            {**_settings("reader"), "default_transaction_read_only": "on"},
            LOCK_WAIT_SECONDS,
        )
        try:
            await reader_set.open()
        except BaseException:
            await reader_set.close()
            await writer.close()
            raise
        return cls(writer, reader_set, where)

    async def close(self) -> None:
        async with self._lock:
            await self._readers.close()
            await self._writer.close()

    @property
    def data_version(self) -> int:
        """Moves when a write transaction of this process begins and when it ends (odd
        while one is open); see the SQLite `Database.data_version`."""
        return self._write_edges

    @property
    def writes_queued(self) -> bool:
        """Whether a write begun now would wait behind another in this process."""
        return self._writes_wanted > 0

    @property
    def reads_queued(self) -> bool:
        """Whether a read begun now would wait for a reader (every one is in use)."""
        return self._reads_wanted >= self._reader_count

    async def _begin(self, pool: asyncpg.Pool, begin: str) -> PoolConnectionProxy:
        """A pooled connection inside a transaction begun with `begin`.

        A connection the server dropped (a restart, a failover) is replaced once: nothing
        has run on it yet. If the server cannot be reached, "busy" within about a second.
        """
        for attempt in range(2):
            raw = await _acquire(pool)
            try:
                await raw.execute(begin)
                return raw
            except asyncpg.LockNotAvailableError:
                await pool.release(raw)
                raise DatabaseBusyError("another process held the write lock") from None
            except Exception as exc:
                await pool.release(raw)
                if not _lost(exc, raw):
                    raise
                await pool.expire_connections()
                if attempt:
                    raise DatabaseBusyError("the database cannot be reached") from None
            except BaseException:
                await pool.release(raw)
                raise
        raise AssertionError("unreachable")

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
            self._write_edges += 1
            try:
                raw = await self._begin(self._writer, _BEGIN_WRITE)
                connection = PgConnection(raw)
                token = _writing.set((connection, asyncio.current_task()))
                try:
                    try:
                        yield connection
                    except asyncpg.LockNotAvailableError:
                        # A row or table lock held past lock_timeout (a migration running
                        # elsewhere): rolled back, like a busy SQLite file.
                        raise DatabaseBusyError("a lock was held too long") from None
                    except Exception as exc:
                        if not _lost(exc, raw):
                            raise
                        await self._writer.expire_connections()
                        # The server ends a transaction whose connection is gone.
                        raise DatabaseBusyError("the database connection was lost") from None
                    try:
                        await raw.execute("COMMIT")
                    except Exception as exc:
                        if not _lost(exc, raw):
                            raise
                        await self._writer.expire_connections()
                        raise StorageError(
                            "the database connection was lost during COMMIT: the change may "
                            "or may not have been saved"
                        ) from None
                finally:
                    _writing.reset(token)
                    await self._writer.release(raw)  # its reset rolls back what is open
            finally:
                self._write_edges += 1
                self._lock.release()
        finally:
            self._writes_wanted -= 1

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[PgConnection]:
        """A read block: one snapshot, beside any write in progress (never behind it)."""
        writer = _own_writer()
        if writer is not None:  # inside the caller's own write transaction
            yield writer
            return
        self._reads_wanted += 1
        try:
            raw = await self._begin_read()
            clean = False
            try:
                yield PgConnection(raw)
                await raw.execute("COMMIT")
                clean = True
            except Exception as exc:
                if not _lost(exc, raw):
                    clean = _reusable(exc)
                    raise
                self._readers.expire()
                raise DatabaseBusyError("the database connection was lost") from None
            finally:
                await self._readers.release(raw, clean=clean)
        finally:
            self._reads_wanted -= 1

    async def _begin_read(self) -> asyncpg.Connection:
        """A reader inside a read-only snapshot; a dropped connection is replaced once."""
        for attempt in range(2):
            raw = await self._readers.acquire()
            try:
                await raw.execute(_BEGIN_READ)
                return raw
            except Exception as exc:
                lost = _lost(exc, raw)
                await self._readers.release(raw, clean=not lost and _reusable(exc))
                if not lost:
                    raise
                self._readers.expire()
                if attempt:
                    raise DatabaseBusyError("the database cannot be reached") from None
            except BaseException:
                await self._readers.release(raw, clean=False)
                raise
        raise AssertionError("unreachable")

    async def _read(self, sql: str, params: Params) -> list[asyncpg.Record]:
        """One statement on a reader; a dropped connection is replaced once (a read is
        safe to repeat). No block around it: a statement is its own snapshot."""
        writer = _own_writer()
        if writer is not None:
            return await writer.execute_fetchall(sql, params)
        self._reads_wanted += 1
        try:
            for attempt in range(2):
                raw = await self._readers.acquire()
                clean = False
                try:
                    rows = await PgConnection(raw).execute_fetchall(sql, params)
                    clean = True
                    return rows
                except Exception as exc:
                    if not _lost(exc, raw):
                        clean = _reusable(exc)
                        raise
                    self._readers.expire()
                    if attempt:
                        raise DatabaseBusyError("the database cannot be reached") from None
                finally:
                    await self._readers.release(raw, clean=clean)
        finally:
            self._reads_wanted -= 1
        raise AssertionError("unreachable")

    async def checkpoint(self) -> None:
        """Nothing to do: PostgreSQL has no write-ahead log for the bot to empty.

        On SQLite this makes erased text unreadable in the file at once; here the erased
        rows' space is reclaimed by autovacuum (see the README's PostgreSQL section).
        """

    async def fetch_all(self, sql: str, params: Params = ()) -> list[asyncpg.Record]:
        return await self._read(sql, params)

    async def fetch_tuples(self, sql: str, params: Params = ()) -> list[asyncpg.Record]:
        """As `fetch_all`: asyncpg's records already unpack by position like tuples."""
        return await self._read(sql, params)

    async def fetch_one(self, sql: str, params: Params = ()) -> asyncpg.Record | None:
        rows = await self._read(sql, params)
        return rows[0] if rows else None


def _settings(role: str) -> dict[str, str]:
    """Names the connections in pg_stat_activity, so an operator sees who is who."""
    return {"application_name": f"experience-it {role}"}
