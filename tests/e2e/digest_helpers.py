"""Shared set-up for the weekly digest's end-to-end tests."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from bot.domain.brands import brand_key
from bot.domain.curation import ModAction
from bot.domain.stories import StoryStatus
from bot.domain.submission import StoryKind, StorySubmission
from bot.domain.touchpoints import Touchpoint
from cogs.digest.cog import Digest
from standin.state import Message
from tests.e2e.conftest import App

# The fake clock starts on Monday 2026-11-23 12:00 UTC; the last full week (Monday 00:00
# UTC by default) is 2026-11-16 .. 2026-11-23.
WEEK = "2026-11-16"
IN_WEEK = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
WEEK_START = datetime(2026, 11, 16, tzinfo=UTC)
WEEK_END = datetime(2026, 11, 23, tzinfo=UTC)
_interaction_ids = iter(range(10_000, 10**9))


async def add_story(
    app: App,
    brand: str,
    rating: int,
    *,
    kind: StoryKind | None = None,
    when: datetime = IN_WEEK,
    guild_id: int | None = None,
    author: int = 1,
    headline: str | None = None,
    status: StoryStatus = StoryStatus.PUBLISHED,
) -> int:
    kind = kind or (StoryKind.GREAT if rating >= 3 else StoryKind.DISASTER)
    submission = StorySubmission.model_validate(
        {
            "kind": kind,
            "brand": brand,
            "headline": headline or f"{brand} story",
            "body": "A story that is long enough to pass the rules of the form.",
            "rating": rating,
            "touchpoints": (Touchpoint.SERVICE,)
            if kind is StoryKind.DISASTER
            else (Touchpoint.USING,),
        }
    )
    created = await app.storage.stories.create(
        guild_id=guild_id or app.guild_id,
        author_id=author,
        submission=submission,
        brand_key=brand_key(brand),
        status=status,
        interaction_id=next(_interaction_ids),
        now=when,
    )
    return created.story.id


async def a_week_of_stories(app: App, guild_id: int | None = None) -> None:
    for rating in (5, 5, 4):
        await add_story(app, "Porter Airlines", rating, guild_id=guild_id)
    for rating in (1, 2, 1):
        await add_story(app, "Rogers", rating, guild_id=guild_id)
    for rating in (3, 4):
        await add_story(app, "Bell", rating, guild_id=guild_id)


async def curate(app: App, story_id: int, action: ModAction, when: datetime) -> None:
    """A moderator's decision, straight through storage (the buttons have their own tests)."""
    story = await app.storage.stories.get(story_id)
    assert story is not None
    await app.storage.moderation.act(
        guild_id=app.guild_id,
        story_id=story_id,
        created_at=story.created_at,
        action=action,
        moderator_id=app.standin.users["moderator"].id,
        reason=None,
        server_name="Test server",
        now=when,
    )


async def posted_at(app: App, story_id: int, message_id: int) -> None:
    """Where the story's channel post is, so the digest can link to it."""
    await app.storage.stories.update(
        story_id, channel_id=app.channel_id("stories"), message_id=message_id
    )


def field(message: Message, name: str) -> str:
    """One embed field's value, by (part of) its name."""
    (embed,) = message.embeds
    values = [f["value"] for f in embed.get("fields", []) if name in f["name"]]
    assert len(values) == 1, f"no single field named {name!r}"
    return str(values[0])


def digest_rows(app: App) -> list[tuple[Any, ...]]:
    with sqlite3.connect(app.db_path) as connection:
        return connection.execute(
            "SELECT guild_id, week_start, status, message_id IS NOT NULL FROM digest_posts"
        ).fetchall()


def cog(app: App) -> Digest:
    # load_extension imports the cog module afresh, so compare by name, not by class.
    found = app.bot.get_cog("Digest")
    assert found is not None
    assert type(found).__name__ == "Digest"
    return found  # type: ignore[return-value]


def restarted(app: App) -> Digest:
    """A new instance of the running cog's class, as a restarted process would have."""
    return type(cog(app))(app.bot)


def digests_in(app: App, channel: str = "digest") -> list[Message]:
    return [m for m in app.standin.messages(channel) if m.embeds]
