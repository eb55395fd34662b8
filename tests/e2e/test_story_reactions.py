"""Readers' buttons under a story post: Relatable and Report, also after a restart."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

from standin import StandIn
from standin.state import Message
from tests.conftest import FakeClock
from tests.e2e.conftest import App, bot_process
from tests.e2e.story_helpers import tell_quickly


def rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchall()


def button_labels(message: Message) -> list[str]:
    return [str(c.get("label")) for c in message.iter_components() if c.get("type") == 2]


async def published_post(app: App) -> Message:
    await app.configure(
        stories_channel_id=app.channel_id("stories"), mod_channel_id=app.channel_id("mods")
    )
    await tell_quickly(app.standin.user("alice"))
    return app.standin.messages("stories")[-1]


async def test_relatable_toggles_one_vote_per_reader(app: App) -> None:
    post = await published_post(app)
    bob = app.standin.user("bob")

    result = await bob.click(post, "Relatable")
    post = await result.wait_for_message()
    assert button_labels(post)[0] == "Relatable (1)"
    assert rows(app.db_path, "SELECT user_id FROM story_votes") == [(bob.id,)]

    result = await bob.click(post, "Relatable (1)")
    post = await result.wait_for_message()
    assert button_labels(post)[0] == "Relatable"
    assert rows(app.db_path, "SELECT user_id FROM story_votes") == []


async def test_authors_cannot_find_their_own_story_relatable(app: App) -> None:
    post = await published_post(app)
    result = await app.standin.user("alice").click(post, "Relatable")
    reply = await result.wait_for_message()
    assert result.ephemeral
    assert "your own story" in reply.content
    assert rows(app.db_path, "SELECT count(*) FROM story_votes") == [(0,)]


async def test_a_report_reaches_the_moderators_once_per_reader(app: App) -> None:
    post = await published_post(app)
    bob = app.standin.user("bob")
    opened = await bob.click(post, "Report")
    assert opened.kind == "modal"
    thanks = await bob.submit_modal(opened.modal, {"Reason": "It names a private person @everyone"})
    reply = await thanks.wait_for_message()
    assert thanks.ephemeral
    assert "Thank you" in reply.content
    # The moderators are told right after the reporter is thanked.
    note = (await app.standin.wait_for_message("mods"))[-1]
    assert "was reported" in note.content
    assert not note.can_ping()
    assert rows(app.db_path, "SELECT reporter_id, reason FROM story_reports") == [
        (bob.id, "It names a private person @everyone")
    ]

    again = await bob.click(post, "Report")
    reply = await again.wait_for_message()
    assert again.ephemeral
    assert "already reported" in reply.content


async def test_a_blank_reason_is_refused(app: App) -> None:
    post = await published_post(app)
    bob = app.standin.user("bob")
    opened = await bob.click(post, "Report")
    result = await bob.submit_modal(opened.modal, {"Reason": "\u200b\u200b\u200b\u200b\u200b x"})
    reply = await result.wait_for_message()
    assert result.ephemeral
    assert "at least 5" in reply.content
    assert rows(app.db_path, "SELECT count(*) FROM story_reports") == [(0,)]


async def test_enough_reports_hide_the_story_until_a_moderator_decides(app: App) -> None:
    post = await published_post(app)
    await app.configure(report_threshold=2)
    for name in ("bob", "moderator"):
        reader = app.standin.user(name)
        opened = await reader.click(post, "Report")
        await (
            await reader.submit_modal(opened.modal, {"Reason": "Spam and lies"})
        ).wait_for_message()
    assert rows(app.db_path, "SELECT status, hidden_reason FROM stories") == [
        ("hidden", "reported by readers")
    ]
    notes = await app.standin.wait_for_message("mods", count=2)
    assert "hidden until you decide" in notes[-1].content
    assert app.standin.world.find_message(post.id) is None  # the post was taken down


async def test_buttons_keep_working_after_a_restart(
    standin: StandIn, tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "bot.db"
    async with bot_process(standin, path, clock) as (_, storage):
        settings = await storage.guild_settings.get(standin.guild.id)
        await storage.guild_settings.save(
            settings.model_copy(update={"stories_channel_id": standin.channels["stories"].id}),
            clock(),
        )
        await tell_quickly(standin.user("alice"))

    async with bot_process(standin, path, clock):
        post = standin.messages("stories")[-1]
        result = await standin.user("bob").click(post, "Relatable")
        post = await result.wait_for_message()
        assert button_labels(post)[0] == "Relatable (1)"


async def test_reports_sent_at_once_hide_and_notify_once(app: App) -> None:
    post = await published_post(app)
    await app.configure(report_threshold=2)
    bob, moderator = app.standin.user("bob"), app.standin.user("moderator")
    forms = [await reader.click(post, "Report") for reader in (bob, moderator)]
    # Both readers send their report at the same moment, and bob's arrives twice.
    sent = [
        await bob.submit_modal(forms[0].modal, {"Reason": "Spam and lies"}, wait=False),
        await moderator.submit_modal(forms[1].modal, {"Reason": "Spam and lies"}, wait=False),
    ]
    await app.standin.send_interaction(sent[0].record)
    await asyncio.sleep(0.5)
    app.standin.take_violations()  # the duplicate's second answer is refused by Discord
    notes = [m.content for m in app.standin.messages("mods")]
    assert len([n for n in notes if "was reported" in n]) == 2
    assert len([n for n in notes if "hidden until you decide" in n]) == 1
    assert rows(app.db_path, "SELECT count(*) FROM story_reports") == [(2,)]
    assert rows(app.db_path, "SELECT status FROM stories") == [("hidden",)]
