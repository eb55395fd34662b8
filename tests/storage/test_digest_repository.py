from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.database import Database
from storage.repositories.digests import DigestStatus, SqliteDigestRepository, retry_delay

NOW = datetime(2026, 11, 23, 0, 5, tzinfo=UTC)
STALE = timedelta(minutes=5)
WEEK = "2026-11-16"


async def repository(path: Path) -> tuple[Database, SqliteDigestRepository]:
    database = await Database.open(path)
    return database, SqliteDigestRepository(database)


async def test_a_week_is_claimed_once_and_completed(tmp_path: Path) -> None:
    database, digests = await repository(tmp_path / "bot.db")
    try:
        claim = await digests.claim(1, WEEK, NOW, STALE)
        assert claim is not None
        assert not claim.recovering
        assert await digests.claim(1, WEEK, NOW, STALE) is None  # busy
        await digests.complete(claim, channel_id=10, message_id=20, leaderboard="{}")
        later = NOW + timedelta(days=1)
        assert await digests.claim(1, WEEK, later, STALE) is None  # done for good
        record = await digests.get(1, WEEK)
        assert record is not None
        assert (record.status, record.message_id) == (DigestStatus.POSTED, 20)
        assert await digests.claim(2, WEEK, NOW, STALE) is not None  # other servers unaffected
    finally:
        await database.close()


async def test_a_second_process_cannot_claim_the_same_week(tmp_path: Path) -> None:
    first_db, first = await repository(tmp_path / "bot.db")
    second_db, second = await repository(tmp_path / "bot.db")
    try:
        assert await first.claim(1, WEEK, NOW, STALE) is not None
        assert await second.claim(1, WEEK, NOW, STALE) is None
    finally:
        await first_db.close()
        await second_db.close()


async def test_an_abandoned_claim_is_recovered_after_it_goes_stale(tmp_path: Path) -> None:
    database, digests = await repository(tmp_path / "bot.db")
    try:
        assert await digests.claim(1, WEEK, NOW, STALE) is not None
        # The poster crashed: nothing completes the claim.
        assert await digests.claim(1, WEEK, NOW + timedelta(minutes=4), STALE) is None
        recovered = await digests.claim(1, WEEK, NOW + timedelta(minutes=6), STALE)
        assert recovered is not None
        assert recovered.recovering
        assert recovered.attempts == 2
    finally:
        await database.close()


async def test_failures_back_off(tmp_path: Path) -> None:
    database, digests = await repository(tmp_path / "bot.db")
    try:
        claim = await digests.claim(1, WEEK, NOW, STALE)
        assert claim is not None
        await digests.fail(claim, "Missing Permissions")
        assert await digests.claim(1, WEEK, NOW + timedelta(minutes=14), STALE) is None
        retry = await digests.claim(1, WEEK, NOW + timedelta(minutes=15), STALE)
        assert retry is not None
        assert not retry.recovering
        await digests.fail(retry, "Missing Permissions")
        last = await digests.last_attempt(1)
        assert last is not None
        assert (last.status, last.error, last.attempts) == (
            DigestStatus.FAILED,
            "Missing Permissions",
            2,
        )
    finally:
        await database.close()
    assert [retry_delay(n) for n in (1, 2, 3)] == [
        timedelta(minutes=15),
        timedelta(minutes=30),
        timedelta(hours=1),
    ]
    assert retry_delay(20) == timedelta(hours=6)
