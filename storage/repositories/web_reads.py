"""Reads for the web pages: posted digests, a brand's published stories and ratings.

Only what readers can already see in Discord: posted digests, published stories. The
story rows carry `author_id` like everywhere else (the domain model has it); the page
templates never show an author at all, anonymous or not.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.stories import Story
from storage.database import Database
from storage.records import PostedDigest
from storage.rows import STORY_COLUMNS, STORY_FROM, from_epoch, story_from_row


class SqliteWebReadRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def posted_digests(self, guild_id: int, limit: int = 60) -> list[PostedDigest]:
        """The server's posted digests, newest week first."""
        rows = await self._db.fetch_all(
            "SELECT week_start, window_start, window_end, leaderboard FROM digest_posts "
            "WHERE guild_id = ? AND status = 'posted' ORDER BY week_start DESC LIMIT ?",
            (guild_id, limit),
        )
        return [
            PostedDigest(
                week=row["week_start"],
                start=datetime.fromtimestamp(row["window_start"], UTC),
                end=datetime.fromtimestamp(row["window_end"], UTC),
                leaderboard=row["leaderboard"],
            )
            for row in rows
        ]

    async def brand_stories(self, brand_id: int, *, limit: int, offset: int) -> list[Story]:
        """A page of the brand's published stories, newest first (as the card lists them).

        By `created_at`, the order of the `stories_brand` index: no sort of a big brand's
        every story for each page.
        """
        rows = await self._db.fetch_all(
            f"SELECT {STORY_COLUMNS} FROM {STORY_FROM} "
            "WHERE s.brand_id = ? AND s.status = 'published' "
            "ORDER BY s.created_at DESC, s.id DESC LIMIT ? OFFSET ?",
            (brand_id, limit, offset),
        )
        return [story_from_row(row) for row in rows]

    async def brand_ratings(self, brand_id: int) -> list[tuple[datetime, int]]:
        """(published at, rating) of every published story of the brand, for the chart."""
        rows = await self._db.fetch_all(
            "SELECT published_at, rating FROM stories "
            "WHERE brand_id = ? AND status = 'published' AND published_at IS NOT NULL",
            (brand_id,),
        )
        return [(moment, int(r[1])) for r in rows if (moment := from_epoch(r[0])) is not None]
