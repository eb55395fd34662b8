"""The outbox: promised posts, edits, removals and notes, until Discord has them.

Rows are written by the same transaction as the change that promises them (the
module-level `enqueue_*` helpers take that transaction's connection). The delivery
service reads what is waiting, records each attempt before it sends, and deletes a row
once delivered, in the same transaction that records the result (a story's post id).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection

import aiosqlite

from storage.database import Database
from storage.records import Delivery, DeliveryKind, ParkedDeliveries

_COLUMNS = (
    "id, guild_id, kind, story_id, channel_id, message_id, version, due_at, attempts, "
    "attempt_started_at, parked_reason, released, last_error"
)
# Kinds that go to the stories channel: a broken stories channel parks them all.
POST_KINDS = (DeliveryKind.STORY_POST, DeliveryKind.POST_EDIT, DeliveryKind.POST_REMOVAL)


def _delivery(row: sqlite3.Row) -> Delivery:
    return Delivery(
        id=int(row["id"]),
        guild_id=int(row["guild_id"]),
        kind=DeliveryKind(row["kind"]),
        story_id=row["story_id"],
        channel_id=row["channel_id"],
        message_id=row["message_id"],
        version=int(row["version"]),
        due_at_ms=int(row["due_at"]),
        attempts=int(row["attempts"]),
        attempt_started_ms=row["attempt_started_at"],
        parked_reason=row["parked_reason"],
        released=bool(row["released"]),
        last_error=row["last_error"],
    )


async def enqueue_story_delivery(
    connection: aiosqlite.Connection,
    kind: DeliveryKind,
    guild_id: int,
    story_id: int,
    created_at: int,
) -> int:
    """Promise a post or an edit of one story; a pending one absorbs this one.

    Coalescing bumps `version`, so a delivery already rendering an older state keeps
    the row for one more pass (see `complete`).
    """
    async with connection.execute(
        "INSERT INTO deliveries (guild_id, kind, story_id, created_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (kind, story_id) WHERE story_id IS NOT NULL "
        "DO UPDATE SET version = deliveries.version + 1 RETURNING id",
        (guild_id, kind.value, story_id, created_at),
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    return int(row[0])


async def enqueue_removal(
    connection: aiosqlite.Connection,
    guild_id: int,
    channel_id: int,
    message_id: int,
    created_at: int,
) -> None:
    """Promise to take a post down; kept apart from the story, which may be deleted."""
    await connection.execute(
        "INSERT INTO deliveries (guild_id, kind, channel_id, message_id, created_at) "
        "VALUES (?, 'post_removal', ?, ?, ?)",
        (guild_id, channel_id, message_id, created_at),
    )
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


async def release_parked(connection: aiosqlite.Connection, guild_id: int) -> None:
    """The moderators changed the setup: everything parked tries again now."""
    await connection.execute(
        "UPDATE deliveries SET parked_reason = NULL, due_at = 0, attempts = 0, released = 1 "
        "WHERE guild_id = ? AND parked_reason IS NOT NULL",
        (guild_id,),
    )


class SqliteDeliveryRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def enqueue_story(
        self, kind: DeliveryKind, guild_id: int, story_id: int, created_at: int
    ) -> int:
        async with self._db.transaction() as connection:
            return await enqueue_story_delivery(connection, kind, guild_id, story_id, created_at)

    async def enqueue_removal(
        self, guild_id: int, channel_id: int, message_id: int, created_at: int
    ) -> int:
        async with self._db.transaction() as connection:
            await enqueue_removal(connection, guild_id, channel_id, message_id, created_at)
            async with connection.execute("SELECT last_insert_rowid()") as cursor:
                row = await cursor.fetchone()
        assert row is not None
        return int(row[0])

    async def pending_for_story(self, kind: DeliveryKind, story_id: int) -> Delivery | None:
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM deliveries WHERE kind = ? AND story_id = ?",
            (kind.value, story_id),
        )
        return None if row is None else _delivery(row)

    async def get(self, delivery_id: int) -> Delivery | None:
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM deliveries WHERE id = ?", (delivery_id,)
        )
        return None if row is None else _delivery(row)

    async def waiting(self, limit: int = 1000) -> list[Delivery]:
        """Everything not parked, oldest first (due or in back-off)."""
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM deliveries WHERE parked_reason IS NULL ORDER BY id LIMIT ?",
            (limit,),
        )
        return [_delivery(r) for r in rows]

    async def start_attempt(self, delivery: Delivery, now_ms: int) -> Delivery:
        """Record when the first send began (committed before the send)."""
        if delivery.attempt_started_ms is not None:
            return delivery
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE deliveries SET attempt_started_at = ? WHERE id = ? "
                "AND attempt_started_at IS NULL",
                (now_ms, delivery.id),
            )
        current = await self.get(delivery.id)
        return current or delivery

    async def complete(self, delivery: Delivery) -> bool:
        """Delivered: gone, unless a later change was coalesced into it meanwhile."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "DELETE FROM deliveries WHERE id = ? AND version = ?",
                (delivery.id, delivery.version),
            )
            if cursor.rowcount == 0:
                # The newer state still needs delivering: at once, with fresh attempts.
                await connection.execute(
                    "UPDATE deliveries SET due_at = 0, attempts = 0 WHERE id = ?", (delivery.id,)
                )
            return cursor.rowcount == 1

    async def complete_story_post(
        self, delivery: Delivery, channel_id: int, message_id: int
    ) -> None:
        """Record the post's id and drop the promise, in one transaction."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE stories SET channel_id = ?, message_id = ? WHERE id = ?",
                (channel_id, message_id, delivery.story_id),
            )
            await connection.execute("DELETE FROM deliveries WHERE id = ?", (delivery.id,))

    async def retry_later(self, delivery: Delivery, due_at_ms: int, error: str) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE deliveries SET attempts = attempts + 1, due_at = ?, last_error = ? "
                "WHERE id = ?",
                (due_at_ms, error, delivery.id),
            )

    async def park(
        self, guild_id: int, kinds: Collection[DeliveryKind], reason: str, *, note: bool
    ) -> None:
        """Hold these kinds for the server until the moderators fix `reason`.

        With `note`, a note to the moderators is promised in the same transaction (one
        per server at a time; it reads the reason when it is delivered).
        """
        marks = ", ".join("?" for _ in kinds)
        values = [k.value for k in kinds]
        async with self._db.transaction() as connection:
            async with connection.execute(
                f"SELECT 1 FROM deliveries WHERE guild_id = ? AND kind IN ({marks}) "
                "AND parked_reason IS NOT NULL LIMIT 1",
                (guild_id, *values),
            ) as cursor:
                already_parked = await cursor.fetchone() is not None
            await connection.execute(
                f"UPDATE deliveries SET parked_reason = ? WHERE guild_id = ? AND kind IN ({marks})",
                (reason, guild_id, *values),
            )
            if note and not already_parked:  # one note per breakdown, not one per story
                await connection.execute(
                    "INSERT INTO deliveries (guild_id, kind, created_at) "
                    "VALUES (?, 'failure_note', strftime('%s')) "
                    "ON CONFLICT (guild_id) WHERE kind = 'failure_note' DO NOTHING",
                    (guild_id,),
                )

    async def parked(self, guild_id: int) -> list[ParkedDeliveries]:
        """What waits for the moderators in this server, grouped by reason."""
        rows = await self._db.fetch_all(
            "SELECT parked_reason, count(*) FROM deliveries WHERE guild_id = ? "
            "AND parked_reason IS NOT NULL GROUP BY parked_reason ORDER BY min(id)",
            (guild_id,),
        )
        return [ParkedDeliveries(count=int(r[1]), reason=str(r[0])) for r in rows]

    async def release(self, guild_id: int) -> None:
        async with self._db.transaction() as connection:
            await release_parked(connection, guild_id)
