"""A server's stories as files a moderator can open: CSV for spreadsheets, JSON for tools.

Anonymous stories never carry their author, not even in a moderator's export. CSV cells
that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) get a leading apostrophe, so a headline cannot become a live formula.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from bot.domain.stories import Story

# The columns, in file order; the JSON objects use the same keys.
FIELDS = (
    "id",
    "brand",
    "kind",
    "rating",
    "touchpoints",
    "headline",
    "story",
    "product",
    "recommend",
    "resolution",
    "status",
    "highlighted",
    "anonymous",
    "author_id",
    "created_at",
    "edited_at",
    "published_at",
    "relatable_count",
    "report_count",
)

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ExportedStory(BaseModel):
    """A story with what the export adds to it."""

    model_config = ConfigDict(frozen=True)

    story: Story
    report_count: int = Field(default=0, ge=0)


def iso_utc(moment: datetime | None) -> str | None:
    """`2026-11-23T12:00:00Z`, or None."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def export_record(item: ExportedStory) -> dict[str, Any]:
    """One story as plain data; the author only for a signed story, as a string id."""
    s = item.story
    return {
        "id": s.id,
        "brand": s.brand_name,
        "kind": s.kind.value,
        "rating": s.rating,
        "touchpoints": [t.value for t in s.touchpoints],
        "headline": s.headline,
        "story": s.body,
        "product": s.product,
        "recommend": s.recommend,
        "resolution": None if s.resolution is None else s.resolution.value,
        "status": s.status.value,
        "highlighted": s.highlighted,
        "anonymous": s.anonymous,
        "author_id": None if s.anonymous else str(s.author_id),
        "created_at": iso_utc(s.created_at),
        "edited_at": iso_utc(s.edited_at),
        "published_at": iso_utc(s.published_at),
        "relatable_count": s.relatable_count,
        "report_count": item.report_count,
    }


def neutralise_formula(cell: str) -> str:
    """A cell a spreadsheet would evaluate gets a leading apostrophe (shown as text)."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return neutralise_formula("; ".join(str(v) for v in value))
    if isinstance(value, int):
        return str(value)
    return neutralise_formula(str(value))


def stories_csv(items: Iterable[ExportedStory]) -> bytes:
    """UTF-8 with a byte-order mark (so spreadsheets read accents), one row per story."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for item in items:
        record = export_record(item)
        writer.writerow([_csv_cell(record[name]) for name in FIELDS])
    return buffer.getvalue().encode("utf-8-sig")


def stories_json(items: Sequence[ExportedStory], guild_id: int, exported_at: datetime) -> bytes:
    """Stable, readable JSON: sorted keys, two-space indent, real characters."""
    document = {
        "guild_id": str(guild_id),
        "exported_at": iso_utc(exported_at),
        "story_count": len(items),
        "stories": [export_record(item) for item in items],
    }
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode("utf-8")
