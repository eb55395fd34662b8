"""A whole server's data: its departure and return, its stories export, and its purge.

When the bot is removed from a server its data is kept for the server's grace period
(`guild_settings.retention_days`), then every row of that server is erased. The purge
finds the tables to clear from the schema itself (every table with a `guild_id`
column), so a table added by a later migration is purged without anyone remembering to.
"""

from __future__ import annotations

import logging
from datetime import datetime

import aiosqlite

from bot.domain.guild_export import ExportedStory
from bot.domain.guild_settings import Departure
from storage.database import Database
from storage.rows import STORY_COLUMNS, STORY_FROM, from_epoch, story_from_row, to_epoch

log = logging.getLogger(__name__)

# Deleted first: their rows reference brands, and their cascades (touchpoints, votes,
# reports) go with them.
_FIRST = ("stories",)
# Deleted last: brands are referenced by stories (and perhaps by newer tables), and the
# settings row is what marks the server as gone until everything else has gone.
_LAST = ("brands", "guild_settings")
# Rows that belong to a server through its stories, counted for the log before they go.
_STORY_CHILDREN = ("story_touchpoints", "story_votes", "story_reports")


# Every table with a guild_id column, by name, from the engine's catalog.
GUILD_TABLES_SQL = (
    "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c "
    "WHERE m.type = 'table' AND c.name = 'guild_id' ORDER BY m.name"
)


async def _guild_tables(connection: aiosqlite.Connection, catalog_sql: str) -> list[str]:
    """Every table with a guild_id column, in an order that respects references."""
    async with connection.execute(catalog_sql) as cursor:
        names = [str(r[0]) for r in await cursor.fetchall()]
    middle = [n for n in names if n not in _FIRST and n not in _LAST]
    return [n for n in _FIRST if n in names] + middle + [n for n in _LAST if n in names]


def _quoted(name: str) -> str:
    """A table name from sqlite_master, quoted as an identifier."""
    return '"' + name.replace('"', '""') + '"'


class SqliteGuildDataRepository:
    guild_tables_sql = GUILD_TABLES_SQL

    def __init__(self, database: Database) -> None:
        self._db = database

    # --- departure and return --------------------------------------------------------

    async def mark_left(self, guild_id: int, now: datetime) -> None:
        """Record that the bot was removed; a server without settings gets a row for it.

        A second removal notice keeps the first time: the grace period never restarts.
        """
        stamp = to_epoch(now)
        async with self._db.transaction() as connection:
            await connection.execute(
                "INSERT INTO guild_settings (guild_id, left_at, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (guild_id) DO UPDATE SET "
                "left_at = coalesce(guild_settings.left_at, excluded.left_at)",
                (guild_id, stamp, stamp),
            )

    async def mark_returned(self, guild_id: int) -> bool:
        """The bot is back in the server: keep its data. True if it had been marked gone."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE guild_settings SET left_at = NULL "
                "WHERE guild_id = ? AND left_at IS NOT NULL",
                (guild_id,),
            )
            return cursor.rowcount > 0

    async def left_at(self, guild_id: int) -> datetime | None:
        row = await self._db.fetch_one(
            "SELECT left_at FROM guild_settings WHERE guild_id = ?", (guild_id,)
        )
        return None if row is None else from_epoch(row["left_at"])

    async def departures(self) -> list[Departure]:
        """Every server the bot has left whose data is still kept, oldest departure first."""
        rows = await self._db.fetch_all(
            "SELECT guild_id, left_at, retention_days FROM guild_settings "
            "WHERE left_at IS NOT NULL ORDER BY left_at, guild_id"
        )
        return [
            Departure(
                guild_id=r["guild_id"],
                left_at=from_epoch(r["left_at"]),
                retention_days=r["retention_days"],
            )
            for r in rows
        ]

    async def known_guild_ids(self) -> set[int]:
        """Every server that has any row stored, in any table."""
        async with self._db.reading() as connection:
            tables = await _guild_tables(connection, self.guild_tables_sql)
            union = " UNION ".join(f"SELECT guild_id FROM {_quoted(t)}" for t in tables)
            async with connection.execute(union) as cursor:
                return {int(r[0]) for r in await cursor.fetchall()}

    # --- export ----------------------------------------------------------------------

    async def export_stories(self, guild_id: int) -> list[ExportedStory]:
        """Every story of the server (any status), oldest first, with its report count."""
        rows = await self._db.fetch_all(
            f"SELECT {STORY_COLUMNS}, "
            "(SELECT count(*) FROM story_reports r WHERE r.story_id = s.id) AS report_count "
            f"FROM {STORY_FROM} WHERE s.guild_id = ? ORDER BY s.id",
            (guild_id,),
        )
        return [
            ExportedStory(story=story_from_row(r), report_count=r["report_count"]) for r in rows
        ]

    # --- purge -----------------------------------------------------------------------

    async def purge(self, guild_id: int, now: datetime) -> dict[str, int] | None:
        """Erase every row of a server whose grace period is over, in one transaction.

        The departure is checked again inside the transaction, so a server the bot
        rejoined a moment ago keeps its data. Returns the rows deleted per table, or None
        when the server is not (or no longer) due. The caller checkpoints afterwards.
        """
        async with self._db.transaction() as connection:
            async with connection.execute(
                "SELECT left_at, retention_days FROM guild_settings WHERE guild_id = ?",
                (guild_id,),
            ) as cursor:
                row = await cursor.fetchone()
            if row is None or row["left_at"] is None:
                return None
            departure = Departure(
                guild_id=guild_id,
                left_at=from_epoch(row["left_at"]),
                retention_days=row["retention_days"],
            )
            if not departure.is_due(now):
                return None
            counts: dict[str, int] = {}
            for child in _STORY_CHILDREN:
                async with connection.execute(
                    f"SELECT count(*) FROM {_quoted(child)} "
                    "WHERE story_id IN (SELECT id FROM stories WHERE guild_id = ?)",
                    (guild_id,),
                ) as cursor:
                    found = await cursor.fetchone()
                counts[child] = int(found[0]) if found is not None else 0
            for table in await _guild_tables(connection, self.guild_tables_sql):
                cursor = await connection.execute(
                    f"DELETE FROM {_quoted(table)} WHERE guild_id = ?", (guild_id,)
                )
                counts[table] = cursor.rowcount
            return counts
