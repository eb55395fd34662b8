"""/leaderboard for everyone, /digest preview and repost for moderators."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.e2e.bypass import overridden
from tests.e2e.conftest import App
from tests.e2e.digest_helpers import (
    WEEK,
    a_week_of_stories,
    add_story,
    cog,
    digests_in,
)


async def test_leaderboard_shows_the_week_so_far_and_past_weeks(app: App) -> None:
    await a_week_of_stories(app)
    await add_story(app, "Bell", 5, when=app.clock() - timedelta(hours=1))
    alice = app.standin.user("alice")
    now = await alice.run_command("leaderboard")
    message = await now.wait_for_message()
    assert now.ephemeral
    assert "The week so far" in message.embed_text()
    assert "1** published story" in message.embed_text()

    past = await alice.run_command("leaderboard", week=WEEK)
    message = await past.wait_for_message()
    assert "week of Nov 16, 2026" in message.embed_text()
    assert "Porter Airlines" in message.embed_text()


async def test_a_shown_leaderboard_is_reused_until_a_story_changes_it(app: App) -> None:
    await a_week_of_stories(app)
    for author in (1, 2):
        await add_story(app, "Bell", 5, when=app.clock() - timedelta(hours=1), author=author)
    alice, bob = app.standin.user("alice"), app.standin.user("bob")
    first = await (await alice.run_command("leaderboard")).wait_for_message()
    again = await (await bob.run_command("leaderboard")).wait_for_message()
    assert again.embed_text() == first.embed_text()
    assert "2** published stories" in again.embed_text()
    assert len(again.attachments) == len(first.attachments) == 1  # each gets the chart

    await add_story(app, "Bell", 4, when=app.clock() - timedelta(minutes=30), author=3)
    after = await (await alice.run_command("leaderboard")).wait_for_message()
    assert "3** published stories" in after.embed_text()  # seen at once


async def test_a_kept_leaderboard_never_outlives_its_week(app: App) -> None:
    await a_week_of_stories(app)
    await add_story(app, "Bell", 5, when=app.clock() - timedelta(hours=1))
    alice = app.standin.user("alice")
    before = await (await alice.run_command("leaderboard")).wait_for_message()
    assert "1** published story" in before.embed_text()
    app.clock.advance(days=7)  # nothing written: only the week turned
    after = await (await alice.run_command("leaderboard")).wait_for_message()
    assert "1** published story" not in after.embed_text()
    assert after.embed_text() != before.embed_text()


@pytest.mark.parametrize(
    ("week", "problem"),
    [
        ("2026-13-01", "like 2026-11-16"),
        ("next week", "like 2026-11-16"),
        ("2026-11-17", "Tuesday"),
        ("2026-12-07", "hasn't started"),
        ("2020-01-06", "first published story came later"),
    ],
)
async def test_leaderboard_bad_weeks_are_explained(app: App, week: str, problem: str) -> None:
    await a_week_of_stories(app)
    result = await app.standin.user("alice").run_command("leaderboard", week=week)
    message = await result.wait_for_message()
    assert result.ephemeral
    assert problem in message.content


async def test_moderators_preview_and_repost(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    await cog(app).post_due_digests()
    moderator = app.standin.user("moderator")
    preview = await moderator.run_command("digest preview")
    message = await preview.wait_for_message()
    assert preview.ephemeral
    assert "The week so far" in message.embed_text()

    repost = await moderator.run_command("digest repost", week=WEEK)
    await repost.wait_for_message()
    assert len(digests_in(app)) == 2
    with sqlite3.connect(app.db_path) as connection:
        assert connection.execute("SELECT action FROM audit_log").fetchall() == [("digest_repost",)]


async def test_members_cannot_preview_or_repost(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    commands = {c["name"]: c for c in app.standin.registered_commands()}
    assert str(commands["digest"]["default_member_permissions"]) == "32"  # Manage Server
    # Even where a server admin lets members see the command, the bot refuses them.
    alice = overridden(app, "alice")
    cases: list[tuple[str, dict[str, Any]]] = [
        ("digest preview", {}),
        ("digest repost", {"week": WEEK}),
    ]
    for command, options in cases:
        result = await alice.run_command(command, options=options)
        message = await result.wait_for_message()
        assert result.ephemeral
        assert "Only moderators" in message.content
    assert digests_in(app) == []


# --- /digest repost -------------------------------------------------------------------


async def test_repost_refuses_a_week_before_the_first_story(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    result = await app.standin.user("moderator").run_command("digest repost", week="2026-11-02")
    message = await result.wait_for_message()
    assert result.ephemeral
    assert "first published story came later" in message.content
    assert digests_in(app) == []
    assert await app.storage.audit_log.recent(app.guild_id) == []


async def test_a_deliberate_repost_does_not_say_it_is_late(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    app.clock.now = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)  # long after the week
    result = await app.standin.user("moderator").run_command("digest repost", week=WEEK)
    await result.wait_for_message()
    (post,) = digests_in(app)
    assert "week of Nov 16, 2026" in post.embed_text()
    assert "late" not in post.embed_text()


async def test_a_repost_is_audited_even_when_the_send_fails_after_discord_stored_it(
    app: App,
) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    app.standin.fail_next("POST", "/channels/{channel_id}/messages", status=503, after_store=True)
    moderator = app.standin.user("moderator")
    result = await moderator.run_command("digest repost", week=WEEK)
    await result.wait_for_message()
    assert len(digests_in(app)) == 1  # public, so it must be on record
    (entry,) = await app.storage.audit_log.recent(app.guild_id)
    assert (entry.action, entry.moderator_id) == ("digest_repost", moderator.id)
    assert entry.details == {"week": WEEK, "channel_id": str(app.channel_id("digest"))}
