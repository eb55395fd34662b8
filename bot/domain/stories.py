"""Stored stories and brands as the rest of the bot sees them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from bot.domain.brands import Industry
from bot.domain.submission import Resolution, StoryKind
from bot.domain.touchpoints import Touchpoint

# The hidden reason stored when readers' reports hide a story (a moderator's own reason
# is their text). Stored as it is since the first version: a code, compared and never
# shown; the moderators' queue card words it per language ("queue-hidden-by-reports").
HIDDEN_BY_REPORTS = "reported by readers"  # not for people


class StoryStatus(StrEnum):
    DRAFT = "draft"  # saved; the member is still answering follow-ups
    PENDING = "pending"  # waiting for a moderator (review mode)
    PUBLISHED = "published"
    HIDDEN = "hidden"  # by a moderator, or by reports until a moderator decides


class Brand(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    guild_id: int
    name: str
    key: str
    industry: Industry | None = None
    created_at: datetime
    story_count: int = 0


class Story(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: int
    guild_id: int
    author_id: int
    brand_id: int
    brand_name: str
    kind: StoryKind
    headline: str
    body: str
    rating: int = Field(ge=1, le=5)
    touchpoints: tuple[Touchpoint, ...]
    product: str | None = None
    recommend: int | None = Field(default=None, ge=0, le=10)
    resolution: Resolution | None = None
    anonymous: bool = False
    status: StoryStatus
    highlighted: bool = False
    hidden_reason: str | None = None
    channel_id: int | None = None
    message_id: int | None = None
    created_at: datetime
    edited_at: datetime | None = None
    published_at: datetime | None = None
    relatable_count: int = 0

    @property
    def is_visible(self) -> bool:
        return self.status is StoryStatus.PUBLISHED


class BrandStats(BaseModel):
    """Figures for a brand's card, over its published stories."""

    model_config = ConfigDict(frozen=True)

    brand: Brand
    aliases: tuple[str, ...] = ()
    story_count: int
    great_count: int
    disaster_count: int
    mean_rating: float | None
    recommend_answers: tuple[int, ...]
    touchpoint_ratings: dict[Touchpoint, tuple[int, float]]  # count, mean rating
    server_mean_rating: float | None  # trailing 12 weeks, the Bayesian prior
    recent: tuple[Story, ...]
