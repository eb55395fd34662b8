"""Moving from SQLite: `python -m bot copy-to-postgres` on a small seeded database.

The copy lands in a real PostgreSQL database on the session's throwaway server; the
counts of every table and every server's leaderboard are read back through the bot's own
storage on each engine and compared.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import sqlite3
from datetime import timedelta
from pathlib import Path

import asyncpg
import pytest

from bot.cli import main
from bot.domain.brands import brand_key
from bot.domain.ranking import BrandWeek
from bot.run import ExitCode
from storage.postgres.assemble import open_postgres_storage
from storage.process_lock import only_process
from storage.sqlite import Storage, open_storage
from tests.storage.test_guild_data import NOW, fill, story

pytestmark = pytest.mark.sqlite_only("the source is a SQLite file; the target is made here")

GUILDS = (1 << 22, 2 << 22)
SPAN = (NOW - timedelta(days=30), NOW + timedelta(days=1))


async def seed(path: Path) -> Storage:
    storage = await open_storage(path)
    for number, guild in enumerate(GUILDS):
        await fill(storage, guild, 1000 * (number + 1))
        for offset, brand in enumerate(("Via Rail", "Porter", "Bell", "Porter", "Via Rail")):
            await story(storage, guild, 50 + offset, 1000 * (number + 1) + 10 + offset, brand=brand)
    porter = await storage.brands.find(GUILDS[0], brand_key("Porter"))
    bell = await storage.brands.find(GUILDS[0], brand_key("Bell"))
    assert porter is not None
    assert bell is not None
    await storage.brand_merges.merge(
        guild_id=GUILDS[0],
        from_brand_id=bell.id,
        into_brand_id=porter.id,
        moderator_id=9,
        reason="same company",
        now=NOW,
    )
    return storage


async def boards(storage: Storage) -> dict[int, list[BrandWeek]]:
    return {g: await storage.leaderboard.brand_rows(g, *SPAN) for g in GUILDS}


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


async def copy(database: Path, dsn: str) -> tuple[int, str, str]:
    """The command as an operator runs it (in a thread: it runs its own event loop)."""
    return await asyncio.to_thread(run_cli, "copy-to-postgres", dsn, "--database", str(database))


async def highest_story_id(dsn: str) -> int:
    connection = await asyncpg.connect(dsn)
    try:
        return int(await connection.fetchval("SELECT max(id) FROM stories"))
    finally:
        await connection.close()


async def table_counts(dsn: str) -> dict[str, int]:
    connection = await asyncpg.connect(dsn)
    try:
        names = await connection.fetch(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
            "AND table_name <> 'schema_migrations'"
        )
        return {
            row["table_name"]: int(await connection.fetchval(f'SELECT count(*) FROM "{row[0]}"'))
            for row in names
        }
    finally:
        await connection.close()


async def estimated_rows(dsn: str, table: str) -> float:
    connection = await asyncpg.connect(dsn)
    try:
        return float(
            await connection.fetchval("SELECT reltuples FROM pg_class WHERE relname = $1", table)
        )
    finally:
        await connection.close()


async def test_every_table_is_copied_and_the_leaderboards_are_identical(
    tmp_path: Path, empty_pg_database: str
) -> None:
    source = await seed(tmp_path / "bot.db")
    before = await boards(source)
    await source.close()

    code, out, err = await copy(tmp_path / "bot.db", empty_pg_database)
    assert (code, err) == (ExitCode.OK, "")
    assert "stories: 14 rows" in out
    assert "every table's count checked" in out
    assert "password" not in out

    copied = await table_counts(empty_pg_database)
    with sqlite3.connect(tmp_path / "bot.db") as connection:
        in_sqlite = {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in copied
        }
    assert copied == in_sqlite
    # Analyzed at once: the planner knows the rows (-1: never analyzed nor vacuumed).
    assert await estimated_rows(empty_pg_database, "stories") == copied["stories"]
    for table in (
        "stories",
        "story_votes",
        "story_reports",
        "brand_merges",
        "audit_log",
        "digest_posts",
        "member_notices",
        "brand_totals",
        "guild_settings",
    ):
        assert copied[table] > 0, table

    target = await open_postgres_storage(empty_pg_database)
    try:
        assert await boards(target) == before
        # Ids go on from where SQLite stopped: a new story never reuses one.
        highest = await highest_story_id(empty_pg_database)
        assert await story(target, GUILDS[0], 77, 9999, brand="Porter") > highest
    finally:
        await target.close()

    # A second copy into the same (no longer empty) database is refused; nothing changes.
    code, out, err = await copy(tmp_path / "bot.db", empty_pg_database)
    assert code == ExitCode.SETTINGS
    assert "not empty" in err
    assert (await table_counts(empty_pg_database))["stories"] == copied["stories"] + 1


async def test_a_database_in_use_by_a_bot_is_not_copied(
    tmp_path: Path, empty_pg_database: str
) -> None:
    await (await seed(tmp_path / "bot.db")).close()
    with only_process(tmp_path / "bot.db"):  # as the running bot holds it
        code, _, err = await copy(tmp_path / "bot.db", empty_pg_database)
    assert code == ExitCode.SETTINGS
    assert "in use by another bot process" in err
    assert (await table_counts(empty_pg_database)).get("stories", 0) == 0


async def test_an_old_or_missing_source_and_a_missing_address_are_refused(
    tmp_path: Path, empty_pg_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as connection:
        connection.execute("PRAGMA user_version = 3")
    code, _, err = await copy(old, empty_pg_database)
    assert code == ExitCode.SETTINGS
    assert "schema version 3" in err
    assert "run this version of the bot on it once" in err

    code, _, err = await copy(tmp_path / "nowhere.db", empty_pg_database)
    assert code == ExitCode.SETTINGS
    assert "does not exist" in err
    assert not list(tmp_path.glob("nowhere.db*"))  # not even a lock file
    assert (await table_counts(empty_pg_database)).get("stories", 0) == 0

    monkeypatch.delenv("DATABASE_URL", raising=False)
    code, _, err = await asyncio.to_thread(
        run_cli, "copy-to-postgres", "--database", str(tmp_path / "old.db")
    )
    assert code == ExitCode.SETTINGS
    assert "needs the PostgreSQL address" in err
