import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.brands import brand_key
from bot.domain.stories import StoryStatus
from bot.domain.submission import StoryKind, StorySubmission
from bot.domain.touchpoints import Touchpoint
from storage.sqlite import Storage

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
GUILD = 111


def submission(brand: str = "Air Canada", **changes: object) -> StorySubmission:
    values: dict[str, object] = {
        "kind": StoryKind.DISASTER,
        "brand": brand,
        "headline": "Lost my bag twice",
        "body": "They lost my bag on the way out and again on the way back home.",
        "rating": 1,
        "touchpoints": (Touchpoint.SERVICE, Touchpoint.DELIVERY),
        "product": "Flight YUL-CDG",
        "anonymous": False,
    }
    values.update(changes)
    return StorySubmission.model_validate(values)


async def create(storage: Storage, brand: str = "Air Canada", interaction: int = 1, **kw: object):
    return await storage.stories.create(
        guild_id=GUILD,
        author_id=int(kw.pop("author", 500)),  # type: ignore[call-overload]
        submission=submission(brand, **kw),
        brand_key=brand_key(brand),
        status=StoryStatus.PUBLISHED,
        interaction_id=interaction,
        now=NOW,
    )


async def test_first_story_creates_its_brand_and_reads_back_whole(storage: Storage) -> None:
    created = await create(storage)
    assert created.is_new_story
    assert created.is_new_brand
    story = created.story
    assert story.brand_name == "Air Canada"
    assert story.touchpoints == (Touchpoint.DELIVERY, Touchpoint.SERVICE)
    assert story.status is StoryStatus.PUBLISHED
    assert story.created_at == NOW
    assert story.published_at == NOW


async def test_other_spellings_land_on_the_same_brand(storage: Storage) -> None:
    first = await create(storage, "Air Canada", 1)
    second = await create(storage, "the AIR-CANADA", 2)
    assert not second.is_new_brand
    assert second.story.brand_id == first.story.brand_id
    assert second.story.brand_name == "Air Canada"


async def test_same_interaction_twice_stores_one_story(storage: Storage) -> None:
    first = await create(storage, interaction=77)
    again = await create(storage, interaction=77)
    assert not again.is_new_story
    assert again.story.id == first.story.id
    _, total = await storage.stories.by_author(GUILD, 500)
    assert total == 1


async def test_moving_a_story_drops_the_brand_it_leaves_empty(storage: Storage) -> None:
    real = await create(storage, "Air Canada", 1)
    typo = await create(storage, "Air Canda", 2)
    assert typo.is_new_brand
    moved = await storage.stories.move_to_brand(typo.story.id, real.story.brand_id)
    assert moved is not None
    assert moved.brand_name == "Air Canada"
    assert await storage.brands.get(typo.story.brand_id) is None
    assert [c.name for c in await storage.brands.candidates(GUILD)] == ["Air Canada"]


async def test_votes_toggle_and_reports_count_once_per_reader(storage: Storage) -> None:
    story = (await create(storage)).story
    assert await storage.stories.toggle_vote(story.id, 1, NOW) == (True, 1)
    assert await storage.stories.toggle_vote(story.id, 2, NOW) == (True, 2)
    assert await storage.stories.toggle_vote(story.id, 1, NOW) == (False, 1)
    assert await storage.stories.add_report(story.id, 3, "spam", NOW) == (True, 1)
    assert await storage.stories.add_report(story.id, 3, "spam again", NOW) == (False, 1)
    assert await storage.stories.add_report(story.id, 4, "rude", NOW) == (True, 2)
    reread = await storage.stories.get(story.id)
    assert reread is not None
    assert reread.relatable_count == 1


async def test_update_and_stale_drafts(storage: Storage) -> None:
    created = await storage.stories.create(
        guild_id=GUILD,
        author_id=9,
        submission=submission(),
        brand_key=brand_key("Air Canada"),
        status=StoryStatus.DRAFT,
        interaction_id=5,
        now=NOW,
    )
    assert [s.id for s in await storage.stories.drafts_created_before(NOW)] == []
    later = NOW + timedelta(minutes=20)
    assert [s.id for s in await storage.stories.drafts_created_before(later)] == [created.story.id]
    updated = await storage.stories.update(
        created.story.id, recommend=3, status=StoryStatus.PUBLISHED, published_at=later
    )
    assert updated is not None
    assert updated.recommend == 3
    assert updated.published_at == later
    assert await storage.stories.drafts_created_before(later) == []


async def test_brand_stats(storage: Storage) -> None:
    await create(storage, "Air Canada", 1, rating=1)
    await create(storage, "Air Canada", 2, rating=5, kind=StoryKind.GREAT)
    brand = await storage.brands.find(GUILD, brand_key("air canada"))
    assert brand is not None
    stats = await storage.brands.stats(brand.id, NOW)
    assert stats is not None
    assert (stats.story_count, stats.great_count, stats.disaster_count) == (2, 1, 1)
    assert stats.mean_rating == 3.0
    assert stats.touchpoint_ratings[Touchpoint.SERVICE] == (2, 3.0)
    assert len(stats.recent) == 2


@pytest.mark.sqlite_only("reads the SQLite file's bytes")
async def test_forget_me_leaves_no_trace_in_the_file(storage: Storage, tmp_path: Path) -> None:
    secret = "Zanzibar-unique-marker-1234 happened at the counter"
    mine = await create(storage, "Air Canada", 1, author=42, body=secret * 2)
    other = await create(storage, "Air Canada", 2, author=43)
    await storage.stories.toggle_vote(other.story.id, 42, NOW)
    await storage.stories.add_report(other.story.id, 42, "Quokka-report-marker", NOW)
    exported = await storage.members.export(42)
    assert [s["id"] for s in exported["stories"]] == [mine.story.id]
    assert len(exported["relatable_votes"]) == 1
    assert exported["reports"][0]["reason"] == "Quokka-report-marker"

    counts = await storage.members.forget(42)
    assert counts == {"votes": 1, "reports": 1, "notices": 0, "stories": 1}
    assert await storage.stories.get(mine.story.id) is None
    assert await storage.stories.get(other.story.id) is not None
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("bot.db*"))
    assert b"Zanzibar-unique-marker" not in raw
    assert b"Quokka-report-marker" not in raw
    with sqlite3.connect(tmp_path / "bot.db") as connection:
        assert connection.execute("SELECT count(*) FROM stories").fetchone() == (1,)
