"""The reader connections on PostgreSQL, handed out at the cost of a list pop.

Every read of the bot goes through here, so the trip is kept to the driver's own: an
idle connection is taken and given back without an await, a timer or a task. asyncpg's
pool did the same job for ~45 µs more per read on this machine (a read of one row: 94
against the bare connection's 49 µs; its acquire waits in `wait_for` and its release in
a shielded task with a timeout, even when a connection is idle), which was the largest
part of the repository's distance from the raw driver in `bench/leaderboard.py`.

What the pool guaranteed is kept: a wait for a connection is bounded (only when every
reader is busy does a timer start) and ends in `DatabaseBusyError`; a connection the
server dropped is replaced (`expire` closes every idle one, as the pool's
`expire_connections` did, so a retry meets a fresh connection); opening one is bounded
too, and an unreachable server is "busy". A connection is never handed out inside a
transaction: one given back mid-transaction is rolled back, and one whose statement
was cut off (a cancelled task) is closed rather than trusted.

The most recently used connection goes out first (a stack): at a quiet moment one warm
connection serves every read; in a burst all of them do. Idle connections stay open (the
pool closed them after 5 idle minutes and reopened them on demand): a server that ends
idle sessions is met like any dropped connection, replaced and the read tried once more.
"""

from __future__ import annotations

import asyncio
import collections

import asyncpg

from storage.errors import DatabaseBusyError

# What opening a connection raises when the server cannot be reached (or refuses).
_UNREACHABLE = (
    OSError,
    TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,
    asyncpg.InterfaceError,
)


class Readers:
    """`size` read-only connections to `dsn`, opened with `settings`."""

    def __init__(self, dsn: str, size: int, settings: dict[str, str], wait_seconds: float) -> None:
        self._dsn = dsn
        self._settings = settings
        self.size = size
        self.wait_seconds = wait_seconds
        self._idle: list[asyncpg.Connection] = []
        self._generation: dict[asyncpg.Connection, int] = {}
        self._current = 0
        self._free = size  # connections (open or yet to open) nobody holds
        self._waiters: collections.deque[asyncio.Future[None]] = collections.deque()
        self._closed = False

    async def open(self) -> None:
        """Open every connection now, so the first reads do not pay for it."""
        for _ in range(self.size):
            self._idle.append(await self._connect())

    async def _connect(self) -> asyncpg.Connection:
        connection = await asyncpg.connect(
            self._dsn, timeout=self.wait_seconds, server_settings=self._settings
        )
        self._generation[connection] = self._current
        return connection

    async def acquire(self) -> asyncpg.Connection:
        """An open connection, outside any transaction; "busy" after a bounded wait."""
        if self._closed:
            raise DatabaseBusyError("the database is closing")
        if self._free and not self._waiters:
            self._free -= 1
        else:
            await self._wait_for_a_turn()
        try:
            while self._idle:
                connection = self._idle.pop()
                if self._fresh(connection):
                    return connection
                self._discard(connection)
            try:
                return await self._connect()
            except _UNREACHABLE:
                raise DatabaseBusyError("the database cannot be reached") from None
        except BaseException:
            self._hand_on()
            raise

    async def _wait_for_a_turn(self) -> None:
        """Wait (bounded) until a connection is handed to this caller, first come first
        served. The timer exists only here: a read that finds a connection idle pays none."""
        turn = asyncio.get_running_loop().create_future()
        self._waiters.append(turn)
        try:
            async with asyncio.timeout(self.wait_seconds):
                await turn
        except BaseException as exc:
            if turn.done() and not turn.cancelled():
                self._hand_on()  # handed a connection too late: the next one gets it
            elif turn in self._waiters:
                self._waiters.remove(turn)
            if isinstance(exc, TimeoutError):
                raise DatabaseBusyError("waited too long for a database connection") from None
            raise

    def _hand_on(self) -> None:
        """A connection became free: straight to the longest waiter, else counted free."""
        while self._waiters:
            turn = self._waiters.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self._free += 1

    async def release(self, connection: asyncpg.Connection, *, clean: bool = True) -> None:
        """Give `connection` back. `clean=False`: its last statement did not finish (a
        cancellation, an unexpected error): close it instead of trusting its state."""
        try:
            if not clean or self._closed or not self._fresh(connection):
                self._discard(connection)
            elif connection.is_in_transaction():
                try:
                    await connection.execute("ROLLBACK")
                except Exception:
                    self._discard(connection)  # it could not be cleaned: a new one will do
                except BaseException:
                    self._discard(connection)
                    raise
                else:
                    self._idle.append(connection)
            else:
                self._idle.append(connection)
        finally:
            self._hand_on()

    def _fresh(self, connection: asyncpg.Connection) -> bool:
        return not connection.is_closed() and self._generation.get(connection) == self._current

    def _discard(self, connection: asyncpg.Connection) -> None:
        self._generation.pop(connection, None)
        if not connection.is_closed():
            connection.terminate()

    def expire(self) -> None:
        """The server dropped a connection: the others were likely dropped too. Every
        connection open now is replaced (idle ones at once, held ones when given back)."""
        self._current += 1
        for connection in self._idle:
            self._discard(connection)
        self._idle.clear()

    async def close(self) -> None:
        """Close the idle connections (the database closes when nobody reads)."""
        self._closed = True
        idle, self._idle = self._idle, []
        for connection in idle:
            self._generation.pop(connection, None)
            try:
                await connection.close(timeout=self.wait_seconds)
            except Exception:
                connection.terminate()
            except BaseException:
                connection.terminate()
                raise
