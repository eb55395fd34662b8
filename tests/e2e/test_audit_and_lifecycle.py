"""/storymod audit and /storymod export end to end, and the data lifecycle of a server.

The lifecycle runs through the stand-in's gateway: GUILD_DELETE (the bot was removed),
GUILD_DELETE with `unavailable` (an outage, not a removal) and GUILD_CREATE (it came
back). The purge runs on the bot's FakeClock: a test moves time, then runs one round.
"""

from __future__ import annotations

import asyncio
import csv
import io
import itertools
import json
import sqlite3
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any, cast

import pytest

from bot.domain.moderators import AuditEntry
from bot.domain.stories import Story
from bot.domain.submission import parse_submission
from cogs.moderation.lifecycle import DataLifecycle
from tests.e2e.bypass import overridden
from tests.e2e.conftest import App
from tests.standin import Actor, Message
from tests.standin.state import Guild

REFUSED = "Only moderators can do that"
SECRET = "zebra-quartz-7731 the night manager shouted at my daughter"
_interaction_ids = itertools.count(9_000_000)


async def add_story(
    app: App,
    author: str,
    headline: str = "Upgraded for free",
    *,
    guild_id: int | None = None,
    brand: str = "Air Canada",
    body: str = "The gate agent noticed our anniversary and upgraded us both without asking.",
    anonymous: bool = False,
) -> Story:
    """A finished story, stored through the real service (no channel post needed here)."""
    submission = parse_submission(
        {
            "kind": "great",
            "brand": brand,
            "headline": headline,
            "body": body,
            "rating": 5,
            "touchpoints": ["service", "buying"],
            "product": "Flight",
            "anonymous": anonymous,
        }
    )
    submitted = await app.bot.stories.submit(
        guild_id=guild_id or app.guild_id,
        author_id=app.standin.users[author].id,
        submission=submission,
        interaction_id=next(_interaction_ids),
    )
    story, _ = await app.bot.stories.finish(submitted.story.id)
    app.clock.advance(minutes=1)
    return story


async def run(actor: Actor, command: str, **options: Any) -> Message:
    result = await actor.run_command(command, **options)
    message = await result.wait_for_message()
    assert result.ephemeral
    assert not message.can_ping()
    return message


async def audit(app: App, guild_id: int | None = None) -> list[AuditEntry]:
    return await app.storage.audit_log.recent(guild_id or app.guild_id, limit=100)


async def record(app: App, **fields: Any) -> None:
    fields.setdefault("guild_id", app.guild_id)
    fields.setdefault("moderator_id", app.standin.users["moderator"].id)
    fields.setdefault("created_at", app.clock())
    await app.storage.audit_log.record(AuditEntry(**fields))
    app.clock.advance(seconds=1)


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


async def eventually(check: Callable[[], Awaitable[bool]], what: str, within: float = 3.0) -> None:
    for _ in range(int(within / 0.02)):
        if await check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"never happened: {what}")


def lifecycle(app: App) -> DataLifecycle:
    cog = app.bot.get_cog("DataLifecycle")
    # Not isinstance: discord.py re-imports an extension's modules for every bot.
    assert type(cog).__name__ == "DataLifecycle"
    return cast(DataLifecycle, cog)


async def second_server(app: App) -> Guild:
    guild = await app.standin.add_guild("Elsewhere")

    async def cached() -> bool:
        return app.bot.get_guild(guild.id) is not None

    await eventually(cached, "second guild cached")
    return guild


# --- /storymod audit -----------------------------------------------------------------


async def test_audit_is_registered_with_its_filters(app: App) -> None:
    command = next(c for c in app.standin.registered_commands() if c["name"] == "storymod")
    audit_cmd = next(o for o in command["options"] if o["name"] == "audit")
    options = {o["name"]: o for o in audit_cmd["options"]}
    assert set(options) == {"moderator", "story", "brand", "action"}
    assert not any(o.get("required") for o in options.values())
    assert options["brand"]["autocomplete"] is True
    assert {c["value"] for c in options["action"]["choices"]} >= {
        "settings",
        "digest_repost",
        "approve",
        "hide",
        "restore",
        "highlight",
        "unhighlight",
        "delete",
        "brand_merge",
        "brand_unmerge",
        "brand_rename",
        "brand_alias_add",
        "brand_alias_remove",
        "brand_industry",
        "export",
    }
    assert any(o["name"] == "export" for o in command["options"])


async def test_an_empty_log_says_so(app: App) -> None:
    message = await run(app.standin.user("moderator"), "storymod audit")
    assert "audit log is empty" in message.content
    assert message.embeds == []


async def test_audit_shows_real_actions_newest_first_with_who_what_when(app: App) -> None:
    moderator, owner = app.standin.user("moderator"), app.standin.user("owner")
    await run(moderator, "storymod setup", digest_hour=7)
    app.clock.advance(minutes=5)
    await run(owner, "storymod setup", retention_days=60)
    app.clock.advance(minutes=5)
    await add_story(app, "alice")
    await run(moderator, "storymod export")

    message = await run(moderator, "storymod audit")

    text = message.embed_text()
    lines = [line for line in text.splitlines() if line.startswith("<t:")]
    assert len(lines) == 3
    assert "**Stories exported**" in lines[0]
    assert f"<@{moderator.id}>" in lines[0]
    assert "**Settings changed**" in lines[1]
    assert f"<@{owner.id}>" in lines[1]
    assert f"<@{moderator.id}>" in lines[2]
    first_time = int(app.clock().timestamp()) - 600 - 60
    assert lines[2].startswith(f"<t:{first_time}:f>")
    assert "Digest hour: 00:00 → 07:00" in text
    assert "Data kept after the bot is removed: 30 days → 60 days" in text
    assert "Page 1 of 1 · 3 entries" in text
    assert message.components == []  # one page: no buttons


async def test_audit_filters_by_moderator_story_brand_and_action(app: App) -> None:
    moderator, owner = app.standin.users["moderator"], app.standin.users["owner"]
    story = await add_story(app, "alice")
    other = await add_story(app, "bob", brand="Via Rail")
    via_rail = other.brand_id
    await record(app, action="hide", story_id=story.id, reason="Names a member")
    await record(app, action="restore", story_id=story.id, moderator_id=owner.id)
    await record(app, action="highlight", story_id=other.id, brand_id=via_rail)
    await record(
        app, action="brand_rename", brand_id=via_rail, details={"old": "Via", "new": "Via Rail"}
    )
    await record(app, action="settings", details={"daily_cap": {"old": 5, "new": 3}})
    actor = app.standin.user("moderator")

    by_owner = (await run(actor, "storymod audit", moderator="owner")).embed_text()
    assert by_owner.count("<t:") == 1
    assert "**Story restored**" in by_owner
    assert f"by <@{owner.id}>" in by_owner

    on_story = (await run(actor, "storymod audit", story=story.id)).embed_text()
    assert on_story.count("<t:") == 2
    assert "**Story hidden**" in on_story
    assert "> Why: Names a member" in on_story
    assert f"story #{story.id}" in on_story

    on_brand = (await run(actor, "storymod audit", brand="Via Rail")).embed_text()
    assert on_brand.count("<t:") == 2
    assert "brand **Via Rail**" in on_brand
    assert "new: Via Rail; old: Via" in on_brand  # the details, as stored (sorted keys)

    combined = await run(actor, "storymod audit", moderator="moderator", action="highlight")
    assert combined.embed_text().count("<t:") == 1
    assert f"<@{moderator.id}>" in combined.embed_text()

    nothing = await run(actor, "storymod audit", moderator="owner", action="delete")
    assert nothing.content.startswith("No audit entries by <@")


async def test_brand_filter_autocompletes_and_refuses_unknown_brands(app: App) -> None:
    await add_story(app, "alice", brand="Air Canada")
    moderator = app.standin.user("moderator")

    choices = await moderator.autocomplete("storymod audit", "brand", "air")
    assert choices[0]["value"] == "Air Canada"
    assert all(not c["name"].startswith("➕") for c in choices)  # no "new brand" entry

    refused = await run(moderator, "storymod audit", brand="Nowhere Airlines")
    assert "There is no brand “Nowhere Airlines”" in refused.content
    assert refused.embeds == []


async def test_audit_pages_with_previous_and_next(app: App) -> None:
    for i in range(20):
        await record(app, action="hide", story_id=1000 + i)
    moderator = app.standin.user("moderator")

    page = await run(moderator, "storymod audit")
    assert "Page 1 of 3 · 20 entries" in page.embed_text()
    assert "story #1019" in page.embed_text()  # newest first
    buttons = {c["label"]: c for c in page.iter_components()}
    assert buttons["Previous"].get("disabled") is True

    result = await moderator.click(page, "Next")
    page = await result.wait_for_message()
    assert result.kind == "update"
    assert "Page 2 of 3" in page.embed_text()
    assert "story #1011" in page.embed_text()
    assert "story #1012" not in page.embed_text()

    page = await (await moderator.click(page, "Next")).wait_for_message()
    assert "Page 3 of 3" in page.embed_text()
    assert "story #1000" in page.embed_text()
    assert {c["label"]: c for c in page.iter_components()}["Next"].get("disabled") is True

    page = await (await moderator.click(page, "Previous")).wait_for_message()
    assert "Page 2 of 3" in page.embed_text()


async def test_a_demoted_moderator_cannot_turn_the_page(app: App) -> None:
    for i in range(10):
        await record(app, action="hide", story_id=1000 + i)
    moderator = app.standin.user("moderator")
    page = await run(moderator, "storymod audit")
    app.standin.guild.members[moderator.id].role_ids = []

    result = await moderator.click(page, "Next")
    message = await result.wait_for_message()

    assert result.kind == "message"
    assert REFUSED in message.content
    assert "Page 1 of 2" in page.embed_text()


@pytest.mark.parametrize("command", ["storymod audit", "storymod export"])
async def test_non_moderators_are_refused_and_nothing_changes(app: App, command: str) -> None:
    await add_story(app, "alice")
    await record(app, action="hide")
    before = await audit(app)

    message = await run(overridden(app, "alice"), command)

    assert REFUSED in message.content
    assert message.embeds == []
    assert message.attachments == []
    assert await audit(app) == before


# --- /storymod export ----------------------------------------------------------------


async def test_export_sends_csv_and_json_without_anonymous_authors(app: App) -> None:
    alice, bob = app.standin.users["alice"], app.standin.users["bob"]
    signed = await add_story(app, "alice", "Ünïcode ✈️, with a comma")
    hidden_author = await add_story(app, "bob", "Lost my bag", anonymous=True)
    formula = await add_story(app, "alice", '=HYPERLINK("http://evil.test","click")')
    await app.storage.stories.toggle_vote(signed.id, bob.id, app.clock())
    await app.storage.stories.add_report(formula.id, bob.id, "Spam link", app.clock())
    await add_story(app, "bob", "Somewhere else", guild_id=(await second_server(app)).id)
    moderator = app.standin.user("moderator")

    message = await run(moderator, "storymod export")

    assert "3 stories" in message.content
    by_type = {a.filename.rsplit(".", 1)[1]: a for a in message.attachments}
    assert set(by_type) == {"csv", "json"}

    document = json.loads(by_type["json"].data.decode("utf-8"))
    assert document["guild_id"] == str(app.guild_id)
    assert document["story_count"] == 3
    stories = {s["id"]: s for s in document["stories"]}
    assert set(stories) == {signed.id, hidden_author.id, formula.id}
    first = stories[signed.id]
    assert first["author_id"] == str(alice.id)
    assert first["headline"] == "Ünïcode ✈️, with a comma"
    assert first["brand"] == "Air Canada"
    assert first["touchpoints"] == ["buying", "service"]
    assert first["relatable_count"] == 1
    assert first["status"] == "published"
    assert first["created_at"].endswith("Z")
    assert first["published_at"].endswith("Z")
    assert first["edited_at"] is None
    assert stories[hidden_author.id]["author_id"] is None
    assert stories[hidden_author.id]["anonymous"] is True
    assert stories[formula.id]["report_count"] == 1
    assert str(bob.id) not in by_type["json"].data.decode("utf-8")  # bob only wrote anonymously

    text = by_type["csv"].data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [int(r["id"]) for r in rows] == [signed.id, hidden_author.id, formula.id]
    assert rows[0]["headline"] == "Ünïcode ✈️, with a comma"
    assert rows[0]["author_id"] == str(alice.id)
    assert rows[1]["author_id"] == ""
    assert rows[2]["headline"] == '\'=HYPERLINK("http://evil.test","click")'
    assert rows[2]["report_count"] == "1"
    assert rows[0]["touchpoints"] == "buying; service"
    assert str(bob.id) not in text
    assert "Somewhere else" not in text

    [entry] = await audit(app)
    assert entry.action == "export"
    assert entry.moderator_id == moderator.id
    assert entry.details is not None
    assert entry.details["stories"] == 3


async def test_export_of_a_server_without_stories_is_a_clear_error(app: App) -> None:
    message = await run(app.standin.user("moderator"), "storymod export")
    assert "no stories in this server yet" in message.content
    assert message.attachments == []
    assert await audit(app) == []


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
    await app.storage.digests.claim(guild_id, "2026-11-16", app.clock(), timedelta(minutes=5))


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
