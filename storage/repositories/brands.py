"""Brands of a server, their aliases, and the figures for a brand's card."""

from __future__ import annotations

from datetime import datetime, timedelta

import aiosqlite

from bot.domain.brands import BrandCandidate, Industry
from bot.domain.stories import Brand, BrandStats
from bot.domain.touchpoints import Touchpoint
from storage.database import Database, fetch_row, fetch_rows
from storage.repositories.window_totals import SERVER_TOTALS_SQL, mean_of, span_params
from storage.rows import STORY_COLUMNS, STORY_FROM, brand_from_row, story_from_row, to_epoch

# Kept by triggers (migration 0005): no count over the brand's stories per lookup.
_PUBLISHED_COUNT = "coalesce((SELECT t.stories FROM brand_totals t WHERE t.brand_id = b.id), 0)"
SERVER_PRIOR_WINDOW = timedelta(weeks=12)
# The id of the brand whose name or alias has a key (guild, key, guild, key).
_FIND_ID_SQL = (
    "SELECT id FROM brands WHERE guild_id = ? AND name_key = ? "
    "UNION ALL SELECT brand_id FROM brand_aliases WHERE guild_id = ? AND alias_key = ? "
    "LIMIT 1"
)


async def find_brand_id(connection: aiosqlite.Connection, guild_id: int, key: str) -> int | None:
    """The brand whose name or alias has this key, inside the caller's transaction."""
    row = await fetch_row(connection, _FIND_ID_SQL, (guild_id, key, guild_id, key))
    return None if row is None else int(row[0])


# A merged-away brand keeps its row with this key: brand_key() never makes a '#' or ':'.
MERGED_KEY_PREFIX = "#merged:"
# Merges can chain (A into B, then B into C); a loop would be a bug, so stop somewhere.
_MAX_MERGE_HOPS = 32


async def resolve_brand_id(connection: aiosqlite.Connection, brand_id: int) -> int | None:
    """The live brand a (possibly merged-away) brand id stands for; None if it is gone.

    A follow-up or form opened before a merge may still hold the old brand's id: it is
    followed to the brand its stories went to, so no story lands on a merged brand.
    """
    current = brand_id
    for _ in range(_MAX_MERGE_HOPS):
        row = await fetch_row(connection, "SELECT merged_into FROM brands WHERE id = ?", (current,))
        if row is None:
            return None
        if row[0] is None:
            return current
        current = int(row[0])
    return None


async def drop_brand_if_unused(connection: aiosqlite.Connection, brand_id: int) -> None:
    """Remove a brand no story and no alias refers to any more (e.g. a typo corrected).

    A merged-away brand (a tombstone) stays: its merge can still be undone.
    """
    await connection.execute(
        "DELETE FROM brands WHERE id = ? AND merged_into IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM stories WHERE brand_id = ?) AND NOT EXISTS "
        "(SELECT 1 FROM brand_aliases WHERE brand_id = ?)",
        (brand_id, brand_id, brand_id),
    )


class SqliteBrandRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def get(self, brand_id: int) -> Brand | None:
        row = await self._db.fetch_one(
            f"SELECT b.*, {_PUBLISHED_COUNT} AS story_count FROM brands b WHERE b.id = ?",
            (brand_id,),
        )
        return None if row is None else brand_from_row(row)

    async def find(self, guild_id: int, key: str) -> Brand | None:
        """The brand with this name or alias key: one statement (the story form's path)."""
        row = await self._db.fetch_one(
            f"SELECT b.*, {_PUBLISHED_COUNT} AS story_count FROM brands b "
            f"WHERE b.id = ({_FIND_ID_SQL})",
            (guild_id, key, guild_id, key),
        )
        return None if row is None else brand_from_row(row)

    async def candidates(self, guild_id: int) -> list[BrandCandidate]:
        """Every key (names and aliases) of the server's brands, with story counts."""
        rows = await self._db.fetch_all(
            f"SELECT b.id, b.name, b.name_key AS key, {_PUBLISHED_COUNT} AS story_count "
            "FROM brands b WHERE b.guild_id = ? AND b.merged_into IS NULL "
            "UNION ALL "
            f"SELECT b.id, b.name, a.alias_key AS key, {_PUBLISHED_COUNT} AS story_count "
            "FROM brand_aliases a JOIN brands b ON b.id = a.brand_id WHERE a.guild_id = ?",
            (guild_id, guild_id),
        )
        return [BrandCandidate(r["id"], r["name"], r["key"], r["story_count"]) for r in rows]

    async def set_industry(self, brand_id: int, industry: Industry) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE brands SET industry = ? WHERE id = ?", (industry.value, brand_id)
            )

    async def touchpoint_history(self, brand_id: int) -> tuple[int, dict[Touchpoint, int]]:
        """The brand's published stories and how many were about each touchpoint.

        One statement over the totals (migration 0005): the story form pre-selects from
        this before it opens, so it must not cost a pass over the brand's stories.
        """
        rows = await self._db.fetch_all(
            "SELECT t.stories, p.touchpoint, p.stories FROM (SELECT CAST(? AS BIGINT) AS id) AS x "
            "LEFT JOIN brand_totals t ON t.brand_id = x.id "
            "LEFT JOIN brand_touchpoint_totals p ON p.brand_id = x.id",
            (brand_id,),
        )
        total = rows[0][0] if rows and rows[0][0] is not None else 0
        counts = {Touchpoint(r[1]): int(r[2]) for r in rows if r[1] is not None}
        return int(total), counts

    async def stats(
        self,
        brand_id: int,
        now: datetime,
        recent: int = 3,
        *,
        published: tuple[datetime, datetime] | None = None,
    ) -> BrandStats | None:
        """The card's figures; with `published`, only stories published in ``[start, end)``.

        All-time figures come from the totals kept by triggers (migration 0005): a few
        primary-key reads, whatever the brand's size. A period's figures are counted
        from its stories. The server mean is always the trailing 12 weeks of published
        stories here, from the day totals: a period's card replaces it with the period's
        prior (``PeriodBoards.prior_mean``).
        """
        brand = await self.get(brand_id)
        if brand is None:
            return None
        span: str = ""
        params: tuple[int, ...] = ()
        if published is not None:
            span = " AND s.published_at >= ? AND s.published_at < ?"
            params = (to_epoch(published[0]), to_epoch(published[1]))
        async with self._db.reading() as connection:
            if published is None:
                figures = await _all_time_figures(connection, brand_id)
            else:
                figures = await _period_figures(connection, brand_id, span, params)
            # Published up to now included, like the leaderboards' prior.
            prior = span_params(
                brand.guild_id, now - SERVER_PRIOR_WINDOW, now + timedelta(seconds=1)
            )
            server_row = await fetch_row(connection, SERVER_TOTALS_SQL, prior)
            rows = await fetch_rows(
                connection,
                f"SELECT {STORY_COLUMNS} FROM {STORY_FROM} "
                "WHERE s.brand_id = ? AND s.status = 'published'"
                + span
                + " ORDER BY s.created_at DESC, s.id DESC LIMIT ?",
                (brand_id, *params, recent),
            )
            stories = tuple(story_from_row(r) for r in rows)
            rows = await fetch_rows(
                connection,
                "SELECT alias FROM brand_aliases WHERE brand_id = ? ORDER BY alias",
                (brand_id,),
            )
            aliases = tuple(str(r[0]) for r in rows)
        count, great, disasters, mean, recommend, touchpoints = figures
        return BrandStats(
            brand=brand,
            aliases=aliases,
            story_count=count,
            great_count=great,
            disaster_count=disasters,
            mean_rating=mean,
            recommend_answers=recommend,
            touchpoint_ratings=touchpoints,
            server_mean_rating=mean_of(server_row),
            recent=stories,
        )


# story count, great, disasters, mean rating, recommend answers, touchpoint (count, mean)
_Figures = tuple[int, int, int, float | None, tuple[int, ...], dict[Touchpoint, tuple[int, float]]]


async def _all_time_figures(connection: aiosqlite.Connection, brand_id: int) -> _Figures:
    """A brand's published stories, from the totals (migration 0005)."""
    totals = await fetch_row(
        connection,
        "SELECT stories, great, disasters, rating_sum FROM brand_totals WHERE brand_id = ?",
        (brand_id,),
    )
    rows = await fetch_rows(
        connection,
        "SELECT recommend, stories FROM brand_recommend_totals WHERE brand_id = ? "
        "ORDER BY recommend",
        (brand_id,),
    )
    recommend = tuple(int(r[0]) for r in rows for _ in range(int(r[1])))
    rows = await fetch_rows(
        connection,
        "SELECT touchpoint, stories, rating_sum FROM brand_touchpoint_totals WHERE brand_id = ?",
        (brand_id,),
    )
    touchpoints = {Touchpoint(r[0]): (int(r[1]), float(r[2]) / int(r[1])) for r in rows}
    count, great, disasters, rating_sum = totals if totals is not None else (0, 0, 0, 0)
    mean = float(rating_sum) / int(count) if count else None
    return int(count), int(great), int(disasters), mean, recommend, touchpoints


async def _period_figures(
    connection: aiosqlite.Connection, brand_id: int, span: str, params: tuple[int, ...]
) -> _Figures:
    """A brand's stories published in a period (``span`` filters ``s.published_at``)."""
    totals = await fetch_row(
        connection,
        "SELECT count(*), sum(CAST(kind = 'great' AS INTEGER)), "
        "sum(CAST(kind = 'disaster' AS INTEGER)), avg(rating) "
        "FROM stories s WHERE s.brand_id = ? AND s.status = 'published'" + span,
        (brand_id, *params),
    )
    rows = await fetch_rows(
        connection,
        "SELECT recommend FROM stories s WHERE s.brand_id = ? AND s.status = 'published' "
        "AND s.recommend IS NOT NULL" + span,
        (brand_id, *params),
    )
    recommend = tuple(int(r[0]) for r in rows)
    rows = await fetch_rows(
        connection,
        "SELECT t.touchpoint, count(*), avg(s.rating) FROM story_touchpoints t "
        "JOIN stories s ON s.id = t.story_id "
        "WHERE s.brand_id = ? AND s.status = 'published'" + span + " GROUP BY t.touchpoint",
        (brand_id, *params),
    )
    touchpoints = {Touchpoint(r[0]): (int(r[1]), float(r[2])) for r in rows}
    assert totals is not None
    mean = None if totals[3] is None else float(totals[3])
    return int(totals[0]), int(totals[1] or 0), int(totals[2] or 0), mean, recommend, touchpoints
