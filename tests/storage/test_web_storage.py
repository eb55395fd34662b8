"""The web pages' storage (both engines): access per server, and what the pages read."""

from datetime import UTC, datetime, timedelta

from bot.domain.stories import StoryStatus
from bot.domain.web_access import WebAccess
from storage.sqlite import Storage
from tests.storage.test_leaderboard_repository import GUILD, START, add

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


async def test_access_is_saved_replaced_and_found_by_its_token(storage: Storage) -> None:
    assert await storage.web_pages.get(GUILD) is None
    first = WebAccess(guild_id=GUILD, token="a" * 22, enabled=True, indexable=False, updated_at=NOW)
    await storage.web_pages.save(first)
    assert await storage.web_pages.get(GUILD) == first
    assert await storage.web_pages.by_token("a" * 22) == first

    rotated = first.model_copy(
        update={"token": "b" * 22, "indexable": True, "updated_at": NOW + timedelta(hours=1)}
    )
    await storage.web_pages.save(rotated)
    assert await storage.web_pages.by_token("a" * 22) is None
    assert await storage.web_pages.by_token("b" * 22) == rotated


async def test_pages_read_posted_digests_and_published_stories_only(storage: Storage) -> None:
    brand = await add(storage, "Acme", 4, at=START + timedelta(days=1))
    await add(storage, "Acme", 2, at=START + timedelta(days=2))
    await add(storage, "Acme", 5, at=START + timedelta(days=3), status=StoryStatus.PENDING)
    async with storage.database.transaction() as connection:
        for week, status in (
            ("2026-11-09", "posted"),
            ("2026-11-16", "posted"),
            ("2026-11-23", "claimed"),
        ):
            start = int(datetime.fromisoformat(week).replace(tzinfo=UTC).timestamp())
            await connection.execute(
                "INSERT INTO digest_posts (guild_id, week_start, status, claimed_at, "
                "window_start, window_end, leaderboard) VALUES (?, ?, ?, 0, ?, ?, ?)",
                (GUILD, week, status, start, start + 7 * 86400, f'{{"week": "{week}"}}'),
            )

    digests = await storage.web_reads.posted_digests(GUILD)
    assert [d.week for d in digests] == ["2026-11-16", "2026-11-09"]
    assert digests[0].start == datetime(2026, 11, 16, tzinfo=UTC)
    assert digests[0].end == datetime(2026, 11, 23, tzinfo=UTC)
    assert digests[0].leaderboard == '{"week": "2026-11-16"}'

    stories = await storage.web_reads.brand_stories(brand, limit=10, offset=0)
    assert [s.rating for s in stories] == [2, 4]  # newest first, published only
    assert [s.rating for s in await storage.web_reads.brand_stories(brand, limit=1, offset=1)] == [
        4
    ]
    ratings = sorted(await storage.web_reads.brand_ratings(brand))
    assert ratings == [(START + timedelta(days=1), 4), (START + timedelta(days=2), 2)]
