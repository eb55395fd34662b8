"""Operator tools on a live database: read-only inspection and online backups."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.domain.guild_settings import GuildSettings
from storage.errors import StorageError
from storage.maintenance import backup_database, inspect_database, latest_schema_version
from storage.sqlite import Storage, open_storage

NOW = datetime(2026, 11, 30, tzinfo=UTC)


async def test_inspecting_a_missing_file_creates_nothing(tmp_path: Path) -> None:
    report = inspect_database(tmp_path / "data" / "bot.db")
    assert not report.exists
    assert report.latest_version == latest_schema_version()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.sqlite_only("inspects and backs up the SQLite file")
async def test_inspecting_an_open_database_reads_its_version_and_counts(
    storage: Storage, tmp_path: Path
) -> None:
    await storage.guild_settings.save(GuildSettings(guild_id=7), NOW)
    report = inspect_database(tmp_path / "bot.db")
    assert report.exists
    assert report.schema_version == report.latest_version
    assert report.pending_migrations == 0
    assert (report.stories, report.servers) == (0, 1)


async def test_a_file_that_is_no_database_is_one_line(tmp_path: Path) -> None:
    bogus = tmp_path / "bot.db"
    bogus.write_bytes(b"not a database at all, just text" * 100)
    with pytest.raises(StorageError, match="cannot read the database at"):
        inspect_database(bogus)


@pytest.mark.sqlite_only("inspects and backs up the SQLite file")
async def test_a_backup_taken_while_the_bot_writes_holds_every_commit(
    storage: Storage, tmp_path: Path
) -> None:
    # The commits sit in the write-ahead log, not yet in the main file: a plain file copy
    # would miss them, the backup must not.
    for guild_id in range(1, 6):
        await storage.guild_settings.save(GuildSettings(guild_id=guild_id), NOW)
    assert (tmp_path / "bot.db-wal").stat().st_size > 0
    copy = tmp_path / "backup.db"
    report = backup_database(tmp_path / "bot.db", copy)
    assert report.servers == 5
    assert not (tmp_path / "backup.db-wal").exists(), "the copy is one self-contained file"
    with sqlite3.connect(copy) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        count = connection.execute("SELECT count(*) FROM guild_settings").fetchone()
    assert count == (5,)
    # The bot carries on writing afterwards.
    await storage.guild_settings.save(GuildSettings(guild_id=99), NOW)


@pytest.mark.sqlite_only("inspects and backs up the SQLite file")
async def test_a_backup_never_overwrites_and_leaves_nothing_when_it_fails(
    storage: Storage, tmp_path: Path
) -> None:
    existing = tmp_path / "backup.db"
    existing.write_text("an older backup")
    with pytest.raises(StorageError, match="already exists"):
        backup_database(tmp_path / "bot.db", existing)
    assert existing.read_text() == "an older backup"
    with pytest.raises(StorageError, match="does not exist"):
        backup_database(tmp_path / "bot.db", tmp_path / "missing" / "b.db")
    assert sorted(p.name for p in tmp_path.iterdir() if "partial" in p.name) == []


async def test_inspecting_a_closed_database_leaves_no_file_beside_it(tmp_path: Path) -> None:
    opened = await open_storage(tmp_path / "bot.db")
    await opened.close()
    before = (tmp_path / "bot.db").read_bytes()
    assert [p.name for p in tmp_path.iterdir()] == ["bot.db"]
    assert inspect_database(tmp_path / "bot.db").schema_version == latest_schema_version()
    backup_database(tmp_path / "bot.db", tmp_path / "copy.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bot.db", "copy.db"]
    assert (tmp_path / "bot.db").read_bytes() == before
