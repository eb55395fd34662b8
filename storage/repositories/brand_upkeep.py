"""Moderators' brand upkeep: rename, aliases, industry; all audited.

Every change runs in one write transaction with its audit entry, and re-checks what it
relies on inside that transaction (the brands exist, a name is free), so two moderators
racing each other, or a member's story arriving meanwhile, cannot leave half a merge.

Merging two brands, and undoing a merge, is in `storage/repositories/brand_merges.py`.
"""

from __future__ import annotations

from datetime import datetime

from bot.domain.brand_refusals import BrandChangeRefused, BrandRefusal
from bot.domain.brands import Industry
from bot.domain.moderators import AuditEntry
from bot.domain.stories import Brand
from storage.database import Database
from storage.records import RenameResult
from storage.repositories._brand_rows import fetch_ids, live_brand, owner_name
from storage.repositories.audit_log import insert_audit_entry
from storage.repositories.brands import find_brand_id
from storage.repositories.promises import enqueue_post_edits
from storage.rows import to_epoch


class SqliteBrandUpkeepRepository:
    # ORDER BY a name whatever its ASCII case (PostgreSQL spells it otherwise).
    case_blind_order = "{} COLLATE NOCASE"  # not for people

    def __init__(self, database: Database) -> None:
        self._db = database

    async def rename(
        self,
        *,
        guild_id: int,
        brand_id: int,
        new_name: str,
        new_key: str,
        moderator_id: int,
        reason: str | None,
        now: datetime,
    ) -> RenameResult:
        """Give a brand a new name; its old name becomes an alias (if its key changed)."""
        stamp = to_epoch(now)
        async with self._db.transaction() as connection:
            before = await live_brand(connection, guild_id, brand_id)
            if before.name == new_name:
                raise BrandChangeRefused(BrandRefusal.ALREADY_CALLED, name=new_name)
            owner = await find_brand_id(connection, guild_id, new_key)
            if owner is not None and owner != brand_id:
                taken_by = await owner_name(connection, owner)
                raise BrandChangeRefused(BrandRefusal.NAME_TAKEN, name=new_name, owner=taken_by)
            if new_key != before.key:
                # The new name may have been one of the brand's aliases: it is now the name.
                await connection.execute(
                    "DELETE FROM brand_aliases WHERE guild_id = ? AND alias_key = ?",
                    (guild_id, new_key),
                )
                await connection.execute(
                    "INSERT INTO brand_aliases (guild_id, alias_key, alias, brand_id, created_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (guild_id, before.key, before.name, brand_id, stamp),
                )
            await connection.execute(
                "UPDATE brands SET name = ?, name_key = ? WHERE id = ?",
                (new_name, new_key, brand_id),
            )
            await insert_audit_entry(
                connection,
                AuditEntry(
                    guild_id=guild_id,
                    moderator_id=moderator_id,
                    action="brand_rename",
                    brand_id=brand_id,
                    reason=reason,
                    details={
                        "old_name": before.name,
                        "new_name": new_name,
                        "old_name_kept_as_alias": new_key != before.key,
                    },
                    created_at=now,
                ),
            )
            after = await live_brand(connection, guild_id, brand_id)
            story_ids = await fetch_ids(
                connection, "SELECT id FROM stories WHERE brand_id = ? ORDER BY id", (brand_id,)
            )
            # Their posts show the brand's name: promised with the rename.
            await enqueue_post_edits(connection, story_ids, to_epoch(now))
        return RenameResult(before, after, tuple(story_ids))

    async def add_alias(
        self,
        *,
        guild_id: int,
        brand_id: int,
        alias: str,
        alias_key: str,
        moderator_id: int,
        reason: str | None,
        now: datetime,
    ) -> Brand:
        """Let members reach the brand by another spelling; no key may answer twice."""
        async with self._db.transaction() as connection:
            brand = await live_brand(connection, guild_id, brand_id)
            owner = await find_brand_id(connection, guild_id, alias_key)
            if owner == brand_id:
                raise BrandChangeRefused(
                    BrandRefusal.ALIAS_ALREADY_THERE, brand=brand.name, alias=alias
                )
            if owner is not None:
                other = await owner_name(connection, owner)
                raise BrandChangeRefused(BrandRefusal.ALIAS_TAKEN, alias=alias, owner=other)
            await connection.execute(
                "INSERT INTO brand_aliases (guild_id, alias_key, alias, brand_id, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (guild_id, alias_key, alias, brand_id, to_epoch(now)),
            )
            await insert_audit_entry(
                connection,
                AuditEntry(
                    guild_id=guild_id,
                    moderator_id=moderator_id,
                    action="brand_alias_add",
                    brand_id=brand_id,
                    reason=reason,
                    details={"brand_name": brand.name, "alias": alias},
                    created_at=now,
                ),
            )
        return brand

    async def remove_alias(
        self,
        *,
        guild_id: int,
        brand_id: int,
        alias_key: str,
        moderator_id: int,
        reason: str | None,
        now: datetime,
    ) -> tuple[Brand, str]:
        """Stop a spelling from leading to the brand; returns the brand and the alias."""
        async with self._db.transaction() as connection:
            brand = await live_brand(connection, guild_id, brand_id)
            async with connection.execute(
                "DELETE FROM brand_aliases WHERE guild_id = ? AND alias_key = ? AND brand_id = ? "
                "RETURNING alias",
                (guild_id, alias_key, brand_id),
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                if brand.key == alias_key:
                    raise BrandChangeRefused(BrandRefusal.ALIAS_IS_NAME)
                raise BrandChangeRefused(BrandRefusal.NO_SUCH_ALIAS, brand=brand.name)
            alias = str(row[0])
            await insert_audit_entry(
                connection,
                AuditEntry(
                    guild_id=guild_id,
                    moderator_id=moderator_id,
                    action="brand_alias_remove",
                    brand_id=brand_id,
                    reason=reason,
                    details={"brand_name": brand.name, "alias": alias},
                    created_at=now,
                ),
            )
        return brand, alias

    async def aliases(self, brand_id: int) -> list[str]:
        rows = await self._db.fetch_all(
            "SELECT alias FROM brand_aliases WHERE brand_id = ? "
            f"ORDER BY {self.case_blind_order.format('alias')}",
            (brand_id,),
        )
        return [str(r[0]) for r in rows]

    async def set_industry(
        self,
        *,
        guild_id: int,
        brand_id: int,
        industry: Industry,
        moderator_id: int,
        reason: str | None,
        now: datetime,
    ) -> tuple[Brand, Industry | None]:
        """Set a brand's kind of business; returns the brand and the industry it had."""
        async with self._db.transaction() as connection:
            brand = await live_brand(connection, guild_id, brand_id)
            if brand.industry is industry:
                raise BrandChangeRefused(
                    BrandRefusal.ALREADY_IN_INDUSTRY, brand=brand.name, industry=industry.value
                )
            await connection.execute(
                "UPDATE brands SET industry = ? WHERE id = ?", (industry.value, brand_id)
            )
            await insert_audit_entry(
                connection,
                AuditEntry(
                    guild_id=guild_id,
                    moderator_id=moderator_id,
                    action="brand_industry",
                    brand_id=brand_id,
                    reason=reason,
                    details={
                        "brand_name": brand.name,
                        "old": None if brand.industry is None else brand.industry.value,
                        "new": industry.value,
                    },
                    created_at=now,
                ),
            )
        return brand, brand.industry
