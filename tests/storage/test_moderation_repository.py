"""The review queue and moderators' decisions against a real SQLite file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.domain.brands import brand_key
from bot.domain.curation import ModAction
from bot.domain.stories import Story, StoryStatus
from bot.domain.submission import StoryKind, StorySubmission
from bot.domain.touchpoints import Touchpoint
from storage.records import DeliveryKind
from storage.sqlite import Storage
from tests.refusals import refused_with

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
GUILD = 111
AUTHOR = 500
MODERATOR = 900


async def create(
    storage: Storage, interaction: int, status: StoryStatus, guild: int = GUILD
) -> Story:
    submission = StorySubmission.model_validate(
        {
            "kind": StoryKind.GREAT,
            "brand": "Air Canada",
            "headline": f"Story {interaction}",
            "body": "The gate agent noticed our anniversary and upgraded us both.",
            "rating": 5,
            "touchpoints": (Touchpoint.SERVICE,),
        }
    )
    created = await storage.stories.create(
        guild_id=guild,
        author_id=AUTHOR,
        submission=submission,
        brand_key=brand_key("Air Canada"),
        status=status,
        interaction_id=interaction,
        now=NOW + timedelta(minutes=interaction),
    )
    return created.story


async def act(storage: Storage, story: Story, action: ModAction, **kw: Any) -> Any:
    values: dict[str, Any] = {
        "guild_id": GUILD,
        "story_id": story.id,
        "created_at": story.created_at,
        "action": action,
        "moderator_id": MODERATOR,
        "reason": None,
        "server_name": "Travel Club",
        "now": NOW + timedelta(hours=1),
    }
    values.update(kw)
    return await storage.moderation.act(**values)


async def count(storage: Storage, table: str) -> int:
    """Rows of a table, read through the storage's own database (either engine)."""
    row = await storage.database.fetch_one(f"SELECT count(*) FROM {table}")
    assert row is not None
    return int(row[0])


async def test_the_queue_holds_pending_and_reported_stories_oldest_first(storage: Storage) -> None:
    reported = await create(storage, 1, StoryStatus.PUBLISHED)
    pending = await create(storage, 2, StoryStatus.PENDING)
    await create(storage, 3, StoryStatus.PUBLISHED)  # nothing to decide
    await create(storage, 4, StoryStatus.DRAFT)
    await create(storage, 5, StoryStatus.PENDING, guild=222)  # another server
    await storage.stories.add_report(reported.id, 42, "Spam", NOW)

    assert await storage.moderation.queue_ids(GUILD) == [reported.id, pending.id]
    (report,) = await storage.moderation.open_reports(reported.id)
    assert (report.reporter_id, report.reason, report.created_at) == (42, "Spam", NOW)

    await act(storage, reported, ModAction.APPROVE)  # reports dismissed
    assert await storage.moderation.queue_ids(GUILD) == [pending.id]
    assert await storage.moderation.open_reports(reported.id) == []


async def test_an_action_its_audit_entry_and_the_notice_land_together(storage: Storage) -> None:
    story = await create(storage, 1, StoryStatus.PUBLISHED)
    await storage.stories.add_report(story.id, 42, "Spam", NOW)

    result = await act(storage, story, ModAction.HIDE, reason="Too personal")

    assert result.after.status is StoryStatus.HIDDEN
    assert result.after.hidden_reason == "Too personal"
    assert result.reports_resolved == 1
    (entry,) = await storage.audit_log.recent(GUILD)
    assert (entry.action, entry.story_id, entry.moderator_id, entry.reason) == (
        "hide",
        story.id,
        MODERATOR,
        "Too personal",
    )
    assert entry.details == {"status": "published", "new_status": "hidden", "reports_resolved": 1}
    assert entry.id == result.audit_id
    (notice,) = await storage.notices.waiting(AUTHOR)
    assert notice == result.notice
    assert (notice.what, notice.facts["reason"], notice.facts["server"]) == (
        "hidden",
        "Too personal",
        "Travel Club",
    )
    # Its DM is promised in the same transaction.
    [dm] = [d for d in await storage.deliveries.waiting() if d.notice_id == notice.id]
    assert dm.kind is DeliveryKind.MEMBER_NOTICE


async def test_a_refused_action_changes_and_records_nothing(storage: Storage) -> None:
    story = await create(storage, 1, StoryStatus.PUBLISHED)
    with refused_with("already published"):
        await act(storage, story, ModAction.APPROVE)
    assert await storage.stories.get(story.id) == story
    assert await count(storage, "audit_log") == 0
    assert await count(storage, "member_notices") == 0


async def test_a_second_click_is_refused_after_the_first_applied(storage: Storage) -> None:
    story = await create(storage, 1, StoryStatus.PENDING)
    first = await act(storage, story, ModAction.APPROVE)
    assert first.after.status is StoryStatus.PUBLISHED
    assert first.after.published_at == NOW + timedelta(hours=1)
    with refused_with("already published"):
        await act(storage, story, ModAction.APPROVE)
    assert await count(storage, "audit_log") == 1
    assert await count(storage, "member_notices") == 1


async def test_other_servers_deleted_and_reused_ids_are_refused(storage: Storage) -> None:
    story = await create(storage, 1, StoryStatus.PENDING)
    with refused_with("no longer exists in this server"):
        await act(storage, story, ModAction.APPROVE, guild_id=222)
    with refused_with("no longer exists"):
        await act(storage, story, ModAction.APPROVE, created_at=NOW - timedelta(days=1))
    deleted = await act(storage, story, ModAction.DELETE, reason="Spam")
    assert deleted.after is None
    with refused_with("no longer exists"):
        await act(storage, story, ModAction.DELETE, reason="Spam")
    assert await count(storage, "audit_log") == 1


async def test_delete_removes_the_story_its_reports_and_an_unused_brand(storage: Storage) -> None:
    story = await create(storage, 1, StoryStatus.PUBLISHED)
    await storage.stories.add_report(story.id, 42, "Spam", NOW)
    await storage.stories.toggle_vote(story.id, 43, NOW)

    result = await act(storage, story, ModAction.DELETE, reason="Fake")

    assert await storage.stories.get(story.id) is None
    assert await count(storage, "story_reports") == 0
    assert await count(storage, "story_votes") == 0
    assert await count(storage, "brands") == 0
    (entry,) = await storage.audit_log.recent(GUILD)
    assert entry.details == {"status": "published", "deleted": True, "reports_resolved": 1}
    assert result.notice is not None
    assert result.notice.what == "deleted"


async def test_highlight_and_the_post_location(storage: Storage) -> None:
    story = await create(storage, 1, StoryStatus.PUBLISHED)
    starred = await act(storage, story, ModAction.HIGHLIGHT)
    assert starred.after.highlighted
    assert starred.notice is None
    await storage.stories.update(story.id, channel_id=5, message_id=6)
    await storage.moderation.set_post(story.id, None, None)
    after = await storage.stories.get(story.id)
    assert after is not None
    assert (after.channel_id, after.message_id, after.highlighted) == (None, None, True)


async def test_notices_wait_until_delivered_and_belong_to_the_members_data(
    storage: Storage,
) -> None:
    story = await create(storage, 1, StoryStatus.PENDING)
    other = await create(storage, 2, StoryStatus.PENDING)
    await act(storage, story, ModAction.APPROVE)
    await act(storage, other, ModAction.HIDE, reason="Off topic")

    waiting = await storage.notices.waiting(AUTHOR)
    assert [n.id for n in waiting] == sorted(n.id for n in waiting)
    assert len(waiting) == 2
    assert len(await storage.members.notices(AUTHOR)) == 2  # /story export includes them
    assert await storage.notices.delivered([waiting[0].id]) == 1
    assert await storage.notices.delivered([waiting[0].id]) == 0
    assert await storage.notices.delivered([]) == 0
    assert [n.id for n in await storage.notices.waiting(AUTHOR)] == [waiting[1].id]

    counts = await storage.members.forget(AUTHOR)
    assert counts["notices"] == 1
    assert await storage.notices.waiting(AUTHOR) == []
