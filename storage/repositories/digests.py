"""The weekly digest's ledger: one row per (server, week), claimed before posting.

The row is the exactly-once guarantee, kept by the database, never by Discord. A claim
is a lease: an owner, an expiry the owner renews while it posts, and a fencing token
(`fence`) drawn from a counter that only grows. A claim whose lease ran out (its poster
crashed or stalled) may be taken over, with a larger token; every statement that
records an outcome checks the token, so the poster that lost the lease can record
nothing. The week is recovered by looking for the posted message before anything is
sent again. Claims are made in a write transaction (BEGIN IMMEDIATE serialises them).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

import aiosqlite

from storage.database import Database
from storage.records import Claim, DigestRecord, DigestStatus
from storage.rows import from_epoch, to_epoch


def retry_delay(attempts: int) -> timedelta:
    """Back-off after a failure: 15 min, 30 min, 1 h... at most 6 h (no retry storm)."""
    delay: timedelta = timedelta(minutes=15) * 2 ** max(attempts - 1, 0)
    return min(delay, timedelta(hours=6))


def lease_end(now: datetime, lease: timedelta) -> datetime:
    """Where a lease taken at `now` ends, at the ledger's one-second resolution."""
    end = from_epoch(to_epoch(now + lease))
    assert end is not None
    return end


class SqliteDigestRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def claim(
        self,
        guild_id: int,
        week: str,
        now: datetime,
        lease: timedelta,
        *,
        start: datetime,
        end: datetime,
        owner: str,
    ) -> Claim | None:
        """Lease the week `[start, end)` to `owner` until `now + lease`, or None.

        None when it is done, failed recently (back-off), leased to a poster whose lease
        has not run out, or overlaps a week already posted (the schedule changed in
        between). Every claim after the first attempt is `recovering`: a failure or a
        crash may have come after Discord had accepted the post, so the channel is
        checked before sending again.
        """
        stamp = to_epoch(now)
        until = lease_end(now, lease)
        async with self._db.transaction() as connection:
            async with connection.execute(
                "SELECT status, claimed_at, attempts, lease_expires_at FROM digest_posts "
                "WHERE guild_id = ? AND week_start = ?",
                (guild_id, week),
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                async with connection.execute(
                    "SELECT 1 FROM digest_posts WHERE guild_id = ? AND week_start != ? "
                    "AND status IN ('posted', 'skipped') AND window_end > ? AND window_start < ?",
                    (guild_id, week, to_epoch(start), to_epoch(end)),
                ) as cursor:
                    if await cursor.fetchone() is not None:
                        return None
                fence = await _next_fence(connection)
                started = int(time.time() * 1000)  # compared with Discord's snowflakes
                await connection.execute(
                    "INSERT INTO digest_posts (guild_id, week_start, status, claimed_at, "
                    "window_start, window_end, attempt_started_ms, lease_owner, "
                    "lease_expires_at, fence) VALUES (?, ?, 'claimed', ?, ?, ?, ?, ?, ?, ?)",
                    (
                        guild_id,
                        week,
                        stamp,
                        to_epoch(start),
                        to_epoch(end),
                        started,
                        owner,
                        to_epoch(until),
                        fence,
                    ),
                )
                return Claim(
                    guild_id,
                    week,
                    1,
                    recovering=False,
                    fence=fence,
                    owner=owner,
                    lease_until=until,
                    since_ms=started,
                )
            status, claimed_at, attempts = DigestStatus(row[0]), int(row[1]), int(row[2])
            expires = int(row[3]) if row[3] is not None else claimed_at
            retry_due = status is DigestStatus.FAILED and timedelta(
                seconds=stamp - claimed_at
            ) >= retry_delay(attempts)
            lease_over = status is DigestStatus.CLAIMED and stamp >= expires
            if not (retry_due or lease_over):
                return None
            fence = await _next_fence(connection)
            # The span may have changed since the first attempt (a new digest hour).
            await connection.execute(
                "UPDATE digest_posts SET status = 'claimed', claimed_at = ?, attempts = ?, "
                "window_start = ?, window_end = ?, lease_owner = ?, lease_expires_at = ?, "
                "fence = ? WHERE guild_id = ? AND week_start = ?",
                (
                    stamp,
                    attempts + 1,
                    to_epoch(start),
                    to_epoch(end),
                    owner,
                    to_epoch(until),
                    fence,
                    guild_id,
                    week,
                ),
            )
            async with connection.execute(
                "SELECT attempt_started_ms FROM digest_posts WHERE guild_id = ? AND week_start = ?",
                (guild_id, week),
            ) as cursor:
                since = await cursor.fetchone()
            since_ms = None if since is None or since[0] is None else int(since[0])
            return Claim(
                guild_id,
                week,
                attempts + 1,
                recovering=True,
                fence=fence,
                owner=owner,
                lease_until=until,
                since_ms=since_ms,
            )

    async def renew(self, claim: Claim, now: datetime, lease: timedelta) -> Claim | None:
        """Extend the lease to `now + lease`; None if the claim was taken over or finished.

        A lease that ran out but was not taken over (the token still matches) is renewed:
        nobody else can have posted in between, since posting needs the token.
        """
        until = lease_end(now, lease)
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE digest_posts SET lease_expires_at = ? WHERE guild_id = ? "
                "AND week_start = ? AND status = 'claimed' AND fence = ?",
                (to_epoch(until), claim.guild_id, claim.week, claim.fence),
            )
            renewed = cursor.rowcount == 1
        return replace(claim, lease_until=until) if renewed else None

    async def show_highlights(self, claim: Claim, story_ids: Sequence[int]) -> bool:
        """Record, before sending, which highlights the post shows.

        Completing the claim (also after a crash, when the post is found in the channel)
        marks exactly these as featured: a digest rebuilt later could show others.
        """
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE digest_posts SET highlight_ids = ? WHERE guild_id = ? "
                "AND week_start = ? AND status = 'claimed' AND fence = ?",
                (json.dumps(list(story_ids)), claim.guild_id, claim.week, claim.fence),
            )
            return cursor.rowcount == 1

    async def complete(
        self, claim: Claim, *, channel_id: int, message_id: int, leaderboard: str | None
    ) -> bool:
        """Posted: and the highlights it showed are featured, in the same transaction."""
        return await self._finish(
            claim, DigestStatus.POSTED, channel_id, message_id, leaderboard, None
        )

    async def skip(self, claim: Claim, reason: str) -> bool:
        return await self._finish(claim, DigestStatus.SKIPPED, None, None, None, reason)

    async def fail(self, claim: Claim, error: str) -> bool:
        return await self._finish(claim, DigestStatus.FAILED, None, None, None, error[:500])

    async def _finish(
        self,
        claim: Claim,
        status: DigestStatus,
        channel_id: int | None,
        message_id: int | None,
        leaderboard: str | None,
        error: str | None,
    ) -> bool:
        """Record the outcome, only if this claim still holds the row.

        A poster whose lease was taken over (it stalled past its lease) must not
        overwrite what the process that took over recorded: the token says who holds it.
        """
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "UPDATE digest_posts SET status = ?, channel_id = ?, message_id = ?, "
                "leaderboard = ?, error = ?, lease_expires_at = NULL WHERE guild_id = ? "
                "AND week_start = ? AND status = 'claimed' AND fence = ?",
                (
                    status.value,
                    channel_id,
                    message_id,
                    leaderboard,
                    error,
                    claim.guild_id,
                    claim.week,
                    claim.fence,
                ),
            )
            if cursor.rowcount != 1:
                return False
            if status is DigestStatus.POSTED:
                await _feature_shown_highlights(connection, claim)
            return True

    async def get(self, guild_id: int, week: str) -> DigestRecord | None:
        row = await self._db.fetch_one(
            "SELECT * FROM digest_posts WHERE guild_id = ? AND week_start = ?", (guild_id, week)
        )
        return None if row is None else _record(row)

    async def latest(self, guild_id: int, before_week: str) -> DigestRecord | None:
        """The most recent posted digest strictly before `before_week` (for rank movement)."""
        row = await self._db.fetch_one(
            "SELECT * FROM digest_posts WHERE guild_id = ? AND week_start < ? "
            "AND status = 'posted' ORDER BY week_start DESC LIMIT 1",
            (guild_id, before_week),
        )
        return None if row is None else _record(row)

    async def covered_until(self, guild_id: int) -> datetime | None:
        """Where the last posted (or deliberately skipped) digest's span ended."""
        row = await self._db.fetch_one(
            "SELECT max(window_end) FROM digest_posts WHERE guild_id = ? "
            "AND status IN ('posted', 'skipped')",
            (guild_id,),
        )
        return None if row is None else from_epoch(row[0])

    async def last_attempt(self, guild_id: int) -> DigestRecord | None:
        """The newest row of any status, so moderators can see why a digest failed."""
        row = await self._db.fetch_one(
            "SELECT * FROM digest_posts WHERE guild_id = ? ORDER BY week_start DESC LIMIT 1",
            (guild_id,),
        )
        return None if row is None else _record(row)

    async def forget_week(self, guild_id: int, week: str) -> None:
        """Moderators re-posting a week on purpose start from a clean slate."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "DELETE FROM digest_posts WHERE guild_id = ? AND week_start = ?", (guild_id, week)
            )


async def _feature_shown_highlights(connection: aiosqlite.Connection, claim: Claim) -> None:
    """Mark the highlights the post showed as featured (JSON read here: both engines)."""
    async with connection.execute(
        "SELECT highlight_ids FROM digest_posts WHERE guild_id = ? AND week_start = ?",
        (claim.guild_id, claim.week),
    ) as cursor:
        row = await cursor.fetchone()
    shown = [int(i) for i in json.loads(row[0])] if row is not None and row[0] else []
    if not shown:
        return
    marks = ", ".join("?" for _ in shown)
    await connection.execute(
        "UPDATE stories SET highlight_featured = ? WHERE guild_id = ? AND highlighted = 1 "
        f"AND highlight_featured IS NULL AND id IN ({marks})",
        (claim.week, claim.guild_id, *shown),
    )


async def _next_fence(connection: aiosqlite.Connection) -> int:
    """The next fencing token: larger than every token ever handed out."""
    async with connection.execute(
        "UPDATE fencing_tokens SET last = last + 1 WHERE name = 'digest_posts' RETURNING last"
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None, "migration 0009 creates the counter"
    return int(row[0])


def _record(row: sqlite3.Row) -> DigestRecord:
    claimed = from_epoch(row["claimed_at"])
    assert claimed is not None
    return DigestRecord(
        guild_id=row["guild_id"],
        week=row["week_start"],
        status=DigestStatus(row["status"]),
        claimed_at=claimed,
        attempts=row["attempts"],
        channel_id=row["channel_id"],
        message_id=row["message_id"],
        leaderboard=row["leaderboard"],
        error=row["error"],
        lease_until=from_epoch(row["lease_expires_at"]),
    )
