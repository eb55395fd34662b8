"""Stories, audit entries and a second server, set up for the e2e tests of the audit
log, the server export and the data lifecycle.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Awaitable, Callable
from typing import Any

from bot.domain.moderators import AuditEntry
from bot.domain.stories import Story
from bot.domain.submission import parse_submission
from standin import Actor, Message
from standin.state import Guild
from tests.e2e.conftest import App

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


async def eventually(check: Callable[[], Awaitable[bool]], what: str, within: float = 3.0) -> None:
    for _ in range(int(within / 0.02)):
        if await check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"never happened: {what}")


async def second_server(app: App) -> Guild:
    guild = await app.standin.add_guild("Elsewhere")

    async def cached() -> bool:
        return app.bot.get_guild(guild.id) is not None

    await eventually(cached, "second guild cached")
    return guild
