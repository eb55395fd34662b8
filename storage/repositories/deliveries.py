"""The outbox: promised posts, edits, removals, notes and notices, until Discord has them.

Rows are written by the same transaction as the change that promises them (the
`enqueue_*` helpers of storage/repositories/promises.py take that transaction's
connection). The delivery
service claims a row (a lease with a fencing token), records each attempt before it
sends, and deletes the row once delivered, in the same transaction that records the
result (a story's post id). Every record checks the claim's token in the same statement:
a process whose claim was taken over records nothing (`LeaseLost`).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Collection

import aiosqlite

from storage.database import Database
from storage.records import Delivery, DeliveryKind, LeaseLost, ParkedDeliveries
from storage.repositories.promises import enqueue_removal, enqueue_story_delivery, release_parked

_COLUMNS = (
    "id, guild_id, kind, story_id, channel_id, message_id, version, due_at, attempts, "
    "attempt_started_at, parked_reason, released, last_error, note, facts, notice_id, "
    "claim_owner, claim_until, claim_token"
)
# Kinds that go to the stories channel: a broken stories channel parks them all.
POST_KINDS = (DeliveryKind.STORY_POST, DeliveryKind.POST_EDIT, DeliveryKind.POST_REMOVAL)
NOTE_KINDS = (DeliveryKind.FAILURE_NOTE, DeliveryKind.MOD_NOTE)


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
        note=row["note"],
        facts=json.loads(row["facts"]) if row["facts"] else {},
        notice_id=row["notice_id"],
        claim_owner=row["claim_owner"],
        claim_until_ms=row["claim_until"],
        claim_token=int(row["claim_token"]),
    )


async def _fenced(
    connection: aiosqlite.Connection, delivery: Delivery, sql: str, params: tuple[object, ...]
) -> int:
    """Run `sql` (ending with `WHERE id = ? AND claim_token = ?`); LeaseLost if taken over.

    A row that is gone (its story deleted meanwhile) is not a lost lease: 0 is returned.
    """
    cursor = await connection.execute(sql, (*params, delivery.id, delivery.claim_token))
    if cursor.rowcount:
        return cursor.rowcount
    async with connection.execute(
        "SELECT claim_token FROM deliveries WHERE id = ?", (delivery.id,)
    ) as check:
        row = await check.fetchone()
    if row is not None and int(row[0]) != delivery.claim_token:
        raise LeaseLost(f"delivery {delivery.id} was claimed by another process")
    return 0


class SqliteDeliveryRepository:
    # A moderators' note's story, read from its JSON facts (PostgreSQL spells it apart:
    # storage/postgres/repositories/deliveries.py).
    fact_story_id_sql = "json_extract(facts, '$.story_id')"

    def __init__(self, database: Database) -> None:
        self._db = database

    async def enqueue_story(
        self, kind: DeliveryKind, guild_id: int, story_id: int, created_at: int
    ) -> int:
        async with self._db.transaction() as connection:
            delivery_id, _ = await enqueue_story_delivery(
                connection, kind, guild_id, story_id, created_at
            )
            return delivery_id

    async def enqueue_removal(
        self, guild_id: int, channel_id: int, message_id: int, created_at: int
    ) -> int:
        async with self._db.transaction() as connection:
            return await enqueue_removal(connection, guild_id, channel_id, message_id, created_at)

    async def pending_for_story(self, kind: DeliveryKind, story_id: int) -> Delivery | None:
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM deliveries WHERE kind = ? AND story_id = ?",
            (kind.value, story_id),
        )
        return None if row is None else _delivery(row)

    async def pending_removal(self, message_id: int) -> Delivery | None:
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM deliveries WHERE kind = 'post_removal' AND message_id = ?",
            (message_id,),
        )
        return None if row is None else _delivery(row)

    async def pending_notes(self, story_id: int) -> list[Delivery]:
        """Notes to the moderators about this story, not delivered yet."""
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM deliveries WHERE kind = 'mod_note' "
            f"AND {self.fact_story_id_sql} = ? ORDER BY id",
            (story_id,),
        )
        return [_delivery(r) for r in rows]

    async def pending_notice(self, notice_id: int) -> Delivery | None:
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM deliveries WHERE kind = 'member_notice' AND notice_id = ?",
            (notice_id,),
        )
        return None if row is None else _delivery(row)

    async def get(self, delivery_id: int) -> Delivery | None:
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM deliveries WHERE id = ?", (delivery_id,)
        )
        return None if row is None else _delivery(row)

    async def waiting(self, limit: int = 1000) -> list[Delivery]:
        """Everything not parked, oldest first (due, in back-off or claimed)."""
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM deliveries WHERE parked_reason IS NULL ORDER BY id LIMIT ?",
            (limit,),
        )
        return [_delivery(r) for r in rows]

    async def drop_if_unchanged(self, delivery_id: int, version: int) -> bool:
        """Forget a promised edit another answer already made (a vote's own reply), unless
        something changed since (a newer version) or a delivery holds it right now."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "DELETE FROM deliveries WHERE id = ? AND version = ? AND kind = 'post_edit' "
                "AND claim_owner IS NULL",
                (delivery_id, version),
            )
            return cursor.rowcount == 1

    async def claim(
        self, delivery: Delivery, owner: str, now_ms: int, lease_ms: int
    ) -> Delivery | None:
        """Claim a due delivery until `now_ms + lease_ms`, unless another live claim holds it.

        Every claim (a renewal too) takes a new fencing token.
        """
        async with (
            self._db.transaction() as connection,
            connection.execute(
                f"UPDATE deliveries SET claim_owner = ?, claim_until = ?, "
                "claim_token = claim_token + 1 WHERE id = ? AND parked_reason IS NULL "
                "AND due_at <= ? AND (claim_until IS NULL OR claim_until <= ? "
                "OR (claim_owner = ? AND claim_token = ?)) "
                f"RETURNING {_COLUMNS}",
                (
                    owner,
                    now_ms + lease_ms,
                    delivery.id,
                    now_ms,
                    now_ms,
                    owner,
                    delivery.claim_token,
                ),
            ) as cursor,
        ):
            row = await cursor.fetchone()
        return None if row is None else _delivery(row)

    async def holds(self, delivery: Delivery, now_ms: int) -> bool:
        """Whether this claim is still the current one and unexpired (checked before a send)."""
        row = await self._db.fetch_one(
            "SELECT 1 FROM deliveries WHERE id = ? AND claim_token = ? AND claim_until > ?",
            (delivery.id, delivery.claim_token, now_ms),
        )
        return row is not None

    async def start_attempt(self, delivery: Delivery, now_ms: int) -> Delivery:
        """Record when the first send began (committed before the send)."""
        if delivery.attempt_started_ms is not None:
            return delivery
        async with self._db.transaction() as connection:
            await _fenced(
                connection,
                delivery,
                "UPDATE deliveries SET attempt_started_at = coalesce(attempt_started_at, ?) "
                "WHERE id = ? AND claim_token = ?",
                (now_ms,),
            )
        current = await self.get(delivery.id)
        return current or delivery

    async def complete(self, delivery: Delivery) -> bool:
        """Delivered: gone, unless a later change was coalesced into it meanwhile."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "DELETE FROM deliveries WHERE id = ? AND version = ? AND claim_token = ?",
                (delivery.id, delivery.version, delivery.claim_token),
            )
            if cursor.rowcount == 1:
                return True
            # The newer state still needs delivering: at once, with fresh attempts.
            await _fenced(
                connection,
                delivery,
                "UPDATE deliveries SET due_at = 0, attempts = 0, claim_owner = NULL, "
                "claim_until = NULL WHERE id = ? AND claim_token = ?",
                (),
            )
            return False

    async def complete_story_post(
        self, delivery: Delivery, channel_id: int, message_id: int
    ) -> None:
        """Record the post's id and drop the promise, in one transaction."""
        async with self._db.transaction() as connection:
            if await _fenced(
                connection,
                delivery,
                "DELETE FROM deliveries WHERE id = ? AND claim_token = ?",
                (),
            ):
                await connection.execute(
                    "UPDATE stories SET channel_id = ?, message_id = ? WHERE id = ?",
                    (channel_id, message_id, delivery.story_id),
                )

    async def complete_notice(self, delivery: Delivery, *, shown: bool) -> None:
        """A DM settled: the promise goes; the notice too when the member got it."""
        async with self._db.transaction() as connection:
            gone = await _fenced(
                connection, delivery, "DELETE FROM deliveries WHERE id = ? AND claim_token = ?", ()
            )
            if gone and shown and delivery.notice_id is not None:
                await connection.execute(
                    "DELETE FROM member_notices WHERE id = ?", (delivery.notice_id,)
                )

    async def retry_later(self, delivery: Delivery, due_at_ms: int, error: str) -> None:
        async with self._db.transaction() as connection:
            await _fenced(
                connection,
                delivery,
                "UPDATE deliveries SET attempts = attempts + 1, due_at = ?, last_error = ?, "
                "claim_owner = NULL, claim_until = NULL WHERE id = ? AND claim_token = ?",
                (due_at_ms, error),
            )

    async def park(
        self, delivery: Delivery, kinds: Collection[DeliveryKind], reason: str, *, note: bool
    ) -> None:
        """Hold these kinds for the delivery's server until the moderators fix `reason`.

        With `note`, a note to the moderators is promised in the same transaction (one
        per server at a time; it reads the reasons when it is delivered).
        """
        guild_id = delivery.guild_id
        marks = ", ".join("?" for _ in kinds)
        values = [k.value for k in kinds]
        async with self._db.transaction() as connection:
            await _fenced(
                connection,
                delivery,
                "UPDATE deliveries SET claim_owner = NULL, claim_until = NULL "
                "WHERE id = ? AND claim_token = ?",
                (),
            )
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
                    "VALUES (?, 'failure_note', ?) "
                    "ON CONFLICT (guild_id) WHERE kind = 'failure_note' DO NOTHING",
                    (guild_id, int(time.time())),
                )

    async def parked(self, guild_id: int) -> list[ParkedDeliveries]:
        """What waits for the moderators in this server, grouped by reason (a code)."""
        rows = await self._db.fetch_all(
            "SELECT parked_reason, count(*) FROM deliveries WHERE guild_id = ? "
            "AND parked_reason IS NOT NULL GROUP BY parked_reason ORDER BY min(id)",
            (guild_id,),
        )
        return [ParkedDeliveries(count=int(r[1]), reason=str(r[0])) for r in rows]

    async def release(self, guild_id: int) -> None:
        async with self._db.transaction() as connection:
            await release_parked(connection, guild_id)
