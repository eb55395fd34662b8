"""The digest's week figures on PostgreSQL: only the new brands' order differs."""

from __future__ import annotations

from datetime import datetime

from storage.repositories.week_summary import _IN_WINDOW, SqliteWeekSummaryRepository
from storage.rows import to_epoch


class PostgresWeekSummaryRepository(SqliteWeekSummaryRepository):
    async def new_brands(self, guild_id: int, start: datetime, end: datetime) -> list[str]:
        """As on SQLite; `lower(name)` on the "C" collation is SQLite's COLLATE NOCASE
        (ASCII letters folded, everything else by code point)."""
        rows = await self._db.fetch_all(
            "SELECT b.name FROM brands b WHERE b.guild_id = ? "
            f"AND EXISTS (SELECT 1 FROM stories s WHERE s.brand_id = b.id AND {_IN_WINDOW}) "
            "AND NOT EXISTS (SELECT 1 FROM stories p WHERE p.brand_id = b.id "
            "AND p.status = 'published' AND p.published_at < ?) "
            "ORDER BY lower(b.name), b.name",
            (guild_id, guild_id, to_epoch(start), to_epoch(end), to_epoch(start)),
        )
        return [str(r[0]) for r in rows]
