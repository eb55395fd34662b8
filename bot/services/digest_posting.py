"""Posting each server's weekly digest exactly once, across restarts and processes.

The service decides; the Discord side (`DigestCourier`, cogs/digest/poster.py) only
finds and sends messages. For every server of this process's shards whose week is due:

1. **Claim** the (server, week) row: a lease with an owner (this poster), an expiry
   (`LEASE`) and a fencing token that grows at every claim and takeover
   (storage/repositories/digests.py). A claim whose lease is live belongs to someone
   else: nothing happens. A lease that ran out (its poster crashed, or stalled for a
   minute) is taken over.
2. **Renew** the lease every `RENEW_EVERY` seconds while posting (history scans of a
   busy channel can take a while).
3. **Look before sending** on any claim after the first attempt: a crash or a failure may
   have come after Discord stored the post; the channel history since the first attempt
   began is searched for it.
4. **Check the lease once more just before the POST** (renewing it): a poster that was
   taken over sends nothing. The send itself is bounded by `SEND_TIMEOUT`, well inside
   the lease just renewed, so a send still in flight when another poster may take over is
   abandoned first.
5. **Record** the message id; the statement checks the token, so a poster taken over
   records nothing.

The nonce derived from (server, week) stays as a last line of defence (Discord drops a
duplicate for a few minutes), but the guarantee is the database's. What is left: a
process whose event loop freezes for longer than the lease *between* the last check and
the POST (the timeout cannot fire in a frozen loop); the poster that took over then finds
nothing in the channel yet and sends too. The nonce covers that for minutes.

One server's failure is recorded with its reason and retried later with back-off; it
never stops the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import secrets
import socket
from collections.abc import AsyncIterator, Iterable
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from bot.clock import Clock
from bot.domain.guild_settings import GuildSettings
from bot.domain.shards import Owns, every_guild
from bot.domain.weeks import Window, after_previous
from bot.services.digest import DigestService, WeekDigest, due_window
from storage.records import Claim, DigestStatus
from storage.sqlite import Storage

log = logging.getLogger(__name__)

# How long a claim is a poster's without renewal; posting takes seconds.
LEASE = timedelta(seconds=60)
RENEW_EVERY = 20.0  # seconds between renewals while posting
# Longest a send may take: well inside a freshly renewed lease, so a send still in
# flight is given up before anyone else may take the week over.
SEND_TIMEOUT = 30.0


class PostResult(StrEnum):
    NOT_DUE = "not_due"  # not due, done, or in back-off
    HELD = "held"  # another poster holds a live lease on it (see `held_until`)
    POSTED = "posted"
    RECOVERED = "recovered"  # it had been posted before a crash; not sent again
    SKIPPED = "skipped"
    FAILED = "failed"
    LOST = "lost"  # the lease was taken over mid-post; the other poster finishes
    NOT_MINE = "not_mine"  # another process's shard


CHANNEL_GONE = "channel_gone"  # why a digest failed, as codes (see PostRefused)
INTERNAL = "internal"
TOO_FEW_STORIES = "too_few_stories"  # why a quiet week was skipped (stored, as a code)


class PostRefused(Exception):
    """Discord refused the post (or the channel is unusable).

    `reason` is a code the setup panel words in the moderator's language
    (`bot/i18n/digest_failures.py`): `channel_gone`, `refused:<status>:<code>`,
    `timeout:<seconds>` or `internal`.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DigestCourier(Protocol):
    """The Discord side of posting a digest (cogs/digest/poster.py)."""

    async def can_post_in(self, channel_id: int) -> bool:
        """Whether the channel exists and is a text channel this bot can see."""
        ...

    async def find_posted(self, channel_id: int, week: str, since_ms: int | None) -> int | None:
        """The id of this bot's digest of `week` posted since `since_ms`, if any."""
        ...

    async def send(self, channel_id: int, digest: WeekDigest, nonce: str) -> int:
        """Post the digest; its message id. Raises PostRefused when Discord refuses."""
        ...


def digest_nonce(guild_id: int, week: str, attempt: str = "") -> str:
    """At most 25 characters (Discord's limit), the same for every retry of one post."""
    digest = hashlib.sha256(f"{guild_id}:{week}:{attempt}".encode()).hexdigest()
    return "dg" + digest[:23]


def poster_identity() -> str:
    """Who holds a lease: the machine, the process, and a random part (pids are reused)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"


class HeldLease:
    """A claim this poster holds, renewed on demand or in the background."""

    def __init__(self, storage: Storage, clock: Clock, claim: Claim, lease: timedelta) -> None:
        self._storage = storage
        self._clock = clock
        self._lease = lease
        self.claim = claim
        self.lost = False

    async def renew(self) -> bool:
        """Extend the lease; False (for good) once another poster has taken it over."""
        if self.lost:
            return False
        renewed = await self._storage.digests.renew(self.claim, self._clock(), self._lease)
        if renewed is None:
            self.lost = True
            return False
        self.claim = renewed
        return True

    async def keep_renewing(self, every: float) -> None:
        while not self.lost:
            await asyncio.sleep(every)
            try:
                await self.renew()
            except Exception:
                # The database is unreachable: the check before sending decides.
                log.warning("Could not renew the digest lease of %s", self.claim.guild_id)


class DigestPoster:
    def __init__(
        self,
        storage: Storage,
        digests: DigestService,
        clock: Clock,
        courier: DigestCourier,
        *,
        owns: Owns = every_guild,
        owner: str | None = None,
        lease: timedelta = LEASE,
        renew_every: float = RENEW_EVERY,
        send_timeout: float = SEND_TIMEOUT,
    ) -> None:
        self._storage = storage
        self._digests = digests
        self._clock = clock
        self._courier = courier
        self._owns = owns
        self.owner = owner or poster_identity()
        self.lease = lease
        self.renew_every = renew_every
        self.send_timeout = send_timeout
        # The earliest end of another poster's live lease seen in the last round: a
        # crashed poster's week can be taken over then, not a whole round later.
        self.held_until: datetime | None = None

    async def post_round(self, guild_ids: Iterable[int]) -> dict[int, PostResult]:
        """Every server of this process's shards whose week is due; one failure stops none."""
        results: dict[int, PostResult] = {}
        self.held_until = None
        for guild_id in guild_ids:
            try:
                results[guild_id] = await self.post_due(guild_id)
            except Exception:
                log.exception("Digest round failed for guild %s", guild_id)
                results[guild_id] = PostResult.FAILED
        return results

    async def post_due(self, guild_id: int) -> PostResult:
        """Post the server's last full week if it is due, not posted, and not leased."""
        if not self._owns(guild_id):
            return PostResult.NOT_MINE
        storage = self._storage
        settings = await storage.guild_settings.get(guild_id)
        if settings.digest_channel_id is None:
            return PostResult.NOT_DUE
        now = self._clock()
        window = after_previous(
            due_window(settings, now), await storage.digests.covered_until(guild_id)
        )
        if window is None:
            return PostResult.NOT_DUE  # what is left of this week joins the next digest
        first = await storage.week_summary.first_story_at(guild_id)
        if first is None or first >= window.end:
            return PostResult.NOT_DUE  # nothing ever happened before this week ended
        claim = await storage.digests.claim(
            guild_id,
            window.key,
            now,
            self.lease,
            start=window.start,
            end=window.end,
            owner=self.owner,
        )
        if claim is None:
            return await self._held_elsewhere(guild_id, window.key)
        async with self._renewing(claim) as held:
            try:
                channel_id = settings.digest_channel_id
                return await self._post_claimed(held, settings, window, channel_id)
            except PostRefused as refused:
                await storage.digests.fail(held.claim, refused.reason)
                log.warning(
                    "Digest for guild %s week %s failed: %s", guild_id, window.key, refused.reason
                )
                return PostResult.FAILED
            except TimeoutError:
                await storage.digests.fail(held.claim, f"timeout:{self.send_timeout:.0f}")
                log.warning("Digest for guild %s week %s timed out", guild_id, window.key)
                return PostResult.FAILED
            except Exception:
                await storage.digests.fail(held.claim, INTERNAL)
                log.exception("Digest for guild %s week %s failed", guild_id, window.key)
                return PostResult.FAILED

    async def _held_elsewhere(self, guild_id: int, week: str) -> PostResult:
        record = await self._storage.digests.get(guild_id, week)
        if record is None or record.status is not DigestStatus.CLAIMED:
            return PostResult.NOT_DUE
        until = record.lease_until
        if until is not None and (self.held_until is None or until < self.held_until):
            self.held_until = until
        return PostResult.HELD

    @contextlib.asynccontextmanager
    async def _renewing(self, claim: Claim) -> AsyncIterator[HeldLease]:
        held = HeldLease(self._storage, self._clock, claim, self.lease)
        renewer = asyncio.create_task(
            held.keep_renewing(self.renew_every), name=f"digest lease {claim.guild_id}"
        )
        try:
            yield held
        finally:
            renewer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await renewer

    async def _post_claimed(
        self, held: HeldLease, settings: GuildSettings, window: Window, channel_id: int
    ) -> PostResult:
        storage, courier, claim = self._storage, self._courier, held.claim
        if not await courier.can_post_in(channel_id):
            raise PostRefused(CHANNEL_GONE)
        digest = await self._digests.build(settings, window, scheduled=True)
        # Stored either way: next week's rank movement is measured against it.
        board = digest.board.model_dump_json()
        if claim.recovering:
            existing = await courier.find_posted(channel_id, claim.week, claim.since_ms)
            if existing is not None:
                if not await storage.digests.complete(
                    held.claim, channel_id=channel_id, message_id=existing, leaderboard=board
                ):
                    return self._lost(claim, "recovering")
                log.info(
                    "Digest for guild %s week %s was already posted", claim.guild_id, claim.week
                )
                return PostResult.RECOVERED
        if digest.board.is_empty and not settings.quiet_week_post:
            await storage.digests.skip(held.claim, TOO_FEW_STORIES)
            return PostResult.SKIPPED
        if not await storage.digests.show_highlights(
            held.claim, [story.id for story in digest.highlights]
        ):
            return self._lost(claim, "before_send")
        # The last word before Discord: the lease is still ours, fresh for the send.
        if not await held.renew():
            return self._lost(claim, "before_send")
        async with asyncio.timeout(self.send_timeout):
            message_id = await courier.send(
                channel_id, digest, digest_nonce(claim.guild_id, claim.week)
            )
        if not await storage.digests.complete(
            held.claim, channel_id=channel_id, message_id=message_id, leaderboard=board
        ):
            return self._lost(claim, "sending")
        return PostResult.POSTED

    def _lost(self, claim: Claim, when: str) -> PostResult:
        log.warning(
            "Digest for guild %s week %s was taken over by another poster (at %s)",
            claim.guild_id,
            claim.week,
            when,
        )
        return PostResult.LOST
