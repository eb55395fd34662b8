"""The PostgreSQL reader connections, on a real server: what asyncpg's pool guaranteed.

`storage.postgres.readers.Readers` replaced the pool for reads (it costs no timer, task
or await when a connection is idle); these are the pool's guarantees it must keep.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from storage.errors import DatabaseBusyError
from storage.postgres.dialect import translate
from storage.postgres.readers import Readers

SETTINGS = {"default_transaction_read_only": "on"}


@pytest_asyncio.fixture
async def one(empty_pg_database: str) -> AsyncIterator[Readers]:
    readers = Readers(empty_pg_database, 1, SETTINGS, wait_seconds=0.2)
    await readers.open()
    try:
        yield readers
    finally:
        await readers.close()


async def test_every_connection_busy_is_busy_soon_and_waiters_are_served_in_turn(
    one: Readers,
) -> None:
    held = await one.acquire()
    began = time.monotonic()
    with pytest.raises(DatabaseBusyError):
        await one.acquire()
    assert time.monotonic() - began < 1.0
    served: list[str] = []

    async def wait(name: str) -> None:
        connection = await one.acquire()
        served.append(name)
        await one.release(connection)

    first = asyncio.create_task(wait("first"))
    await asyncio.sleep(0)
    second = asyncio.create_task(wait("second"))
    await asyncio.sleep(0)
    await one.release(held)
    await asyncio.gather(first, second)
    assert served == ["first", "second"]
    # Nothing was lost to the timed-out wait: the one connection still comes and goes.
    for _ in range(3):
        connection = await one.acquire()
        assert await connection.fetchval("SELECT 1") == 1
        await one.release(connection)


async def test_a_connection_given_back_inside_a_transaction_is_rolled_back(one: Readers) -> None:
    connection = await one.acquire()
    await connection.execute("BEGIN")
    with pytest.raises(Exception, match="division by zero"):
        await connection.fetchval("SELECT 1 / 0")
    await one.release(connection)
    again = await one.acquire()
    assert again is connection
    assert not again.is_in_transaction()
    assert await again.fetchval("SELECT 2") == 2
    await one.release(again)


async def test_a_connection_cut_off_or_expired_is_closed_and_replaced(one: Readers) -> None:
    connection = await one.acquire()
    await one.release(connection, clean=False)  # e.g. its statement was cancelled
    assert connection.is_closed()
    replaced = await one.acquire()
    assert replaced is not connection
    await one.release(replaced)
    one.expire()  # the server dropped a connection: every open one is replaced
    assert replaced.is_closed()
    fresh = await one.acquire()
    assert fresh is not replaced
    assert await fresh.fetchval("SELECT 3") == 3
    await one.release(fresh)


async def test_an_unreachable_server_is_busy_within_the_wait(tmp_path: object) -> None:
    readers = Readers(f"postgresql://bot@/nowhere?host={tmp_path}&port=1", 1, SETTINGS, 0.2)
    began = time.monotonic()
    with pytest.raises(DatabaseBusyError):
        await readers.acquire()
    assert time.monotonic() - began < 1.0
    with pytest.raises(DatabaseBusyError):  # the failed attempt gave its turn back
        await readers.acquire()
    await readers.close()


def test_the_translation_cache_gives_what_translating_again_gives() -> None:
    """The storage's statements are translated once (an lru_cache keyed by the SQL text);
    the cached answer must be the uncached one."""
    for sql in (
        "SELECT * FROM t WHERE a = :a AND b = :b AND c = :a",
        "INSERT INTO stories (x) VALUES (?)",
        "SELECT ':x' FROM t INDEXED BY i WHERE y = ?",
    ):
        cached = translate(sql)
        assert translate(sql) is cached
        assert translate.__wrapped__(sql) == cached
