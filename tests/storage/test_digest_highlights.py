"""Moderators' highlights in the digest: any published story, featured exactly once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.brands import brand_key
from bot.domain.curation import ModAction
from bot.domain.stories import Story, StoryStatus
from bot.domain.submission import StoryKind, StorySubmission
from bot.domain.touchpoints import Touchpoint
from storage.sqlite import Storage

GUILD = 111
NOW = datetime(2026, 11, 23, 0, 5, tzinfo=UTC)
WEEK = "2026-11-16"
SPAN = {"start": datetime(2026, 11, 16, tzinfo=UTC), "end": datetime(2026, 11, 23, tzinfo=UTC)}
STALE = timedelta(minutes=10)


async def story(storage: Storage, number: int, *, when: datetime) -> Story:
    submission = StorySubmission.model_validate(
        {
            "kind": StoryKind.GREAT,
            "brand": "Air Canada",
            "headline": f"Story {number}",
            "body": "The gate agent noticed our anniversary and upgraded us both.",
            "rating": 5,
            "touchpoints": (Touchpoint.SERVICE,),
        }
    )
    created = await storage.stories.create(
        guild_id=GUILD,
        author_id=500,
        submission=submission,
        brand_key=brand_key("Air Canada"),
        status=StoryStatus.PUBLISHED,
        interaction_id=number,
        now=when,
    )
    return created.story


async def curate(storage: Storage, target: Story, action: ModAction, when: datetime) -> None:
    await storage.moderation.act(
        guild_id=GUILD,
        story_id=target.id,
        created_at=target.created_at,
        action=action,
        moderator_id=900,
        reason="hidden for the test" if action is ModAction.HIDE else None,
        server_name="Travel Club",
        now=when,
    )


async def pending(storage: Storage) -> list[int]:
    return [s.id for s in await storage.week_summary.pending_highlights(GUILD)]


async def test_an_old_story_highlighted_now_is_in_the_next_digest(storage: Storage) -> None:
    old = await story(storage, 1, when=NOW - timedelta(days=90))
    await curate(storage, old, ModAction.HIGHLIGHT, NOW - timedelta(hours=1))
    assert await pending(storage) == [old.id]


async def test_newest_highlights_first_at_most_five_published_only(storage: Storage) -> None:
    stories = [await story(storage, n, when=NOW - timedelta(days=n)) for n in range(1, 8)]
    for index, target in enumerate(stories):  # story 1 highlighted first, story 7 last
        await curate(storage, target, ModAction.HIGHLIGHT, NOW + timedelta(minutes=index))
    await curate(storage, stories[6], ModAction.HIDE, NOW + timedelta(hours=1))
    assert await pending(storage) == [s.id for s in reversed(stories[1:6])]


async def test_posting_features_exactly_what_the_digest_showed(storage: Storage) -> None:
    shown = await story(storage, 1, when=NOW - timedelta(days=3))
    later = await story(storage, 2, when=NOW - timedelta(days=3))
    await curate(storage, shown, ModAction.HIGHLIGHT, NOW - timedelta(hours=2))
    claim = await storage.digests.claim(GUILD, WEEK, NOW, STALE, **SPAN, owner="test")
    assert claim is not None
    assert await storage.digests.show_highlights(claim, [shown.id])
    # Highlighted while the digest was being sent: it was not in the post.
    await curate(storage, later, ModAction.HIGHLIGHT, NOW)
    assert await storage.digests.complete(claim, channel_id=1, message_id=2, leaderboard=None)

    assert await pending(storage) == [later.id]
    featured = await storage.week_summary.featured_highlights(GUILD, WEEK)
    assert [s.id for s in featured] == [shown.id]


async def test_a_recovered_post_features_what_the_sent_post_showed(storage: Storage) -> None:
    shown = await story(storage, 1, when=NOW - timedelta(days=3))
    await curate(storage, shown, ModAction.HIGHLIGHT, NOW - timedelta(hours=2))
    first = await storage.digests.claim(GUILD, WEEK, NOW, STALE, **SPAN, owner="test")
    assert first is not None
    assert await storage.digests.show_highlights(first, [shown.id])
    # Discord stored the post, then answered 503: the attempt is recorded as failed.
    assert await storage.digests.fail(first, "Discord refused the post (503)")
    newer = await story(storage, 2, when=NOW)
    await curate(storage, newer, ModAction.HIGHLIGHT, NOW + timedelta(minutes=1))

    retry = await storage.digests.claim(
        GUILD, WEEK, NOW + timedelta(minutes=15), STALE, **SPAN, owner="test"
    )
    assert retry is not None
    assert retry.recovering
    # The post is found in the channel: completing marks what that post showed.
    assert await storage.digests.complete(retry, channel_id=1, message_id=2, leaderboard=None)
    assert await pending(storage) == [newer.id]


async def test_a_taken_over_poster_cannot_record_what_it_shows(storage: Storage) -> None:
    stalled = await storage.digests.claim(GUILD, WEEK, NOW, STALE, **SPAN, owner="test")
    assert stalled is not None
    takeover = await storage.digests.claim(GUILD, WEEK, NOW + STALE, STALE, **SPAN, owner="test")
    assert takeover is not None
    assert not await storage.digests.show_highlights(stalled, [1])


async def test_a_skipped_week_features_nothing(storage: Storage) -> None:
    target = await story(storage, 1, when=NOW - timedelta(days=3))
    await curate(storage, target, ModAction.HIGHLIGHT, NOW - timedelta(hours=2))
    claim = await storage.digests.claim(GUILD, WEEK, NOW, STALE, **SPAN, owner="test")
    assert claim is not None
    assert await storage.digests.show_highlights(claim, [target.id])
    assert await storage.digests.skip(claim, "not enough stories to rank")
    assert await pending(storage) == [target.id]


async def test_highlighting_again_after_unhighlighting_features_it_again(
    storage: Storage,
) -> None:
    target = await story(storage, 1, when=NOW - timedelta(days=3))
    await curate(storage, target, ModAction.HIGHLIGHT, NOW - timedelta(hours=2))
    claim = await storage.digests.claim(GUILD, WEEK, NOW, STALE, **SPAN, owner="test")
    assert claim is not None
    await storage.digests.show_highlights(claim, [target.id])
    await storage.digests.complete(claim, channel_id=1, message_id=2, leaderboard=None)
    assert await pending(storage) == []

    await curate(storage, target, ModAction.UNHIGHLIGHT, NOW + timedelta(hours=1))
    assert await storage.week_summary.featured_highlights(GUILD, WEEK) == []
    await curate(storage, target, ModAction.HIGHLIGHT, NOW + timedelta(hours=2))
    assert await pending(storage) == [target.id]
