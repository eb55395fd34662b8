"""MemberStoryService: ownership, edits, deletes, paging and the export file."""

import gzip
import json
from collections.abc import AsyncIterator
from datetime import UTC, timedelta
from pathlib import Path

import pytest

from bot.domain.guild_settings import GuildSettings, ReviewMode
from bot.domain.stories import Story, StoryStatus
from bot.domain.submission import StoryKind, SubmissionInvalid, parse_submission
from bot.errors import UserFacingError
from bot.i18n.refusals import refusal_text
from bot.services.member_stories import (
    PAGE_SIZE,
    MemberStoryService,
    StoryPage,
    export_json,
)
from bot.services.stories import StoryService
from storage.sqlite import Storage, open_storage
from tests.conftest import FakeClock

GUILD, ALICE, BOB = 1_100_000_000_000_000_001, 1_200_000_000_000_000_002, 3
BODY = "The gate agent upgraded us both without asking, on our anniversary."
ANSWERS = {"headline": "New words", "body": BODY, "rating": "4", "touchpoints": ["buying"]}


@pytest.fixture
async def storage(tmp_path: Path) -> AsyncIterator[Storage]:
    opened = await open_storage(tmp_path / "bot.db")
    yield opened
    await opened.close()


@pytest.fixture
def service(storage: Storage, clock: FakeClock) -> MemberStoryService:
    return MemberStoryService(storage, clock)


_ids = iter(range(1, 10_000))


async def tell(
    storage: Storage, clock: FakeClock, author: int = ALICE, guild: int = GUILD, **raw: object
) -> Story:
    stories = StoryService(storage, clock)
    values: dict[str, object] = {
        "kind": "disaster",
        "brand": "Air Canada",
        "headline": "Lost my bag",
        "body": BODY,
        "rating": 1,
        "touchpoints": ["service"],
        "anonymous": True,
    }
    values.update(raw)
    submitted = await stories.submit(
        guild_id=guild,
        author_id=author,
        submission=parse_submission(values),
        interaction_id=next(_ids),
    )
    story, _ = await stories.finish(submitted.story.id)
    clock.advance(minutes=1)
    return story


async def test_unknown_foreign_and_other_server_ids_read_the_same(
    service: MemberStoryService, storage: Storage, clock: FakeClock
) -> None:
    bobs = await tell(storage, clock, author=BOB)
    elsewhere = await tell(storage, clock, guild=GUILD + 1)
    messages = []
    for story_id in (bobs.id, elsewhere.id, 999):
        with pytest.raises(UserFacingError) as caught:
            await service.own_story(GUILD, ALICE, story_id)
        for lang in ("en", "fr"):
            worded = refusal_text(lang, caught.value)
            messages.append((lang, worded.replace(str(story_id), "N")))
    assert len(set(messages)) == 2  # one answer per language, whichever id it was
    assert dict(messages)["en"].startswith("You have no story #N in this server")
    assert dict(messages)["fr"].startswith("Vous n'avez pas d'histoire n° N sur ce serveur")


async def test_a_deleted_storys_number_is_never_given_to_another(
    service: MemberStoryService, storage: Storage, clock: FakeClock
) -> None:
    story = await tell(storage, clock)
    await storage.stories.delete(story.id)
    newer = await tell(storage, clock)
    assert newer.id != story.id  # AUTOINCREMENT: ids are not handed out again
    with pytest.raises(UserFacingError):
        await service.own_story(GUILD, ALICE, story.id, created_at=story.created_at)


async def test_edit_keeps_brand_kind_and_anonymity_and_lists_every_problem(
    service: MemberStoryService, storage: Storage, clock: FakeClock
) -> None:
    story = await tell(storage, clock)
    _checked, submission = await service.check_edit(
        GUILD,
        ALICE,
        story.id,
        {**ANSWERS, "kind": "great", "brand": "Other", "anonymous": False},
        created_at=story.created_at,
    )
    assert (submission.kind, submission.brand, submission.anonymous) == (
        StoryKind.DISASTER,
        "Air Canada",
        True,
    )
    with pytest.raises(SubmissionInvalid) as invalid:
        await service.check_edit(
            GUILD,
            ALICE,
            story.id,
            {**ANSWERS, "headline": "", "rating": "9"},
            created_at=story.created_at,
        )
    assert len(invalid.value.problems) == 2
    stored = await storage.stories.get(story.id)
    assert stored is not None
    assert stored.headline == "Lost my bag"


@pytest.mark.parametrize(
    ("mode", "status", "back", "expected"),
    [
        (ReviewMode.OPEN, StoryStatus.PUBLISHED, False, StoryStatus.PUBLISHED),
        (ReviewMode.REVIEW, StoryStatus.PUBLISHED, True, StoryStatus.PENDING),
        (ReviewMode.REVIEW, StoryStatus.HIDDEN, False, StoryStatus.HIDDEN),
        (ReviewMode.REVIEW, StoryStatus.PENDING, False, StoryStatus.PENDING),
    ],
)
async def test_save_edit_sends_only_published_stories_back_to_review(
    service: MemberStoryService,
    storage: Storage,
    clock: FakeClock,
    mode: ReviewMode,
    status: StoryStatus,
    back: bool,
    expected: StoryStatus,
) -> None:
    story = await tell(storage, clock)
    await storage.stories.update(story.id, status=status, channel_id=5, message_id=6)
    await storage.guild_settings.save(GuildSettings(guild_id=GUILD, review_mode=mode), clock())
    story, submission = await service.check_edit(
        GUILD, ALICE, story.id, ANSWERS, created_at=story.created_at
    )
    outcome = await service.save_edit(story, submission)
    assert outcome.back_to_review is back
    assert outcome.before.message_id == 6  # what the cog needs to remove the old post
    assert outcome.after.status is expected
    assert outcome.after.headline == "New words"
    assert outcome.after.edited_at == clock()
    assert (outcome.after.message_id is None) is back


async def test_save_edit_of_a_story_deleted_meanwhile_fails_cleanly(
    service: MemberStoryService, storage: Storage, clock: FakeClock
) -> None:
    story = await tell(storage, clock)
    story, submission = await service.check_edit(
        GUILD, ALICE, story.id, ANSWERS, created_at=story.created_at
    )
    await storage.stories.delete(story.id)
    with pytest.raises(UserFacingError):
        await service.save_edit(story, submission)
    assert await storage.stories.get(story.id) is None


async def test_delete_twice_deletes_once(
    service: MemberStoryService, storage: Storage, clock: FakeClock
) -> None:
    story = await tell(storage, clock)
    deleted = await service.delete(GUILD, ALICE, story.id, created_at=story.created_at)
    assert deleted.id == story.id
    with pytest.raises(UserFacingError):
        await service.delete(GUILD, ALICE, story.id, created_at=story.created_at)


async def test_pages_are_newest_first_and_a_vanished_page_shows_the_last(
    service: MemberStoryService, storage: Storage, clock: FakeClock
) -> None:
    stories = [await tell(storage, clock, headline=f"Story {n}") for n in range(12)]
    first = await service.page(GUILD, ALICE, 0)
    assert [s.id for s in first.stories] == [s.id for s in reversed(stories)][:PAGE_SIZE]
    assert (first.pages, first.has_previous, first.has_next) == (2, False, True)
    for story in stories[:2]:
        await storage.stories.delete(story.id)
    clamped = await service.page(GUILD, ALICE, 1)
    assert (clamped.page, clamped.total, len(clamped.stories)) == (0, 10, 10)
    assert (await service.page(GUILD, BOB, 0)).total == 0


def test_story_page_arithmetic() -> None:
    assert StoryPage([], 0, 0).pages == 1
    assert StoryPage([], 10, 0).pages == 1
    assert StoryPage([], 11, 1).pages == 2
    assert not StoryPage([], 11, 1).has_next


def test_export_json_is_pretty_stable_and_safe_for_javascript() -> None:
    document = {
        "b": [{"guild_id": GUILD, "story_id": 7, "created_at": 0}],
        "a": "ünï ✈️",
        "user_id": str(ALICE),
        "flag": True,
    }
    data = export_json(document)
    assert data == export_json(dict(reversed(document.items())))
    text = data.decode("utf-8")
    assert text.endswith("}\n")
    assert text.index('"a"') < text.index('"b"')
    assert "ünï ✈️" in text
    parsed = json.loads(text)
    assert parsed["b"] == [
        {"guild_id": str(GUILD), "story_id": 7, "created_at": "1970-01-01T00:00:00Z"}
    ]
    assert parsed["flag"] is True


async def test_export_covers_every_server_and_shrinks_to_fit(
    service: MemberStoryService, storage: Storage, clock: FakeClock
) -> None:
    await tell(storage, clock)
    await tell(storage, clock, guild=GUILD + 1)
    others = await tell(storage, clock, author=BOB)
    await storage.stories.add_report(others.id, ALICE, "advert", clock() - timedelta(days=1))
    export = await service.export(ALICE, 10 * 1024 * 1024, about="What we keep")
    assert export.filename == "experience-it-my-data.json"
    assert export.counts == {"stories": 2, "votes": 0, "reports": 1, "notices": 0}
    data = json.loads(export.data)
    assert {s["guild_id"] for s in data["stories"]} == {str(GUILD), str(GUILD + 1)}
    assert data["about"] == "What we keep"  # worded by the cog, in the member's language
    assert data["exported_at"] == clock().astimezone(UTC).isoformat().replace("+00:00", "Z")

    small = await service.export(ALICE, len(export.data) - 1, about="What we keep")
    assert small.filename.endswith(".json.gz")
    assert json.loads(gzip.decompress(small.data)) == data
    with pytest.raises(UserFacingError):
        await service.export(ALICE, 50, about="What we keep")
