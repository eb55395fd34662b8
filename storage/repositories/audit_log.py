"""The audit log of moderator actions: who did what, to which story or brand, and why.

`insert_audit_entry` takes an open transaction's connection so that an action and its
audit row are committed together (a change is never stored without its record).
"""

from __future__ import annotations

import json
import sqlite3

import aiosqlite

from bot.domain.moderators import AuditEntry
from storage.database import Database
from storage.rows import from_epoch, to_epoch

_COLUMNS = "id, guild_id, moderator_id, action, story_id, brand_id, reason, details, created_at"


async def insert_audit_entry(connection: aiosqlite.Connection, entry: AuditEntry) -> int:
    """Write one row inside the caller's transaction; returns its id."""
    cursor = await connection.execute(
        "INSERT INTO audit_log "
        "(guild_id, moderator_id, action, story_id, brand_id, reason, details, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            entry.guild_id,
            entry.moderator_id,
            entry.action,
            entry.story_id,
            entry.brand_id,
            entry.reason,
            None if entry.details is None else json.dumps(entry.details, sort_keys=True),
            to_epoch(entry.created_at),
        ),
    )
    assert cursor.lastrowid is not None, "an INSERT always has a rowid"
    return cursor.lastrowid


def _entry_from_row(row: sqlite3.Row) -> AuditEntry:
    created_at = from_epoch(row["created_at"])
    assert created_at is not None, "created_at is NOT NULL"
    return AuditEntry(
        id=row["id"],
        guild_id=row["guild_id"],
        moderator_id=row["moderator_id"],
        action=row["action"],
        story_id=row["story_id"],
        brand_id=row["brand_id"],
        reason=row["reason"],
        details=None if row["details"] is None else json.loads(row["details"]),
        created_at=created_at,
    )


class SqliteAuditLogRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def record(self, entry: AuditEntry) -> int:
        """Store an action on its own (when nothing else changes in the same step)."""
        async with self._db.transaction() as connection:
            return await insert_audit_entry(connection, entry)

    async def recent(
        self, guild_id: int, *, limit: int = 25, action: str | None = None
    ) -> list[AuditEntry]:
        """A server's newest entries first, optionally of one kind of action."""
        where = "guild_id = ?"
        params: list[object] = [guild_id]
        if action is not None:
            where += " AND action = ?"
            params.append(action)
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM audit_log WHERE {where} ORDER BY created_at DESC, id DESC "
            "LIMIT ?",
            (*params, limit),
        )
        return [_entry_from_row(r) for r in rows]

    async def search(
        self,
        guild_id: int,
        *,
        moderator_id: int | None = None,
        story_id: int | None = None,
        brand_id: int | None = None,
        action: str | None = None,
        offset: int = 0,
        limit: int = 10,
    ) -> tuple[list[AuditEntry], int]:
        """One page of a server's entries matching every given filter, newest first.

        Returns the page and the number of matching entries, read together so the page
        count shown beside the page agrees with it.
        """
        where = ["guild_id = ?"]
        params: list[object] = [guild_id]
        for column, value in (
            ("moderator_id", moderator_id),
            ("story_id", story_id),
            ("brand_id", brand_id),
            ("action", action),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        condition = " AND ".join(where)
        async with self._db.reading() as connection:
            async with connection.execute(
                f"SELECT count(*) FROM audit_log WHERE {condition}", params
            ) as cursor:
                row = await cursor.fetchone()
            total = int(row[0]) if row is not None else 0
            async with connection.execute(
                f"SELECT {_COLUMNS} FROM audit_log WHERE {condition} "
                "ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
                (*params, limit, max(offset, 0)),
            ) as cursor:
                rows = list(await cursor.fetchall())
        return [_entry_from_row(r) for r in rows], total
