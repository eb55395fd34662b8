"""Moderators' brand changes on PostgreSQL: only the aliases' order differs."""

from __future__ import annotations

from storage.repositories.brand_upkeep import SqliteBrandUpkeepRepository


class PostgresBrandUpkeepRepository(SqliteBrandUpkeepRepository):
    async def aliases(self, brand_id: int) -> list[str]:
        """SQLite's COLLATE NOCASE order: ASCII letters folded (the column is "C")."""
        rows = await self._db.fetch_all(
            "SELECT alias FROM brand_aliases WHERE brand_id = ? ORDER BY lower(alias), alias",
            (brand_id,),
        )
        return [str(r[0]) for r in rows]
