"""Writing promises to the outbox inside the transaction of the change that makes them.

Each helper takes the open transaction's connection: the change and its promise commit
together or not at all. The outbox itself (claims, records) is
storage/repositories/deliveries.py.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping

import aiosqlite

from storage.records import DeliveryKind


async def enqueue_story_delivery(
    connection: aiosqlite.Connection,
    kind: DeliveryKind,
    guild_id: int,
    story_id: int,
    created_at: int,
    *,
    due_at_ms: int = 0,
) -> tuple[int, int]:
    """Promise a post or an edit of one story; a pending one absorbs this one.

    Coalescing bumps `version`, so a delivery already rendering an older state keeps
    the row for one more pass (see `complete`). Returns (id, version).
    """
    async with connection.execute(
        "INSERT INTO deliveries (guild_id, kind, story_id, created_at, due_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, story_id) WHERE story_id IS NOT NULL "
        "AND kind IN ('story_post', 'post_edit') "
        "DO UPDATE SET version = deliveries.version + 1 RETURNING id, version",
        (guild_id, kind.value, story_id, created_at, due_at_ms),
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


async def enqueue_removal(
    connection: aiosqlite.Connection,
    guild_id: int,
    channel_id: int,
    message_id: int,
    created_at: int,
) -> int:
    """Promise to take a post down; kept apart from the story, which may be deleted."""
    async with connection.execute(
        "INSERT INTO deliveries (guild_id, kind, channel_id, message_id, created_at) "
        "VALUES (?, 'post_removal', ?, ?, ?) RETURNING id",
        (guild_id, channel_id, message_id, created_at),
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    # A pending edit of a post that is coming down has nothing left to do, and the
    # story no longer has a post: a later re-post (a restore) sends a new one.
    await connection.execute(
        "DELETE FROM deliveries WHERE kind = 'post_edit' AND story_id IN "
        "(SELECT id FROM stories WHERE message_id = ?)",
        (message_id,),
    )
    await connection.execute(
        "UPDATE stories SET channel_id = NULL, message_id = NULL WHERE message_id = ?",
        (message_id,),
    )
    return int(row[0])


async def enqueue_story_removal(
    connection: aiosqlite.Connection, story_id: int, created_at: int
) -> int | None:
    """Promise to take down a story's post, if it has one (before the story changes)."""
    async with connection.execute(
        "SELECT guild_id, channel_id, message_id FROM stories WHERE id = ? "
        "AND channel_id IS NOT NULL AND message_id IS NOT NULL",
        (story_id,),
    ) as cursor:
        row = await cursor.fetchone()
    # A post not sent yet is not sent at all: the promise goes with the visibility.
    await connection.execute(
        "DELETE FROM deliveries WHERE kind IN ('story_post', 'post_edit') AND story_id = ?",
        (story_id,),
    )
    if row is None:
        return None
    return await enqueue_removal(connection, int(row[0]), int(row[1]), int(row[2]), created_at)


async def enqueue_edits_of_voted(
    connection: aiosqlite.Connection, user_id: int, created_at: int
) -> None:
    """Promise an edit of every post whose vote count the member's votes are in."""
    await connection.execute(
        "INSERT INTO deliveries (guild_id, kind, story_id, created_at) "
        "SELECT s.guild_id, 'post_edit', s.id, ? FROM story_votes v "
        "JOIN stories s ON s.id = v.story_id WHERE v.user_id = ? AND s.message_id IS NOT NULL "
        "AND s.author_id != ? "
        "ON CONFLICT (kind, story_id) WHERE story_id IS NOT NULL "
        "AND kind IN ('story_post', 'post_edit') "
        "DO UPDATE SET version = deliveries.version + 1",
        (created_at, user_id, user_id),
    )


async def enqueue_post_edits(
    connection: aiosqlite.Connection, story_ids: Collection[int], created_at: int
) -> None:
    """Promise an edit of each of these stories' posts (a brand renamed, merged...)."""
    for story_id in story_ids:
        await connection.execute(
            "INSERT INTO deliveries (guild_id, kind, story_id, created_at) "
            "SELECT guild_id, 'post_edit', id, ? FROM stories WHERE id = ? "
            "AND status = 'published' AND message_id IS NOT NULL "
            "ON CONFLICT (kind, story_id) WHERE story_id IS NOT NULL "
            "AND kind IN ('story_post', 'post_edit') "
            "DO UPDATE SET version = deliveries.version + 1",
            (created_at, story_id),
        )


async def enqueue_mod_note(
    connection: aiosqlite.Connection,
    guild_id: int,
    note: str,
    facts: Mapping[str, str | int],
    created_at: int,
) -> int:
    """Promise a note to the moderators: what happened and its values, never words."""
    async with connection.execute(
        "INSERT INTO deliveries (guild_id, kind, note, facts, created_at) "
        "VALUES (?, 'mod_note', ?, ?, ?) RETURNING id",
        (guild_id, note, json.dumps(dict(facts), sort_keys=True), created_at),
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return int(row[0])


async def enqueue_member_notice(
    connection: aiosqlite.Connection, guild_id: int, notice_id: int, created_at: int
) -> int:
    """Promise a DM delivering a stored notice."""
    async with connection.execute(
        "INSERT INTO deliveries (guild_id, kind, notice_id, created_at) "
        "VALUES (?, 'member_notice', ?, ?) RETURNING id",
        (guild_id, notice_id, created_at),
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return int(row[0])


async def release_parked(connection: aiosqlite.Connection, guild_id: int) -> None:
    """The moderators changed the setup: everything parked tries again now."""
    await connection.execute(
        "UPDATE deliveries SET parked_reason = NULL, due_at = 0, attempts = 0, released = 1 "
        "WHERE guild_id = ? AND parked_reason IS NOT NULL",
        (guild_id,),
    )
