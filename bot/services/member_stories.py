"""A member's control over their own stories: list, edit, delete, export, forget.

Discord-free: the cog turns clicks into these calls and does the Discord I/O (posts,
replies) with what they return. Every lookup is scoped to the member and the server, and
a story that is not theirs reads exactly like one that does not exist, so nobody can
learn anything about other members' stories by trying ids.
"""

from __future__ import annotations

import gzip
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.clock import Clock
from bot.domain.guild_settings import ReviewMode
from bot.domain.stories import Story, StoryStatus
from bot.domain.submission import StorySubmission, parse_submission
from bot.errors import UserFacingError
from bot.phrase import Phrase
from storage.sqlite import Storage

log = logging.getLogger(__name__)

PAGE_SIZE = 10
EXPORT_FILENAME = "experience-it-my-data.json"
# Discord ids exceed JavaScript's exact integers (2**53): written as strings, as Discord does.
SNOWFLAKE_KEYS = frozenset({"guild_id", "author_id", "channel_id", "message_id", "user_id"})


class NoSuchStory(UserFacingError):
    """The one answer for unknown ids and other members' ids alike.

    A key and a fact (`story_id`), worded in the member's language by the error path
    (or `cogs/stories/member_views.py`'s `in_words`, for replies that show it in place).
    """

    def __init__(self, story_id: int) -> None:
        super().__init__(Phrase.of("mine-no-such-story", id=str(story_id)))
        self.story_id = story_id


class ExportTooLarge(UserFacingError):
    """The member's data does not fit in one file Discord accepts here."""

    def __init__(self) -> None:
        super().__init__(Phrase.of("export-too-large"))


def no_such_story(story_id: int) -> NoSuchStory:
    return NoSuchStory(story_id)


@dataclass(frozen=True)
class StoryPage:
    stories: list[Story]
    total: int
    page: int  # 0-based

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))

    @property
    def has_previous(self) -> bool:
        return self.page > 0

    @property
    def has_next(self) -> bool:
        return self.page + 1 < self.pages


@dataclass(frozen=True)
class EditOutcome:
    before: Story
    after: Story
    back_to_review: bool  # was published, the server reviews: off the channel until approved


@dataclass(frozen=True)
class ExportFile:
    filename: str
    data: bytes
    counts: dict[str, int]


def _iso(seconds: int) -> str:
    # Same shape as pydantic's JSON dates in the stories, so the file reads consistently.
    return datetime.fromtimestamp(seconds, UTC).isoformat().replace("+00:00", "Z")


def _plain(value: Any, key: str = "") -> Any:
    """Snowflakes as strings, epoch seconds as ISO dates, recursively."""
    if isinstance(value, dict):
        return {k: _plain(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool):
        if key in SNOWFLAKE_KEYS:
            return str(value)
        if key in ("created_at", "resolved_at"):
            return _iso(value)
    return value


def export_json(document: Mapping[str, Any]) -> bytes:
    """Pretty and stable: sorted keys, two-space indent, real characters, final newline."""
    text = json.dumps(_plain(dict(document)), indent=2, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


class MemberStoryService:
    def __init__(self, storage: Storage, clock: Clock) -> None:
        self._storage = storage
        self._clock = clock

    async def page(self, guild_id: int, author_id: int, page: int) -> StoryPage:
        """One page of the member's stories here, newest first; past the end shows the last."""
        page = max(0, page)
        stories, total = await self._storage.stories.by_author(
            guild_id, author_id, offset=page * PAGE_SIZE, limit=PAGE_SIZE
        )
        if not stories and total > 0:  # stories were deleted since the list was shown
            page = (total - 1) // PAGE_SIZE
            stories, total = await self._storage.stories.by_author(
                guild_id, author_id, offset=page * PAGE_SIZE, limit=PAGE_SIZE
            )
        return StoryPage(stories, total, page)

    async def own_story(
        self, guild_id: int, author_id: int, story_id: int, *, created_at: datetime | None = None
    ) -> Story:
        """The member's story in this server, or the same error whoever else owns the id.

        `created_at` pins the very story a form or a confirmation was opened for: SQLite can
        hand a deleted story's id to the next new story.
        """
        story = await self._storage.stories.get(story_id)
        if (
            story is None
            or story.guild_id != guild_id
            or story.author_id != author_id
            or (created_at is not None and story.created_at != created_at)
        ):
            raise no_such_story(story_id)
        return story

    async def reload(self, story: Story) -> Story:
        """The stored version (e.g. after its post moved); the given one if it is gone."""
        return await self._storage.stories.get(story.id) or story

    async def check_edit(
        self,
        guild_id: int,
        author_id: int,
        story_id: int,
        answers: Mapping[str, object],
        *,
        created_at: datetime,
    ) -> tuple[Story, StorySubmission]:
        """Validate an edit form; brand, kind and anonymity stay as they were.

        Raises `SubmissionInvalid` (problems for the member) or `UserFacingError`.
        """
        story = await self.own_story(guild_id, author_id, story_id, created_at=created_at)
        raw = {
            **answers,
            "kind": story.kind,
            "brand": story.brand_name,
            "anonymous": story.anonymous,
        }
        return story, parse_submission(raw)

    async def save_edit(self, story: Story, submission: StorySubmission) -> EditOutcome:
        """Store the new words; in review mode a published story goes back to the queue."""
        current = await self.own_story(
            story.guild_id, story.author_id, story.id, created_at=story.created_at
        )
        settings = await self._storage.guild_settings.get(current.guild_id)
        back_to_review = (
            settings.review_mode is ReviewMode.REVIEW and current.status is StoryStatus.PUBLISHED
        )
        # The post's update (or its removal and the moderators' note, back to review) is
        # promised in the edit's own transaction.
        edited = await self._storage.stories.edit(
            current.id, submission, self._clock(), back_to_review=back_to_review
        )
        if edited is None:
            raise no_such_story(story.id)
        log.info("Story %s edited by its author (back to review: %s)", story.id, back_to_review)
        return EditOutcome(current, edited, back_to_review)

    async def delete(
        self, guild_id: int, author_id: int, story_id: int, *, created_at: datetime
    ) -> Story:
        """Delete the member's story (votes, reports, touchpoints go with it); returns it."""
        await self.own_story(guild_id, author_id, story_id, created_at=created_at)
        deleted = await self._storage.stories.delete(story_id)
        if deleted is None:  # a second click, or another process, got there first
            raise no_such_story(story_id)
        log.info("Story %s deleted by its author", story_id)
        return deleted

    async def summary(self, user_id: int) -> dict[str, int]:
        """What forget-me would delete: stories, votes, reports, notices."""
        return await self._storage.members.summary(user_id)

    async def stories_everywhere(self, user_id: int) -> list[Story]:
        return await self._storage.members.stories(user_id)

    async def forget(self, user_id: int) -> dict[str, int]:
        counts = await self._storage.members.forget(user_id)
        log.info("Member data erased on request: %s", counts)
        return counts

    async def export(self, user_id: int, size_limit: int, *, about: str) -> ExportFile:
        """Everything stored about the member, in every server, as a JSON file.

        `about` is the file's first line, worded by the cog in the member's language (the
        keys and the stored facts stay as they are: a file for programs as much as people).
        Over Discord's attachment limit the file is gzipped; still too large is a clear error.
        """
        data = await self._storage.members.export(user_id)
        notices = await self._storage.members.notices(user_id)
        document = {
            "about": about,
            "exported_at": self._clock().astimezone(UTC).isoformat().replace("+00:00", "Z"),
            **data,
            "notices": notices,
        }
        for key in ("relatable_votes", "reports"):
            document[key] = sorted(
                document[key], key=lambda r: (r.get("created_at", 0), r.get("story_id", 0))
            )
        counts = {
            "stories": len(data["stories"]),
            "votes": len(data["relatable_votes"]),
            "reports": len(data["reports"]),
            "notices": len(notices),
        }
        payload = export_json(document)
        filename = EXPORT_FILENAME
        if len(payload) > size_limit:
            payload = gzip.compress(payload, mtime=0)
            filename += ".gz"
        if len(payload) > size_limit:
            raise ExportTooLarge()
        return ExportFile(filename, payload, counts)
