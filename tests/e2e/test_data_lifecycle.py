"""The data lifecycle of a server end to end: leaving, outages, returning, the purge.

The lifecycle runs through the stand-in's gateway: GUILD_DELETE (the bot was removed),
GUILD_DELETE with `unavailable` (an outage, not a removal) and GUILD_CREATE (it came
back). The purge runs on the bot's FakeClock: a test moves time, then runs one round.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from typing import Any, cast

import pytest

from cogs.moderation.lifecycle import DataLifecycle
from tests.e2e.conftest import App
from tests.e2e.server_data_helpers import (
    add_story,
    audit,
    eventually,
    record,
    run,
    second_server,
)

SECRET = "zebra-quartz-7731 the night manager shouted at my daughter"


def db_rows(app: App, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(app.db_path) as connection:
        return connection.execute(sql, params).fetchall()


def rows_of(app: App, guild_id: int) -> dict[str, int]:
    """Rows per table that belong to a server, directly or through its stories."""
    tables = [
        r[0]
        for r in db_rows(
            app,
            "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c "
            "WHERE m.type = 'table' AND c.name = 'guild_id'",
        )
    ]
    counts = {
        t: db_rows(app, f'SELECT count(*) FROM "{t}" WHERE guild_id = ?', guild_id)[0][0]
        for t in tables
    }
    for child in ("story_touchpoints", "story_votes", "story_reports"):
        counts[child] = db_rows(
            app,
            f"SELECT count(*) FROM {child} WHERE story_id IN "
            "(SELECT id FROM stories WHERE guild_id = ?)",
            guild_id,
        )[0][0]
    return counts


def lifecycle(app: App) -> DataLifecycle:
    cog = app.bot.get_cog("DataLifecycle")
    # Not isinstance: discord.py re-imports an extension's modules for every bot.
    assert type(cog).__name__ == "DataLifecycle"
    return cast(DataLifecycle, cog)


# --- the lifecycle: leaving, outages, returning --------------------------------------


async def left_at(app: App, guild_id: int) -> datetime | None:
    return await app.storage.guild_data.left_at(guild_id)


async def test_removal_marks_the_server_as_left_even_without_settings(app: App) -> None:
    await add_story(app, "alice")
    assert db_rows(app, "SELECT count(*) FROM guild_settings") == [(0,)]
    now = app.clock()

    await app.standin.remove_bot_from_guild(app.guild_id)

    async def marked() -> bool:
        return await left_at(app, app.guild_id) is not None

    await eventually(marked, "left_at set after GUILD_DELETE")
    assert await left_at(app, app.guild_id) == now
    assert rows_of(app, app.guild_id)["stories"] == 1  # kept during the grace period


async def test_an_outage_is_not_a_removal(app: App) -> None:
    await app.configure(digest_hour=3)
    other = await second_server(app)
    await app.standin.dispatch("GUILD_DELETE", {"id": str(app.guild_id), "unavailable": True})
    # A real removal afterwards: once it is recorded, the outage before it was handled too.
    await app.standin.remove_bot_from_guild(other.id)

    async def other_marked() -> bool:
        return await left_at(app, other.id) is not None

    await eventually(other_marked, "the later removal recorded")
    assert await left_at(app, app.guild_id) is None


async def test_rejoining_clears_the_departure(app: App) -> None:
    await app.configure(digest_hour=3)
    guild = app.standin.guild
    await app.standin.remove_bot_from_guild(guild.id)

    async def marked() -> bool:
        return await left_at(app, guild.id) is not None

    await eventually(marked, "left_at set")

    app.standin.world.guilds[guild.id] = guild  # invited back: GUILD_CREATE, same server
    await app.standin.dispatch("GUILD_CREATE", guild.create_payload(app.standin.world.users))

    async def cleared() -> bool:
        return await left_at(app, guild.id) is None

    await eventually(cleared, "left_at cleared after GUILD_CREATE")
    assert (await app.storage.guild_settings.get(guild.id)).digest_hour == 3
    app.clock.advance(days=90)
    round_ = await lifecycle(app).run_purge_round()
    assert round_ is not None
    assert round_.purged == {}
    assert (await app.storage.guild_settings.get(guild.id)).digest_hour == 3


# --- the purge -----------------------------------------------------------------------


async def fill(app: App, guild_id: int, tag: str) -> None:
    """A server with stories, a vote, a report, settings, an audit entry and a digest."""
    story = await add_story(
        app, "alice", f"Story in {tag}", guild_id=guild_id, body=f"{SECRET} ({tag})"
    )
    await add_story(app, "bob", brand="Via Rail", guild_id=guild_id, anonymous=True)
    await app.storage.stories.toggle_vote(story.id, app.standin.users["bob"].id, app.clock())
    await app.storage.stories.add_report(story.id, app.standin.users["bob"].id, "rude", app.clock())
    settings = await app.storage.guild_settings.get(guild_id)
    await app.storage.guild_settings.save(settings.model_copy(update={"daily_cap": 4}), app.clock())
    await record(app, guild_id=guild_id, action="hide", story_id=story.id)
    now = app.clock()
    await app.storage.digests.claim(
        guild_id,
        "2026-11-16",
        now,
        timedelta(minutes=5),
        start=now - timedelta(days=7),
        end=now,
        owner="test",
    )


def file_bytes(app: App) -> bytes:
    wal = app.db_path.with_name(app.db_path.name + "-wal")
    return app.db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


async def test_purge_after_the_grace_period_erases_that_server_only(app: App) -> None:
    other = await second_server(app)
    await fill(app, app.guild_id, "here")
    await fill(app, other.id, "there")
    kept = rows_of(app, other.id)
    await app.standin.remove_bot_from_guild(app.guild_id)

    async def marked() -> bool:
        return await left_at(app, app.guild_id) is not None

    await eventually(marked, "left_at set")

    app.clock.advance(days=29, hours=23)
    early = await lifecycle(app).run_purge_round()
    assert early is not None
    assert early.purged == {}
    assert rows_of(app, app.guild_id)["stories"] == 2

    app.clock.advance(hours=2)
    done = await lifecycle(app).run_purge_round()

    assert done is not None
    assert done.failed == []
    counts = done.purged[app.guild_id]
    assert counts["stories"] == 2
    assert counts["guild_settings"] == counts["audit_log"] == counts["digest_posts"] == 1
    assert set(rows_of(app, app.guild_id).values()) == {0}
    assert rows_of(app, other.id) == kept
    data = file_bytes(app)
    assert f"{SECRET} (here)".encode() not in data
    assert f"{SECRET} (there)".encode() in data
    assert lifecycle(app).purge_loop.is_running()


async def test_the_grace_period_is_the_server_setting(app: App) -> None:
    await run(app.standin.user("moderator"), "storymod setup", retention_days=2)
    await fill(app, app.guild_id, "here")
    await app.standin.remove_bot_from_guild(app.guild_id)

    async def marked() -> bool:
        return await left_at(app, app.guild_id) is not None

    await eventually(marked, "left_at set")
    app.clock.advance(days=2, seconds=1)
    done = await lifecycle(app).run_purge_round()
    assert done is not None
    assert app.guild_id in done.purged
    assert set(rows_of(app, app.guild_id).values()) == {0}


async def test_one_servers_purge_failure_does_not_stop_the_others(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = await second_server(app)
    await fill(app, app.guild_id, "here")
    await fill(app, other.id, "there")
    repository = app.storage.guild_data
    real_purge = repository.purge

    async def failing_purge(guild_id: int, now: datetime) -> dict[str, int] | None:
        if guild_id == app.guild_id:
            raise sqlite3.OperationalError("disk I/O error")
        return await real_purge(guild_id, now)

    monkeypatch.setattr(repository, "purge", failing_purge)
    await app.standin.remove_bot_from_guild(app.guild_id)  # left first: tried first
    app.clock.advance(minutes=1)
    await app.standin.remove_bot_from_guild(other.id)

    async def both_marked() -> bool:
        return len(await app.storage.guild_data.departures()) == 2

    await eventually(both_marked, "both departures recorded")
    app.clock.advance(days=31)

    done = await lifecycle(app).run_purge_round()

    assert done is not None
    assert done.failed == [app.guild_id]
    assert list(done.purged) == [other.id]
    assert set(rows_of(app, other.id).values()) == {0}
    assert rows_of(app, app.guild_id)["stories"] == 2  # kept, tried again next round
    assert lifecycle(app).purge_loop.is_running()

    monkeypatch.undo()
    again = await lifecycle(app).run_purge_round()
    assert again is not None
    assert list(again.purged) == [app.guild_id]


# --- the setting ---------------------------------------------------------------------


async def test_setup_sets_and_shows_the_retention(app: App) -> None:
    moderator = app.standin.user("moderator")
    panel = await run(moderator, "storymod setup")
    assert "kept for 30 days, then erased" in panel.embed_text()

    panel = await run(moderator, "storymod setup", retention_days=90)

    assert "Data kept after the bot is removed: 30 days → 90 days" in panel.embed_text()
    assert "kept for 90 days, then erased" in panel.embed_text()
    assert (await app.storage.guild_settings.get(app.guild_id)).retention_days == 90
    [entry] = await audit(app)
    assert entry.details == {"retention_days": {"old": 30, "new": 90}}
