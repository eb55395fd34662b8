"""Brand upkeep in storage: merge/unmerge exactness, tombstones, races with new stories."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime

from bot.domain.brands import Industry, brand_key
from bot.domain.stories import StoryStatus
from bot.domain.submission import StorySubmission
from storage.sqlite import Storage
from tests.refusals import refused_with

GUILD = 1
MOD = 7
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
_ids = itertools.count(1000)


async def story(storage: Storage, brand: str, author: int = 50) -> int:
    submission = StorySubmission.model_validate(
        {
            "kind": "great",
            "brand": brand,
            "headline": "Good service",
            "body": "Long enough to be a real story about what happened that day.",
            "rating": 5,
            "touchpoints": ["service"],
        }
    )
    created = await storage.stories.create(
        guild_id=GUILD,
        author_id=author,
        submission=submission,
        brand_key=brand_key(brand),
        status=StoryStatus.PUBLISHED,
        interaction_id=next(_ids),
        now=NOW,
    )
    return created.story.id


async def brand_id(storage: Storage, name: str) -> int:
    found = await storage.brands.find(GUILD, brand_key(name))
    assert found is not None, name
    return found.id


async def brand_of(storage: Storage, story_id: int) -> str:
    found = await storage.stories.get(story_id)
    assert found is not None
    return found.brand_name


async def rows(storage: Storage, sql: str, *params: object) -> list[tuple[object, ...]]:
    """Rows read through the storage's own database (either engine)."""
    return [tuple(r) for r in await storage.database.fetch_all(sql, params)]


async def merge(storage: Storage, source: str, target: str) -> int:
    result = await storage.brand_merges.merge(
        guild_id=GUILD,
        from_brand_id=await brand_id(storage, source),
        into_brand_id=await brand_id(storage, target),
        moderator_id=MOD,
        reason="same company",
        now=NOW,
    )
    return result.merge_id


async def unmerge(storage: Storage, merge_id: int) -> tuple[int, ...]:
    result = await storage.brand_merges.unmerge(
        guild_id=GUILD, merge_id=merge_id, moderator_id=MOD, reason=None, now=NOW
    )
    return result.story_ids


async def test_merge_moves_stories_and_names_then_unmerge_restores_them(storage: Storage) -> None:
    a1, a2 = await story(storage, "Air Canda"), await story(storage, "Air Canda")
    b1 = await story(storage, "Air Canada")
    old_a = await brand_id(storage, "Air Canda")
    await storage.brand_upkeep.add_alias(
        guild_id=GUILD,
        brand_id=old_a,
        alias="AirCan",
        alias_key=brand_key("AirCan"),
        moderator_id=MOD,
        reason=None,
        now=NOW,
    )
    merge_id = await merge(storage, "Air Canda", "Air Canada")

    assert [await brand_of(storage, s) for s in (a1, a2, b1)] == ["Air Canada"] * 3
    for spelling in ("Air Canda", "aircan", "AIR CANADA"):
        assert await brand_id(storage, spelling) == await brand_id(storage, "Air Canada")
    names = {c.name for c in await storage.brands.candidates(GUILD)}
    assert names == {"Air Canada"}, "the merged brand is no longer offered"
    assert sorted(await rows(storage, "SELECT story_id FROM brand_merge_stories")) == [(a1,), (a2,)]

    b2 = await story(storage, "Air Canda")  # typed A's name after the merge: lands on B
    assert await brand_of(storage, b2) == "Air Canada"

    moved_back = await unmerge(storage, merge_id)
    assert moved_back == (a1, a2)
    assert await brand_id(storage, "Air Canda") == old_a, "restored under its own id"
    assert await brand_id(storage, "AirCan") == old_a, "its alias came back"
    assert [await brand_of(storage, s) for s in (a1, a2)] == ["Air Canda"] * 2
    assert [await brand_of(storage, s) for s in (b1, b2)] == ["Air Canada"] * 2
    assert await storage.brand_upkeep.aliases(await brand_id(storage, "Air Canada")) == []

    with refused_with("already undone"):
        await unmerge(storage, merge_id)
    actions = await rows(storage, "SELECT action, brand_id, reason FROM audit_log ORDER BY id")
    assert actions == [
        ("brand_alias_add", old_a, None),
        ("brand_merge", await brand_id(storage, "Air Canada"), "same company"),
        ("brand_unmerge", old_a, None),
    ]


async def test_a_merged_brand_id_is_never_reused_and_resolves_to_its_survivor(
    storage: Storage,
) -> None:
    await story(storage, "Rogers")
    draft = await story(storage, "Rogres")
    await story(storage, "Telus")  # the highest id: a deleted row's id would be handed out again
    telus = await brand_id(storage, "Telus")
    await merge(storage, "Telus", "Rogers")
    fresh = await story(storage, "Bell")
    assert await brand_id(storage, "Bell") != telus

    moved = await storage.stories.move_to_brand(draft, telus)  # a stale "Did you mean Telus?"
    assert moved is not None
    assert moved.brand_name == "Rogers"
    assert await rows(storage, "SELECT count(*) FROM brands WHERE name = 'Rogres'") == [(0,)]
    assert await brand_of(storage, fresh) == "Bell"


async def test_merge_chains_resolve_and_unmerge_in_reverse_order(storage: Storage) -> None:
    s = await story(storage, "Alpha")
    await story(storage, "Bravo")
    await story(storage, "Charlie")
    alpha = await brand_id(storage, "Alpha")
    first = await merge(storage, "Alpha", "Bravo")
    second = await merge(storage, "Bravo", "Charlie")
    assert await brand_of(storage, s) == "Charlie"
    draft = await story(storage, "Delta")
    moved = await storage.stories.move_to_brand(draft, alpha)
    assert moved is not None
    assert moved.brand_name == "Charlie"

    with refused_with(f"merge #{second}"):
        await unmerge(storage, first)
    await unmerge(storage, second)
    assert await brand_of(storage, s) == "Bravo"
    await unmerge(storage, first)
    assert await brand_of(storage, s) == "Alpha"


async def test_unmerge_refuses_when_the_old_name_was_taken_meanwhile(storage: Storage) -> None:
    await story(storage, "Fido")
    await story(storage, "Rogers")
    merge_id = await merge(storage, "Fido", "Rogers")
    rogers = await brand_id(storage, "Rogers")
    await storage.brand_upkeep.remove_alias(
        guild_id=GUILD,
        brand_id=rogers,
        alias_key=brand_key("Fido"),
        moderator_id=MOD,
        reason=None,
        now=NOW,
    )
    await story(storage, "FIDO")  # a new brand with the freed name
    with refused_with("now belongs to"):
        await unmerge(storage, merge_id)
    assert await rows(storage, "SELECT undone_at FROM brand_merges") == [(None,)]


async def test_unmerge_counts_stories_deleted_since(storage: Storage) -> None:
    kept, gone = await story(storage, "Koodo"), await story(storage, "Koodo")
    await story(storage, "Telus")
    merge_id = await merge(storage, "Koodo", "Telus")
    await storage.stories.delete(gone)
    result = await storage.brand_merges.unmerge(
        guild_id=GUILD, merge_id=merge_id, moderator_id=MOD, reason=None, now=NOW
    )
    assert result.story_ids == (kept,)
    assert result.kept_on_into == 0, "a deleted story's record went with it"


async def test_merging_into_itself_or_a_gone_brand_changes_nothing(storage: Storage) -> None:
    await story(storage, "Bell")
    bell = await brand_id(storage, "Bell")
    with refused_with("into itself"):
        await storage.brand_merges.merge(
            guild_id=GUILD,
            from_brand_id=bell,
            into_brand_id=bell,
            moderator_id=MOD,
            reason=None,
            now=NOW,
        )
    with refused_with("no longer exists"):
        await storage.brand_merges.merge(
            guild_id=GUILD,
            from_brand_id=bell,
            into_brand_id=bell + 99,
            moderator_id=MOD,
            reason=None,
            now=NOW,
        )
    await story(storage, "Rogers")
    with refused_with("no longer exists"):  # another server's brands
        await storage.brand_merges.merge(
            guild_id=GUILD + 1,
            from_brand_id=bell,
            into_brand_id=await brand_id(storage, "Rogers"),
            moderator_id=MOD,
            reason=None,
            now=NOW,
        )
    assert await rows(storage, "SELECT count(*) FROM brand_merges") == [(0,)]
    assert await rows(storage, "SELECT count(*) FROM audit_log") == [(0,)]


async def test_stories_racing_a_merge_end_on_the_survivor(storage: Storage) -> None:
    await story(storage, "Virgin")
    await story(storage, "Virgin Atlantic")
    virgin = await brand_id(storage, "Virgin")

    async def merge_now() -> int:
        return await merge(storage, "Virgin", "Virgin Atlantic")

    results = await asyncio.gather(
        *(story(storage, "Virgin", author=n) for n in range(10)),
        merge_now(),
        *(story(storage, "Virgin", author=n) for n in range(10, 20)),
    )
    assert isinstance(results[10], int)
    assert await rows(storage, "SELECT count(*) FROM stories WHERE brand_id = ?", virgin) == [(0,)]
    assert await rows(storage, "SELECT count(DISTINCT brand_id) FROM stories") == [(1,)]
    # No story points at a brand that is gone (SQLite: PRAGMA foreign_key_check's case).
    assert await rows(
        storage,
        "SELECT count(*) FROM stories s WHERE NOT EXISTS "
        "(SELECT 1 FROM brands b WHERE b.id = s.brand_id)",
    ) == [(0,)]


async def test_rename_keeps_the_old_name_and_refuses_another_brands_name(
    storage: Storage,
) -> None:
    await story(storage, "Rogers")
    await story(storage, "Bell")
    bell = await brand_id(storage, "Bell")
    await storage.brand_upkeep.add_alias(
        guild_id=GUILD,
        brand_id=bell,
        alias="Bell Canada",
        alias_key=brand_key("Bell Canada"),
        moderator_id=MOD,
        reason=None,
        now=NOW,
    )
    rogers = await brand_id(storage, "Rogers")
    for taken in ("bell", "Bell Canada"):
        with refused_with("merge them"):
            await storage.brand_upkeep.rename(
                guild_id=GUILD,
                brand_id=rogers,
                new_name=taken,
                new_key=brand_key(taken),
                moderator_id=MOD,
                reason=None,
                now=NOW,
            )
    result = await storage.brand_upkeep.rename(
        guild_id=GUILD,
        brand_id=bell,
        new_name="Bell Canada",  # its own alias becomes its name
        new_key=brand_key("Bell Canada"),
        moderator_id=MOD,
        reason=None,
        now=NOW,
    )
    assert result.after.name == "Bell Canada"
    assert await storage.brand_upkeep.aliases(bell) == ["Bell"]
    assert await brand_id(storage, "bell") == bell


async def test_industry_answer_after_a_merge_does_not_override_the_survivor(
    storage: Storage,
) -> None:
    """The follow-up asked for a new brand's industry; a moderator merged it meanwhile."""
    from bot.services.stories import StoryService

    service = StoryService(storage, lambda: NOW)
    draft_id = await story(storage, "Zeppelin Air")
    draft = await storage.stories.get(draft_id)
    assert draft is not None
    await story(storage, "Air Canada")
    canada = await brand_id(storage, "Air Canada")
    await storage.brand_upkeep.set_industry(
        guild_id=GUILD,
        brand_id=canada,
        industry=Industry.TELECOM,
        moderator_id=MOD,
        reason=None,
        now=NOW,
    )
    await merge(storage, "Zeppelin Air", "Air Canada")
    await service.set_industry(draft, Industry.AIRLINE)  # the view still holds the old story
    survivor = await storage.brands.get(canada)
    assert survivor is not None
    assert survivor.industry is Industry.TELECOM
    tombstone = await storage.brands.get(draft.brand_id)
    assert tombstone is not None
    assert tombstone.industry is None


async def test_aliases_are_listed_whatever_their_ascii_case(storage: Storage) -> None:
    """ASCII letters compare case-blind; anything else by code point, on both engines."""
    await story(storage, "Bell")
    bell = await brand_id(storage, "Bell")
    for alias in ("zeta", "Éclair", "beta", "Alpha", "Beta Max"):
        await storage.brand_upkeep.add_alias(
            guild_id=GUILD,
            brand_id=bell,
            alias=alias,
            alias_key=brand_key(alias),
            moderator_id=MOD,
            reason=None,
            now=NOW,
        )
    assert await storage.brand_upkeep.aliases(bell) == [
        "Alpha",
        "beta",
        "Beta Max",
        "zeta",
        "Éclair",
    ]
