"""The outbox's storage: promised with the change, coalesced, parked and released."""

from datetime import UTC, datetime

import pytest

from bot.domain.brands import brand_key
from bot.domain.guild_settings import GuildSettings
from bot.domain.stories import StoryStatus
from storage.records import DeliveryKind, LeaseLost
from storage.sqlite import Storage
from tests.storage.test_story_repository import GUILD, submission

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


async def test_review_mode_promises_no_post_but_the_moderators_note(storage: Storage) -> None:
    story_id = await draft(storage)
    assert await storage.stories.leave_draft(story_id, StoryStatus.PENDING, None)
    [note] = await storage.deliveries.waiting()
    assert (note.kind, note.note, note.facts) == (
        DeliveryKind.MOD_NOTE,
        "review_waiting",
        {"story_id": story_id},
    )


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
    claims = [
        await storage.deliveries.claim(r, "me", 0, 60_000)
        for r in await storage.deliveries.waiting()
    ]
    for claimed in claims:  # both fail, one after the other
        assert claimed is not None
        await storage.deliveries.park(claimed, posts, "no permission", note=True)
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


async def test_a_claim_is_leased_and_fenced(storage: Storage) -> None:
    story_id = await draft(storage)
    await storage.stories.leave_draft(story_id, StoryStatus.PUBLISHED, NOW)
    [row] = await storage.deliveries.waiting()
    mine = await storage.deliveries.claim(row, "host-a", 1_000, 60_000)
    assert mine is not None
    assert (mine.claim_owner, mine.claim_until_ms, mine.claim_token) == ("host-a", 61_000, 1)
    # Another process cannot take a live claim...
    assert await storage.deliveries.claim(row, "host-b", 2_000, 60_000) is None
    assert await storage.deliveries.holds(mine, 2_000)
    # ...but takes an expired one, with a new token.
    theirs = await storage.deliveries.claim(row, "host-b", 61_000, 60_000)
    assert theirs is not None
    assert theirs.claim_token == 2
    assert not await storage.deliveries.holds(mine, 61_001)
    # The first process can record nothing any more, in the very statement that records.
    with pytest.raises(LeaseLost):
        await storage.deliveries.complete_story_post(mine, 7, 70)
    with pytest.raises(LeaseLost):
        await storage.deliveries.retry_later(mine, 0, "late")
    with pytest.raises(LeaseLost):
        await storage.deliveries.start_attempt(mine, 61_002)
    story = await storage.stories.get(story_id)
    assert story is not None
    assert story.message_id is None
    await storage.deliveries.complete_story_post(theirs, 7, 71)
    story = await storage.stories.get(story_id)
    assert story is not None
    assert story.message_id == 71
    assert await storage.deliveries.waiting() == []


async def test_the_same_slot_takes_its_own_claim_over_at_once(storage: Storage) -> None:
    """A restarted process (same host and shards) does not wait for its old lease."""
    story_id = await draft(storage)
    await storage.stories.leave_draft(story_id, StoryStatus.PUBLISHED, NOW)
    [row] = await storage.deliveries.waiting()
    before_crash = await storage.deliveries.claim(row, "host-a", 1_000, 60_000)
    assert before_crash is not None
    [seen] = await storage.deliveries.waiting()
    after_restart = await storage.deliveries.claim(seen, "host-a", 2_000, 60_000)
    assert after_restart is not None
    assert after_restart.claim_token == before_crash.claim_token + 1
    with pytest.raises(LeaseLost):
        await storage.deliveries.complete(before_crash)


async def test_changes_promise_their_discord_side_in_the_same_transaction(
    storage: Storage,
) -> None:
    story_id = await draft(storage)
    await storage.stories.leave_draft(story_id, StoryStatus.PUBLISHED, NOW)
    [post] = await storage.deliveries.waiting()
    claimed = await storage.deliveries.claim(post, "me", 0, 60_000)
    assert claimed is not None
    await storage.deliveries.complete_story_post(claimed, 7, 70)

    # A vote: an edit (after the voter's own answer had its chance).
    await storage.stories.toggle_vote(story_id, 42, NOW)
    [edit] = await storage.deliveries.waiting()
    assert (edit.kind, edit.story_id) == (DeliveryKind.POST_EDIT, story_id)
    assert edit.due_at_ms > 0
    # A report that hides it: the removal and the moderators' note, together.
    added, reports, hidden = await storage.stories.report(story_id, 43, "spam", NOW, hide_at=1)
    assert (added, reports, hidden) == (True, 1, True)
    kinds = sorted(d.kind.value for d in await storage.deliveries.waiting())
    assert kinds == ["mod_note", "post_removal"]  # the pending edit went with the post
    [note] = [d for d in await storage.deliveries.waiting() if d.kind is DeliveryKind.MOD_NOTE]
    assert (note.note, note.facts["hidden"], note.facts["reason"]) == ("reported", 1, "spam")
    assert [n.id for n in await storage.deliveries.pending_notes(story_id)] == [note.id]
    assert await storage.deliveries.pending_notes(story_id + 1) == []
    story = await storage.stories.get(story_id)
    assert story is not None
    assert (story.status, story.message_id) == (StoryStatus.HIDDEN, None)
