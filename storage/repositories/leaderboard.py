"""One window's per-brand figures for the leaderboards, from the day totals.

Scale is the point of this module: a digest run computes every server's week, and a big
server has tens of thousands of stories in one (100 members may ask for it at once). A
window is read as whole UTC days from ``brand_day_totals`` (kept exact by triggers,
migration 0005) plus its partial first and last day from the covering index
``stories_leaderboard`` (see ``window_totals``): the largest server's week reads about
2,800 total rows and at most two partial days of stories, not ~50,000 stories.

The covering index ends with ``kind`` for the great/disaster split: rating cannot stand
in for it (a "great" story may carry two stars on purpose, see the follow-ups).
``SCAN_BRAND_ROWS_SQL`` is the previous design (one pass over the whole window in the
index), kept for the benchmark's side-by-side figures.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.ranking import BrandWeek
from storage.database import Database
from storage.repositories.window_totals import (
    BRAND_ROWS_SQL,
    SERVER_TOTALS_SQL,
    mean_of,
    span_params,
)
from storage.rows import to_epoch

__all__ = ["BRAND_ROWS_SQL", "SERVER_TOTALS_SQL", "SqliteLeaderboardRepository", "window_params"]

# Pinned with INDEXED BY: without statistics the planner could pick stories_brand for
# the GROUP BY order and read every story the server ever had; if the index is ever
# dropped, these queries fail loudly instead of silently scanning the table.
_WINDOW = (
    "FROM stories INDEXED BY stories_leaderboard "
    "WHERE guild_id = :guild AND status = 'published' "
    "AND published_at >= :start AND published_at < :end"
)

# The previous design, kept for the benchmark's side-by-side figures: one pass over the
# window's stories in the covering index.
SCAN_BRAND_ROWS_SQL = (
    "SELECT w.brand_id, b.name, w.stories, w.rating_sum, w.disasters FROM ("
    "SELECT brand_id, count(*) AS stories, sum(rating) AS rating_sum, "
    f"sum(CAST(kind = 'disaster' AS INTEGER)) AS disasters {_WINDOW} GROUP BY brand_id) AS w "
    "JOIN brands AS b ON b.id = w.brand_id ORDER BY w.brand_id"
)
SERVER_MEAN_SQL = f"SELECT avg(rating) {_WINDOW}"
# A loose index scan: one seek per server (the next guild_id after the last), then one
# probe of that server's window, instead of reading every server's stories.
GUILDS_IN_WINDOW_SQL = (
    "WITH RECURSIVE guilds(id) AS ("
    "SELECT (SELECT min(guild_id) FROM stories INDEXED BY stories_leaderboard) "
    "UNION ALL SELECT (SELECT min(guild_id) FROM stories INDEXED BY stories_leaderboard "
    "WHERE guild_id > guilds.id) FROM guilds WHERE guilds.id IS NOT NULL) "
    "SELECT id FROM guilds WHERE id IS NOT NULL AND EXISTS (SELECT 1 "
    "FROM stories INDEXED BY stories_leaderboard WHERE guild_id = guilds.id "
    "AND status = 'published' AND published_at >= :start AND published_at < :end) ORDER BY id"
)


def window_params(guild_id: int, start: datetime, end: datetime) -> dict[str, int]:
    """Named parameters for every query here, the day-total ones and the scans."""
    return {
        **span_params(guild_id, start, end),
        "start": to_epoch(start),
        "end": to_epoch(end),
    }


class SqliteLeaderboardRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def brand_rows(self, guild_id: int, start: datetime, end: datetime) -> list[BrandWeek]:
        """Each brand with stories published in ``[start, end)``, by brand id.

        One statement, so no read block around it: a statement is its own snapshot, and
        on PostgreSQL a block would cost two more round trips (BEGIN, COMMIT).
        """
        rows = await self._db.fetch_tuples(BRAND_ROWS_SQL, span_params(guild_id, start, end))
        # The statement's columns are BrandWeek's fields, in order (typed by CASTs); plain
        # tuples, not named rows: hundreds of them for a large server.
        return list(map(BrandWeek._make, rows))

    async def server_mean(self, guild_id: int, start: datetime, end: datetime) -> float | None:
        """The mean rating of the server's published stories in the span (the prior C)."""
        row = await self._db.fetch_one(SERVER_TOTALS_SQL, span_params(guild_id, start, end))
        return mean_of(row)

    async def guild_ids_with_stories(self, start: datetime, end: datetime) -> list[int]:
        """Servers with at least one story published in ``[start, end)``."""
        rows = await self._db.fetch_all(
            GUILDS_IN_WINDOW_SQL, {"start": to_epoch(start), "end": to_epoch(end)}
        )
        return [int(r[0]) for r in rows]
