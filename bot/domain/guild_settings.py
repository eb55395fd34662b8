"""A server's configuration, as moderators set it up."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ReviewMode(StrEnum):
    OPEN = "open"  # stories are published at once
    REVIEW = "review"  # moderators approve each story first


class GuildSettings(BaseModel):
    """Defaults are what a server gets before a moderator changes anything."""

    model_config = ConfigDict(frozen=True)

    guild_id: int
    stories_channel_id: int | None = None
    digest_channel_id: int | None = None
    mod_channel_id: int | None = None
    moderator_role_id: int | None = None
    review_mode: ReviewMode = ReviewMode.OPEN
    digest_weekday: int = Field(default=0, ge=0, le=6)  # 0 = Monday
    digest_hour: int = Field(default=0, ge=0, le=23)
    timezone: str = "UTC"
    leaderboard_size: int = Field(default=5, ge=1, le=10)
    min_stories: int = Field(default=2, ge=1, le=100)
    prior_weight: float = Field(default=3.0, ge=0)
    cooldown_seconds: int = Field(default=300, ge=0)
    daily_cap: int = Field(default=5, ge=1)
    report_threshold: int = Field(default=3, ge=1)
    quiet_week_post: bool = True
    # Days a server's data is kept after the bot is removed from it, then purged.
    retention_days: int = Field(default=30, ge=1, le=365)
    # The language of public posts (None: the server's preferred locale on Discord).
    language: Literal["en", "fr"] | None = None


class Departure(BaseModel):
    """A server the bot was removed from, and how long its data is kept for."""

    model_config = ConfigDict(frozen=True)

    guild_id: int
    left_at: datetime
    retention_days: int = Field(ge=1)

    @property
    def purge_at(self) -> datetime:
        return self.left_at + timedelta(days=self.retention_days)

    def is_due(self, now: datetime) -> bool:
        """Whether the grace period is over and the server's data may be erased."""
        return now >= self.purge_at
