"""A member's stories stored through the real services, and replies read back, for the
e2e tests of a member's own stories (and the moderation tests that need a story).
"""

from __future__ import annotations

import dataclasses
import itertools
import sqlite3
from typing import Any

from bot.domain.stories import Story
from bot.domain.submission import parse_submission
from standin import Actor, Message
from standin.state import Guild
from tests.e2e.conftest import App

BODY = "The gate agent noticed our anniversary and upgraded us both without asking."


_interaction_ids = itertools.count(1)


async def start_draft(
    app: App,
    author: str,
    headline: str = "Upgraded for free",
    *,
    brand: str = "Air Canada",
    kind: str = "great",
    rating: int = 5,
    guild: Guild | None = None,
    body: str = BODY,
) -> Story:
    """Setup shortcut: a story saved as the form is sent, its follow-ups not answered yet."""
    submission = parse_submission(
        {
            "kind": kind,
            "brand": brand,
            "headline": headline,
            "body": body,
            "rating": rating,
            "touchpoints": ["service"],
            "product": "Flight",
        }
    )
    submitted = await app.bot.stories.submit(
        guild_id=(guild or app.standin.guild).id,
        author_id=app.standin.users[author].id,
        submission=submission,
        interaction_id=next(_interaction_ids),
    )
    return submitted.story


async def tell(
    app: App,
    author: str,
    headline: str = "Upgraded for free",
    *,
    brand: str = "Air Canada",
    kind: str = "great",
    rating: int = 5,
    guild: Guild | None = None,
    body: str = BODY,
) -> Story:
    """Setup shortcut: store, finish and post a story as the real flow would."""
    draft = await start_draft(
        app, author, headline, brand=brand, kind=kind, rating=rating, guild=guild, body=body
    )
    story, _ = await app.bot.stories.finish(draft.id)
    await app.bot.publisher.publish(story)
    app.clock.advance(minutes=1)  # distinct creation times: "newest first" is meaningful
    stored = await app.storage.stories.get(story.id)
    assert stored is not None
    return stored


def rows(app: App, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(app.db_path) as connection:
        return connection.execute(sql, params).fetchall()


def stolen(message: Message, thief: Actor) -> Message:
    """Discord never shows a member's ephemeral reply to anyone else, but a crafted or
    replayed interaction can still arrive: the bot must refuse it on its own."""
    return dataclasses.replace(message, interaction_user_id=thief.id)


def labels(message: Message) -> list[str]:
    return [str(c.get("label")) for c in message.iter_components()]


async def run(actor: Actor, command: str, **options: Any) -> tuple[Message, bool]:
    result = await actor.run_command(command, **options)
    message = await result.wait_for_message()
    return message, result.ephemeral


async def click(actor: Actor, message: Message, label: str) -> tuple[Message, bool]:
    result = await actor.click(message, label)
    shown = await result.wait_for_message()
    return shown, result.ephemeral or shown.ephemeral
