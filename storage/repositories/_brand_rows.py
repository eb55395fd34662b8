"""Row helpers shared by the brand upkeep and brand merge repositories."""

from __future__ import annotations

import sqlite3

import aiosqlite

from bot.domain.brand_refusals import BrandChangeRefused, BrandRefusal
from bot.domain.stories import Brand
from storage.database import fetch_row, fetch_rows
from storage.rows import brand_from_row


async def live_brand_row(connection: aiosqlite.Connection, brand_id: int) -> sqlite3.Row | None:
    return await fetch_row(
        connection, "SELECT * FROM brands WHERE id = ? AND merged_into IS NULL", (brand_id,)
    )


async def live_brand(connection: aiosqlite.Connection, guild_id: int, brand_id: int) -> Brand:
    row = await live_brand_row(connection, brand_id)
    if row is None or row["guild_id"] != guild_id:
        raise BrandChangeRefused(BrandRefusal.BRAND_GONE)
    return brand_from_row(row)


async def fetch_ids(
    connection: aiosqlite.Connection, sql: str, params: tuple[object, ...]
) -> list[int]:
    rows = await fetch_rows(connection, sql, params)
    return [int(r[0]) for r in rows]


async def owner_name(connection: aiosqlite.Connection, brand_id: int) -> str:
    """The name of the brand in the way (read in the same transaction, so it exists)."""
    row = await fetch_row(connection, "SELECT name FROM brands WHERE id = ?", (brand_id,))
    if row is None:
        raise BrandChangeRefused(BrandRefusal.BRAND_GONE)
    return str(row[0])
