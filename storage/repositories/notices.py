"""Private notes waiting for a member (a moderator approved, hid or deleted their story).

`insert_notice` takes an open transaction's connection, so a moderator's action, its audit
entry, the author's notice and the promise to DM it are committed together. A notice is
facts (what happened, its values as JSON); the words come when it is shown.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection
from datetime import datetime

import aiosqlite

from bot.domain.curation import Notice
from storage.database import Database
from storage.repositories.promises import enqueue_member_notice
from storage.rows import from_epoch, to_epoch

_COLUMNS = "id, guild_id, user_id, what, facts, created_at"


async def insert_notice(
    connection: aiosqlite.Connection,
    *,
    guild_id: int,
    user_id: int,
    what: str,
    facts: dict[str, str | int],
    now: datetime,
) -> Notice:
    """Store a notice, and promise its DM, inside the caller's transaction."""
    cursor = await connection.execute(
        "INSERT INTO member_notices (guild_id, user_id, what, facts, created_at) "
        "VALUES (?, ?, ?, ?, ?)",
        (guild_id, user_id, what, json.dumps(facts, sort_keys=True), to_epoch(now)),
    )
    assert cursor.lastrowid is not None, "an INSERT always has a rowid"
    await enqueue_member_notice(connection, guild_id, cursor.lastrowid, to_epoch(now))
    return Notice(
        id=cursor.lastrowid,
        guild_id=guild_id,
        user_id=user_id,
        what=what,
        facts=facts,
        created_at=now.replace(microsecond=0),
    )


def _notice_from_row(row: sqlite3.Row) -> Notice:
    created_at = from_epoch(row["created_at"])
    assert created_at is not None, "created_at is NOT NULL"
    return Notice(
        id=row["id"],
        guild_id=row["guild_id"],
        user_id=row["user_id"],
        what=row["what"],
        facts=json.loads(row["facts"]),
        created_at=created_at,
    )


class SqliteNoticeRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def waiting(self, user_id: int, limit: int = 10) -> list[Notice]:
        """The member's oldest undelivered notices first."""
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM member_notices WHERE user_id = ? ORDER BY id LIMIT ?",
            (user_id, limit),
        )
        return [_notice_from_row(r) for r in rows]

    async def delivered(self, notice_ids: Collection[int]) -> int:
        """Forget notices the member has seen; returns how many were still there."""
        if not notice_ids:
            return 0
        marks = ", ".join("?" for _ in notice_ids)
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                f"DELETE FROM member_notices WHERE id IN ({marks})", tuple(notice_ids)
            )
            return cursor.rowcount

    async def get(self, notice_id: int) -> Notice | None:
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM member_notices WHERE id = ?", (notice_id,)
        )
        return None if row is None else _notice_from_row(row)
