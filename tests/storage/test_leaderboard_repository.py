import itertools
from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.brands import brand_key
from bot.domain.ranking import BrandWeek
from bot.domain.stories import StoryStatus
from bot.domain.submission import StoryKind, StorySubmission
from bot.domain.touchpoints import Touchpoint
from storage.repositories.leaderboard import (
    BRAND_ROWS_SQL,
    GUILDS_IN_WINDOW_SQL,
    SERVER_TOTALS_SQL,
    window_params,
)
from storage.sqlite import Storage

START = datetime(2026, 11, 16, tzinfo=UTC)
END = datetime(2026, 11, 23, tzinfo=UTC)
GUILD = 111
OTHER_GUILD = 222
_interactions = itertools.count(1)


async def add(
    storage: Storage,
    brand: str,
    rating: int,
    kind: StoryKind = StoryKind.GREAT,
    *,
    at: datetime = START + timedelta(days=1),
    guild: int = GUILD,
    status: StoryStatus = StoryStatus.PUBLISHED,
) -> int:
    submission = StorySubmission.model_validate(
        {
            "kind": kind,
            "brand": brand,
            "headline": "A headline long enough",
            "body": "What happened, told in enough words to pass the form's checks.",
            "rating": rating,
            "touchpoints": (Touchpoint.SERVICE,),
        }
    )
    created = await storage.stories.create(
        guild_id=guild,
        author_id=500,
        submission=submission,
        brand_key=brand_key(brand),
        status=status,
        interaction_id=next(_interactions),
        now=at,
    )
    return created.story.brand_id


async def test_brand_rows_aggregate_published_stories_in_the_window(storage: Storage) -> None:
    acme = await add(storage, "Acme", 5)
    await add(storage, "Acme", 4)
    await add(storage, "Acme", 2, StoryKind.DISASTER)
    # A great story rated 2 stays great: kind is never derived from the rating.
    bell = await add(storage, "Bell", 2, StoryKind.GREAT)
    await add(storage, "Bell", 1, StoryKind.DISASTER)

    rows = await storage.leaderboard.brand_rows(GUILD, START, END)

    assert rows == [
        BrandWeek(
            brand_id=acme,
            name="Acme",
            count=3,
            mean_rating=11 / 3,
            great_count=2,
            disaster_count=1,
        ),
        BrandWeek(
            brand_id=bell, name="Bell", count=2, mean_rating=1.5, great_count=1, disaster_count=1
        ),
    ]
    assert rows[0].mean_rating == pytest.approx(3.6667, abs=1e-4)


async def test_only_published_stories_of_this_server_inside_the_window_count(
    storage: Storage,
) -> None:
    acme = await add(storage, "Acme", 4)
    await add(storage, "Acme", 1, at=START - timedelta(seconds=1))  # before
    await add(storage, "Acme", 1, at=END)  # the end is excluded
    await add(storage, "Acme", 5, at=START)  # the start is included
    await add(storage, "Acme", 1, status=StoryStatus.HIDDEN)
    await add(storage, "Acme", 1, status=StoryStatus.PENDING)
    await add(storage, "Acme", 1, status=StoryStatus.DRAFT)
    await add(storage, "Acme", 1, guild=OTHER_GUILD)
    await add(storage, "Only hidden", 1, status=StoryStatus.HIDDEN)

    rows = await storage.leaderboard.brand_rows(GUILD, START, END)

    assert [(r.brand_id, r.count, r.mean_rating) for r in rows] == [(acme, 2, 4.5)]


async def test_empty_window(storage: Storage) -> None:
    await add(storage, "Acme", 4, at=START - timedelta(days=3))
    assert await storage.leaderboard.brand_rows(GUILD, START, END) == []
    assert await storage.leaderboard.server_mean(GUILD, START, END) is None
    assert await storage.leaderboard.guild_ids_with_stories(START, END) == []


async def test_rows_show_the_brands_current_name_and_follow_moved_stories(
    storage: Storage,
) -> None:
    acme = await add(storage, "Acme", 4)
    await add(storage, "Acme", 4)
    typo = await add(storage, "Acmee", 2, StoryKind.DISASTER)
    story = (await storage.stories.by_author(GUILD, 500))[0][0]
    assert story.brand_id == typo
    await storage.stories.move_to_brand(story.id, acme)
    async with storage.database.transaction() as connection:
        await connection.execute("UPDATE brands SET name = 'ACME Corp' WHERE id = ?", (acme,))

    rows = await storage.leaderboard.brand_rows(GUILD, START, END)

    assert [(r.name, r.count, r.great_count, r.disaster_count) for r in rows] == [
        ("ACME Corp", 3, 2, 1)
    ]


async def test_server_mean_over_a_span(storage: Storage) -> None:
    await add(storage, "Acme", 5)
    await add(storage, "Bell", 2)
    await add(storage, "Bell", 4, at=START - timedelta(weeks=5))
    await add(storage, "Bell", 1, status=StoryStatus.HIDDEN)
    await add(storage, "Bell", 1, guild=OTHER_GUILD)
    assert await storage.leaderboard.server_mean(GUILD, START, END) == pytest.approx(3.5)
    twelve = START - timedelta(weeks=11)
    assert await storage.leaderboard.server_mean(GUILD, twelve, END) == pytest.approx(11 / 3)


async def test_guild_ids_with_stories_in_the_window(storage: Storage) -> None:
    await add(storage, "Acme", 5, guild=30)
    await add(storage, "Acme", 5, guild=10)
    await add(storage, "Acme", 5, guild=20, at=START - timedelta(days=1))
    await add(storage, "Acme", 5, guild=40, status=StoryStatus.PENDING)
    await add(storage, "Acme", 5, guild=50, at=END - timedelta(seconds=1))
    assert await storage.leaderboard.guild_ids_with_stories(START, END) == [10, 30, 50]


async def plan(storage: Storage, sql: str, params: dict[str, int]) -> list[str]:
    rows = await storage.database.fetch_all(f"EXPLAIN QUERY PLAN {sql}", params)
    return [str(row["detail"]) for row in rows]


@pytest.mark.sqlite_only("reads SQLite's query plans")
async def test_query_plans_seek_the_covering_index(storage: Storage) -> None:
    params = window_params(GUILD, START, END)
    range_search = (
        "stories_leaderboard (guild_id=? AND status=? AND published_at>? AND published_at<?)"
    )

    # brand_rows reads whole days from the day totals by primary key, and only the
    # partial first and last day from the stories' covering index (two range searches):
    # no SCAN, no table lookup; names by primary key for the aggregated rows only.
    rows = await plan(storage, BRAND_ROWS_SQL, params)
    reading_stories = [step for step in rows if "stories" in step.split()]
    assert reading_stories == [f"SEARCH stories USING COVERING INDEX {range_search}"] * 2
    assert any(
        step.startswith(
            "SEARCH brand_day_totals USING PRIMARY KEY (guild_id=? AND day>? AND day<?)"
        )
        for step in rows
    )
    assert "SEARCH b USING INTEGER PRIMARY KEY (rowid=?)" in rows
    assert not any(step.startswith("SCAN") and "stories" in step for step in rows)

    mean = await plan(storage, SERVER_TOTALS_SQL, params)
    assert [step for step in mean if "stories" in step.split()] == [
        f"SEARCH stories USING COVERING INDEX {range_search}"
    ] * 2
    assert any(step.startswith("SEARCH guild_day_totals USING PRIMARY KEY") for step in mean)

    guilds = await plan(storage, GUILDS_IN_WINDOW_SQL, {"start": 0, "end": 1})
    assert "SEARCH stories USING COVERING INDEX stories_leaderboard (guild_id>?)" in guilds
    assert not any(step.startswith("SCAN stories") for step in guilds)


async def count_steps(storage: Storage, window: tuple[datetime, datetime]) -> int:
    """SQLite virtual-machine steps spent by one brand_rows call.

    Run inside a write transaction, so that its reads use the one connection that
    carries the progress handler.
    """
    steps = 0

    def tick() -> int:
        nonlocal steps
        steps += 1
        return 0

    async with storage.database.transaction() as connection:
        await connection.set_progress_handler(tick, 1)
        try:
            await storage.leaderboard.brand_rows(GUILD, *window)
        finally:
            await connection.set_progress_handler(None, 1)  # type: ignore[arg-type]
    return steps


@pytest.mark.sqlite_only("counts SQLite's virtual machine steps")
async def test_work_does_not_grow_with_stories_outside_the_window(storage: Storage) -> None:
    """The cost depends on the window's brands and days only, not on the rest of the table."""
    for rating in (5, 4, 3):
        await add(storage, "Acme", rating)
    await add(storage, "Bell", 1, StoryKind.DISASTER)
    # A scan reads one entry past its range to see that it ended: have one there already.
    await add(storage, "Bell", 2, at=END)
    before = await count_steps(storage, (START, END))

    for day in range(1, 40):  # weeks before and after, other servers, unpublished
        await add(storage, "Acme", 2, at=START - timedelta(days=day))
        await add(storage, "Bell", 2, at=END + timedelta(days=day))
        await add(storage, "Acme", 2, guild=OTHER_GUILD)
        await add(storage, "Cora", 2, guild=GUILD + 1)
        await add(storage, "Acme", 2, status=StoryStatus.HIDDEN)
    after = await count_steps(storage, (START, END))
    assert before == after

    # More stories of a brand on a day already counted cost nothing more: one total row.
    for rating in (1, 2, 3, 4):
        await add(storage, "Acme", rating)
    assert await count_steps(storage, (START, END)) == after

    # The measure is sensitive: a brand new to the window adds a row to read.
    await add(storage, "Dune", 3)
    assert await count_steps(storage, (START, END)) > after
