"""A whole server's data: departure and return, the stories export, the purge."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest

from bot.domain.brands import brand_key
from bot.domain.guild_settings import GuildSettings
from bot.domain.moderators import AuditEntry
from bot.domain.stories import StoryStatus
from bot.domain.submission import StoryKind, StorySubmission
from bot.domain.touchpoints import Touchpoint
from bot.services.lifecycle import LifecycleService
from storage.database import Database
from storage.postgres.repositories.guild_data import PostgresGuildDataRepository
from storage.repositories.guild_data import GUILD_TABLES_SQL
from storage.sqlite import Storage

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
SECRET = "zebra-quartz-7731 the manager shouted at my kid"


async def story(
    storage: Storage, guild: int, author: int, interaction: int, *, body: str = "", brand: str = ""
) -> int:
    created = await storage.stories.create(
        guild_id=guild,
        author_id=author,
        submission=StorySubmission(
            kind=StoryKind.DISASTER,
            brand=brand or "Air Canada",
            headline=f"Story {interaction}",
            body=body or "They lost my bag twice on the same trip and never called back.",
            rating=1,
            touchpoints=(Touchpoint.SERVICE, Touchpoint.DELIVERY),
        ),
        brand_key=brand_key(brand or "Air Canada"),
        status=StoryStatus.PUBLISHED,
        interaction_id=interaction,
        now=NOW,
    )
    return created.story.id


async def fill(storage: Storage, guild: int, base: int) -> int:
    """A server with a story (voted on, reported), an alias, a digest, a notice, an audit."""
    story_id = await story(storage, guild, 42, base, body=f"{SECRET} in guild {guild}")
    await story(storage, guild, 43, base + 1, brand="Via Rail")
    await storage.stories.toggle_vote(story_id, 7, NOW)
    await storage.stories.add_report(story_id, 8, "rude", NOW)
    await storage.guild_settings.save(GuildSettings(guild_id=guild, retention_days=30), NOW)
    await storage.digests.claim(
        guild,
        "2026-11-16",
        NOW,
        timedelta(minutes=5),
        start=NOW - timedelta(days=7),
        end=NOW,
        owner="test",
    )
    await storage.audit_log.record(
        AuditEntry(guild_id=guild, moderator_id=9, action="hide", story_id=story_id, created_at=NOW)
    )
    brand = await storage.brands.find(guild, brand_key("Air Canada"))
    assert brand is not None
    async with storage.database.transaction() as connection:
        await connection.execute(
            "INSERT INTO brand_aliases (guild_id, alias_key, alias, brand_id, created_at) "
            "VALUES (?, 'aircan', 'AirCan', ?, 0)",
            (guild, brand.id),
        )
        await connection.execute(
            "INSERT INTO member_notices (guild_id, user_id, what, facts, created_at) "
            "VALUES (?, 42, 'hidden', '{\"story_id\": 1}', 0)",
            (guild,),
        )
    return story_id


async def rows_of(storage: Storage, guild: int) -> dict[str, int]:
    """Rows per table that belong to `guild`, directly or through its stories.

    The tables come from the engine's catalog (every table with a guild_id column).
    """
    database = storage.database
    sqlite = isinstance(database, Database)
    catalog = GUILD_TABLES_SQL if sqlite else PostgresGuildDataRepository.guild_tables_sql
    tables = [str(r[0]) for r in await database.fetch_all(catalog)]

    async def count(sql: str) -> int:
        row = await database.fetch_one(sql, (guild,))
        assert row is not None
        return int(row[0])

    counts = {t: await count(f'SELECT count(*) FROM "{t}" WHERE guild_id = ?') for t in tables}
    for child in ("story_touchpoints", "story_votes", "story_reports"):
        counts[child] = await count(
            f"SELECT count(*) FROM {child} WHERE story_id IN "
            "(SELECT id FROM stories WHERE guild_id = ?)"
        )
    return counts


def file_bytes(path: Path) -> bytes:
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


# --- departure and return ------------------------------------------------------------


async def test_leaving_creates_the_settings_row_and_keeps_the_first_time(storage: Storage) -> None:
    await storage.guild_data.mark_left(5, NOW)
    await storage.guild_data.mark_left(5, NOW + timedelta(days=3))  # a repeated notice

    assert await storage.guild_data.left_at(5) == NOW
    [departure] = await storage.guild_data.departures()
    assert (departure.guild_id, departure.retention_days) == (5, 30)
    assert departure.purge_at == NOW + timedelta(days=30)
    assert await storage.guild_settings.get(5) == GuildSettings(guild_id=5)


async def test_returning_clears_the_departure_and_keeps_the_settings(storage: Storage) -> None:
    await storage.guild_settings.save(GuildSettings(guild_id=5, digest_hour=9), NOW)
    await storage.guild_data.mark_left(5, NOW)

    assert await storage.guild_data.mark_returned(5) is True
    assert await storage.guild_data.mark_returned(5) is False  # nothing to clear twice
    assert await storage.guild_data.mark_returned(6) is False  # never left
    assert await storage.guild_data.left_at(5) is None
    assert await storage.guild_data.departures() == []
    assert (await storage.guild_settings.get(5)).digest_hour == 9


async def test_saving_settings_does_not_clear_a_departure(storage: Storage) -> None:
    await storage.guild_data.mark_left(5, NOW)
    await storage.guild_settings.save(GuildSettings(guild_id=5, retention_days=7), NOW)
    [departure] = await storage.guild_data.departures()
    assert departure.retention_days == 7
    assert departure.left_at == NOW


async def test_known_guild_ids_covers_every_table(storage: Storage) -> None:
    await story(storage, 1, 42, 1)
    await storage.guild_settings.save(GuildSettings(guild_id=2), NOW)
    await storage.audit_log.record(
        AuditEntry(guild_id=3, moderator_id=9, action="settings", created_at=NOW)
    )
    assert await storage.guild_data.known_guild_ids() == {1, 2, 3}


async def test_retention_days_is_bounded_by_the_schema(storage: Storage) -> None:
    async with storage.database.transaction() as connection:
        await connection.execute("INSERT INTO guild_settings (guild_id, updated_at) VALUES (1, 0)")
    assert (await storage.guild_settings.get(1)).retention_days == 30
    with pytest.raises((sqlite3.IntegrityError, asyncpg.CheckViolationError)):
        async with storage.database.transaction() as connection:
            await connection.execute("UPDATE guild_settings SET retention_days = 0")


# --- export --------------------------------------------------------------------------


async def test_export_lists_every_story_of_the_server_with_reports(storage: Storage) -> None:
    first = await fill(storage, 1, 100)
    await fill(storage, 2, 200)

    exported = await storage.guild_data.export_stories(1)

    assert [(e.story.id, e.story.guild_id) for e in exported] == [(first, 1), (first + 1, 1)]
    assert [e.report_count for e in exported] == [1, 0]
    assert exported[0].story.relatable_count == 1
    assert await storage.guild_data.export_stories(99) == []


# --- purge ---------------------------------------------------------------------------


async def test_purge_waits_for_the_grace_period(storage: Storage) -> None:
    await fill(storage, 1, 100)
    await storage.guild_data.mark_left(1, NOW)

    assert await storage.guild_data.purge(1, NOW + timedelta(days=29, hours=23)) is None
    assert (await rows_of(storage, 1))["stories"] == 2
    assert await storage.guild_data.purge(7, NOW + timedelta(days=99)) is None  # unknown


async def test_purge_of_a_server_that_came_back_does_nothing(storage: Storage) -> None:
    await fill(storage, 1, 100)
    await storage.guild_data.mark_left(1, NOW)
    await storage.guild_data.mark_returned(1)

    assert await storage.guild_data.purge(1, NOW + timedelta(days=60)) is None
    assert (await rows_of(storage, 1))["stories"] == 2


async def test_purge_erases_every_row_of_that_server_only(storage: Storage) -> None:
    await fill(storage, 1, 100)
    await fill(storage, 2, 200)
    before_other = await rows_of(storage, 2)
    await storage.guild_data.mark_left(1, NOW)

    counts = await storage.guild_data.purge(1, NOW + timedelta(days=30))
    await storage.database.checkpoint()

    assert counts is not None
    assert counts["stories"] == 2
    assert counts["story_votes"] == counts["story_reports"] == 1
    assert counts["story_touchpoints"] == 4
    assert counts["brands"] == 2
    assert counts["brand_aliases"] == counts["member_notices"] == counts["audit_log"] == 1
    assert counts["digest_posts"] == counts["guild_settings"] == 1
    assert set((await rows_of(storage, 1)).values()) == {0}
    assert await rows_of(storage, 2) == before_other
    assert await storage.guild_data.known_guild_ids() == {2}
    if isinstance(storage.database, Database):  # SQLite: erased text leaves the file too
        data = file_bytes(storage.database.path)
        assert f"{SECRET} in guild 1".encode() not in data
        assert f"{SECRET} in guild 2".encode() in data


# --- the audit log's search ----------------------------------------------------------


async def test_audit_search_filters_and_pages(storage: Storage) -> None:
    for i in range(25):
        await storage.audit_log.record(
            AuditEntry(
                guild_id=1,
                moderator_id=10 + i % 2,
                action="hide" if i % 3 else "approve",
                story_id=100 + i % 5,
                brand_id=None if i % 4 else 7,
                created_at=NOW + timedelta(minutes=i),
            )
        )
    await storage.audit_log.record(
        AuditEntry(guild_id=2, moderator_id=10, action="hide", created_at=NOW)
    )

    page, total = await storage.audit_log.search(1, limit=10)
    assert total == 25
    assert [e.created_at for e in page] == [NOW + timedelta(minutes=24 - i) for i in range(10)]
    last, _ = await storage.audit_log.search(1, offset=20, limit=10)
    assert len(last) == 5

    by_moderator, n = await storage.audit_log.search(1, moderator_id=11, limit=50)
    assert n == 12
    assert {e.moderator_id for e in by_moderator} == {11}
    on_story, n = await storage.audit_log.search(1, story_id=102, limit=50)
    assert n == 5
    assert {e.story_id for e in on_story} == {102}
    on_brand, n = await storage.audit_log.search(1, brand_id=7, limit=50)
    assert n == 7
    assert {e.brand_id for e in on_brand} == {7}
    combined, n = await storage.audit_log.search(
        1, moderator_id=10, action="approve", story_id=100, limit=50
    )
    assert (
        n == len(combined) == sum(1 for i in range(25) if i % 2 == 0 and i % 3 == 0 and i % 5 == 0)
    )
    assert await storage.audit_log.search(3) == ([], 0)


# --- catching up after downtime (the service over real storage) -----------------------


async def test_reconcile_catches_up_on_removals_and_returns_while_offline(
    storage: Storage,
) -> None:
    now = [NOW]
    service = LifecycleService(storage, lambda: now[0])
    await story(storage, 1, 42, 1)  # still in server 1
    await story(storage, 2, 42, 2)  # removed from server 2 while offline
    await storage.guild_data.mark_left(3, NOW)  # left server 3, re-invited while offline
    await storage.guild_data.mark_left(4, NOW - timedelta(days=3))  # still gone

    now[0] = NOW + timedelta(hours=1)
    await service.reconcile({1, 3})

    assert await storage.guild_data.left_at(1) is None
    assert await storage.guild_data.left_at(2) == NOW + timedelta(hours=1)
    assert await storage.guild_data.left_at(3) is None
    assert await storage.guild_data.left_at(4) == NOW - timedelta(days=3)  # not restarted


async def test_reconcile_never_marks_another_shards_server_as_left(storage: Storage) -> None:
    """A shard process's READY lists only its own servers; the others were not left."""
    service = LifecycleService(storage, lambda: NOW)
    await story(storage, 1, 42, 1)  # this shard's server, present
    await story(storage, 2, 42, 2)  # this shard's server, removed while offline
    await story(storage, 3, 42, 3)  # another shard's server: absent from READY

    await service.reconcile({1}, owns=lambda guild_id: guild_id != 3)

    assert await storage.guild_data.left_at(1) is None
    assert await storage.guild_data.left_at(2) == NOW
    assert await storage.guild_data.left_at(3) is None
