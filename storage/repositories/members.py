"""Everything stored about one member, to export it or erase it."""

from __future__ import annotations

import json
import time
from typing import Any

from bot.domain.stories import Story
from storage.database import Database
from storage.repositories.brands import drop_brand_if_unused
from storage.repositories.promises import enqueue_edits_of_voted, enqueue_story_removal
from storage.rows import STORY_COLUMNS, STORY_FROM, story_from_row


class SqliteMemberDataRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def export(self, user_id: int) -> dict[str, Any]:
        """The member's stories (every server), votes and reports, as plain JSON data."""
        stories = await self._db.fetch_all(
            f"SELECT {STORY_COLUMNS} FROM {STORY_FROM} WHERE s.author_id = ? ORDER BY s.id",
            (user_id,),
        )
        votes = await self._db.fetch_all(
            "SELECT v.story_id, s.guild_id, v.created_at FROM story_votes v "
            "JOIN stories s ON s.id = v.story_id WHERE v.user_id = ? ORDER BY v.created_at",
            (user_id,),
        )
        reports = await self._db.fetch_all(
            "SELECT r.story_id, s.guild_id, r.reason, r.created_at FROM story_reports r "
            "JOIN stories s ON s.id = r.story_id WHERE r.reporter_id = ? ORDER BY r.created_at",
            (user_id,),
        )
        return {
            "user_id": str(user_id),
            "stories": [story_from_row(r).model_dump(mode="json") for r in stories],
            "relatable_votes": [dict(r) for r in votes],
            "reports": [dict(r) for r in reports],
        }

    async def stories(self, user_id: int) -> list[Story]:
        """The member's stories in every server, oldest first (forget-me removes their posts)."""
        rows = await self._db.fetch_all(
            f"SELECT {STORY_COLUMNS} FROM {STORY_FROM} WHERE s.author_id = ? ORDER BY s.id",
            (user_id,),
        )
        return [story_from_row(r) for r in rows]

    async def summary(self, user_id: int) -> dict[str, int]:
        """How much forget() would delete, with the same keys, to tell the member first."""
        row = await self._db.fetch_one(
            "SELECT (SELECT count(*) FROM story_votes WHERE user_id = :u), "
            "(SELECT count(*) FROM story_reports WHERE reporter_id = :u), "
            "(SELECT count(*) FROM member_notices WHERE user_id = :u), "
            "(SELECT count(*) FROM stories WHERE author_id = :u)",
            {"u": user_id},
        )
        values = tuple(row) if row is not None else (0, 0, 0, 0)
        return dict(zip(("votes", "reports", "notices", "stories"), values, strict=True))

    async def notices(self, user_id: int) -> list[dict[str, Any]]:
        """Private notes waiting for the member; export() leaves them out, the export needs them."""
        rows = await self._db.fetch_all(
            "SELECT id, guild_id, what, facts, created_at FROM member_notices WHERE user_id = ? "
            "ORDER BY id",
            (user_id,),
        )
        return [{**dict(r), "facts": json.loads(r["facts"])} for r in rows]

    async def forget(self, user_id: int) -> dict[str, int]:
        """Erase the member's stories, votes and reports everywhere, leaving no trace.

        Taking their posts down, and the new vote counts of the posts they voted for,
        are promised to the outbox in the same transaction.

        `secure_delete` overwrites the freed pages; the checkpoint then rewrites the
        database file and truncates the write-ahead log, which still held old pages.
        """
        async with self._db.transaction() as connection:
            async with connection.execute(
                "SELECT DISTINCT brand_id FROM stories WHERE author_id = ?", (user_id,)
            ) as cursor:
                brand_ids = [int(r[0]) for r in await cursor.fetchall()]
            now = int(time.time())
            async with connection.execute(
                "SELECT id FROM stories WHERE author_id = ? AND message_id IS NOT NULL",
                (user_id,),
            ) as cursor:
                posted = [int(r[0]) for r in await cursor.fetchall()]
            for story_id in posted:
                await enqueue_story_removal(connection, story_id, now)
            await enqueue_edits_of_voted(connection, user_id, now)
            counts = {}
            for name, sql in (
                ("votes", "DELETE FROM story_votes WHERE user_id = ?"),
                ("reports", "DELETE FROM story_reports WHERE reporter_id = ?"),
                ("notices", "DELETE FROM member_notices WHERE user_id = ?"),
                ("stories", "DELETE FROM stories WHERE author_id = ?"),
            ):
                cursor = await connection.execute(sql, (user_id,))
                counts[name] = cursor.rowcount
            await connection.execute("DELETE FROM posting_log WHERE author_id = ?", (user_id,))
            for brand_id in brand_ids:
                await drop_brand_if_unused(connection, brand_id)
        await self._db.checkpoint()
        return counts
