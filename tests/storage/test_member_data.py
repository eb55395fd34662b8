"""The member-data repository's lookups for /story mine, export and forget-me."""

import json
from datetime import UTC, datetime

from bot.domain.brands import brand_key
from bot.domain.stories import StoryStatus
from bot.domain.submission import StoryKind, StorySubmission
from bot.domain.touchpoints import Touchpoint
from storage.sqlite import Storage

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def submission(headline: str) -> StorySubmission:
    return StorySubmission(
        kind=StoryKind.GREAT,
        brand="Air Canada",
        headline=headline,
        body="The gate agent upgraded us both without asking, on our anniversary.",
        rating=5,
        touchpoints=(Touchpoint.SERVICE,),
    )


async def create(storage: Storage, guild: int, author: int, interaction: int) -> int:
    created = await storage.stories.create(
        guild_id=guild,
        author_id=author,
        submission=submission(f"Story {interaction}"),
        brand_key=brand_key("Air Canada"),
        status=StoryStatus.PUBLISHED,
        interaction_id=interaction,
        now=NOW,
    )
    return created.story.id


async def add_notice(storage: Storage, user_id: int, text: str) -> None:
    async with storage.database.transaction() as connection:
        await connection.execute(
            "INSERT INTO member_notices (guild_id, user_id, what, facts, created_at) "
            "VALUES (1, ?, 'legacy', ?, 0)",
            (user_id, json.dumps({"text": text})),
        )


async def test_stories_lists_the_member_in_every_server_only(storage: Storage) -> None:
    here = await create(storage, 1, 42, 1)
    there = await create(storage, 2, 42, 2)
    await create(storage, 1, 43, 3)
    assert [(s.id, s.guild_id) for s in await storage.members.stories(42)] == [
        (here, 1),
        (there, 2),
    ]
    assert await storage.members.stories(99) == []


async def test_summary_counts_what_forget_then_deletes(storage: Storage) -> None:
    mine = await create(storage, 1, 42, 1)
    await create(storage, 2, 42, 2)
    others = await create(storage, 1, 43, 3)
    await storage.stories.toggle_vote(others, 42, NOW)
    await storage.stories.toggle_vote(mine, 43, NOW)  # someone else's vote: not counted
    await storage.stories.add_report(others, 42, "advert", NOW)
    await add_notice(storage, 42, "A moderator hid your story")

    summary = await storage.members.summary(42)
    assert summary == {"votes": 1, "reports": 1, "notices": 1, "stories": 2}
    assert await storage.members.forget(42) == summary
    assert await storage.members.summary(42) == {
        "votes": 0,
        "reports": 0,
        "notices": 0,
        "stories": 0,
    }
    assert await storage.members.summary(43) == {
        "votes": 0,  # bob's vote went with alice's story
        "reports": 0,
        "notices": 0,
        "stories": 1,
    }


async def test_notices_are_the_members_own(storage: Storage) -> None:
    await add_notice(storage, 42, "first")
    await add_notice(storage, 43, "not yours")
    await add_notice(storage, 42, "second")
    notices = await storage.members.notices(42)
    assert [n["facts"]["text"] for n in notices] == ["first", "second"]
    assert set(notices[0]) == {"id", "guild_id", "what", "facts", "created_at"}
