"""Row helpers shared by the brand upkeep and brand merge repositories."""

from __future__ import annotations

import sqlite3

import aiosqlite

from bot.domain.brand_refusals import BrandChangeRefused, BrandRefusal
from bot.domain.stories import Brand
from storage.rows import brand_from_row


async def live_brand_row(connection: aiosqlite.Connection, brand_id: int) -> sqlite3.Row | None:
    async with connection.execute(
        "SELECT * FROM brands WHERE id = ? AND merged_into IS NULL", (brand_id,)
    ) as cursor:
        row: sqlite3.Row | None = await cursor.fetchone()
    return row


async def live_brand(connection: aiosqlite.Connection, guild_id: int, brand_id: int) -> Brand:
    row = await live_brand_row(connection, brand_id)
    if row is None or row["guild_id"] != guild_id:
        raise BrandChangeRefused(BrandRefusal.BRAND_GONE)
    return brand_from_row(row)


async def fetch_ids(
    connection: aiosqlite.Connection, sql: str, params: tuple[object, ...]
) -> list[int]:
    async with connection.execute(sql, params) as cursor:
        return [int(r[0]) for r in await cursor.fetchall()]


async def owner_name(connection: aiosqlite.Connection, brand_id: int) -> str:
    """The name of the brand in the way (read in the same transaction, so it exists)."""
    async with connection.execute("SELECT name FROM brands WHERE id = ?", (brand_id,)) as cursor:
        row = await cursor.fetchone()
    if row is None:
        raise BrandChangeRefused(BrandRefusal.BRAND_GONE)
    return str(row[0])
