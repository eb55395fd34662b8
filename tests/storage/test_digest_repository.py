"""The digest's ledger on both engines: claims are leases with fencing tokens.

Tests of two processes open the same database twice (two Storage objects), as two bot
processes on one SQLite file or one PostgreSQL database would.
"""

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from storage.interfaces import DigestRepository
from storage.postgres.assemble import storage_on
from storage.postgres.database import PostgresDatabase
from storage.records import DigestStatus
from storage.repositories.digests import retry_delay
from storage.sqlite import Storage, open_storage
from tests.storage.conftest import _drop_pg_database, _new_pg_database

NOW = datetime(2026, 11, 23, 0, 5, tzinfo=UTC)
STALE = timedelta(minutes=5)
WEEK = "2026-11-16"
SPAN = {
    "start": datetime(2026, 11, 16, tzinfo=UTC),
    "end": datetime(2026, 11, 23, tzinfo=UTC),
}


Two = tuple[DigestRepository, DigestRepository]


@pytest.fixture
async def two(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[Two]:
    """The digest ledger of one database, opened by two 'processes'."""
    opened: list[Storage] = []
    if engine == "sqlite":
        opened = [await open_storage(tmp_path / "bot.db") for _ in range(2)]
        try:
            yield opened[0].digests, opened[1].digests
        finally:
            for storage in opened:
                await storage.close()
        return
    server_dsn: str = request.getfixturevalue("postgres_dsn")
    name = f"digests_{id(tmp_path):x}"
    dsn = await _new_pg_database(server_dsn, name)
    databases = [await PostgresDatabase.open(dsn) for _ in range(2)]
    try:
        yield storage_on(databases[0]).digests, storage_on(databases[1]).digests
    finally:
        for database in databases:
            await database.close()
        await _drop_pg_database(server_dsn, name)


async def test_a_week_is_claimed_once_and_completed(two: Two) -> None:
    digests, _ = two
    claim = await digests.claim(1, WEEK, NOW, STALE, **SPAN, owner="test")
    assert claim is not None
    assert not claim.recovering
    assert await digests.claim(1, WEEK, NOW, STALE, **SPAN, owner="test") is None  # busy
    await digests.complete(claim, channel_id=10, message_id=20, leaderboard="{}")
    later = NOW + timedelta(days=1)
    assert await digests.claim(1, WEEK, later, STALE, **SPAN, owner="test") is None  # done for good
    record = await digests.get(1, WEEK)
    assert record is not None
    assert (record.status, record.message_id) == (DigestStatus.POSTED, 20)
    assert (
        await digests.claim(2, WEEK, NOW, STALE, **SPAN, owner="test") is not None
    )  # other servers unaffected


async def test_a_second_process_cannot_claim_the_same_week(two: Two) -> None:
    first, second = two
    assert await first.claim(1, WEEK, NOW, STALE, **SPAN, owner="test") is not None
    assert await second.claim(1, WEEK, NOW, STALE, **SPAN, owner="test") is None


async def test_an_abandoned_claim_is_recovered_after_it_goes_stale(two: Two) -> None:
    digests, _ = two
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


async def test_failures_back_off(two: Two) -> None:
    digests, _ = two
    claim = await digests.claim(1, WEEK, NOW, STALE, **SPAN, owner="test")
    assert claim is not None
    await digests.fail(claim, "Missing Permissions")
    assert (
        await digests.claim(1, WEEK, NOW + timedelta(minutes=14), STALE, **SPAN, owner="test")
        is None
    )
    retry = await digests.claim(1, WEEK, NOW + timedelta(minutes=15), STALE, **SPAN, owner="test")
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
    assert [retry_delay(n) for n in (1, 2, 3)] == [
        timedelta(minutes=15),
        timedelta(minutes=30),
        timedelta(hours=1),
    ]
    assert retry_delay(20) == timedelta(hours=6)


async def test_a_poster_that_was_taken_over_cannot_overwrite_the_result(two: Two) -> None:
    digests, _ = two
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


async def test_a_week_overlapping_a_posted_one_is_not_claimed(two: Two) -> None:
    """Moderators moved the digest from Monday to Tuesday right after it was posted."""
    digests, _ = two
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
    assert await digests.claim(1, "2026-11-24", NOW, STALE, **next_week, owner="test") is not None


async def test_a_lease_is_renewed_by_its_holder_and_taken_over_only_once_it_ends(two: Two) -> None:
    first, second = two
    held = await first.claim(1, WEEK, NOW, STALE, **SPAN, owner="old")
    assert held is not None
    assert (held.owner, held.lease_until) == ("old", NOW + STALE)
    # Renewed at 4 minutes: still the old poster's at 6 minutes.
    renewed = await first.renew(held, NOW + timedelta(minutes=4), STALE)
    assert renewed is not None
    assert renewed.lease_until == NOW + timedelta(minutes=9)
    assert renewed.fence == held.fence
    assert (
        await second.claim(1, WEEK, NOW + timedelta(minutes=6), STALE, **SPAN, owner="new") is None
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


async def test_a_lease_that_ran_out_unclaimed_can_still_be_renewed(two: Two) -> None:
    """A slow poster whose lease ended keeps it if nobody took it over: none could post."""
    digests, _ = two
    held = await digests.claim(1, WEEK, NOW, STALE, **SPAN, owner="slow")
    assert held is not None
    assert await digests.renew(held, NOW + timedelta(minutes=7), STALE) is not None
    assert (
        await digests.claim(1, WEEK, NOW + timedelta(minutes=8), STALE, **SPAN, owner="x") is None
    )


async def test_fencing_tokens_never_repeat_even_after_a_week_is_forgotten(two: Two) -> None:
    """A moderator's re-post deletes the row; a poster from before must not match the new one."""
    digests, _ = two
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


async def test_claims_racing_from_two_processes_give_the_week_to_one(two: Two) -> None:
    first, second = two
    claims = await asyncio.gather(
        *(
            repo.claim(1, WEEK, NOW, STALE, **SPAN, owner=f"poster {n}")
            for n, repo in enumerate([first, second] * 5)
        )
    )
    (winner,) = [claim for claim in claims if claim is not None]
    record = await second.get(1, WEEK)
    assert record is not None
    assert record.status is DigestStatus.CLAIMED
    assert await first.renew(winner, NOW, STALE) is not None
