"""Row helpers shared by the brand upkeep and brand merge repositories."""

from __future__ import annotations

import sqlite3

import aiosqlite

from bot.domain.markdown import escape_markdown, truncate
from bot.domain.stories import Brand
from bot.errors import UserFacingError
from storage.rows import brand_from_row

_NAME_IN_TEXT = 80


def shown(name: str) -> str:
    return "**" + escape_markdown(truncate(name, _NAME_IN_TEXT)) + "**"


async def live_brand_row(connection: aiosqlite.Connection, brand_id: int) -> sqlite3.Row | None:
    async with connection.execute(
        "SELECT * FROM brands WHERE id = ? AND merged_into IS NULL", (brand_id,)
    ) as cursor:
        row: sqlite3.Row | None = await cursor.fetchone()
    return row


async def live_brand(connection: aiosqlite.Connection, guild_id: int, brand_id: int) -> Brand:
    row = await live_brand_row(connection, brand_id)
    if row is None or row["guild_id"] != guild_id:
        raise UserFacingError(
            "That brand no longer exists (it may have just been merged or renamed). "
            "Nothing was changed; pick it again from the list."
        )
    return brand_from_row(row)


async def fetch_ids(
    connection: aiosqlite.Connection, sql: str, params: tuple[object, ...]
) -> list[int]:
    async with connection.execute(sql, params) as cursor:
        return [int(r[0]) for r in await cursor.fetchall()]


async def owner_name(connection: aiosqlite.Connection, brand_id: int) -> str:
    async with connection.execute("SELECT name FROM brands WHERE id = ?", (brand_id,)) as cursor:
        row = await cursor.fetchone()
    return "another brand" if row is None else str(row[0])
