"""What a change to a story promises to Discord, written in the change's transaction.

Each helper takes the open transaction's connection (see storage/repositories/stories.py
and the outbox in storage/repositories/deliveries.py).
"""

from __future__ import annotations

import time
from datetime import datetime

import aiosqlite

from bot.domain.stories import StoryStatus
from storage.records import DeliveryKind
from storage.repositories.promises import (
    enqueue_mod_note,
    enqueue_story_delivery,
    enqueue_story_removal,
)
from storage.rows import to_epoch

# A vote's own answer edits the post at once; the outbox's edit follows after this grace.
VOTE_EDIT_GRACE_MS = 3000


async def hide_if_published(connection: aiosqlite.Connection, story_id: int, reason: str) -> bool:
    """Hide a published story, promising its post's removal; False if not published."""
    async with connection.execute(
        "SELECT 1 FROM stories WHERE id = ? AND status = 'published'", (story_id,)
    ) as cursor:
        if await cursor.fetchone() is None:
            return False
    await enqueue_story_removal(connection, story_id, int(time.time()))
    await connection.execute(
        "UPDATE stories SET status = 'hidden', hidden_reason = ? WHERE id = ?",
        (reason, story_id),
    )
    return True


async def promise_after_edit(
    connection: aiosqlite.Connection, story_id: int, now: int, back_to_review: bool
) -> None:
    """After a member's edit of a published story: its post updated (or posted), or, back
    to review, taken down with a note to the moderators."""
    async with connection.execute(
        "SELECT guild_id, status, message_id FROM stories WHERE id = ?", (story_id,)
    ) as cursor:
        row = await cursor.fetchone()
    if row is None or row["status"] != StoryStatus.PUBLISHED.value:
        return
    guild_id = int(row["guild_id"])
    if back_to_review:
        await enqueue_story_removal(connection, story_id, now)
        await connection.execute("UPDATE stories SET status = 'pending' WHERE id = ?", (story_id,))
        await enqueue_mod_note(connection, guild_id, "edit_review", {"story_id": story_id}, now)
        return
    kind = DeliveryKind.STORY_POST if row["message_id"] is None else DeliveryKind.POST_EDIT
    await enqueue_story_delivery(connection, kind, guild_id, story_id, now)


async def promise_vote_count(
    connection: aiosqlite.Connection, story_id: int, now: datetime
) -> tuple[int, int] | None:
    """The post's vote count: the voter's own answer edits the post at once; the outbox
    edits it again after a short grace, in case that answer never reached Discord."""
    async with connection.execute(
        "SELECT guild_id FROM stories WHERE id = ? AND message_id IS NOT NULL", (story_id,)
    ) as cursor:
        row = await cursor.fetchone()
    if row is None:
        return None
    return await enqueue_story_delivery(
        connection,
        DeliveryKind.POST_EDIT,
        int(row[0]),
        story_id,
        to_epoch(now),
        due_at_ms=int(time.time() * 1000) + VOTE_EDIT_GRACE_MS,
    )
