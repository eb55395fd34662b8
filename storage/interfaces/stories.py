"""Stories, a member's own data and the notices waiting for them."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, Protocol

from bot.domain.curation import Notice
from bot.domain.stories import Story, StoryStatus
from bot.domain.submission import StorySubmission
from bot.domain.touchpoints import Touchpoint
from storage.records import (
    CreatedStory,
    Vote,
)


class StoryRepository(Protocol):
    async def create(
        self,
        *,
        guild_id: int,
        author_id: int,
        submission: StorySubmission,
        brand_key: str,
        status: StoryStatus,
        interaction_id: int,
        now: datetime,
    ) -> CreatedStory: ...

    async def get(self, story_id: int) -> Story | None: ...

    async def by_interaction(self, interaction_id: int) -> Story | None: ...

    async def by_author(
        self, guild_id: int, author_id: int, *, offset: int = 0, limit: int = 10
    ) -> tuple[list[Story], int]: ...

    async def posting_times(
        self, guild_id: int, author_id: int, since: datetime
    ) -> list[datetime]: ...

    async def recent_posters(self, guild_id: int, since: datetime) -> set[int]: ...

    async def update(self, story_id: int, **changes: Any) -> Story | None: ...

    async def update_draft(self, story_id: int, **answers: Any) -> bool: ...

    async def set_touchpoints(self, story_id: int, touchpoints: Sequence[Touchpoint]) -> None: ...

    async def leave_draft(
        self, story_id: int, status: StoryStatus, published_at: datetime | None
    ) -> bool: ...

    async def has_reported(self, story_id: int, reporter_id: int) -> bool: ...

    async def hide_if_published(self, story_id: int, reason: str) -> bool: ...

    async def move_to_brand(self, story_id: int, brand_id: int) -> Story | None: ...

    async def edit(
        self,
        story_id: int,
        submission: StorySubmission,
        now: datetime,
        *,
        back_to_review: bool = False,
    ) -> Story | None: ...

    async def delete(self, story_id: int) -> Story | None: ...

    async def drafts_created_before(self, cutoff: datetime) -> list[Story]: ...

    async def toggle_vote(self, story_id: int, user_id: int, now: datetime) -> tuple[bool, int]: ...

    async def vote(self, story_id: int, user_id: int, now: datetime) -> Vote: ...

    async def add_report(
        self, story_id: int, reporter_id: int, reason: str, now: datetime
    ) -> tuple[bool, int]: ...

    async def report(
        self, story_id: int, reporter_id: int, reason: str, now: datetime, *, hide_at: int
    ) -> tuple[bool, int, bool]: ...


class MemberDataRepository(Protocol):
    async def export(self, user_id: int) -> dict[str, Any]: ...

    async def forget(self, user_id: int) -> dict[str, int]: ...

    async def stories(self, user_id: int) -> list[Story]: ...

    async def summary(self, user_id: int) -> dict[str, int]: ...

    async def notices(self, user_id: int) -> list[dict[str, Any]]: ...


class NoticeRepository(Protocol):
    """Private notes waiting for members; export and forget-me go through members."""

    async def waiting(self, user_id: int, limit: int = 10) -> list[Notice]: ...

    async def delivered(self, notice_ids: Collection[int]) -> int: ...

    async def get(self, notice_id: int) -> Notice | None: ...
