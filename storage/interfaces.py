"""What the bot needs from storage, independent of the database engine.

Cogs and services depend on these protocols only, so a PostgreSQL backend can be added
beside the SQLite one without touching them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.domain.brands import BrandCandidate, Industry
from bot.domain.curation import ModAction, Notice, StoryReport
from bot.domain.guild_export import ExportedStory
from bot.domain.guild_settings import Departure, GuildSettings
from bot.domain.moderators import AuditEntry, SettingsUpdate
from bot.domain.ranking import BrandWeek
from bot.domain.stories import Brand, BrandStats, Story, StoryStatus
from bot.domain.submission import StoryKind, StorySubmission
from bot.domain.touchpoints import Touchpoint
from bot.domain.web_access import WebAccess
from storage.records import (
    ActionResult,
    BrandMerge,
    Claim,
    CreatedStory,
    Delivery,
    DeliveryKind,
    DigestRecord,
    MergeResult,
    ParkedDeliveries,
    PostedDigest,
    RenameResult,
    UnmergeResult,
    Vote,
)


class MetaRepository(Protocol):
    async def get(self, key: str) -> str | None: ...

    async def set(self, key: str, value: str) -> None: ...


class GuildSettingsRepository(Protocol):
    async def get(self, guild_id: int) -> GuildSettings: ...

    async def save(self, settings: GuildSettings, now: datetime) -> None: ...

    async def update(
        self, guild_id: int, changes: Mapping[str, Any], *, moderator_id: int, now: datetime
    ) -> SettingsUpdate:
        """Validate and apply a moderator's changes, audited, all-or-nothing."""
        ...


class AuditLogRepository(Protocol):
    async def record(self, entry: AuditEntry) -> int: ...

    async def recent(
        self, guild_id: int, *, limit: int = 25, action: str | None = None
    ) -> list[AuditEntry]: ...

    async def search(
        self,
        guild_id: int,
        *,
        moderator_id: int | None = None,
        story_id: int | None = None,
        brand_id: int | None = None,
        action: str | None = None,
        offset: int = 0,
        limit: int = 10,
    ) -> tuple[list[AuditEntry], int]:
        """One page of matching entries, newest first, and how many match in all."""
        ...


class GuildDataRepository(Protocol):
    """A whole server's data: departure, return, stories export, purge."""

    async def mark_left(self, guild_id: int, now: datetime) -> None: ...

    async def mark_returned(self, guild_id: int) -> bool: ...

    async def left_at(self, guild_id: int) -> datetime | None: ...

    async def departures(self) -> list[Departure]: ...

    async def known_guild_ids(self) -> set[int]: ...

    async def export_stories(self, guild_id: int) -> list[ExportedStory]: ...

    async def purge(self, guild_id: int, now: datetime) -> dict[str, int] | None:
        """Erase every row of a server whose grace period is over; None if not due."""
        ...


class BrandMergeRepository(Protocol):
    """Merging one brand into another and undoing it, with its audit entry, all-or-nothing."""

    async def merge(
        self,
        *,
        guild_id: int,
        from_brand_id: int,
        into_brand_id: int,
        moderator_id: int,
        reason: str | None,
        now: datetime,
    ) -> MergeResult: ...

    async def unmerge(
        self, *, guild_id: int, merge_id: int, moderator_id: int, reason: str | None, now: datetime
    ) -> UnmergeResult: ...

    async def merges(
        self, guild_id: int, *, active_only: bool = True, limit: int = 25
    ) -> list[BrandMerge]: ...

    async def get_merge(self, guild_id: int, merge_id: int) -> BrandMerge | None: ...

    async def merge_of_name(self, guild_id: int, key: str) -> BrandMerge | None: ...


class BrandUpkeepRepository(Protocol):
    """Moderators' changes to brands, each stored with its audit entry, all-or-nothing."""

    async def rename(
        self,
        *,
        guild_id: int,
        brand_id: int,
        new_name: str,
        new_key: str,
        moderator_id: int,
        reason: str | None,
        now: datetime,
    ) -> RenameResult: ...

    async def add_alias(
        self,
        *,
        guild_id: int,
        brand_id: int,
        alias: str,
        alias_key: str,
        moderator_id: int,
        reason: str | None,
        now: datetime,
    ) -> Brand: ...

    async def remove_alias(
        self,
        *,
        guild_id: int,
        brand_id: int,
        alias_key: str,
        moderator_id: int,
        reason: str | None,
        now: datetime,
    ) -> tuple[Brand, str]: ...

    async def aliases(self, brand_id: int) -> list[str]: ...

    async def set_industry(
        self,
        *,
        guild_id: int,
        brand_id: int,
        industry: Industry,
        moderator_id: int,
        reason: str | None,
        now: datetime,
    ) -> tuple[Brand, Industry | None]: ...


class BrandRepository(Protocol):
    async def get(self, brand_id: int) -> Brand | None: ...

    async def find(self, guild_id: int, key: str) -> Brand | None: ...

    async def candidates(self, guild_id: int) -> list[BrandCandidate]: ...

    async def set_industry(self, brand_id: int, industry: Industry) -> None: ...

    async def stats(
        self,
        brand_id: int,
        now: datetime,
        recent: int = 3,
        *,
        published: tuple[datetime, datetime] | None = None,
    ) -> BrandStats | None: ...

    async def touchpoint_history(self, brand_id: int) -> tuple[int, dict[Touchpoint, int]]:
        """The brand's published stories, and how many were about each touchpoint."""
        ...


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


class ModerationRepository(Protocol):
    """The review queue and moderators' decisions on stories (audited, with notices)."""

    async def queue_ids(self, guild_id: int) -> list[int]: ...

    async def open_reports(self, story_id: int) -> list[StoryReport]: ...

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
        now: datetime,
    ) -> ActionResult: ...

    async def set_post(
        self, story_id: int, channel_id: int | None, message_id: int | None
    ) -> None: ...


class NoticeRepository(Protocol):
    """Private notes waiting for members; export and forget-me go through members."""

    async def waiting(self, user_id: int, limit: int = 10) -> list[Notice]: ...

    async def delivered(self, notice_ids: Collection[int]) -> int: ...

    async def get(self, notice_id: int) -> Notice | None: ...


class DeliveryRepository(Protocol):
    """The outbox (storage/repositories/deliveries.py; bot/services/delivery.py).

    Records take the claimed `Delivery` and check its fencing token in the same
    statement; a claim taken over raises `storage.records.LeaseLost`.
    """

    async def enqueue_story(
        self, kind: DeliveryKind, guild_id: int, story_id: int, created_at: int
    ) -> int: ...

    async def enqueue_removal(
        self, guild_id: int, channel_id: int, message_id: int, created_at: int
    ) -> int: ...

    async def pending_for_story(self, kind: DeliveryKind, story_id: int) -> Delivery | None: ...

    async def pending_removal(self, message_id: int) -> Delivery | None: ...

    async def pending_notes(self, story_id: int) -> list[Delivery]: ...

    async def pending_notice(self, notice_id: int) -> Delivery | None: ...

    async def get(self, delivery_id: int) -> Delivery | None: ...

    async def waiting(self, limit: int = 1000) -> list[Delivery]: ...

    async def drop_if_unchanged(self, delivery_id: int, version: int) -> bool: ...

    async def claim(
        self, delivery: Delivery, owner: str, now_ms: int, lease_ms: int
    ) -> Delivery | None: ...

    async def holds(self, delivery: Delivery, now_ms: int) -> bool: ...

    async def start_attempt(self, delivery: Delivery, now_ms: int) -> Delivery: ...

    async def complete(self, delivery: Delivery) -> bool: ...

    async def complete_story_post(
        self, delivery: Delivery, channel_id: int, message_id: int
    ) -> None: ...

    async def complete_notice(self, delivery: Delivery, *, shown: bool) -> None: ...

    async def retry_later(self, delivery: Delivery, due_at_ms: int, error: str) -> None: ...

    async def park(
        self, delivery: Delivery, kinds: Collection[DeliveryKind], reason: str, *, note: bool
    ) -> None: ...

    async def parked(self, guild_id: int) -> list[ParkedDeliveries]: ...

    async def release(self, guild_id: int) -> None: ...


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
