"""The PostgreSQL migration runner on a real server: once each, in order, under a lock."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import asyncpg
import pytest
import pytest_asyncio

from storage.errors import MigrationError, SchemaTooNewError
from storage.migrate import Migration
from storage.postgres.migrate import apply_migrations, bundled_migrations, schema_version

MIGRATIONS = [
    # The sleep widens the window in which a second runner could slip in.
    Migration(
        1, "0001_brands.sql", "CREATE TABLE brands (id bigint PRIMARY KEY);\nSELECT pg_sleep(0.2);"
    ),
    Migration(2, "0002_seed.sql", "INSERT INTO brands (id) VALUES (1), (2);"),
    Migration(3, "0003_name.sql", "ALTER TABLE brands ADD COLUMN name text NOT NULL DEFAULT '';"),
]


@pytest_asyncio.fixture
async def db(empty_pg_database: str) -> AsyncIterator[asyncpg.Connection]:
    connection = await asyncpg.connect(empty_pg_database)
    try:
        yield connection
    finally:
        await connection.close()


async def applied(connection: asyncpg.Connection) -> list[tuple[int, str]]:
    rows = await connection.fetch("SELECT version, name FROM schema_migrations ORDER BY version")
    return [(row["version"], row["name"]) for row in rows]


async def test_applies_every_migration_once_in_order(db: asyncpg.Connection) -> None:
    assert await schema_version(db) == 0
    assert await apply_migrations(db, MIGRATIONS) == 3
    assert await applied(db) == [(1, "0001_brands.sql"), (2, "0002_seed.sql"), (3, "0003_name.sql")]
    assert await db.fetchval("SELECT count(*) FROM brands") == 2
    assert await apply_migrations(db, MIGRATIONS) == 3  # nothing left to do
    assert await db.fetchval("SELECT count(*) FROM brands") == 2


async def test_two_runners_at_once_on_an_empty_database_apply_once_without_error(
    empty_pg_database: str,
) -> None:
    connections = [await asyncpg.connect(empty_pg_database) for _ in range(2)]
    try:
        results = await asyncio.gather(*(apply_migrations(c, MIGRATIONS) for c in connections))
        assert results == [3, 3]
        assert [v for v, _ in await applied(connections[0])] == [1, 2, 3]
        assert await connections[0].fetchval("SELECT count(*) FROM brands") == 2
    finally:
        for connection in connections:
            await connection.close()


async def test_a_failing_migration_is_rolled_back_whole(db: asyncpg.Connection) -> None:
    await apply_migrations(db, MIGRATIONS[:1])
    broken = Migration(2, "0002_broken.sql", "CREATE TABLE half (id int);\nSELECT 1/0;")
    with pytest.raises(MigrationError) as caught:
        await apply_migrations(db, [MIGRATIONS[0], broken])
    assert str(caught.value) == (
        "migration 0002_broken.sql failed and was rolled back: division by zero"
    )
    assert await schema_version(db) == 1
    assert await db.fetchval("SELECT to_regclass('half')") is None
    assert await apply_migrations(db, MIGRATIONS) == 3  # the fixed file applies later


async def test_a_database_newer_than_the_code_is_refused_in_one_line(
    db: asyncpg.Connection,
) -> None:
    await apply_migrations(db, MIGRATIONS)
    with pytest.raises(SchemaTooNewError) as caught:
        await apply_migrations(db, MIGRATIONS[:2])
    assert str(caught.value) == (
        "the PostgreSQL database has schema version 3 but this bot only knows up to 2: "
        "run a newer version of the bot (the database was left untouched)"
    )
    assert "\n" not in str(caught.value)
    assert await schema_version(db) == 3


@pytest.mark.parametrize(
    ("migrations", "message"),
    [
        ([MIGRATIONS[0], MIGRATIONS[2]], "migration 0003_name.sql is out of sequence (expected 2)"),
        (
            [Migration(1, "0001_x.sql", "START TRANSACTION;\nCREATE TABLE x (id int);")],
            "migration 0001_x.sql must not control transactions itself",
        ),
        (
            [Migration(1, "0001_x.sql", "CREATE TABLE x (id int);\nCOMMIT;")],
            "migration 0001_x.sql must not control transactions itself",
        ),
    ],
)
async def test_badly_numbered_or_transactional_files_are_refused_before_anything_runs(
    db: asyncpg.Connection, migrations: list[Migration], message: str
) -> None:
    with pytest.raises(MigrationError) as caught:
        await apply_migrations(db, migrations)
    assert str(caught.value) == message
    assert await schema_version(db) == 0


def test_the_shipped_migrations_follow_the_rules() -> None:
    shipped = bundled_migrations()
    assert [m.version for m in shipped] == list(range(1, len(shipped) + 1))


async def test_the_shipped_schema_applies_to_an_empty_database_and_keeps_totals(
    db: asyncpg.Connection,
) -> None:
    latest = bundled_migrations()[-1].version
    assert await apply_migrations(db) == latest
    await db.execute(
        "INSERT INTO brands (guild_id, name, name_key, created_at) VALUES (1, 'A', 'a', 0)"
    )
    await db.execute(
        "INSERT INTO stories (guild_id, author_id, brand_id, kind, headline, body, rating, "
        "status, created_at, published_at) VALUES (1, 2, 1, 'great', 'h', 'b', 4, 'published', "
        "0, 86400)"
    )
    await db.execute("INSERT INTO story_touchpoints VALUES (1, 'buying'), (1, 'using')")
    assert await db.fetchval(
        "SELECT group_concat(touchpoint) FROM story_touchpoints WHERE story_id = 1"
    ) in ("buying,using", "using,buying")
    totals = await db.fetchrow("SELECT stories, great, disasters, rating_sum FROM brand_totals")
    assert totals is not None
    assert tuple(totals) == (1, 1, 0, 4)
    assert await db.fetchval("SELECT sum(stories) FROM guild_touchpoint_day_totals") == 2
    await db.execute("UPDATE stories SET kind = 'disaster', rating = 2")
    totals = await db.fetchrow("SELECT stories, great, disasters, rating_sum FROM brand_totals")
    assert totals is not None
    assert tuple(totals) == (1, 0, 1, 2)
    await db.execute("DELETE FROM story_touchpoints WHERE touchpoint = 'using'")
    assert await db.fetchval("SELECT count(*) FROM brand_touchpoint_totals") == 1
    await db.execute("DELETE FROM stories")
    for table in (
        "brand_totals",
        "brand_touchpoint_totals",
        "brand_day_totals",
        "guild_day_totals",
        "guild_touchpoint_day_totals",
    ):
        assert await db.fetchval(f"SELECT count(*) FROM {table}") == 0, table
