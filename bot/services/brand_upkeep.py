"""Brand upkeep for moderators, without Discord: what a typed name means, what may change.

Names typed into the commands are resolved here (by key, so aliases work too) and
validated with `bot.domain.brands`; the storage layer then applies each change in one
transaction with its audit entry. The exact merge/unmerge semantics are documented in
`storage/repositories/brand_merges.py`.
"""

from __future__ import annotations

import asyncio
import re

from bot.clock import Clock
from bot.domain.brand_refusals import BrandChangeRefused, BrandRefusal
from bot.domain.brands import (
    DuplicatePair,
    Industry,
    brand_key,
    brand_name_problem,
    display_name,
    duplicate_pairs,
    similar_brands,
)
from bot.domain.markdown import escape_markdown, truncate
from bot.domain.stories import Brand
from bot.domain.text import clean_text
from bot.errors import UserFacingError
from storage.records import BrandMerge, MergeResult, RenameResult, UnmergeResult
from storage.sqlite import Storage

REASON_MAX = 300
_NAME_IN_TEXT = 80
_MERGE_REF = re.compile(r"^#?\s*(\d{1,18})$")


def shown(name: str) -> str:
    """A brand name inside a reply: bold, escaped, shortened."""
    return "**" + escape_markdown(truncate(name, _NAME_IN_TEXT)) + "**"


def clean_reason(reason: str | None) -> str | None:
    """A moderator's reason as stored: one trimmed line, None if nothing visible."""
    if reason is None:
        return None
    text = clean_text(reason, multiline=False)
    if not text:
        return None
    if len(text) > REASON_MAX:
        raise UserFacingError(
            f"Keep the reason under {REASON_MAX} characters (it has {len(text)}). "
            "Nothing was changed."
        )
    return text


def _valid_name(typed: str, what: str) -> tuple[str, str]:
    """(display name, key) of a new name or alias, or UserFacingError saying what to fix."""
    problem = brand_name_problem(typed)
    if problem is not None:
        raise UserFacingError.of("brand-name-refused", problem=problem)
    name = display_name(typed)
    key = brand_key(name)
    if not key:
        raise UserFacingError(
            f"The {what} needs at least one letter or digit. Nothing was changed."
        )
    return name, key


class BrandUpkeepService:
    def __init__(self, storage: Storage, clock: Clock) -> None:
        self._storage = storage
        self._clock = clock

    async def find_brand(self, guild_id: int, typed: str) -> Brand:
        """The server's brand that answers to `typed` (name or alias), or a helpful error."""
        key = brand_key(typed)
        if not key:
            raise UserFacingError("Type a brand name with at least one letter or digit.")
        brand = await self._storage.brands.find(guild_id, key)
        if brand is not None:
            return brand
        candidates = await self._storage.brands.candidates(guild_id)
        suggestions = similar_brands(typed, candidates, limit=3)
        message = f"I don't know a brand called {shown(display_name(typed) or typed)} here."
        if suggestions:
            names = " or ".join(shown(m.name) for m in suggestions)
            message += f" Did you mean {names}?"
        raise UserFacingError(message + " Pick one from the list as you type. Nothing was changed.")

    async def merge(
        self, *, guild_id: int, moderator_id: int, source: str, target: str, reason: str | None
    ) -> MergeResult:
        merged = await self.find_brand(guild_id, source)
        into = await self.find_brand(guild_id, target)
        if merged.id == into.id:
            raise BrandChangeRefused(
                BrandRefusal.ALREADY_ONE_BRAND, source=source, target=target, brand=into.name
            )
        return await self._storage.brand_merges.merge(
            guild_id=guild_id,
            from_brand_id=merged.id,
            into_brand_id=into.id,
            moderator_id=moderator_id,
            reason=clean_reason(reason),
            now=self._clock(),
        )

    async def find_merge(self, guild_id: int, reference: str) -> BrandMerge:
        """A merge named by its number ("12", "#12") or by the merged brand's old name."""
        typed = reference.strip()
        number = _MERGE_REF.match(typed)
        merge: BrandMerge | None
        if number is not None:
            merge = await self._storage.brand_merges.get_merge(guild_id, int(number.group(1)))
            if merge is None:
                raise BrandChangeRefused(BrandRefusal.NO_SUCH_MERGE, merge=int(number.group(1)))
            return merge
        key = brand_key(typed)
        merge = await self._storage.brand_merges.merge_of_name(guild_id, key) if key else None
        if merge is None:
            raise BrandChangeRefused(BrandRefusal.NO_MERGE_FOR_NAME, name=typed)
        return merge

    async def unmerge(
        self, *, guild_id: int, moderator_id: int, reference: str, reason: str | None
    ) -> UnmergeResult:
        merge = await self.find_merge(guild_id, reference)
        return await self._storage.brand_merges.unmerge(
            guild_id=guild_id,
            merge_id=merge.id,
            moderator_id=moderator_id,
            reason=clean_reason(reason),
            now=self._clock(),
        )

    async def rename(
        self, *, guild_id: int, moderator_id: int, brand: str, new_name: str, reason: str | None
    ) -> RenameResult:
        found = await self.find_brand(guild_id, brand)
        name, key = _valid_name(new_name, "brand name")
        return await self._storage.brand_upkeep.rename(
            guild_id=guild_id,
            brand_id=found.id,
            new_name=name,
            new_key=key,
            moderator_id=moderator_id,
            reason=clean_reason(reason),
            now=self._clock(),
        )

    async def add_alias(
        self, *, guild_id: int, moderator_id: int, brand: str, alias: str, reason: str | None
    ) -> tuple[Brand, str]:
        found = await self.find_brand(guild_id, brand)
        name, key = _valid_name(alias, "alias")
        stored = await self._storage.brand_upkeep.add_alias(
            guild_id=guild_id,
            brand_id=found.id,
            alias=name,
            alias_key=key,
            moderator_id=moderator_id,
            reason=clean_reason(reason),
            now=self._clock(),
        )
        return stored, name

    async def remove_alias(
        self, *, guild_id: int, moderator_id: int, brand: str, alias: str, reason: str | None
    ) -> tuple[Brand, str]:
        found = await self.find_brand(guild_id, brand)
        key = brand_key(alias)
        if not key:
            raise BrandChangeRefused(BrandRefusal.PICK_ALIAS)
        return await self._storage.brand_upkeep.remove_alias(
            guild_id=guild_id,
            brand_id=found.id,
            alias_key=key,
            moderator_id=moderator_id,
            reason=clean_reason(reason),
            now=self._clock(),
        )

    async def set_industry(
        self, *, guild_id: int, moderator_id: int, brand: str, industry: str, reason: str | None
    ) -> tuple[Brand, Industry | None, Industry]:
        try:
            chosen = Industry(industry)
        except ValueError:
            raise UserFacingError("Pick an industry from the list. Nothing was changed.") from None
        found = await self.find_brand(guild_id, brand)
        stored, previous = await self._storage.brand_upkeep.set_industry(
            guild_id=guild_id,
            brand_id=found.id,
            industry=chosen,
            moderator_id=moderator_id,
            reason=clean_reason(reason),
            now=self._clock(),
        )
        return stored, previous, chosen

    async def duplicates(self, guild_id: int) -> list[DuplicatePair]:
        """Likely duplicate brands, best first (computed off the event loop)."""
        candidates = await self._storage.brands.candidates(guild_id)
        return await asyncio.to_thread(duplicate_pairs, candidates)

    # --- autocomplete ----------------------------------------------------------------

    async def alias_choices(self, guild_id: int, brand: str, typed: str) -> list[str]:
        """The aliases of the brand already chosen in the command, filtered by `typed`."""
        key = brand_key(brand)
        found = await self._storage.brands.find(guild_id, key) if key else None
        if found is None:
            return []
        aliases = await self._storage.brand_upkeep.aliases(found.id)
        wanted = brand_key(typed)
        return [a for a in aliases if not wanted or wanted in brand_key(a)][:25]

    async def merge_choices(self, guild_id: int, typed: str) -> list[BrandMerge]:
        """Standing merges, newest first, matching the typed number or old name."""
        merges = await self._storage.brand_merges.merges(guild_id, limit=100)
        text = typed.strip().lstrip("#")
        if not text:
            return merges[:25]
        key = brand_key(text)
        return [
            m
            for m in merges
            if str(m.id).startswith(text)
            or (key and (key in brand_key(m.from_name) or key in brand_key(m.into_name or "")))
        ][:25]
