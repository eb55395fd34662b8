"""Settings, audit, moderation and the data kept per server."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

from bot.domain.curation import ModAction, StoryReport
from bot.domain.guild_export import ExportedStory
from bot.domain.guild_settings import Departure, GuildSettings
from bot.domain.moderators import AuditEntry, SettingsUpdate
from storage.records import (
    ActionResult,
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
