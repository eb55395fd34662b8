"""Conversions between SQLite rows and domain models, shared by the repositories."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from bot.domain.stories import Brand, Story
from bot.domain.touchpoints import Touchpoint


def to_epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def from_epoch(seconds: int | None) -> datetime | None:
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


def brand_from_row(row: sqlite3.Row) -> Brand:
    return Brand(
        id=row["id"],
        guild_id=row["guild_id"],
        name=row["name"],
        key=row["name_key"],
        industry=row["industry"],
        created_at=datetime.fromtimestamp(row["created_at"], UTC),
        story_count=row["story_count"] if "story_count" in row.keys() else 0,  # noqa: SIM118 (Row `in` checks values)
    )


STORY_COLUMNS = (
    "s.id, s.guild_id, s.author_id, s.brand_id, b.name AS brand_name, s.kind, s.headline, "
    "s.body, s.rating, s.product, s.recommend, s.resolution, s.anonymous, s.status, "
    "s.highlighted, s.hidden_reason, s.channel_id, s.message_id, s.created_at, s.edited_at, "
    "s.published_at, "
    "(SELECT group_concat(t.touchpoint) FROM story_touchpoints t WHERE t.story_id = s.id) "
    "AS touchpoints, "
    "(SELECT count(*) FROM story_votes v WHERE v.story_id = s.id) AS relatable_count"
)
STORY_FROM = "stories s JOIN brands b ON b.id = s.brand_id"

_TOUCHPOINT_ORDER = {touchpoint: index for index, touchpoint in enumerate(Touchpoint)}


def story_from_row(row: sqlite3.Row) -> Story:
    touchpoints = sorted(
        (Touchpoint(t) for t in (row["touchpoints"] or "").split(",") if t),
        key=_TOUCHPOINT_ORDER.__getitem__,
    )
    return Story(
        id=row["id"],
        guild_id=row["guild_id"],
        author_id=row["author_id"],
        brand_id=row["brand_id"],
        brand_name=row["brand_name"],
        kind=row["kind"],
        headline=row["headline"],
        body=row["body"],
        rating=row["rating"],
        touchpoints=tuple(touchpoints),
        product=row["product"],
        recommend=row["recommend"],
        resolution=row["resolution"],
        anonymous=bool(row["anonymous"]),
        status=row["status"],
        highlighted=bool(row["highlighted"]),
        hidden_reason=row["hidden_reason"],
        channel_id=row["channel_id"],
        message_id=row["message_id"],
        created_at=datetime.fromtimestamp(row["created_at"], UTC),
        edited_at=from_epoch(row["edited_at"]),
        published_at=from_epoch(row["published_at"]),
        relatable_count=row["relatable_count"],
    )
