"""Brands: lookups, upkeep (rename, aliases, industries) and merges."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.domain.brands import BrandCandidate, Industry
from bot.domain.stories import Brand, BrandStats
from bot.domain.touchpoints import Touchpoint
from storage.records import (
    BrandMerge,
    MergeResult,
    RenameResult,
    UnmergeResult,
)


class BrandRepository(Protocol):
    async def get(self, brand_id: int) -> Brand | None: ...

    async def find(self, guild_id: int, key: str) -> Brand | None: ...

    async def candidates(self, guild_id: int) -> list[BrandCandidate]: ...

    async def set_industry(self, brand_id: int, industry: Industry) -> None: ...

    async def stats(
        self,
        brand_id: int,
        now: datetime,
        recent: int = 3,
        *,
        published: tuple[datetime, datetime] | None = None,
    ) -> BrandStats | None: ...

    async def touchpoint_history(self, brand_id: int) -> tuple[int, dict[Touchpoint, int]]:
        """The brand's published stories, and how many were about each touchpoint."""
        ...


class BrandUpkeepRepository(Protocol):
    """Moderators' changes to brands, each stored with its audit entry, all-or-nothing."""

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
    ) -> RenameResult: ...

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
    ) -> Brand: ...

    async def remove_alias(
        self,
        *,
        guild_id: int,
        brand_id: int,
        alias_key: str,
        moderator_id: int,
        reason: str | None,
        now: datetime,
    ) -> tuple[Brand, str]: ...

    async def aliases(self, brand_id: int) -> list[str]: ...

    async def set_industry(
        self,
        *,
        guild_id: int,
        brand_id: int,
        industry: Industry,
        moderator_id: int,
        reason: str | None,
        now: datetime,
    ) -> tuple[Brand, Industry | None]: ...


class BrandMergeRepository(Protocol):
    """Merging one brand into another and undoing it, with its audit entry, all-or-nothing."""

    async def merge(
        self,
        *,
        guild_id: int,
        from_brand_id: int,
        into_brand_id: int,
        moderator_id: int,
        reason: str | None,
        now: datetime,
    ) -> MergeResult: ...

    async def unmerge(
        self, *, guild_id: int, merge_id: int, moderator_id: int, reason: str | None, now: datetime
    ) -> UnmergeResult: ...

    async def merges(
        self, guild_id: int, *, active_only: bool = True, limit: int = 25
    ) -> list[BrandMerge]: ...

    async def get_merge(self, guild_id: int, merge_id: int) -> BrandMerge | None: ...

    async def merge_of_name(self, guild_id: int, key: str) -> BrandMerge | None: ...
