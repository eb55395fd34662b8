import asyncio
import sqlite3
from pathlib import Path

import pytest

from storage.database import Database
from storage.migrate import Migration

SCHEMA = [Migration(1, "0001_t.sql", "CREATE TABLE t (name TEXT NOT NULL);")]


class Boom(Exception):
    pass


async def test_a_rollback_never_discards_another_coroutines_commit(tmp_path: Path) -> None:
    """Two coroutines interleave on one connection; one fails after the other committed."""
    path = tmp_path / "bot.db"
    database = await Database.open(path, SCHEMA)
    failing_started = asyncio.Event()
    committed = asyncio.Event()

    async def failing_writer() -> None:
        async with database.transaction() as connection:
            await connection.execute("INSERT INTO t VALUES ('doomed')")
            failing_started.set()
            # Give the other writer every chance to run in the middle of this transaction.
            await asyncio.sleep(0.05)
            raise Boom

    async def acknowledged_writer() -> None:
        await failing_started.wait()
        async with database.transaction() as connection:
            await connection.execute("INSERT INTO t VALUES ('acknowledged')")
        committed.set()

    results = await asyncio.gather(failing_writer(), acknowledged_writer(), return_exceptions=True)
    await database.close()

    assert isinstance(results[0], Boom)
    assert results[1] is None
    assert committed.is_set()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT name FROM t").fetchall() == [("acknowledged",)]


async def test_reads_do_not_see_uncommitted_work_of_others(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "bot.db", SCHEMA)
    inside = asyncio.Event()

    async def writer() -> None:
        async with database.transaction() as connection:
            await connection.execute("INSERT INTO t VALUES ('uncommitted')")
            inside.set()
            await asyncio.sleep(0.05)
            raise Boom

    async def reader() -> list[str]:
        await inside.wait()
        return [row["name"] for row in await database.fetch_all("SELECT name FROM t")]

    failure, seen = await asyncio.gather(writer(), reader(), return_exceptions=True)
    await database.close()
    assert isinstance(failure, Boom)
    assert seen == []


async def test_cancelled_transaction_is_rolled_back(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    database = await Database.open(path, SCHEMA)
    inside = asyncio.Event()

    async def writer() -> None:
        async with database.transaction() as connection:
            await connection.execute("INSERT INTO t VALUES ('cancelled')")
            inside.set()
            await asyncio.sleep(10)

    task = asyncio.create_task(writer())
    await inside.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    async with database.transaction() as connection:
        await connection.execute("INSERT INTO t VALUES ('after')")
    await database.close()
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT name FROM t").fetchall() == [("after",)]


async def test_a_failed_commit_leaves_the_connection_usable(tmp_path: Path) -> None:
    """A deferred constraint fails at COMMIT: the next write must still work."""
    path = tmp_path / "bot.db"
    schema = [
        Migration(
            1,
            "0001_t.sql",
            "CREATE TABLE parent (id INTEGER PRIMARY KEY);\n"
            "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) "
            "DEFERRABLE INITIALLY DEFERRED);",
        )
    ]
    database = await Database.open(path, schema)
    try:
        with pytest.raises(sqlite3.IntegrityError):
            async with database.transaction() as connection:
                await connection.execute("INSERT INTO child VALUES (42)")  # no parent 42
        async with database.transaction() as connection:
            await connection.execute("INSERT INTO parent VALUES (1)")
            await connection.execute("INSERT INTO child VALUES (1)")
    finally:
        await database.close()
    with sqlite3.connect(path) as check:
        assert check.execute("SELECT parent_id FROM child").fetchall() == [(1,)]


async def test_a_read_inside_a_write_sees_its_own_writes_and_others_do_not(
    tmp_path: Path,
) -> None:
    database = await Database.open(tmp_path / "bot.db", SCHEMA)
    try:
        async with database.transaction() as connection:
            await connection.execute("INSERT INTO t VALUES ('mine')")
            # The same task reads through the repositories' usual calls: it sees its write.
            own = await database.fetch_all("SELECT name FROM t")
            async with database.reading() as reader:
                cursor = await reader.execute("SELECT count(*) FROM t")
                counted = await cursor.fetchone()
            # Another task (even one created here, inheriting this context) reads on a
            # reader, beside the writer: it sees only committed rows, and does not wait.
            other = await asyncio.wait_for(
                asyncio.create_task(database.fetch_all("SELECT name FROM t")), 0.5
            )
        assert [r["name"] for r in own] == ["mine"]
        assert counted is not None
        assert counted[0] == 1
        assert other == []
        assert [r["name"] for r in await database.fetch_all("SELECT name FROM t")] == ["mine"]
    finally:
        await database.close()


async def test_waiting_for_the_write_lock_is_bounded(tmp_path: Path) -> None:
    from storage import database as database_module
    from storage.errors import DatabaseBusyError

    database = await Database.open(tmp_path / "bot.db", SCHEMA)
    holding = asyncio.Event()
    release = asyncio.Event()

    async def slow_writer() -> None:
        async with database.transaction() as connection:
            await connection.execute("INSERT INTO t VALUES ('slow')")
            holding.set()
            await release.wait()

    task = asyncio.create_task(slow_writer())
    await holding.wait()
    try:
        began = asyncio.get_running_loop().time()
        with pytest.raises(DatabaseBusyError):
            async with database.transaction() as connection:
                await connection.execute("INSERT INTO t VALUES ('late')")
        waited = asyncio.get_running_loop().time() - began
        assert database_module.LOCK_WAIT_SECONDS <= waited < database_module.LOCK_WAIT_SECONDS + 1
        # Reads do not wait for the writer at all.
        assert await database.fetch_all("SELECT name FROM t") == []
    finally:
        release.set()
        await task
        await database.close()


async def test_it_says_when_a_write_or_a_read_begun_now_would_wait(tmp_path: Path) -> None:
    """What lets a handler show "thinking" at once instead of waiting silently in line."""
    database = await Database.open(tmp_path / "bot.db", SCHEMA, readers=1)
    try:
        assert not database.writes_queued
        assert not database.reads_queued
        async with database.transaction():
            assert database.writes_queued
            assert not database.reads_queued  # readers run beside the writer
        assert not database.writes_queued
        async with database.reading():
            assert database.reads_queued  # the only reader is in use
            assert not database.writes_queued
        assert not database.reads_queued
    finally:
        await database.close()


async def test_a_block_next_in_line_counts_as_queued_before_it_wakes_up(tmp_path: Path) -> None:
    """Right after a release the lock looks free, but the next writer is already waiting."""
    database = await Database.open(tmp_path / "bot.db", SCHEMA, readers=1)
    try:
        first_in, release = asyncio.Event(), asyncio.Event()
        seen_on_release: list[bool] = []

        async def first() -> None:
            async with database.transaction():
                first_in.set()
                await release.wait()
            # The lock was just released; the second writer is woken but has not run.
            seen_on_release.append(database.writes_queued)

        async def second() -> None:
            async with database.transaction():
                pass

        holder = asyncio.create_task(first())
        await first_in.wait()
        waiter = asyncio.create_task(second())
        await asyncio.sleep(0)  # the second writer is now waiting for the lock
        release.set()
        await holder
        assert seen_on_release == [True]
        await waiter
        assert not database.writes_queued
    finally:
        await database.close()
