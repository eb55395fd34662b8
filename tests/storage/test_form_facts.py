"""What the story form reads before it opens comes from memory, and every change shows at once.

On both engines: the caches key on `Database.data_version` and on the posts this process
notes, so these tests fail if a write is missed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.clock import ManualClock
from bot.domain.brands import brand_key
from bot.domain.guild_settings import GuildSettings
from bot.domain.stories import StoryStatus
from bot.domain.submission import StoryKind, StorySubmission
from bot.domain.touchpoints import Touchpoint
from bot.errors import UserFacingError
from bot.services import form_facts
from bot.services.form_facts import TTL_SECONDS, FormFacts
from bot.services.stories import StoryService
from storage.sqlite import Storage, open_storage

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
GUILD = 77
BRAND = "Via Rail"


def submission(*touchpoints: Touchpoint, brand: str = BRAND) -> StorySubmission:
    return StorySubmission(
        kind=StoryKind.GREAT,
        brand=brand,
        headline="The crew kept us informed",
        body="The train was late but the crew kept everyone informed and fed.",
        rating=4,
        touchpoints=touchpoints,
    )


async def tell(storage: Storage, author: int, *touchpoints: Touchpoint, brand: str = BRAND) -> int:
    """A published story written straight to storage (as another service would)."""
    created = await storage.stories.create(
        guild_id=GUILD,
        author_id=author,
        submission=submission(*touchpoints, brand=brand),
        brand_key=brand_key(brand),
        status=StoryStatus.PUBLISHED,
        interaction_id=author * 1000 + len(touchpoints),
        now=NOW,
    )
    return created.story.brand_id


class CountingReads:
    """Counts the storage reads the form's facts make (the point is to make none)."""

    def __init__(self, storage: Storage) -> None:
        self.reads = 0
        for repo, names in (
            (storage.brands, ("find", "touchpoint_history")),
            (storage.stories, ("recent_posters", "posting_times")),
        ):
            for name in names:
                setattr(repo, name, self._counted(getattr(repo, name)))

    def _counted(self, read: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        async def counted(*args: Any, **kwargs: Any) -> Any:
            self.reads += 1
            return await read(*args, **kwargs)

        return counted


async def test_the_data_version_is_odd_during_a_write_and_moves_after_it(
    storage: Storage,
) -> None:
    before = storage.database.data_version
    assert before % 2 == 0
    async with storage.database.transaction():
        assert storage.database.data_version % 2 == 1
    after = storage.database.data_version
    assert after % 2 == 0
    assert after != before
    await storage.brands.find(GUILD, brand_key(BRAND))  # reads leave it alone
    assert storage.database.data_version == after


async def test_usual_touchpoints_are_read_once_then_from_memory(storage: Storage) -> None:
    await tell(storage, 1, Touchpoint.DELIVERY, Touchpoint.SERVICE)
    await tell(storage, 2, Touchpoint.DELIVERY)
    await tell(storage, 3, Touchpoint.DELIVERY)
    facts = FormFacts(storage, lambda: NOW)
    counter = CountingReads(storage)
    for _ in range(5):
        assert await facts.usual_touchpoints(GUILD, BRAND) == [Touchpoint.DELIVERY]
        assert await facts.usual_touchpoints(GUILD, "via rail") == [Touchpoint.DELIVERY]
    assert counter.reads == 2  # find + totals, once
    assert await facts.usual_touchpoints(GUILD, "Unknown Brand") == []


async def test_a_new_story_changes_the_preselection_at_once(storage: Storage) -> None:
    await tell(storage, 1, Touchpoint.DELIVERY)
    await tell(storage, 2, Touchpoint.DELIVERY)
    facts = FormFacts(storage, lambda: NOW)
    assert await facts.usual_touchpoints(GUILD, BRAND) == [Touchpoint.DELIVERY]
    await tell(storage, 3, Touchpoint.BILLING)
    await tell(storage, 4, Touchpoint.BILLING)
    await tell(storage, 5, Touchpoint.BILLING)
    assert await facts.usual_touchpoints(GUILD, BRAND) == [Touchpoint.BILLING]


async def test_forget_me_and_a_merge_change_the_preselection_at_once(storage: Storage) -> None:
    await tell(storage, 1, Touchpoint.DELIVERY)
    await tell(storage, 2, Touchpoint.DELIVERY)
    other = await tell(storage, 3, Touchpoint.BILLING, brand="VIA")
    await tell(storage, 4, Touchpoint.BILLING, brand="VIA")
    facts = FormFacts(storage, lambda: NOW)
    assert await facts.usual_touchpoints(GUILD, BRAND) == [Touchpoint.DELIVERY]

    await storage.members.forget(1)
    await storage.members.forget(2)
    assert await facts.usual_touchpoints(GUILD, BRAND) == []  # no stories left

    via_rail = await tell(storage, 5, Touchpoint.SERVICE)
    assert await facts.usual_touchpoints(GUILD, BRAND) == []  # one story: too few
    await storage.brand_merges.merge(
        guild_id=GUILD,
        from_brand_id=other,
        into_brand_id=via_rail,
        moderator_id=9,
        reason=None,
        now=NOW,
    )
    assert await facts.usual_touchpoints(GUILD, BRAND) == [Touchpoint.BILLING]


@pytest.mark.sqlite_only("a second storage on the same file stands for another process")
async def test_another_process_s_story_shows_after_the_ttl(storage: Storage) -> None:
    ticks = [0.0]
    facts = FormFacts(storage, lambda: NOW, monotonic=lambda: ticks[0])
    await tell(storage, 1, Touchpoint.DELIVERY)
    await tell(storage, 2, Touchpoint.DELIVERY)
    assert await facts.usual_touchpoints(GUILD, BRAND) == [Touchpoint.DELIVERY]
    other = await open_storage(storage.database.path)
    try:
        for author in (3, 4, 5):
            await tell(other, author, Touchpoint.BILLING)
    finally:
        await other.close()
    assert await facts.usual_touchpoints(GUILD, BRAND) == [Touchpoint.DELIVERY]  # unseen
    ticks[0] += TTL_SECONDS + 1
    assert await facts.usual_touchpoints(GUILD, BRAND) == [Touchpoint.BILLING]


async def test_a_member_who_never_posted_opens_the_form_without_a_read(
    storage: Storage,
) -> None:
    await storage.guild_settings.save(
        GuildSettings(guild_id=GUILD, cooldown_seconds=0, daily_cap=1), NOW
    )
    await tell(storage, 1, Touchpoint.DELIVERY)  # member 1 posted today
    stories = StoryService(storage, lambda: NOW)
    counter = CountingReads(storage)
    for member in range(2, 50):
        await stories.ensure_can_post(GUILD, member)
    assert counter.reads == 1  # the server's recent posters, once
    with pytest.raises(UserFacingError):
        await stories.ensure_can_post(GUILD, 1)  # read as before: over the cap
    assert counter.reads == 2


async def test_a_post_made_through_the_service_counts_at_once(storage: Storage) -> None:
    await storage.guild_settings.save(
        GuildSettings(guild_id=GUILD, cooldown_seconds=0, daily_cap=1), NOW
    )
    clock = ManualClock(NOW)
    stories = StoryService(storage, clock)
    await stories.ensure_can_post(GUILD, 5)  # the posters are in memory now, 5 not among them
    await stories.submit(
        guild_id=GUILD, author_id=5, submission=submission(Touchpoint.SERVICE), interaction_id=55
    )
    with pytest.raises(UserFacingError):
        await stories.ensure_can_post(GUILD, 5)  # the daily cap of 1 is reached
    clock.advance(days=1, seconds=1)
    await stories.ensure_can_post(GUILD, 5)  # a day later: allowed again


async def test_another_process_s_post_counts_after_the_ttl(storage: Storage) -> None:
    await storage.guild_settings.save(
        GuildSettings(guild_id=GUILD, cooldown_seconds=0, daily_cap=1), NOW
    )
    ticks = [0.0]
    stories = StoryService(storage, lambda: NOW, monotonic=lambda: ticks[0])
    await stories.ensure_can_post(GUILD, 6)
    await tell(storage, 6, Touchpoint.SERVICE)  # not through this process's service
    ticks[0] += TTL_SECONDS + 1
    with pytest.raises(UserFacingError):
        await stories.ensure_can_post(GUILD, 6)


async def test_the_posters_kept_are_bounded_across_servers(
    storage: Storage, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(form_facts, "MAX_POSTERS", 3)
    facts = FormFacts(storage, lambda: NOW)
    for server, posters in ((1, (11, 12)), (2, (21, 22)), (3, (31, 32, 33, 34))):
        for author in posters:
            await storage.stories.create(
                guild_id=server,
                author_id=author,
                submission=submission(Touchpoint.SERVICE),
                brand_key=brand_key(BRAND),
                status=StoryStatus.PUBLISHED,
                interaction_id=author,
                now=NOW,
            )
    assert await facts.may_have_posted(1, 11)
    assert await facts.may_have_posted(2, 21)
    assert facts.posters_kept() == 2  # server 1 went to make room for server 2
    assert await facts.may_have_posted(3, 99)  # too many to keep: "maybe", so it reads
    assert facts.posters_kept() <= 3
