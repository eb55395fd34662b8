"""Setup and moderator actions shared by the /storymod queue and /storymod story tests."""

from __future__ import annotations

import sqlite3
from typing import Any

from bot.domain.stories import Story
from standin import Actor
from standin.interactions import wait_until
from standin.state import Message
from tests.e2e.conftest import App
from tests.e2e.my_stories_helpers import tell

REFUSED = "Only moderators can do that"


def rows(app: App, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(app.db_path) as connection:
        return connection.execute(sql, params).fetchall()


def labels(message: Message) -> list[str]:
    return [str(c.get("label")) for c in message.iter_components() if c.get("type") == 2]


def enabled(message: Message) -> list[str]:
    return [
        str(c.get("label"))
        for c in message.iter_components()
        if c.get("type") == 2 and not c.get("disabled")
    ]


def snapshot(app: App) -> list[list[tuple[Any, ...]]]:
    """Everything an action could change."""
    return [
        rows(app, "SELECT * FROM stories ORDER BY id"),
        rows(app, "SELECT * FROM story_reports ORDER BY story_id, reporter_id"),
        rows(app, "SELECT * FROM audit_log"),
        rows(app, "SELECT * FROM member_notices"),
    ]


def audit(app: App) -> list[tuple[Any, ...]]:
    return rows(app, "SELECT action, story_id, moderator_id, reason FROM audit_log ORDER BY id")


async def channels(app: App, **settings: Any) -> None:
    await app.configure(
        stories_channel_id=app.channel_id("stories"),
        mod_channel_id=app.channel_id("mods"),
        **settings,
    )


async def pending(app: App, author: str = "alice", headline: str = "Upgraded for free") -> Story:
    await channels(app, review_mode="review")
    return await tell(app, author, headline)


async def published(app: App, author: str = "alice", headline: str = "Upgraded for free") -> Story:
    await channels(app)
    return await tell(app, author, headline)


async def report(app: App, post: Message, reader: str, reason: str = "Spam and lies") -> None:
    """Report a post and wait for the note in #mods (it follows the reader's thanks)."""
    notes = len(app.standin.messages("mods"))
    actor = app.standin.user(reader)
    opened = await actor.click(post, "Report")
    await (await actor.submit_modal(opened.modal, {"Reason": reason})).wait_for_message()
    await wait_until(
        lambda: len(app.standin.messages("mods")) > notes, 3.0, lambda: "no note in #mods"
    )


async def open_queue(actor: Actor) -> Message:
    result = await actor.run_command("storymod queue")
    message = await result.wait_for_message()
    assert result.ephemeral
    return message


async def open_story(actor: Actor, story_id: int) -> Message:
    result = await actor.run_command("storymod story", id=story_id)
    message = await result.wait_for_message()
    assert result.ephemeral
    return message


async def act(actor: Actor, message: Message, label: str, reason: str | None = None) -> Message:
    """Click an action (filling the reason form if it asks) and return the updated card."""
    result = await actor.click(message, label)
    if reason is not None:
        assert result.kind == "modal"
        result = await actor.submit_modal(result.modal, {"Reason": reason})
    return await result.wait_for_message()


async def refused(result_message: Any) -> str:
    result = await result_message
    message = await result.wait_for_message()
    assert result.kind == "message", "a refusal is a new private reply; the card is untouched"
    assert message.ephemeral
    return str(message.content)


def dms(app: App, name: str) -> list[str]:
    return [m.content for m in app.standin.dms(name)]
