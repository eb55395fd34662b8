"""What else happened in a week, for the digest: beyond the two leaderboards."""

from __future__ import annotations

from datetime import datetime

from bot.domain.stories import Story
from bot.domain.submission import StoryKind
from bot.domain.touchpoints import Touchpoint
from storage.database import Database
from storage.repositories.window_totals import TOUCHPOINT_COUNTS_SQL, span_params
from storage.rows import STORY_COLUMNS, STORY_FROM, from_epoch, story_from_row, to_epoch

# Weeks count stories by when readers could first see them (see the leaderboard index).
_IN_WINDOW = (
    "s.guild_id = ? AND s.status = 'published' AND s.published_at >= ? AND s.published_at < ?"
)


class SqliteWeekSummaryRepository:
    # ORDER BY a name whatever its ASCII case (PostgreSQL spells it otherwise).
    case_blind_order = "{} COLLATE NOCASE"  # not for people

    def __init__(self, database: Database) -> None:
        self._db = database

    async def new_brands(self, guild_id: int, start: datetime, end: datetime) -> list[str]:
        """Brands whose first published story is in the window.

        By publication, like every digest figure: a draft saved on Sunday night and
        published on Monday, or a story approved days later, is new when readers see it.
        """
        rows = await self._db.fetch_all(
            "SELECT b.name FROM brands b WHERE b.guild_id = ? "
            f"AND EXISTS (SELECT 1 FROM stories s WHERE s.brand_id = b.id AND {_IN_WINDOW}) "
            "AND NOT EXISTS (SELECT 1 FROM stories p WHERE p.brand_id = b.id "
            "AND p.status = 'published' AND p.published_at < ?) "
            f"ORDER BY {self.case_blind_order.format('b.name')}",
            (guild_id, guild_id, to_epoch(start), to_epoch(end), to_epoch(start)),
        )
        return [str(r[0]) for r in rows]

    async def most_relatable(self, guild_id: int, start: datetime, end: datetime) -> Story | None:
        """The window's story with the most Relatable votes (at least one)."""
        row = await self._db.fetch_one(
            f"SELECT {STORY_COLUMNS} FROM {STORY_FROM} WHERE {_IN_WINDOW} "
            "AND EXISTS (SELECT 1 FROM story_votes v WHERE v.story_id = s.id) "
            "ORDER BY relatable_count DESC, s.created_at, s.id LIMIT 1",
            (guild_id, to_epoch(start), to_epoch(end)),
        )
        return None if row is None else story_from_row(row)

    async def pending_highlights(self, guild_id: int, limit: int = 5) -> list[Story]:
        """Highlighted, published stories no digest has featured yet, newest highlight first.

        Not windowed: highlighting an older story features it in the next digest.
        """
        rows = await self._db.fetch_all(
            f"SELECT {STORY_COLUMNS} FROM {STORY_FROM} WHERE s.guild_id = ? "
            "AND s.highlighted = 1 AND s.highlight_featured IS NULL AND s.status = 'published' "
            "ORDER BY s.highlighted_at DESC, s.id DESC LIMIT ?",
            (guild_id, limit),
        )
        return [story_from_row(r) for r in rows]

    async def featured_highlights(self, guild_id: int, week: str, limit: int = 5) -> list[Story]:
        """The highlights the digest of `week` featured (for showing a posted week again)."""
        rows = await self._db.fetch_all(
            f"SELECT {STORY_COLUMNS} FROM {STORY_FROM} WHERE s.guild_id = ? "
            "AND s.highlighted = 1 AND s.highlight_featured = ? AND s.status = 'published' "
            "ORDER BY s.highlighted_at DESC, s.id DESC LIMIT ?",
            (guild_id, week, limit),
        )
        return [story_from_row(r) for r in rows]

    async def touchpoint_counts(
        self, guild_id: int, start: datetime, end: datetime
    ) -> dict[tuple[StoryKind, Touchpoint], int]:
        """Published stories per kind and touchpoint: whole days from the totals
        (migration 0005), the partial first and last day from the stories."""
        rows = await self._db.fetch_all(TOUCHPOINT_COUNTS_SQL, span_params(guild_id, start, end))
        return {(StoryKind(r[0]), Touchpoint(r[1])): int(r[2]) for r in rows}

    async def first_story_at(self, guild_id: int) -> datetime | None:
        row = await self._db.fetch_one(
            "SELECT min(published_at) FROM stories WHERE guild_id = ? AND status = 'published'",
            (guild_id,),
        )
        return None if row is None else from_epoch(row[0])
