"""One window's per-brand figures for the leaderboards, read from the covering index.

Scale is the point of this module: a digest run computes every server's week, and a big
server has tens of thousands of stories in one. So every query seeks straight to
``(guild_id, 'published', window start)`` in ``stories_leaderboard`` and stops at the
window's end; nothing outside a window is read, and only per-brand aggregates (a few
hundred rows at most) come back to Python.

The great/disaster split needs ``kind``, which the index does not hold. Rating cannot
stand in for it (a "great" story may carry two stars on purpose, see the follow-ups),
and the digest needs the split for every brand (movers, week totals), not only the
ranked ones. So a second pass over the same index range counts disasters, fetching each
window row's table record for ``kind``; great = count − disasters. Measured by
``bench/leaderboard.py`` on 1,000,000 stories, largest server ~50,000 in the week:
covering aggregate ~15 ms, disaster pass ~21 ms (one query doing both with lookups:
~31 ms). Adding ``kind`` to ``stories_leaderboard`` (a migration) would make the whole
thing covering at ~18 ms.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.ranking import BrandWeek
from storage.database import Database
from storage.rows import to_epoch

# Pinned with INDEXED BY: without statistics the planner could pick stories_brand for
# the GROUP BY order and read every story the server ever had; if the index is ever
# dropped, these queries fail loudly instead of silently scanning the table.
_WINDOW = (
    "FROM stories INDEXED BY stories_leaderboard "
    "WHERE guild_id = :guild AND status = 'published' "
    "AND created_at >= :start AND created_at < :end"
)

# Aggregate first (covering index only), then look up names for the result rows only.
BRAND_TOTALS_SQL = (
    "SELECT w.brand_id, b.name, w.stories, w.rating_sum FROM ("
    f"SELECT brand_id, count(*) AS stories, sum(rating) AS rating_sum {_WINDOW} "
    "GROUP BY brand_id) AS w JOIN brands AS b ON b.id = w.brand_id"
)
# Same index range; one table lookup per window row for `kind`.
BRAND_DISASTERS_SQL = (
    f"SELECT brand_id, count(*) AS disasters {_WINDOW} AND kind = 'disaster' GROUP BY brand_id"
)
# Both in one statement: one snapshot (a story published in between cannot make the
# split disagree with the total) and one trip to aiosqlite's thread instead of six,
# which is most of the cost for the many small servers.
BRAND_ROWS_SQL = (
    "SELECT t.brand_id, t.name, t.stories, t.rating_sum, coalesce(d.disasters, 0) "
    f"FROM ({BRAND_TOTALS_SQL}) AS t LEFT JOIN ({BRAND_DISASTERS_SQL}) AS d "
    "ON d.brand_id = t.brand_id ORDER BY t.brand_id"
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
    "AND status = 'published' AND created_at >= :start AND created_at < :end) ORDER BY id"
)


def window_params(guild_id: int, start: datetime, end: datetime) -> dict[str, int]:
    """Named parameters for the SQL above (shared with the benchmark)."""
    return {"guild": guild_id, "start": to_epoch(start), "end": to_epoch(end)}


class SqliteLeaderboardRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def brand_rows(self, guild_id: int, start: datetime, end: datetime) -> list[BrandWeek]:
        """Each brand with published stories created in ``[start, end)``, by brand id."""
        async with self._db.reading() as connection:
            rows = await connection.execute_fetchall(
                BRAND_ROWS_SQL, window_params(guild_id, start, end)
            )
        return [
            BrandWeek(
                brand_id=brand_id,
                name=name,
                count=stories,
                mean_rating=rating_sum / stories,
                great_count=stories - disasters,
                disaster_count=disasters,
            )
            for brand_id, name, stories, rating_sum, disasters in rows
        ]

    async def server_mean(self, guild_id: int, start: datetime, end: datetime) -> float | None:
        """The mean rating of the server's published stories in the span (the prior C)."""
        async with self._db.reading() as connection:
            rows = list(
                await connection.execute_fetchall(
                    SERVER_MEAN_SQL, window_params(guild_id, start, end)
                )
            )
        return None if not rows or rows[0][0] is None else float(rows[0][0])

    async def guild_ids_with_stories(self, start: datetime, end: datetime) -> list[int]:
        """Servers with at least one published story created in ``[start, end)``."""
        rows = await self._db.fetch_all(
            GUILDS_IN_WINDOW_SQL, {"start": to_epoch(start), "end": to_epoch(end)}
        )
        return [int(r[0]) for r in rows]
