"""The server export's files: CSV safe for spreadsheets, JSON stable, sizes that fit."""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
from datetime import UTC, datetime

import pytest

from bot.domain.guild_export import (
    FIELDS,
    ExportedStory,
    neutralise_formula,
    stories_csv,
    stories_json,
)
from bot.domain.guild_settings import Departure
from bot.domain.stories import Story, StoryStatus
from bot.domain.submission import Resolution, StoryKind
from bot.domain.touchpoints import Touchpoint
from bot.errors import UserFacingError
from bot.i18n.refusals import refusal_text
from bot.services.lifecycle import ExportFile, fit_attachments

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def exported(
    headline: str = "Lost bag", *, anonymous: bool = False, **extra: object
) -> ExportedStory:
    story = Story(
        id=7,
        guild_id=1,
        author_id=123456789012345678,
        brand_id=3,
        brand_name="Air Canada",
        kind=StoryKind.DISASTER,
        headline=headline,
        body='Line one,\nline "two"',
        rating=1,
        touchpoints=(Touchpoint.DELIVERY, Touchpoint.SERVICE),
        resolution=Resolution.NO,
        anonymous=anonymous,
        status=StoryStatus.HIDDEN,
        created_at=NOW,
        **extra,
    )
    return ExportedStory(story=story, report_count=2)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20", "'+44 20"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindent", "'\tindent"),
        ("\rreturn", "'\rreturn"),
        ("Fine = ok", "Fine = ok"),
        ("", ""),
    ],
)
def test_formula_cells_get_an_apostrophe(cell: str, expected: str) -> None:
    assert neutralise_formula(cell) == expected


def test_csv_round_trips_and_neutralises_every_text_column() -> None:
    items = [
        exported('=HYPERLINK("http://evil.test")', product="@cmd"),
        exported("Kind words", anonymous=True, edited_at=NOW),
    ]
    data = stories_csv(items)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read UTF-8 correctly

    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))

    assert tuple(rows[0]) == FIELDS
    assert rows[0]["headline"] == '\'=HYPERLINK("http://evil.test")'
    assert rows[0]["product"] == "'@cmd"
    assert rows[0]["story"] == 'Line one,\nline "two"'
    assert rows[0]["author_id"] == "123456789012345678"
    assert rows[0]["touchpoints"] == "delivery; service"
    assert rows[0]["resolution"] == "no"
    assert rows[0]["highlighted"] == "no"
    assert rows[0]["report_count"] == "2"
    assert rows[0]["created_at"] == "2026-11-23T12:00:00Z"
    assert rows[0]["edited_at"] == ""
    assert rows[1]["author_id"] == ""
    assert rows[1]["anonymous"] == "yes"
    assert rows[1]["edited_at"] == "2026-11-23T12:00:00Z"


def test_json_is_stable_and_keeps_anonymous_authors_out() -> None:
    data = stories_json([exported(), exported(anonymous=True)], 99, NOW)
    text = data.decode("utf-8")
    document = json.loads(text)
    assert text == json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert document["guild_id"] == "99"
    assert document["exported_at"] == "2026-11-23T12:00:00Z"
    assert [s["author_id"] for s in document["stories"]] == ["123456789012345678", None]
    assert document["stories"][0]["headline"] == "Lost bag"  # JSON is not neutralised
    assert set(document["stories"][0]) == set(FIELDS)


def test_files_over_the_limit_are_gzipped_and_too_big_is_refused() -> None:
    small = ExportFile("a.csv", b"id\n1\n")
    repetitive = ExportFile("b.json", b'{"story": "same words"}\n' * 2000)
    fitted = fit_attachments([small, repetitive], 10_000)
    assert fitted[0] == small
    assert fitted[1].filename == "b.json.gz"
    assert gzip.decompress(fitted[1].data) == repetitive.data

    noise = random.Random(5).randbytes(20_000)  # incompressible
    with pytest.raises(UserFacingError) as refused:
        fit_attachments([small, ExportFile("c.json", noise)], 10_000)
    assert "too many to send" in refusal_text("en", refused.value)
    assert "trop nombreuses pour être envoyées" in refusal_text("fr", refused.value)


def test_a_departure_is_due_after_its_grace_period() -> None:
    departure = Departure(guild_id=1, left_at=NOW, retention_days=30)
    assert not departure.is_due(datetime(2026, 12, 23, 11, 59, 59, tzinfo=UTC))
    assert departure.is_due(datetime(2026, 12, 23, 12, 0, tzinfo=UTC))
