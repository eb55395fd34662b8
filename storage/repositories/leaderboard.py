"""One window's per-brand figures for the leaderboards, read from the covering index.

Scale is the point of this module: a digest run computes every server's week, and a big
server has tens of thousands of stories in one. So every query seeks straight to
``(guild_id, 'published', window start)`` in ``stories_leaderboard`` and stops at the
window's end; nothing outside a window is read, and only per-brand aggregates (a few
hundred rows at most) come back to Python.

The great/disaster split needs ``kind``, which the index does not hold. Rating cannot
stand in for it (a "great" story may carry two stars on purpose), so a second pass over
the same index range counts disasters, fetching each window row's table record for its
``kind``; great = count − disasters. That pass costs a few times the covering aggregate
(figures in ``bench/leaderboard.py``); adding ``kind`` to the index would make the whole
split covering as well.
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
        """Each brand with published stories created in ``[start, end)``, by brand id.

        Both passes run in one read block, so a story published in between cannot make
        the disaster count disagree with the total.
        """
        params = window_params(guild_id, start, end)
        async with self._db.reading() as connection:
            async with connection.execute(BRAND_TOTALS_SQL, params) as cursor:
                totals = await cursor.fetchall()
            if not totals:
                return []
            async with connection.execute(BRAND_DISASTERS_SQL, params) as cursor:
                disasters = {int(r[0]): int(r[1]) for r in await cursor.fetchall()}
        rows = []
        for brand_id, name, stories, rating_sum in sorted(totals, key=lambda r: int(r[0])):
            bad = disasters.get(brand_id, 0)
            rows.append(
                BrandWeek(
                    brand_id=brand_id,
                    name=name,
                    count=stories,
                    mean_rating=rating_sum / stories,
                    great_count=stories - bad,
                    disaster_count=bad,
                )
            )
        return rows

    async def server_mean(self, guild_id: int, start: datetime, end: datetime) -> float | None:
        """The mean rating of the server's published stories in the span (the prior C)."""
        row = await self._db.fetch_one(SERVER_MEAN_SQL, window_params(guild_id, start, end))
        return None if row is None or row[0] is None else float(row[0])

    async def guild_ids_with_stories(self, start: datetime, end: datetime) -> list[int]:
        """Servers with at least one published story created in ``[start, end)``."""
        rows = await self._db.fetch_all(
            GUILDS_IN_WINDOW_SQL, {"start": to_epoch(start), "end": to_epoch(end)}
        )
        return [int(r[0]) for r in rows]
