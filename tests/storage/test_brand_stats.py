"""What the brand card reads from storage: only published stories, the right window."""

from datetime import UTC, datetime, timedelta

from bot.domain.brands import brand_key
from bot.domain.stories import StoryStatus
from bot.domain.submission import StoryKind, StorySubmission
from bot.domain.touchpoints import Touchpoint
from storage.rows import to_epoch
from storage.sqlite import Storage

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
GUILD = 111
_interactions = iter(range(1, 10_000))


async def add(
    storage: Storage,
    brand: str,
    *,
    rating: int,
    status: StoryStatus = StoryStatus.PUBLISHED,
    at: datetime = NOW,
    guild: int = GUILD,
    kind: StoryKind = StoryKind.DISASTER,
    touchpoints: tuple[Touchpoint, ...] = (Touchpoint.SERVICE,),
    recommend: int | None = None,
    headline: str = "Lost my bag twice",
) -> int:
    submission = StorySubmission.model_validate(
        {
            "kind": kind,
            "brand": brand,
            "headline": headline,
            "body": "They lost my bag on the way out and again on the way back home.",
            "rating": rating,
            "touchpoints": touchpoints,
        }
    )
    created = await storage.stories.create(
        guild_id=guild,
        author_id=500,
        submission=submission,
        brand_key=brand_key(brand),
        status=status,
        interaction_id=next(_interactions),
        now=at,
    )
    if recommend is not None:
        await storage.stories.update(created.story.id, recommend=recommend)
    return created.story.id


async def brand_id(storage: Storage, name: str) -> int:
    brand = await storage.brands.find(GUILD, brand_key(name))
    assert brand is not None
    return brand.id


async def test_only_published_stories_count(storage: Storage) -> None:
    await add(storage, "Air Canada", rating=2, recommend=3, touchpoints=(Touchpoint.SERVICE,))
    await add(
        storage,
        "Air Canada",
        rating=5,
        kind=StoryKind.GREAT,
        recommend=10,
        touchpoints=(Touchpoint.SERVICE, Touchpoint.USING),
    )
    for status in (StoryStatus.PENDING, StoryStatus.HIDDEN, StoryStatus.DRAFT):
        await add(storage, "Air Canada", rating=1, status=status, recommend=0)
    stats = await storage.brands.stats(await brand_id(storage, "Air Canada"), NOW)
    assert stats is not None
    assert (stats.story_count, stats.great_count, stats.disaster_count) == (2, 1, 1)
    assert stats.mean_rating == 3.5
    assert sorted(stats.recommend_answers) == [3, 10]
    assert stats.touchpoint_ratings == {
        Touchpoint.SERVICE: (2, 3.5),
        Touchpoint.USING: (1, 5.0),
    }
    assert [s.status for s in stats.recent] == [StoryStatus.PUBLISHED] * 2
    assert stats.brand.story_count == 2


async def test_a_brand_with_nothing_published_has_empty_figures(storage: Storage) -> None:
    await add(storage, "Rogers", rating=1, status=StoryStatus.PENDING)
    stats = await storage.brands.stats(await brand_id(storage, "Rogers"), NOW)
    assert stats is not None
    assert (stats.story_count, stats.great_count, stats.disaster_count) == (0, 0, 0)
    assert stats.mean_rating is None
    assert stats.recommend_answers == ()
    assert stats.touchpoint_ratings == {}
    assert stats.recent == ()
    assert stats.server_mean_rating is None


async def test_server_mean_is_the_trailing_twelve_weeks_of_this_server(storage: Storage) -> None:
    await add(storage, "Air Canada", rating=5)
    await add(storage, "Rogers", rating=2, at=NOW - timedelta(weeks=12))  # boundary: in
    await add(storage, "Rogers", rating=1, at=NOW - timedelta(weeks=12, seconds=1))  # out
    await add(storage, "Telus", rating=1, status=StoryStatus.HIDDEN)  # not published
    await add(storage, "Air Canada", rating=1, guild=222)  # another server
    stats = await storage.brands.stats(await brand_id(storage, "Air Canada"), NOW)
    assert stats is not None
    assert stats.server_mean_rating == 3.5  # (5 + 2) / 2
    assert stats.story_count == 1


async def test_recent_are_the_three_newest_and_aliases_resolve(storage: Storage) -> None:
    for day in range(5):
        await add(
            storage, "Air Canada", rating=3, at=NOW - timedelta(days=day), headline=f"Day {day}"
        )
    air = await brand_id(storage, "Air Canada")
    async with storage.database.transaction() as connection:
        for alias in ("Air Kanada", "AC"):
            await connection.execute(
                "INSERT INTO brand_aliases (guild_id, alias_key, alias, brand_id, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (GUILD, brand_key(alias), alias, air, to_epoch(NOW)),
            )
    found = await storage.brands.find(GUILD, brand_key("air kanada"))
    assert found is not None
    assert found.id == air
    stats = await storage.brands.stats(air, NOW)
    assert stats is not None
    assert [s.headline for s in stats.recent] == ["Day 0", "Day 1", "Day 2"]
    assert stats.aliases == ("AC", "Air Kanada")
