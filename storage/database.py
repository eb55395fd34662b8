"""One writer connection, a few reader connections, and their transaction discipline.

Writes: one aiosqlite connection serves every write of the process. Coroutines that share
a connection share its transaction, so write blocks run under one asyncio lock, between
BEGIN IMMEDIATE and COMMIT, with nobody else's statements in between. Blocks must not
await anything but their own statements while they hold the lock.

Reads: WAL lets readers run beside the writer, so reads go to a small pool of read-only
connections and never queue behind a write (100 members at once on a busy server used to
wait seconds for one lock). A read block is one read transaction: one snapshot, never
another coroutine's uncommitted work. A read made *inside* a write transaction (by the
same task) uses the writer connection, so it sees that transaction's own writes.

Waits are bounded: a member's interaction must be answered within Discord's 3 seconds,
so waiting for the write lock, a reader, or another process's lock on the file
(busy_timeout) gives up after about a second with `DatabaseBusyError`, which the
interaction error path turns into a private "busy, try again in a moment".

The API (transaction / reading / fetch_one / fetch_all / checkpoint) is engine-neutral
in shape: a PostgreSQL pool maps onto it (a pooled connection per block).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import aiosqlite

from storage.errors import DatabaseBusyError, StorageError
from storage.migrate import (
    Migration,
    apply_migrations,
    bundled_migrations,
    check_sequence,
    refuse_newer_schema,
)

log = logging.getLogger(__name__)

Params = Sequence[Any] | dict[str, Any]

# How long anything waits for the database before answering "busy". Two waits can add
# up (the write lock, then another process's lock on the file), and the handler still
# has to answer: 1 s each keeps the worst case near 2 s, inside Discord's 3 s.
LOCK_WAIT_SECONDS = 1.0
BUSY_TIMEOUT_MS = 1000
# Readers beside the writer, one per core of the machine it was measured on (2): each
# costs a thread and a page cache of up to 1 MB, and more readers than cores only queue
# inside SQLite instead of in the pool.
READERS = 2

# WAL: readers never block the writer. FULL: an acknowledged commit survives power loss
# (NORMAL can lose the last commits). secure_delete: deleted story text is overwritten,
# not left readable in the file. foreign_keys: off by default, per connection.
_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}",
)
# A reader can never write, even by mistake. Its page cache is 1 MB, not SQLite's 2 MB:
# what the first responses read is small (totals, a few index ranges) and a page it
# lacks comes from the operating system's cache; the bot's memory stays under 100 MB
# with the 1,000,000-story database (peak 100.2 MB in a burst run with 2 MB).
READER_CACHE_KIB = 1024
_READER_PRAGMAS = (
    *_PRAGMAS[1:],
    "PRAGMA query_only = ON",
    f"PRAGMA cache_size = -{READER_CACHE_KIB:d}",
)

# The writer connection and the task inside a write transaction. The task is kept too:
# a task created inside the block inherits this context, and must not use the writer
# once the block has ended (or beside it).
_writing: ContextVar[tuple[aiosqlite.Connection, asyncio.Task[Any] | None] | None] = ContextVar(
    "writing", default=None
)


def _own_writer() -> aiosqlite.Connection | None:
    """The writer, if the current task is the one inside a write transaction."""
    owner = _writing.get()
    if owner is None or owner[1] is not asyncio.current_task():
        return None
    return owner[0]


def _is_busy(error: sqlite3.Error) -> bool:
    return isinstance(error, sqlite3.OperationalError) and "locked" in str(error).lower()


async def _connect(path: Path) -> aiosqlite.Connection:
    try:
        connection = await aiosqlite.connect(path, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(f"cannot open the database at {path}: {exc}") from None
    connection.row_factory = sqlite3.Row
    return connection


class Database:
    """Owns the connections; hands out write transactions and read blocks."""

    def __init__(
        self,
        connection: aiosqlite.Connection,
        path: Path,
        readers: Sequence[aiosqlite.Connection] = (),
    ) -> None:
        self._connection = connection
        self._lock = asyncio.Lock()
        # Write blocks and read blocks holding or waiting for a connection. Counted, not
        # read off the lock and the queue: between a release and the next waiter waking
        # up, both look free although the next block is already in line.
        self._writes_wanted = 0
        self._reads_wanted = 0
        self._write_edges = 0  # see `data_version`
        self._readers: list[aiosqlite.Connection] = list(readers)
        # Last in, first out: at a quiet moment one warm reader (its page cache, its
        # thread) serves every read; in a burst all of them do.
        self._idle: asyncio.Queue[aiosqlite.Connection] = asyncio.LifoQueue()
        for reader in self._readers:
            self._idle.put_nowait(reader)
        self.path = path

    @classmethod
    async def open(
        cls, path: Path, migrations: Iterable[Migration] | None = None, *, readers: int = READERS
    ) -> Database:
        """Open (creating if needed) and migrate the database at `path`."""
        wanted = bundled_migrations() if migrations is None else check_sequence(list(migrations))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"cannot open the database at {path}: {exc}") from None
        connection = await _connect(path)
        opened: list[aiosqlite.Connection] = []
        try:
            # Checked before any pragma: switching to WAL already rewrites the header.
            try:
                await refuse_newer_schema(connection, wanted)
            except sqlite3.Error as exc:
                raise StorageError(f"cannot read the database at {path}: {exc}") from None
            await _configure(connection, _PRAGMAS, path)
            await apply_migrations(connection, wanted)
            for _ in range(readers):
                reader = await _connect(path)
                opened.append(reader)
                await _configure(reader, _READER_PRAGMAS, path)
        except BaseException:
            for reader in opened:
                await reader.close()
            await connection.close()
            raise
        return cls(connection, path, opened)

    async def close(self) -> None:
        async with self._lock:
            for _ in self._readers:
                reader = await self._idle.get()
                await reader.close()
            self._readers.clear()
            await self._connection.close()

    @property
    def writes_queued(self) -> bool:
        """Whether a write begun now would wait behind another in this process.

        Engine-neutral in meaning (a pool would say "no free connection"): callers use
        it to show a member a "thinking" state at once instead of a silent queue.
        """
        return self._writes_wanted > 0

    @property
    def reads_queued(self) -> bool:
        """Whether a read begun now would wait for a reader (every one is in use)."""
        return bool(self._readers) and self._reads_wanted >= len(self._readers)

    @property
    def data_version(self) -> int:
        """Moves when a write transaction of this process begins and when it ends: odd
        while one is open (they never overlap: one writer).

        Engine-neutral in meaning: a cache in the services may keep what it read while
        the number stayed the same and even from before the read to after it (no write of
        this process can have changed the data meanwhile).
        """
        return self._write_edges

    async def _acquire_write_lock(self) -> None:
        self._writes_wanted += 1
        try:
            async with asyncio.timeout(LOCK_WAIT_SECONDS):
                await self._lock.acquire()
            self._write_edges += 1
        except BaseException as exc:
            self._writes_wanted -= 1
            if isinstance(exc, TimeoutError):
                raise DatabaseBusyError("waited too long for the write lock") from None
            raise

    def _release_write_lock(self) -> None:
        self._writes_wanted -= 1
        self._write_edges += 1
        self._lock.release()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction: committed on success, rolled back on any error."""
        if _own_writer() is not None:
            raise RuntimeError("write transactions do not nest")
        await self._acquire_write_lock()
        try:
            try:
                await self._connection.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                if _is_busy(exc):
                    raise DatabaseBusyError("another process holds the database") from None
                raise
            token = _writing.set((self._connection, asyncio.current_task()))
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
            finally:
                _writing.reset(token)
        finally:
            self._release_write_lock()

    @asynccontextmanager
    async def _reader(self) -> AsyncIterator[aiosqlite.Connection]:
        """A reader of the pool (or, inside a write transaction, the writer itself)."""
        writer = _own_writer()
        if writer is not None:
            yield writer
            return
        if not self._readers:  # opened with readers=0: everything on the writer
            async with self._serialised() as connection:
                yield connection
            return
        self._reads_wanted += 1
        try:
            try:
                reader = self._idle.get_nowait()
            except asyncio.QueueEmpty:
                reader = await self._wait_for_reader()
            try:
                yield reader
            finally:
                self._idle.put_nowait(reader)
        finally:
            self._reads_wanted -= 1

    async def _wait_for_reader(self) -> aiosqlite.Connection:
        """Every reader is busy: wait for one, boundedly. The timer is made only here,
        so a read that finds a reader idle pays for no timeout object."""
        try:
            async with asyncio.timeout(LOCK_WAIT_SECONDS):
                return await self._idle.get()
        except TimeoutError:
            raise DatabaseBusyError("waited too long for a reader") from None

    @asynccontextmanager
    async def _serialised(self) -> AsyncIterator[aiosqlite.Connection]:
        await self._acquire_write_lock()
        try:
            yield self._connection
        finally:
            self._release_write_lock()

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[aiosqlite.Connection]:
        """A read block: one snapshot, beside any write in progress (never behind it)."""
        async with self._reader() as connection:
            if connection.in_transaction:  # inside the caller's own write transaction
                yield connection
                return
            await _run(connection, "BEGIN")
            try:
                yield connection
            finally:
                if connection.in_transaction:
                    await connection.execute("COMMIT")

    async def checkpoint(self) -> None:
        """Move the write-ahead log into the file and empty it (after erasing data).

        A reader holding an old snapshot would keep the log's pages alive, so every
        reader is taken out of the pool first: nothing reads while the log is emptied.
        """
        async with self._lock:
            taken = [await self._idle.get() for _ in self._readers]
            try:
                async with self._connection.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cursor:
                    row = await cursor.fetchone()
                if row is not None and row[0]:
                    log.warning("The checkpoint could not empty the write-ahead log (busy)")
            finally:
                for reader in taken:
                    self._idle.put_nowait(reader)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """Every row, in one trip to the connection's thread.

        Each trip costs a hand-over to SQLite's thread and back to the event loop (about
        50 µs of the loop's time, far more in a burst): a statement, its fetch and its
        cursor's close used to be three.
        """
        async with self._reader() as connection:
            return await fetch_rows(connection, sql, params)

    async def fetch_tuples(self, sql: str, params: Params = ()) -> list[tuple[Any, ...]]:
        """Every row as a plain tuple in the statement's column order, in one trip.

        For reads that build hundreds of rows of their own by position (the leaderboard's
        `BrandWeek`s): a `sqlite3.Row` costs its making and a slower unpacking, and for the
        largest server's 400 rows plain tuples took the repository from 1.64 to 1.51 ms
        (sqlite3 in the loop: 1.36 ms) in a probe. The reader is this task's alone for
        the call (out of the pool, or the task's own writer), so switching its row
        factory for one statement is seen by no other read.
        """
        async with self._reader() as connection:
            connection.row_factory = None
            try:
                return await _fetch(connection, sql, params)
            finally:
                connection.row_factory = sqlite3.Row

    async def fetch_one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """The first row (one trip, as `fetch_all`: meant for queries of one row)."""
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None


async def _run(connection: aiosqlite.Connection, sql: str, params: Params = ()) -> aiosqlite.Cursor:
    """Execute, turning "database is locked" (busy_timeout ran out) into DatabaseBusyError."""
    try:
        return await connection.execute(sql, params)
    except sqlite3.Error as exc:
        if _is_busy(exc):
            raise DatabaseBusyError("the database stayed locked") from None
        raise


async def fetch_rows(
    connection: aiosqlite.Connection, sql: str, params: Params = ()
) -> list[sqlite3.Row]:
    """Run a statement on `connection` (a block's) and fetch every row, in one trip."""
    return await _fetch(connection, sql, params)


async def _fetch(connection: aiosqlite.Connection, sql: str, params: Params) -> list[Any]:
    """Every row, of the connection's row factory; "locked" becomes DatabaseBusyError."""
    try:
        rows = await connection.execute_fetchall(sql, params)
    except sqlite3.Error as exc:
        if _is_busy(exc):
            raise DatabaseBusyError("the database stayed locked") from None
        raise
    # aiosqlite hands over sqlite3's own list (typed as an iterable): no copy of it.
    return rows if isinstance(rows, list) else list(rows)


async def fetch_row(
    connection: aiosqlite.Connection, sql: str, params: Params = ()
) -> sqlite3.Row | None:
    """The first row of a statement on `connection`, in one trip (for one-row queries)."""
    rows = await fetch_rows(connection, sql, params)
    return rows[0] if rows else None


async def _configure(connection: aiosqlite.Connection, pragmas: Iterable[str], path: Path) -> None:
    try:
        for pragma in pragmas:
            await connection.execute(pragma)
        async with connection.execute("PRAGMA journal_mode") as cursor:
            row = await cursor.fetchone()
    except sqlite3.Error as exc:
        raise StorageError(f"cannot use the database at {path}: {exc}") from None
    if row is None or str(row[0]).lower() != "wal":
        raise StorageError(f"the database at {path} cannot use WAL journaling")
