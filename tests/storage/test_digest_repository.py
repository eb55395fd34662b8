from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage.database import Database
from storage.records import DigestStatus
from storage.repositories.digests import SqliteDigestRepository, retry_delay

NOW = datetime(2026, 11, 23, 0, 5, tzinfo=UTC)
STALE = timedelta(minutes=5)
WEEK = "2026-11-16"
SPAN = {
    "start": datetime(2026, 11, 16, tzinfo=UTC),
    "end": datetime(2026, 11, 23, tzinfo=UTC),
}


async def repository(path: Path) -> tuple[Database, SqliteDigestRepository]:
    database = await Database.open(path)
    return database, SqliteDigestRepository(database)


async def test_a_week_is_claimed_once_and_completed(tmp_path: Path) -> None:
    database, digests = await repository(tmp_path / "bot.db")
    try:
        claim = await digests.claim(1, WEEK, NOW, STALE, **SPAN, owner="test")
        assert claim is not None
        assert not claim.recovering
        assert await digests.claim(1, WEEK, NOW, STALE, **SPAN, owner="test") is None  # busy
        await digests.complete(claim, channel_id=10, message_id=20, leaderboard="{}")
        later = NOW + timedelta(days=1)
        assert (
            await digests.claim(1, WEEK, later, STALE, **SPAN, owner="test") is None
        )  # done for good
        record = await digests.get(1, WEEK)
        assert record is not None
        assert (record.status, record.message_id) == (DigestStatus.POSTED, 20)
        assert (
            await digests.claim(2, WEEK, NOW, STALE, **SPAN, owner="test") is not None
        )  # other servers unaffected
    finally:
        await database.close()


async def test_a_second_process_cannot_claim_the_same_week(tmp_path: Path) -> None:
    first_db, first = await repository(tmp_path / "bot.db")
    second_db, second = await repository(tmp_path / "bot.db")
    try:
        assert await first.claim(1, WEEK, NOW, STALE, **SPAN, owner="test") is not None
        assert await second.claim(1, WEEK, NOW, STALE, **SPAN, owner="test") is None
    finally:
        await first_db.close()
        await second_db.close()


async def test_an_abandoned_claim_is_recovered_after_it_goes_stale(tmp_path: Path) -> None:
    database, digests = await repository(tmp_path / "bot.db")
    try:
        assert await digests.claim(1, WEEK, NOW, STALE, **SPAN, owner="test") is not None
        # The poster crashed: nothing completes the claim.
        assert (
            await digests.claim(1, WEEK, NOW + timedelta(minutes=4), STALE, **SPAN, owner="test")
            is None
        )
        recovered = await digests.claim(
            1, WEEK, NOW + timedelta(minutes=6), STALE, **SPAN, owner="test"
        )
        assert recovered is not None
        assert recovered.recovering
        assert recovered.attempts == 2
    finally:
        await database.close()


async def test_failures_back_off(tmp_path: Path) -> None:
    database, digests = await repository(tmp_path / "bot.db")
    try:
        claim = await digests.claim(1, WEEK, NOW, STALE, **SPAN, owner="test")
        assert claim is not None
        await digests.fail(claim, "Missing Permissions")
        assert (
            await digests.claim(1, WEEK, NOW + timedelta(minutes=14), STALE, **SPAN, owner="test")
            is None
        )
        retry = await digests.claim(
            1, WEEK, NOW + timedelta(minutes=15), STALE, **SPAN, owner="test"
        )
        assert retry is not None
        # The failure may have come back after Discord accepted the post: look first.
        assert retry.recovering
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


async def test_a_poster_that_was_taken_over_cannot_overwrite_the_result(tmp_path: Path) -> None:
    database, digests = await repository(tmp_path / "bot.db")
    try:
        stalled = await digests.claim(1, WEEK, NOW, STALE, **SPAN, owner="test")
        assert stalled is not None
        later = NOW + timedelta(minutes=6)
        takeover = await digests.claim(1, WEEK, later, STALE, **SPAN, owner="test")
        assert takeover is not None
        assert await digests.complete(takeover, channel_id=1, message_id=2, leaderboard=None)
        assert not await digests.fail(stalled, "timed out")  # too late: ignored
        record = await digests.get(1, WEEK)
        assert record is not None
        assert (record.status, record.message_id) == (DigestStatus.POSTED, 2)
    finally:
        await database.close()


async def test_a_week_overlapping_a_posted_one_is_not_claimed(tmp_path: Path) -> None:
    """Moderators moved the digest from Monday to Tuesday right after it was posted."""
    database, digests = await repository(tmp_path / "bot.db")
    try:
        monday = await digests.claim(1, WEEK, NOW, STALE, **SPAN, owner="test")
        assert monday is not None
        await digests.complete(monday, channel_id=1, message_id=2, leaderboard=None)
        tuesday = {
            "start": datetime(2026, 11, 17, tzinfo=UTC),
            "end": datetime(2026, 11, 24, tzinfo=UTC),
        }
        assert await digests.claim(1, "2026-11-17", NOW, STALE, **tuesday, owner="test") is None
        next_week = {
            "start": datetime(2026, 11, 24, tzinfo=UTC),
            "end": datetime(2026, 12, 1, tzinfo=UTC),
        }
        assert (
            await digests.claim(1, "2026-11-24", NOW, STALE, **next_week, owner="test") is not None
        )
    finally:
        await database.close()


async def test_a_lease_is_renewed_by_its_holder_and_taken_over_only_once_it_ends(
    tmp_path: Path,
) -> None:
    first_db, first = await repository(tmp_path / "bot.db")
    second_db, second = await repository(tmp_path / "bot.db")
    try:
        held = await first.claim(1, WEEK, NOW, STALE, **SPAN, owner="old")
        assert held is not None
        assert (held.owner, held.lease_until) == ("old", NOW + STALE)
        # Renewed at 4 minutes: still the old poster's at 6 minutes.
        renewed = await first.renew(held, NOW + timedelta(minutes=4), STALE)
        assert renewed is not None
        assert renewed.lease_until == NOW + timedelta(minutes=9)
        assert renewed.fence == held.fence
        assert (
            await second.claim(1, WEEK, NOW + timedelta(minutes=6), STALE, **SPAN, owner="new")
            is None
        )
        taken = await second.claim(1, WEEK, NOW + timedelta(minutes=9), STALE, **SPAN, owner="new")
        assert taken is not None
        assert taken.fence > held.fence
        assert taken.recovering
        # The old poster can neither renew, nor show, nor record anything any more.
        assert await first.renew(renewed, NOW + timedelta(minutes=9), STALE) is None
        assert not await first.show_highlights(renewed, [])
        assert not await first.complete(renewed, channel_id=1, message_id=2, leaderboard=None)
        assert await second.complete(taken, channel_id=1, message_id=3, leaderboard=None)
        record = await second.get(1, WEEK)
        assert record is not None
        assert (record.status, record.message_id) == (DigestStatus.POSTED, 3)
    finally:
        await first_db.close()
        await second_db.close()


async def test_a_lease_that_ran_out_unclaimed_can_still_be_renewed(tmp_path: Path) -> None:
    """A slow poster whose lease ended keeps it if nobody took it over: none could post."""
    database, digests = await repository(tmp_path / "bot.db")
    try:
        held = await digests.claim(1, WEEK, NOW, STALE, **SPAN, owner="slow")
        assert held is not None
        assert await digests.renew(held, NOW + timedelta(minutes=7), STALE) is not None
        assert (
            await digests.claim(1, WEEK, NOW + timedelta(minutes=8), STALE, **SPAN, owner="x")
            is None
        )
    finally:
        await database.close()


async def test_fencing_tokens_never_repeat_even_after_a_week_is_forgotten(tmp_path: Path) -> None:
    """A moderator's re-post deletes the row; a poster from before must not match the new one."""
    database, digests = await repository(tmp_path / "bot.db")
    try:
        before = await digests.claim(1, WEEK, NOW, STALE, **SPAN, owner="before")
        assert before is not None
        await digests.forget_week(1, WEEK)
        after = await digests.claim(1, WEEK, NOW, STALE, **SPAN, owner="after")
        assert after is not None
        assert after.fence > before.fence
        assert not await digests.complete(before, channel_id=1, message_id=2, leaderboard=None)
        other = await digests.claim(2, WEEK, NOW, STALE, **SPAN, owner="after")
        assert other is not None
        assert other.fence > after.fence
    finally:
        await database.close()
