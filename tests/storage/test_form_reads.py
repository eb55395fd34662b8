"""What the story form reads before it opens: one statement each, on both engines."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.brands import brand_key
from bot.domain.stories import StoryStatus
from bot.domain.submission import StoryKind, StorySubmission
from bot.domain.touchpoints import Touchpoint
from storage.sqlite import Storage

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
GUILD = 77


async def tell(
    storage: Storage, interaction: int, touchpoints: tuple[Touchpoint, ...], status: StoryStatus
) -> int:
    created = await storage.stories.create(
        guild_id=GUILD,
        author_id=interaction,
        submission=StorySubmission(
            kind=StoryKind.GREAT,
            brand="Via Rail",
            headline=f"Story {interaction}",
            body="The train was late but the crew kept everyone informed and fed.",
            rating=4,
            touchpoints=touchpoints,
        ),
        brand_key=brand_key("Via Rail"),
        status=status,
        interaction_id=interaction,
        now=NOW,
    )
    return created.story.brand_id


async def test_a_brand_is_found_by_its_name_or_an_alias(storage: Storage) -> None:
    brand_id = await tell(storage, 1, (Touchpoint.DELIVERY,), StoryStatus.PUBLISHED)
    await storage.brand_upkeep.add_alias(
        guild_id=GUILD,
        brand_id=brand_id,
        alias="VIA",
        alias_key=brand_key("VIA"),
        moderator_id=9,
        reason=None,
        now=NOW,
    )
    for name in ("Via Rail", "VIA"):
        found = await storage.brands.find(GUILD, brand_key(name))
        assert found is not None
        assert (found.id, found.name, found.story_count) == (brand_id, "Via Rail", 1)
    assert await storage.brands.find(GUILD, brand_key("Rogers")) is None
    assert await storage.brands.find(GUILD + 1, brand_key("Via Rail")) is None


async def test_touchpoint_history_counts_published_stories_only(storage: Storage) -> None:
    brand_id = await tell(
        storage, 1, (Touchpoint.DELIVERY, Touchpoint.SERVICE), StoryStatus.PUBLISHED
    )
    await tell(storage, 2, (Touchpoint.DELIVERY,), StoryStatus.PUBLISHED)
    await tell(storage, 3, (Touchpoint.BILLING,), StoryStatus.DRAFT)  # not counted
    assert await storage.brands.touchpoint_history(brand_id) == (
        2,
        {Touchpoint.DELIVERY: 2, Touchpoint.SERVICE: 1},
    )
    assert await storage.brands.touchpoint_history(brand_id + 1000) == (0, {})
