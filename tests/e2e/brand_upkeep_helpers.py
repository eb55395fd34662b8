"""Brands and stories set up, commands run and posts read, for the /storymod brand tests."""

from __future__ import annotations

import itertools
import sqlite3
from typing import Any

from bot.domain.moderators import AuditEntry
from bot.domain.stories import Story, StoryStatus
from bot.domain.submission import StorySubmission
from standin import Actor, Message
from standin.interactions import wait_until
from tests.e2e.conftest import App

REFUSED = "Only moderators can do that"


_interaction_ids = itertools.count(700_000)


async def tell(
    app: App, brand: str, author: str = "alice", headline: str = "Great flight"
) -> Story:
    """A published story, posted to the stories channel like the bot does."""
    submission = StorySubmission.model_validate(
        {
            "kind": "great",
            "brand": brand,
            "headline": headline,
            "body": "Long enough to be a real story about what happened that day.",
            "rating": 5,
            "touchpoints": ["service"],
        }
    )
    submitted = await app.bot.stories.submit(
        guild_id=app.guild_id,
        author_id=app.standin.users[author].id,
        submission=submission,
        interaction_id=next(_interaction_ids),
    )
    story, _ = await app.bot.stories.finish(submitted.story.id)
    if story.status is StoryStatus.PUBLISHED:
        await app.bot.publisher.publish(story)
    app.clock.advance(minutes=1)
    reread = await app.storage.stories.get(story.id)
    assert reread is not None
    return reread


async def setup_channels(app: App) -> None:
    await app.configure(
        stories_channel_id=app.channel_id("stories"),
        mod_channel_id=app.channel_id("mods"),
        cooldown_seconds=0,
        daily_cap=100,
    )


def db_rows(app: App, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(app.db_path) as connection:
        return connection.execute(sql, params).fetchall()


def snapshot(app: App) -> list[list[tuple[Any, ...]]]:
    """Everything brand upkeep could change: a refused command must leave it all alone."""
    return [
        db_rows(app, "SELECT id, name, name_key, industry, merged_into FROM brands ORDER BY id"),
        db_rows(app, "SELECT alias_key, alias, brand_id FROM brand_aliases ORDER BY alias_key"),
        db_rows(app, "SELECT id, brand_id FROM stories ORDER BY id"),
        db_rows(app, "SELECT id, undone_at FROM brand_merges ORDER BY id"),
        db_rows(app, "SELECT count(*) FROM audit_log"),
    ]


async def audit(app: App) -> list[AuditEntry]:
    return list(reversed(await app.storage.audit_log.recent(app.guild_id, limit=100)))


async def brand_of(app: App, story: Story) -> str:
    reread = await app.storage.stories.get(story.id)
    assert reread is not None
    return reread.brand_name


async def run(actor: Actor, command: str, **options: Any) -> Message:
    result = await actor.run_command(f"storymod brand {command}", **options)
    reply = await result.wait_for_message()
    assert result.ephemeral, f"{command} must answer privately"
    assert not reply.can_ping()
    return reply


def moderator(app: App) -> Actor:
    return app.standin.user("moderator")


async def post_of(app: App, story: Story) -> Message:
    reread = await app.storage.stories.get(story.id)
    assert reread is not None
    assert reread.message_id is not None
    found = app.standin.world.find_message(reread.message_id)
    assert found is not None
    return found


async def wait_for_post_brand(app: App, story: Story, brand: str) -> None:
    message = await post_of(app, story)
    await wait_until(
        lambda: brand in message.embed_text(), 3.0, lambda: f"post still shows {message.embeds}"
    )
