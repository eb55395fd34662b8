"""The outbox's storage: promised with the change, coalesced, parked and released."""

from datetime import UTC, datetime

import pytest

from bot.domain.brands import brand_key
from bot.domain.guild_settings import GuildSettings
from bot.domain.stories import StoryStatus
from storage.records import DeliveryKind
from storage.sqlite import Storage
from tests.storage.test_story_repository import GUILD, submission

pytestmark = pytest.mark.sqlite_only(
    "deliveries are not yet ported to PostgreSQL (issue 10: their leases)"
)

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


async def draft(storage: Storage, interaction: int = 1) -> int:
    created = await storage.stories.create(
        guild_id=GUILD,
        author_id=500,
        submission=submission(),
        brand_key=brand_key("Air Canada"),
        status=StoryStatus.DRAFT,
        interaction_id=interaction,
        now=NOW,
    )
    return created.story.id


async def test_publishing_promises_the_post_in_the_same_step(storage: Storage) -> None:
    story_id = await draft(storage)
    assert await storage.deliveries.waiting() == []
    assert await storage.stories.leave_draft(story_id, StoryStatus.PUBLISHED, NOW)
    [post] = await storage.deliveries.waiting()
    assert (post.kind, post.story_id, post.guild_id) == (DeliveryKind.STORY_POST, story_id, GUILD)
    # Leaving the draft state twice promises nothing twice.
    assert not await storage.stories.leave_draft(story_id, StoryStatus.PUBLISHED, NOW)
    assert len(await storage.deliveries.waiting()) == 1


async def test_review_mode_promises_no_post(storage: Storage) -> None:
    story_id = await draft(storage)
    assert await storage.stories.leave_draft(story_id, StoryStatus.PENDING, None)
    assert await storage.deliveries.waiting() == []


async def test_edits_coalesce_and_a_stale_delivery_keeps_the_newer_one(storage: Storage) -> None:
    story_id = await draft(storage)
    first = await storage.deliveries.enqueue_story(DeliveryKind.POST_EDIT, GUILD, story_id, 1)
    rendering = await storage.deliveries.get(first)
    assert rendering is not None
    again = await storage.deliveries.enqueue_story(DeliveryKind.POST_EDIT, GUILD, story_id, 2)
    assert again == first  # one pending edit per post
    # The delivery that rendered the first state must not drop the second.
    assert not await storage.deliveries.complete(rendering)
    newer = await storage.deliveries.get(first)
    assert newer is not None
    assert newer.version == 2
    assert await storage.deliveries.complete(newer)
    assert await storage.deliveries.waiting() == []


async def test_a_breakdown_parks_posts_notes_once_and_saving_setup_releases(
    storage: Storage,
) -> None:
    ids = [await draft(storage, interaction=n) for n in (1, 2)]
    for story_id in ids:
        await storage.stories.leave_draft(story_id, StoryStatus.PUBLISHED, NOW)
    posts = (DeliveryKind.STORY_POST, DeliveryKind.POST_EDIT, DeliveryKind.POST_REMOVAL)
    await storage.deliveries.park(GUILD, posts, "no permission", note=True)
    await storage.deliveries.park(GUILD, posts, "no permission", note=True)
    waiting = await storage.deliveries.waiting()
    assert [d.kind for d in waiting] == [DeliveryKind.FAILURE_NOTE]  # one note, not two
    [parked] = await storage.deliveries.parked(GUILD)
    assert (parked.count, parked.reason) == (2, "no permission")

    await storage.guild_settings.save(GuildSettings(guild_id=GUILD), NOW)
    assert await storage.deliveries.parked(GUILD) == []
    released = [d for d in await storage.deliveries.waiting() if d.released]
    assert sorted(d.story_id for d in released if d.story_id) == ids


async def test_a_removal_outlives_its_story_and_clears_the_post(storage: Storage) -> None:
    story_id = await draft(storage)
    await storage.stories.update(story_id, channel_id=7, message_id=70)
    await storage.deliveries.enqueue_story(DeliveryKind.POST_EDIT, GUILD, story_id, 1)
    await storage.deliveries.enqueue_removal(GUILD, 7, 70, 2)
    story = await storage.stories.get(story_id)
    assert story is not None
    assert story.message_id is None  # a restore posts anew
    await storage.stories.delete(story_id)
    [removal] = await storage.deliveries.waiting()  # the pending edit went with it
    assert (removal.kind, removal.channel_id, removal.message_id) == (
        DeliveryKind.POST_REMOVAL,
        7,
        70,
    )
