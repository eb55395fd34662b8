"""The review queue and moderators' decisions on stories, without Discord.

The queue is every story of a server that needs a decision: waiting for review, or with
open reports (including stories the reports already hid). It is browsed one story at a
time, oldest first; Prev/Next step from a story's id, so a card stays meaningful while
other moderators empty the queue under it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bot.clock import Clock
from bot.domain.curation import ModAction, StoryReport, decide, story_gone
from bot.domain.stories import Story
from storage.records import ActionResult
from storage.sqlite import Storage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class QueuePlace:
    """Where a story id sits in its server's queue, and its neighbours there."""

    position: int | None  # 1-based; None: not in the queue
    total: int
    previous_id: int | None
    next_id: int | None


@dataclass(frozen=True)
class QueueCard:
    story: Story
    reports: list[StoryReport]
    place: QueuePlace


def place_of(story_id: int, queue: list[int]) -> QueuePlace:
    """The neighbours of `story_id` in an ascending queue of ids, whether it is in it or not."""
    earlier = [i for i in queue if i < story_id]
    later = [i for i in queue if i > story_id]
    position = len(earlier) + 1 if story_id in queue else None
    return QueuePlace(
        position, len(queue), earlier[-1] if earlier else None, later[0] if later else None
    )


class ModerationService:
    def __init__(self, storage: Storage, clock: Clock) -> None:
        self._storage = storage
        self._clock = clock

    async def _story(self, guild_id: int, story_id: int) -> Story | None:
        story = await self._storage.stories.get(story_id)
        return story if story is not None and story.guild_id == guild_id else None

    async def _card(self, story: Story, queue: list[int]) -> QueueCard:
        reports = await self._storage.moderation.open_reports(story.id)
        return QueueCard(story, reports, place_of(story.id, queue))

    async def first(self, guild_id: int) -> QueueCard | None:
        """The oldest story waiting for a decision, or None when the queue is empty."""
        queue = await self._storage.moderation.queue_ids(guild_id)
        for story_id in queue:
            story = await self._story(guild_id, story_id)
            if story is not None:
                return await self._card(story, queue)
        return None

    async def step(self, guild_id: int, from_id: int, *, forward: bool) -> QueueCard | None:
        """The next (or previous) story in the queue from `from_id`; else the first one."""
        queue = await self._storage.moderation.queue_ids(guild_id)
        candidates = (
            [i for i in queue if i > from_id]
            if forward
            else [i for i in reversed(queue) if i < from_id]
        )
        for story_id in candidates:
            story = await self._story(guild_id, story_id)
            if story is not None:
                return await self._card(story, queue)
        return await self.first(guild_id)

    async def card(self, guild_id: int, story_id: int) -> QueueCard:
        """Any story of this server, in or out of the queue; UserFacingError if there is none."""
        story = await self._story(guild_id, story_id)
        if story is None:
            raise story_gone(story_id)
        return await self._card(story, await self._storage.moderation.queue_ids(guild_id))

    async def place(self, guild_id: int, story_id: int) -> QueuePlace:
        """Neighbours of a story that may no longer exist (after a delete)."""
        return place_of(story_id, await self._storage.moderation.queue_ids(guild_id))

    async def check(
        self, guild_id: int, story_id: int, created_at: datetime | None, action: ModAction
    ) -> Story:
        """Refuse early (before asking for a reason) an action that would not apply."""
        story = await self._story(guild_id, story_id)
        if story is None or (created_at is not None and story.created_at != created_at):
            raise story_gone(story_id)
        reports = await self._storage.moderation.open_reports(story_id)
        decide(action, story, len(reports), "-", self._clock())
        return story

    async def act(
        self,
        *,
        guild_id: int,
        story_id: int,
        created_at: datetime | None,
        action: ModAction,
        moderator_id: int,
        reason: str | None,
        server_name: str,
    ) -> ActionResult:
        """Apply the action, its audit entry and the author's notice, all at once."""
        result = await self._storage.moderation.act(
            guild_id=guild_id,
            story_id=story_id,
            created_at=created_at,
            action=action,
            moderator_id=moderator_id,
            reason=reason,
            server_name=server_name,
            now=self._clock(),
        )
        log.info(
            "Moderator %s: %s story %s in guild %s (audit %s)",
            moderator_id,
            action.value,
            story_id,
            guild_id,
            result.audit_id,
        )
        return result
