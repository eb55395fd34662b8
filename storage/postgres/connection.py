"""An asyncpg connection that answers like an aiosqlite one, for the shared repositories.

`execute` can be awaited or used with `async with`, and gives a cursor with fetchone,
fetchall, rowcount and lastrowid (the id an INSERT into an identity table returned; see
`storage.postgres.dialect`), so the repositories' code runs unchanged on either engine.
"""

from __future__ import annotations

from collections.abc import Awaitable, Generator, Iterable, Mapping, Sequence
from types import TracebackType
from typing import Any

import asyncpg
from asyncpg.pool import PoolConnectionProxy

from storage.postgres.dialect import translate

Params = Sequence[Any] | Mapping[str, Any]


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
        """Every row of a statement (the storage's reads): straight from the driver, with
        no cursor object between."""
        statement = translate(sql)
        if statement.returns_rows:
            return await self.raw.fetch(statement.sql, *statement.arguments(params))
        cursor = await self._execute(sql, params)
        return await cursor.fetchall()
