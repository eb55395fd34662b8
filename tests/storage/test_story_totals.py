"""The aggregate tables (migration 0005) always equal a recount of the stories.

Each kind of change a story can go through is applied through the repositories, and
after each one every aggregate table is compared with the same figures counted afresh
from `stories` and `story_touchpoints`.
"""

from datetime import UTC, datetime, timedelta

from bot.domain.brands import brand_key
from bot.domain.stories import StoryStatus
from bot.domain.submission import StoryKind, StorySubmission
from bot.domain.touchpoints import Touchpoint
from storage.sqlite import Storage

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
GUILD = 111
OTHER = 222
_interactions = iter(range(1, 10_000))

# Each aggregate table with the query that recounts it from the stories.
RECOUNTS = {
    "brand_totals": (
        "SELECT brand_id, count(*), sum(CAST(kind = 'great' AS INTEGER)), "
        "sum(CAST(kind = 'disaster' AS INTEGER)), sum(rating) "
        "FROM stories WHERE status = 'published' GROUP BY brand_id",
        "SELECT brand_id, stories, great, disasters, rating_sum FROM brand_totals",
    ),
    "brand_touchpoint_totals": (
        "SELECT s.brand_id, t.touchpoint, count(*), sum(s.rating) FROM story_touchpoints t "
        "JOIN stories s ON s.id = t.story_id WHERE s.status = 'published' "
        "GROUP BY s.brand_id, t.touchpoint",
        "SELECT brand_id, touchpoint, stories, rating_sum FROM brand_touchpoint_totals",
    ),
    "brand_recommend_totals": (
        "SELECT brand_id, recommend, count(*) FROM stories WHERE status = 'published' "
        "AND recommend IS NOT NULL GROUP BY brand_id, recommend",
        "SELECT brand_id, recommend, stories FROM brand_recommend_totals",
    ),
    "brand_day_totals": (
        "SELECT guild_id, published_at / 86400, brand_id, count(*), sum(rating), "
        "sum(CAST(kind = 'disaster' AS INTEGER)) FROM stories WHERE status = 'published' "
        "GROUP BY guild_id, published_at / 86400, brand_id",
        "SELECT guild_id, day, brand_id, stories, rating_sum, disasters FROM brand_day_totals",
    ),
    "guild_touchpoint_day_totals": (
        "SELECT s.guild_id, s.published_at / 86400, s.kind, t.touchpoint, count(*) "
        "FROM story_touchpoints t JOIN stories s ON s.id = t.story_id "
        "WHERE s.status = 'published' GROUP BY s.guild_id, s.published_at / 86400, s.kind, "
        "t.touchpoint",
        "SELECT guild_id, day, kind, touchpoint, stories FROM guild_touchpoint_day_totals",
    ),
    "guild_day_totals": (
        "SELECT guild_id, published_at / 86400, count(*), sum(rating) FROM stories "
        "WHERE status = 'published' GROUP BY guild_id, published_at / 86400",
        "SELECT guild_id, day, stories, rating_sum FROM guild_day_totals",
    ),
}


async def table_rows(storage: Storage, sql: str, *params: object) -> list[tuple[object, ...]]:
    """Rows read through the storage's own database (either engine), sorted."""
    return sorted(tuple(r) for r in await storage.database.fetch_all(sql, params))


async def assert_totals_exact(storage: Storage) -> None:
    for table, (recount, stored) in RECOUNTS.items():
        assert await table_rows(storage, stored) == await table_rows(storage, recount), table


async def add(
    storage: Storage,
    brand: str,
    *,
    rating: int,
    status: StoryStatus = StoryStatus.PUBLISHED,
    at: datetime = NOW,
    guild: int = GUILD,
    author: int = 500,
    kind: StoryKind = StoryKind.DISASTER,
    touchpoints: tuple[Touchpoint, ...] = (Touchpoint.SERVICE,),
) -> int:
    submission = StorySubmission.model_validate(
        {
            "kind": kind,
            "brand": brand,
            "headline": "Lost my bag twice",
            "body": "They lost my bag on the way out and again on the way back home.",
            "rating": rating,
            "touchpoints": touchpoints,
        }
    )
    created = await storage.stories.create(
        guild_id=guild,
        author_id=author,
        submission=submission,
        brand_key=brand_key(brand),
        status=status,
        interaction_id=next(_interactions),
        now=at,
    )
    return created.story.id


async def brand_id(storage: Storage, name: str, guild: int = GUILD) -> int:
    brand = await storage.brands.find(guild, brand_key(name))
    assert brand is not None
    return brand.id


async def test_totals_follow_every_kind_of_story_change(storage: Storage) -> None:
    both = (Touchpoint.SERVICE, Touchpoint.DELIVERY)
    first = await add(storage, "Acme", rating=2, touchpoints=both)
    await add(storage, "Acme", rating=5, kind=StoryKind.GREAT, at=NOW - timedelta(days=3))
    await add(storage, "Bell", rating=1, author=600)
    draft = await add(storage, "Bell", rating=4, status=StoryStatus.DRAFT)
    await add(storage, "Cora", rating=3, guild=OTHER)
    await assert_totals_exact(storage)

    # Follow-up answers on a published story; a draft's answers count only once published.
    await storage.stories.update(first, recommend=9)
    await storage.stories.update_draft(draft, recommend=2, rating=3, kind=StoryKind.GREAT)
    await assert_totals_exact(storage)
    assert await storage.stories.leave_draft(draft, StoryStatus.PUBLISHED, NOW)
    await assert_totals_exact(storage)

    # An edit changes the rating and the touchpoints.
    edited = StorySubmission.model_validate(
        {
            "kind": StoryKind.DISASTER,
            "brand": "Acme",
            "headline": "Lost my bag three times",
            "body": "They lost my bag on the way out and again on the way back home.",
            "rating": 1,
            "touchpoints": (Touchpoint.BILLING,),
        }
    )
    await storage.stories.edit(first, edited, NOW)
    await assert_totals_exact(storage)

    # Hidden, restored (published again a day later), moved to another brand.
    assert await storage.stories.hide_if_published(first, "reported")
    await assert_totals_exact(storage)
    await storage.stories.update(
        first, status=StoryStatus.PUBLISHED, published_at=NOW + timedelta(days=1)
    )
    await assert_totals_exact(storage)
    await storage.stories.move_to_brand(first, await brand_id(storage, "Bell"))
    await assert_totals_exact(storage)

    # A merge moves every story, an unmerge moves them back.
    merged = await storage.brand_merges.merge(
        guild_id=GUILD,
        from_brand_id=await brand_id(storage, "Acme"),
        into_brand_id=await brand_id(storage, "Bell"),
        moderator_id=9,
        reason=None,
        now=NOW,
    )
    await assert_totals_exact(storage)
    await storage.brand_merges.unmerge(
        guild_id=GUILD, merge_id=merged.merge_id, moderator_id=9, reason=None, now=NOW
    )
    await assert_totals_exact(storage)

    # Deleting one story, then forget-me for a member, then the purge of a server.
    await storage.stories.delete(draft)
    await assert_totals_exact(storage)
    await storage.members.forget(600)
    await assert_totals_exact(storage)
    await storage.guild_data.mark_left(OTHER, NOW - timedelta(days=40))
    assert await storage.guild_data.purge(OTHER, NOW) is not None
    await assert_totals_exact(storage)
    for table in ("brand_day_totals", "guild_day_totals", "guild_touchpoint_day_totals"):
        sql = f"SELECT count(*) FROM {table} WHERE guild_id = ?"
        assert await table_rows(storage, sql, OTHER) == [(0,)]


async def test_totals_are_never_left_at_zero(storage: Storage) -> None:
    story = await add(storage, "Acme", rating=2)
    await storage.stories.delete(story)
    for table in RECOUNTS:
        assert await table_rows(storage, f"SELECT count(*) FROM {table}") == [(0,)], table


async def test_windows_at_any_second_match_a_scan_of_the_stories(storage: Storage) -> None:
    """Whole days from the totals plus partial days from the stories: same as a scan."""
    from storage.repositories.leaderboard import SCAN_BRAND_ROWS_SQL, window_params

    base = datetime(2026, 11, 16, tzinfo=UTC)
    for hour in range(0, 24 * 9, 5):
        at = base + timedelta(hours=hour, minutes=hour % 60)
        await add(storage, ("Acme", "Bell", "Cora")[hour % 3], rating=1 + hour % 5, at=at)
    windows = [
        (base + timedelta(hours=5, minutes=30), base + timedelta(days=7, hours=5, minutes=30)),
        (base + timedelta(hours=1), base + timedelta(hours=20)),  # inside one day
        (base, base + timedelta(days=7)),  # whole days only
        (base + timedelta(days=2, seconds=1), base + timedelta(days=3, seconds=-1)),
    ]
    for start, end in windows:
        scanned = await storage.database.fetch_all(
            SCAN_BRAND_ROWS_SQL, window_params(GUILD, start, end)
        )
        expected = [(r[0], r[1], r[2], r[3], r[4]) for r in scanned]
        rows = await storage.leaderboard.brand_rows(GUILD, start, end)
        got = [
            (r.brand_id, r.name, r.count, round(r.mean_rating * r.count), r.disaster_count)
            for r in rows
        ]
        assert got == expected, (start, end)


async def test_touchpoint_counts_at_any_second_match_a_scan(storage: Storage) -> None:
    base = datetime(2026, 11, 16, tzinfo=UTC)
    touchpoints = (Touchpoint.SERVICE, Touchpoint.DELIVERY, Touchpoint.BILLING)
    for hour in range(0, 24 * 9, 5):
        await add(
            storage,
            "Acme",
            rating=1 + hour % 5,
            kind=(StoryKind.GREAT, StoryKind.DISASTER)[hour % 2],
            touchpoints=touchpoints[: 1 + hour % 3],
            at=base + timedelta(hours=hour, minutes=hour % 60),
        )
    windows = [
        (base + timedelta(hours=5, minutes=30), base + timedelta(days=7, hours=5, minutes=30)),
        (base + timedelta(hours=1), base + timedelta(hours=20)),
        (base, base + timedelta(days=7)),
    ]
    for start, end in windows:
        scanned = await storage.database.fetch_all(
            "SELECT s.kind, t.touchpoint, count(*) FROM stories s "
            "JOIN story_touchpoints t ON t.story_id = s.id WHERE s.guild_id = ? "
            "AND s.status = 'published' AND s.published_at >= ? AND s.published_at < ? "
            "GROUP BY s.kind, t.touchpoint",
            (GUILD, int(start.timestamp()), int(end.timestamp())),
        )
        expected = {(StoryKind(r[0]), Touchpoint(r[1])): int(r[2]) for r in scanned}
        assert expected
        assert await storage.week_summary.touchpoint_counts(GUILD, start, end) == expected
