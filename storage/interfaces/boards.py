"""Leaderboards, weekly digests and the web pages that read them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

from bot.domain.ranking import BrandWeek
from bot.domain.stories import Story
from bot.domain.submission import StoryKind
from bot.domain.touchpoints import Touchpoint
from bot.domain.web_access import WebAccess
from storage.records import (
    Claim,
    DigestRecord,
    PostedDigest,
)


class LeaderboardRepository(Protocol):
    """Per-window aggregates for the leaderboards; windows are half-open ``[start, end)``."""

    async def brand_rows(
        self, guild_id: int, start: datetime, end: datetime
    ) -> list[BrandWeek]: ...

    async def server_mean(self, guild_id: int, start: datetime, end: datetime) -> float | None: ...

    async def guild_ids_with_stories(self, start: datetime, end: datetime) -> list[int]: ...


class DigestRepository(Protocol):
    async def claim(
        self,
        guild_id: int,
        week: str,
        now: datetime,
        lease: timedelta,
        *,
        start: datetime,
        end: datetime,
        owner: str,
    ) -> Claim | None:
        """Lease the week to `owner` (see storage/repositories/digests.py), or None."""
        ...

    async def renew(self, claim: Claim, now: datetime, lease: timedelta) -> Claim | None:
        """The claim with its lease extended, or None once another poster holds it."""
        ...

    async def show_highlights(self, claim: Claim, story_ids: Sequence[int]) -> bool: ...

    async def complete(
        self, claim: Claim, *, channel_id: int, message_id: int, leaderboard: str | None
    ) -> bool: ...

    async def skip(self, claim: Claim, reason: str) -> bool: ...

    async def fail(self, claim: Claim, error: str) -> bool: ...

    async def get(self, guild_id: int, week: str) -> DigestRecord | None: ...

    async def latest(self, guild_id: int, before_week: str) -> DigestRecord | None: ...

    async def covered_until(self, guild_id: int) -> datetime | None: ...

    async def last_attempt(self, guild_id: int) -> DigestRecord | None: ...

    async def forget_week(self, guild_id: int, week: str) -> None: ...


class WeekSummaryRepository(Protocol):
    async def new_brands(self, guild_id: int, start: datetime, end: datetime) -> list[str]: ...

    async def most_relatable(
        self, guild_id: int, start: datetime, end: datetime
    ) -> Story | None: ...

    async def pending_highlights(self, guild_id: int, limit: int = 5) -> list[Story]: ...

    async def featured_highlights(
        self, guild_id: int, week: str, limit: int = 5
    ) -> list[Story]: ...

    async def touchpoint_counts(
        self, guild_id: int, start: datetime, end: datetime
    ) -> dict[tuple[StoryKind, Touchpoint], int]: ...

    async def first_story_at(self, guild_id: int) -> datetime | None: ...


class WebPageRepository(Protocol):
    """Opt-in web page access per server (``bot.domain.web_access``)."""

    async def get(self, guild_id: int) -> WebAccess | None: ...

    async def by_token(self, token: str) -> WebAccess | None: ...

    async def save(self, access: WebAccess) -> None: ...


class WebReadRepository(Protocol):
    """What the read-only web pages need beyond the other repositories: published only."""

    async def posted_digests(self, guild_id: int, limit: int = 60) -> list[PostedDigest]: ...

    async def brand_stories(self, brand_id: int, *, limit: int, offset: int) -> list[Story]: ...

    async def brand_ratings(self, brand_id: int) -> list[tuple[datetime, int]]: ...
