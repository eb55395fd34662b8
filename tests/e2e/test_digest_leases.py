"""Exactly once across processes: digest claims are leases with fencing tokens.

Two posters on two Storage objects on one database file, as two processes would have,
post through the running bot to a stand-in whose nonce de-duplication is off: only the
database can keep the digest single. A poster is stalled at a chosen step (the bot's own
courier behind a gate the test opens) while the clock moves past its lease.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest_asyncio

from bot.services.digest import DigestService, WeekDigest
from bot.services.digest_posting import LEASE, DigestCourier, DigestPoster, PostResult
from storage.sqlite import Storage, open_storage
from tests.e2e.conftest import App
from tests.e2e.digest_helpers import WEEK, a_week_of_stories, add_story, cog, digests_in

PAST_LEASE = LEASE.total_seconds() + 1


class GatedCourier:
    """The bot's courier; the poster waits at `stall_at` until the test opens the gate."""

    def __init__(self, inner: DigestCourier, stall_at: str) -> None:
        self._inner = inner
        self._stall_at = stall_at
        self.reached = asyncio.Event()
        self.gate = asyncio.Event()

    async def _maybe_stall(self, step: str) -> None:
        if step == self._stall_at:
            self.reached.set()
            await self.gate.wait()

    async def can_post_in(self, channel_id: int) -> bool:
        await self._maybe_stall("start")
        return await self._inner.can_post_in(channel_id)

    async def find_posted(self, channel_id: int, week: str, since_ms: int | None) -> int | None:
        return await self._inner.find_posted(channel_id, week, since_ms)

    async def send(self, channel_id: int, digest: WeekDigest, nonce: str) -> int:
        message_id = await self._inner.send(channel_id, digest, nonce)
        await self._maybe_stall("sent")
        return message_id


@pytest_asyncio.fixture
async def second_storage(app: App) -> AsyncIterator[Storage]:
    """The same database file opened again, as a second process would."""
    app.standin.nonce_window = 0.0  # Discord's de-duplication must not be what saves us
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    storage = await open_storage(app.db_path)
    try:
        yield storage
    finally:
        await storage.close()


def poster(app: App, storage: Storage, courier: DigestCourier | None = None) -> DigestPoster:
    return DigestPoster(
        storage,
        DigestService(storage, app.clock),
        app.clock,
        courier or cog(app).courier,
    )


async def stalled(app: App, courier: GatedCourier) -> asyncio.Task[PostResult]:
    task = asyncio.create_task(poster(app, app.storage, courier).post_due(app.guild_id))
    await asyncio.wait_for(courier.reached.wait(), 5)
    return task


async def test_a_process_started_mid_post_does_not_post_again(
    app: App, second_storage: Storage
) -> None:
    """The issue's measured double: the new process used to take the claim over at once."""
    gated = GatedCourier(cog(app).courier, stall_at="start")
    old = await stalled(app, gated)
    app.clock.advance(seconds=5)
    newcomer = poster(app, second_storage)
    assert await newcomer.post_round([app.guild_id]) == {app.guild_id: PostResult.HELD}
    assert newcomer.held_until == app.clock() - timedelta(seconds=5) + LEASE
    gated.gate.set()
    assert await old is PostResult.POSTED
    assert len(digests_in(app)) == 1
    assert app.standin.deduplicated == 0


async def test_a_poster_taken_over_before_sending_sends_nothing(
    app: App, second_storage: Storage
) -> None:
    gated = GatedCourier(cog(app).courier, stall_at="start")
    stuck = await stalled(app, gated)
    app.clock.advance(seconds=PAST_LEASE)  # it froze for longer than its lease
    assert await poster(app, second_storage).post_due(app.guild_id) is PostResult.POSTED
    gated.gate.set()
    assert await stuck is PostResult.LOST
    (post,) = digests_in(app)
    record = await app.storage.digests.get(app.guild_id, WEEK)
    assert record is not None
    assert (record.status, record.message_id, record.attempts) == ("posted", post.id, 2)


async def test_a_poster_taken_over_after_sending_records_nothing(
    app: App, second_storage: Storage
) -> None:
    """Its post is found by the poster that took over, which records it: one message."""
    gated = GatedCourier(cog(app).courier, stall_at="sent")
    stuck = await stalled(app, gated)
    (post,) = digests_in(app)
    app.clock.advance(seconds=PAST_LEASE)
    sends_before = len(app.standin.requests)
    assert await poster(app, second_storage).post_due(app.guild_id) is PostResult.RECOVERED
    gated.gate.set()
    assert await stuck is PostResult.LOST
    assert digests_in(app) == [post]
    assert not [
        r
        for r in app.standin.requests[sends_before:]
        if r.method == "POST" and r.path.endswith("/messages")
    ]
    record = await second_storage.digests.get(app.guild_id, WEEK)
    assert record is not None
    assert (record.status, record.message_id) == ("posted", post.id)


async def test_a_slow_poster_that_renews_keeps_its_lease(app: App, second_storage: Storage) -> None:
    gated = GatedCourier(cog(app).courier, stall_at="start")
    slow = poster(app, app.storage, gated)
    slow.renew_every = 0.02
    task = asyncio.create_task(slow.post_due(app.guild_id))
    await asyncio.wait_for(gated.reached.wait(), 5)
    other = poster(app, second_storage)
    for _ in range(3):  # 135 s in all, each step within a renewed lease
        app.clock.advance(seconds=LEASE.total_seconds() * 0.75)
        await asyncio.sleep(0.2)
        assert await other.post_due(app.guild_id) is PostResult.HELD
    gated.gate.set()
    assert await task is PostResult.POSTED
    assert len(digests_in(app)) == 1


async def test_two_processes_racing_each_week_post_each_digest_once(
    app: App, second_storage: Storage
) -> None:
    first, second = poster(app, app.storage), poster(app, second_storage)
    weeks = 4
    for week in range(weeks):
        if week:
            app.clock.advance(days=7)
            for rating in (5, 4, 1, 2):
                await add_story(
                    app,
                    "Porter Airlines" if rating > 3 else "Rogers",
                    rating,
                    when=app.clock() - timedelta(days=3),
                )
        results = await asyncio.gather(first.post_due(app.guild_id), second.post_due(app.guild_id))
        assert results.count(PostResult.POSTED) == 1
        assert set(results) - {PostResult.POSTED} <= {PostResult.HELD, PostResult.NOT_DUE}
    assert len(digests_in(app)) == weeks
    assert app.standin.deduplicated == 0


async def test_a_server_of_another_shard_is_left_to_its_process(
    app: App, second_storage: Storage
) -> None:
    elsewhere = DigestPoster(
        second_storage,
        DigestService(second_storage, app.clock),
        app.clock,
        cog(app).courier,
        owns=lambda guild_id: guild_id != app.guild_id,
    )
    assert await elsewhere.post_round([app.guild_id]) == {app.guild_id: PostResult.NOT_MINE}
    assert digests_in(app) == []
    assert await second_storage.digests.get(app.guild_id, WEEK) is None


async def test_fifty_weeks_of_races_stalls_and_kills_post_each_digest_once(
    app: App, second_storage: Storage
) -> None:
    """Each week one of four faults, in turn; the stand-in never de-duplicates."""
    storages = (app.storage, second_storage)
    weeks = 50
    for week in range(weeks):
        if week:
            app.clock.advance(days=7)
            for rating in (5, 4, 1, 2):
                brand = "Porter Airlines" if rating > 3 else "Rogers"
                await add_story(app, brand, rating, when=app.clock() - timedelta(days=3))
        first, second = storages[week % 2], storages[1 - week % 2]
        fault = week % 4
        if fault == 0:  # two processes race
            await asyncio.gather(
                poster(app, first).post_due(app.guild_id),
                poster(app, second).post_due(app.guild_id),
            )
        else:  # a poster stalls or is killed at a step; the other takes over after its lease
            step = "start" if fault == 1 else "sent"
            gated = GatedCourier(cog(app).courier, stall_at=step)
            task = asyncio.create_task(poster(app, first, gated).post_due(app.guild_id))
            await asyncio.wait_for(gated.reached.wait(), 5)
            killed = fault == 3
            if killed:
                task.cancel()  # as SIGKILL: nothing after this step runs
            app.clock.advance(seconds=PAST_LEASE)
            result = await poster(app, second).post_due(app.guild_id)
            assert result in (PostResult.POSTED, PostResult.RECOVERED)
            gated.gate.set()
            if killed:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            else:
                assert await task is PostResult.LOST
    posts = digests_in(app)
    assert len(posts) == weeks
    with sqlite3.connect(app.db_path) as connection:
        recorded = connection.execute(
            "SELECT status, message_id FROM digest_posts ORDER BY week_start"
        ).fetchall()
    assert recorded == [("posted", post.id) for post in posts]
    assert app.standin.deduplicated == 0
