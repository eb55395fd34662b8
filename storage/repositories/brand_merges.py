"""Moderators' brand merges and their undoing; all audited.

Every change runs in one write transaction with its audit entry, and re-checks what it
relies on inside that transaction (the brands exist, a name is free), so two moderators
racing each other, or a member's story arriving meanwhile, cannot leave half a merge.

Merge semantics (undone by `unmerge`):
- every story of the merged brand A moves to the survivor B, and the moved story ids
  are recorded; A's name and A's aliases become aliases of B;
- A's row stays as a tombstone (see migration 0002), so its id keeps pointing at B.
Unmerge restores A under its own id, name and industry, gives back A's former aliases
(those B still has) and moves back the recorded stories that are still on B. Stories
filed under B after the merge stay on B, even if their author typed A's name then (it
was B's alias at the time, and the typed text is not kept). An unmerge is refused if B
has itself been merged away since (undo that first), or if A's name now belongs to
another brand.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

import aiosqlite

from bot.domain.brand_refusals import BrandChangeRefused, BrandRefusal
from bot.domain.moderators import AuditEntry
from storage.database import Database
from storage.records import BrandMerge, MergeResult, UnmergeResult
from storage.repositories._brand_rows import (
    fetch_ids,
    live_brand,
    live_brand_row,
    owner_name,
)
from storage.repositories.audit_log import insert_audit_entry
from storage.repositories.brands import MERGED_KEY_PREFIX, find_brand_id
from storage.repositories.promises import enqueue_post_edits
from storage.rows import brand_from_row, from_epoch, to_epoch


class SqliteBrandMergeRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def merge(
        self,
        *,
        guild_id: int,
        from_brand_id: int,
        into_brand_id: int,
        moderator_id: int,
        reason: str | None,
        now: datetime,
    ) -> MergeResult:
        """Move every story and name of one brand onto another, recorded and audited."""
        if from_brand_id == into_brand_id:
            raise BrandChangeRefused(BrandRefusal.MERGE_INTO_ITSELF)
        stamp = to_epoch(now)
        async with self._db.transaction() as connection:
            merged = await live_brand(connection, guild_id, from_brand_id)
            into = await live_brand(connection, guild_id, into_brand_id)
            story_ids = await fetch_ids(
                connection, "SELECT id FROM stories WHERE brand_id = ? ORDER BY id", (merged.id,)
            )
            async with connection.execute(
                "SELECT alias_key, alias FROM brand_aliases WHERE brand_id = ? ORDER BY alias",
                (merged.id,),
            ) as cursor:
                aliases = [(str(r[0]), str(r[1])) for r in await cursor.fetchall()]
            cursor = await connection.execute(
                "INSERT INTO brand_merges (guild_id, from_brand_id, into_brand_id, from_name, "
                "from_key, moderator_id, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    guild_id,
                    merged.id,
                    into.id,
                    merged.name,
                    merged.key,
                    moderator_id,
                    reason,
                    stamp,
                ),
            )
            merge_id = int(cursor.lastrowid or 0)
            await connection.executemany(
                "INSERT INTO brand_merge_stories (merge_id, story_id) VALUES (?, ?)",
                [(merge_id, story_id) for story_id in story_ids],
            )
            await connection.executemany(
                "INSERT INTO brand_merge_aliases (merge_id, alias_key, alias) VALUES (?, ?, ?)",
                [(merge_id, key, alias) for key, alias in aliases],
            )
            await connection.execute(
                "UPDATE stories SET brand_id = ? WHERE brand_id = ?", (into.id, merged.id)
            )
            await connection.execute(
                "UPDATE brand_aliases SET brand_id = ? WHERE brand_id = ?", (into.id, merged.id)
            )
            await connection.execute(
                "UPDATE brands SET merged_into = ?, name_key = ? WHERE id = ?",
                (into.id, f"{MERGED_KEY_PREFIX}{merged.id}", merged.id),
            )
            await connection.execute(
                "INSERT INTO brand_aliases (guild_id, alias_key, alias, brand_id, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (guild_id, merged.key, merged.name, into.id, stamp),
            )
            await insert_audit_entry(
                connection,
                AuditEntry(
                    guild_id=guild_id,
                    moderator_id=moderator_id,
                    action="brand_merge",
                    brand_id=into.id,
                    reason=reason,
                    details={
                        "merge_id": merge_id,
                        "from_brand_id": merged.id,
                        "from_name": merged.name,
                        "into_brand_id": into.id,
                        "into_name": into.name,
                        "story_count": len(story_ids),
                        "aliases": [alias for _, alias in aliases],
                    },
                    created_at=now,
                ),
            )
            # The moved stories' posts show the surviving brand: promised with the merge.
            await enqueue_post_edits(connection, story_ids, to_epoch(now))
        return MergeResult(
            merge_id, merged, into, tuple(story_ids), tuple(alias for _, alias in aliases)
        )

    async def unmerge(
        self, *, guild_id: int, merge_id: int, moderator_id: int, reason: str | None, now: datetime
    ) -> UnmergeResult:
        """Undo a merge (see the module's docstring for exactly what comes back)."""
        async with self._db.transaction() as connection:
            async with connection.execute(
                "SELECT * FROM brand_merges WHERE id = ? AND guild_id = ?", (merge_id, guild_id)
            ) as cursor:
                merge = await cursor.fetchone()
            if merge is None:
                raise BrandChangeRefused(BrandRefusal.NO_SUCH_MERGE, merge=merge_id)
            if merge["undone_at"] is not None:
                raise BrandChangeRefused(BrandRefusal.MERGE_UNDONE, merge=merge_id)
            into_row = await live_brand_row(connection, merge["into_brand_id"])
            if into_row is None:
                successor = await self._later_merge(connection, merge["into_brand_id"])
                if successor is not None:
                    raise BrandChangeRefused(
                        BrandRefusal.UNDO_AFTER_LATER_MERGE, merge=merge_id, successor=successor
                    )
                raise BrandChangeRefused(BrandRefusal.UNDO_TARGET_REMOVED, merge=merge_id)
            into = brand_from_row(into_row)
            from_key, from_name = str(merge["from_key"]), str(merge["from_name"])
            if into.key == from_key:
                raise BrandChangeRefused(
                    BrandRefusal.UNDO_NAME_ON_TARGET, brand=into.name, name=from_name
                )
            owner = await find_brand_id(connection, guild_id, from_key)
            if owner is not None and owner != into.id:
                taken_by = await owner_name(connection, owner)
                raise BrandChangeRefused(
                    BrandRefusal.UNDO_NAME_TAKEN, name=from_name, owner=taken_by
                )
            restored_id = int(merge["from_brand_id"])
            await connection.execute(
                "UPDATE brands SET merged_into = NULL, name_key = ? WHERE id = ?",
                (from_key, restored_id),
            )
            await connection.execute(
                "DELETE FROM brand_aliases WHERE guild_id = ? AND alias_key = ? AND brand_id = ?",
                (guild_id, from_key, into.id),
            )
            async with connection.execute(
                "UPDATE brand_aliases SET brand_id = ? WHERE brand_id = ? AND guild_id = ? "
                "AND alias_key IN (SELECT alias_key FROM brand_merge_aliases WHERE merge_id = ?) "
                "RETURNING alias",
                (restored_id, into.id, guild_id, merge_id),
            ) as cursor:
                aliases = sorted(str(r[0]) for r in await cursor.fetchall())
            recorded = await fetch_ids(
                connection,
                "SELECT story_id FROM brand_merge_stories WHERE merge_id = ?",
                (merge_id,),
            )
            moved = await fetch_ids(
                connection,
                "UPDATE stories SET brand_id = ? WHERE brand_id = ? AND id IN "
                "(SELECT story_id FROM brand_merge_stories WHERE merge_id = ?) RETURNING id",
                (restored_id, into.id, merge_id),
            )
            await connection.execute(
                "UPDATE brand_merges SET undone_at = ?, undone_by = ? WHERE id = ?",
                (to_epoch(now), moderator_id, merge_id),
            )
            await insert_audit_entry(
                connection,
                AuditEntry(
                    guild_id=guild_id,
                    moderator_id=moderator_id,
                    action="brand_unmerge",
                    brand_id=restored_id,
                    reason=reason,
                    details={
                        "merge_id": merge_id,
                        "restored_name": from_name,
                        "into_brand_id": into.id,
                        "into_name": into.name,
                        "story_count": len(moved),
                        "kept_on_into": len(recorded) - len(moved),
                        "aliases": aliases,
                    },
                    created_at=now,
                ),
            )
            restored_row = await live_brand_row(connection, restored_id)
            await enqueue_post_edits(connection, moved, to_epoch(now))
        assert restored_row is not None, "restored in this transaction"
        return UnmergeResult(
            merge_id,
            brand_from_row(restored_row),
            into,
            tuple(sorted(moved)),
            len(recorded) - len(moved),
            tuple(aliases),
        )

    @staticmethod
    async def _later_merge(connection: aiosqlite.Connection, brand_id: int) -> int | None:
        async with connection.execute(
            "SELECT id FROM brand_merges WHERE from_brand_id = ? AND undone_at IS NULL "
            "ORDER BY id DESC LIMIT 1",
            (brand_id,),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else int(row[0])

    async def merges(
        self, guild_id: int, *, active_only: bool = True, limit: int = 25
    ) -> list[BrandMerge]:
        """A server's merges, newest first (those not undone, unless asked otherwise)."""
        where = "m.guild_id = ?" + (" AND m.undone_at IS NULL" if active_only else "")
        rows = await self._db.fetch_all(
            "SELECT m.*, b.name AS into_name, (SELECT count(*) FROM brand_merge_stories s "
            "WHERE s.merge_id = m.id) AS story_count FROM brand_merges m "
            f"LEFT JOIN brands b ON b.id = m.into_brand_id WHERE {where} "
            "ORDER BY m.id DESC LIMIT ?",
            (guild_id, limit),
        )
        return [_merge_from_row(r) for r in rows]

    async def get_merge(self, guild_id: int, merge_id: int) -> BrandMerge | None:
        row = await self._db.fetch_one(
            "SELECT m.*, b.name AS into_name, (SELECT count(*) FROM brand_merge_stories s "
            "WHERE s.merge_id = m.id) AS story_count FROM brand_merges m "
            "LEFT JOIN brands b ON b.id = m.into_brand_id WHERE m.guild_id = ? AND m.id = ?",
            (guild_id, merge_id),
        )
        return None if row is None else _merge_from_row(row)

    async def merge_of_name(self, guild_id: int, key: str) -> BrandMerge | None:
        """The newest standing merge that took away the brand with this name key."""
        row = await self._db.fetch_one(
            "SELECT id FROM brand_merges WHERE guild_id = ? AND from_key = ? "
            "AND undone_at IS NULL ORDER BY id DESC LIMIT 1",
            (guild_id, key),
        )
        return None if row is None else await self.get_merge(guild_id, int(row[0]))


def _merge_from_row(row: sqlite3.Row) -> BrandMerge:
    created_at = from_epoch(row["created_at"])
    assert created_at is not None, "created_at is NOT NULL"
    return BrandMerge(
        id=row["id"],
        guild_id=row["guild_id"],
        from_brand_id=row["from_brand_id"],
        into_brand_id=row["into_brand_id"],
        from_name=row["from_name"],
        into_name=row["into_name"],
        story_count=row["story_count"],
        moderator_id=row["moderator_id"],
        reason=row["reason"],
        created_at=created_at,
        undone_at=from_epoch(row["undone_at"]),
    )
