"""Per-server web page access (migration 0006): facts only, the service decides."""

from __future__ import annotations

import sqlite3

from bot.domain.web_access import WebAccess
from storage.database import Database
from storage.rows import from_epoch, to_epoch

_COLUMNS = "guild_id, token, enabled, indexable, updated_at"


def _access(row: sqlite3.Row) -> WebAccess:
    return WebAccess(
        guild_id=row["guild_id"],
        token=row["token"],
        enabled=bool(row["enabled"]),
        indexable=bool(row["indexable"]),
        updated_at=from_epoch(row["updated_at"]),
    )


class SqliteWebPageRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def get(self, guild_id: int) -> WebAccess | None:
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM web_pages WHERE guild_id = ?", (guild_id,)
        )
        return None if row is None else _access(row)

    async def by_token(self, token: str) -> WebAccess | None:
        """The server with this address, on or off (the caller checks `enabled`)."""
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM web_pages WHERE token = ?", (token,)
        )
        return None if row is None else _access(row)

    async def save(self, access: WebAccess) -> None:
        async with self._db.transaction() as connection:
            await connection.execute(
                f"INSERT INTO web_pages ({_COLUMNS}) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (guild_id) DO UPDATE SET token = excluded.token, "
                "enabled = excluded.enabled, indexable = excluded.indexable, "
                "updated_at = excluded.updated_at",
                (
                    access.guild_id,
                    access.token,
                    int(access.enabled),
                    int(access.indexable),
                    to_epoch(access.updated_at),
                ),
            )
