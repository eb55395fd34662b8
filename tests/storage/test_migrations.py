import sqlite3
from pathlib import Path

import pytest

from storage.database import Database
from storage.errors import MigrationError, SchemaTooNewError, StorageError
from storage.migrate import Migration, bundled_migrations

EXPECTED_TABLES = {
    "meta",
    "guild_settings",
    "brands",
    "brand_aliases",
    "stories",
    "story_touchpoints",
    "story_votes",
    "story_reports",
    "audit_log",
    "digest_posts",
    "member_notices",
}


def tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows}


def user_version(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])


async def test_fresh_database_gets_the_whole_schema(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "bot.db"
    database = await Database.open(path)
    await database.close()
    assert tables(path) >= EXPECTED_TABLES
    assert user_version(path) == len(bundled_migrations())


async def test_connection_pragmas(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "bot.db")
    try:
        values = {}
        for pragma in ("journal_mode", "synchronous", "foreign_keys", "secure_delete"):
            row = await database.fetch_one(f"PRAGMA {pragma}")
            assert row is not None
            values[pragma] = row[0]
    finally:
        await database.close()
    assert values == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "secure_delete": 1,
    }


async def test_leaderboard_query_uses_the_covering_index(tmp_path: Path) -> None:
    database = await Database.open(tmp_path / "bot.db")
    try:
        plan = await database.fetch_all(
            "EXPLAIN QUERY PLAN SELECT brand_id, count(*), avg(rating) FROM stories "
            "WHERE guild_id = ? AND status = 'published' "
            "AND published_at >= ? AND published_at < ? GROUP BY brand_id",
            (1, 0, 10),
        )
    finally:
        await database.close()
    details = " ".join(str(row["detail"]) for row in plan)
    assert "COVERING INDEX stories_leaderboard" in details


async def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    await (await Database.open(path)).close()
    await (await Database.open(path)).close()
    assert user_version(path) == len(bundled_migrations())


async def test_upgrade_applies_only_the_new_migration(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    first = [Migration(1, "0001_a.sql", "CREATE TABLE a (x INTEGER);")]
    await (await Database.open(path, first)).close()
    with sqlite3.connect(path) as connection:
        connection.execute("INSERT INTO a VALUES (42)")
    upgraded = [*first, Migration(2, "0002_b.sql", "ALTER TABLE a ADD COLUMN y TEXT;")]
    await (await Database.open(path, upgraded)).close()
    assert user_version(path) == 2
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT x, y FROM a").fetchall() == [(42, None)]


async def test_a_broken_migration_leaves_the_file_exactly_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    first = [Migration(1, "0001_a.sql", "CREATE TABLE a (x INTEGER);")]
    await (await Database.open(path, first)).close()
    broken = Migration(
        2,
        "0002_broken.sql",
        "CREATE TABLE half_done (x INTEGER);\nINSERT INTO a VALUES (1);\nTHIS IS NOT SQL;",
    )
    with pytest.raises(MigrationError, match=r"0002_broken\.sql failed and was rolled back"):
        await Database.open(path, [*first, broken])
    assert tables(path) == {"a"}
    assert user_version(path) == 1
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM a").fetchone() == (0,)


async def test_a_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE future (x INTEGER)")
        connection.execute("PRAGMA user_version = 99")
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="schema version 99"):
        await Database.open(path)
    assert path.read_bytes() == before
    assert tables(path) == {"future"}


async def test_unwritable_location_is_a_clear_storage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(StorageError, match="cannot open the database"):
        await Database.open(blocker / "bot.db")


async def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("hello, this is not SQLite" * 100)
    with pytest.raises(StorageError):
        await Database.open(path)
    assert path.read_text().startswith("hello")


@pytest.mark.parametrize(
    ("migrations", "message"),
    [
        ([Migration(2, "0002_x.sql", "SELECT 1;")], "out of sequence"),
        ([Migration(1, "0001_x.sql", "BEGIN;\nSELECT 1;")], "must not control transactions"),
        ([Migration(1, "0001_x.sql", "SELECT 1;\nCOMMIT;")], "must not control transactions"),
    ],
)
async def test_bad_migration_sets_are_rejected_before_running(
    tmp_path: Path, migrations: list[Migration], message: str
) -> None:
    with pytest.raises(MigrationError, match=message):
        await Database.open(tmp_path / "bot.db", migrations)
    assert user_version(tmp_path / "bot.db") == 0
