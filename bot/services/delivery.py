"""Keeping every promise to post: the outbox's delivery loop, without Discord.

Whatever the bot promises to put in a channel is a row in the outbox, written in the same
transaction as the change that promises it (storage/repositories/deliveries.py). This
service works through those rows until Discord has each one, across restarts:

- **In order per channel.** A server's posts, edits and removals form one lane (they all
  go to its stories channel); its notes to the moderators form another. A lane is worked
  oldest first, and a row in back-off holds the rows behind it, so readers never see a
  later story above an earlier one. At most `MAX_LANES` lanes run at once; within a
  request discord.py waits out Discord's 429 buckets.
- **Back-off.** A failure that may pass (5xx, 429 after discord.py's own retries, a
  network error, a bug) is retried after 2 s, 4 s, 8 s… at most 5 minutes.
- **Failing for good** (the channel is deleted, a permission was removed: 403/404), the
  lane is parked, a note to the moderators is promised in the same transaction, and
  `/storymod setup` lists it. Saving the setup (or its Check again button) releases it.
- **Pace.** A backlog the moderators released (by fixing the setup) that is longer than
  `BACKLOG` is sent at most one every `PACE` seconds (10 a minute), so it never floods
  the channel. Ordinary traffic, and what a restart finds waiting, goes at Discord's pace.
- **Woken at once** when something is enqueued (`wake`), and polled every `POLL` seconds.

What "delivered" means for each kind: bot/services/delivery_kinds.py.

- **Leases.** Each attempt first claims its row (an owner, an expiry `LEASE_MS` ahead, a
  fencing token that grows on every claim); a row claimed by another live process is
  left alone, and a process whose claim was taken over can neither send nor record.

Times here are wall-clock milliseconds, not the bot's `clock`: they pace requests to
Discord and are compared with Discord's snowflakes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import time
from collections.abc import Callable, Sequence

from bot.domain.shards import Owns, every_guild
from bot.services.delivery_kinds import (
    NO_MOD_CHANNEL,
    NO_STORIES_CHANNEL,
    Courier,
    PermanentFailure,
    Posted,
    TransientFailure,
    deliver,
)
from storage.records import Delivery, DeliveryKind, LeaseLost
from storage.repositories.deliveries import NOTE_KINDS, POST_KINDS
from storage.sqlite import Storage

__all__ = ["Courier", "DeliveryService", "PermanentFailure", "Posted", "TransientFailure"]

log = logging.getLogger(__name__)

MAX_LANES = 4  # lanes (server x channel kind) worked at the same time
BACKLOG = 10  # a released backlog longer than this is sent at the pace below
PACE = 6.0  # seconds between sends of a long backlog: 10 posts a minute
POLL = 30.0  # seconds between looks at the outbox when nothing wakes the loop
MAX_BACKOFF_MS = 5 * 60 * 1000
LEASE_MS = 2 * 60 * 1000  # a claim's life: longer than discord.py's own retries
NO_ANSWER = "no_answer"  # a TransientFailure without a code: stored as the last error


def now_ms() -> int:
    return int(time.time() * 1000)


def backoff_ms(attempts: int) -> int:
    """2 s after the first failure, doubling, at most 5 minutes."""
    return int(min(2000 * 2 ** min(attempts, 20), MAX_BACKOFF_MS))


_LANES = {
    DeliveryKind.STORY_POST: "posts",
    DeliveryKind.POST_REMOVAL: "posts",
    DeliveryKind.POST_EDIT: "edits",
    DeliveryKind.FAILURE_NOTE: "notes",
    DeliveryKind.MOD_NOTE: "notes",
    DeliveryKind.MEMBER_NOTICE: "notices",
}


def lane_of(delivery: Delivery) -> tuple[int, str]:
    """Posts and removals keep their order in the stories channel; edits (which may wait
    out a vote's grace), notes and DMs each go their own way."""
    return delivery.guild_id, _LANES[delivery.kind]


def process_owner(shard_ids: Sequence[int] | None = None) -> str:
    """Who holds a claim: this host and its shards (the process's slot).

    A restarted process in the same slot takes over its predecessor's claims at once (a
    new token fences the old one, should it still be alive); another slot waits for
    the claim to expire.
    """
    shards = "all" if shard_ids is None else ",".join(str(s) for s in sorted(shard_ids))
    return f"{socket.gethostname()}/shards:{shards}"


class DeliveryService:
    def __init__(
        self,
        storage: Storage,
        clock: Callable[[], int] = now_ms,
        owns: Owns = every_guild,
        *,
        owner: str | None = None,
    ) -> None:
        self._storage = storage
        self._now = clock
        # Other shards' servers are delivered by their own process.
        self._owns = owns
        self.owner = owner or process_owner()
        # The released-backlog pace (module constants; tests shorten them).
        self.backlog = BACKLOG
        self.pace = PACE
        self._courier: Courier | None = None
        self._wake = asyncio.Event()
        self._active: set[tuple[int, str]] = set()
        self._slots = asyncio.Semaphore(MAX_LANES)
        self._waiters: dict[int, list[asyncio.Future[bool]]] = {}
        self._task: asyncio.Task[None] | None = None
        self._lanes: set[asyncio.Task[None]] = set()
        self._closing = False

    # --- lifecycle ----------------------------------------------------------------

    def start(self, courier: Courier) -> None:
        """Begin delivering (once Discord is reachable); what is waiting goes first."""
        self._courier = courier
        log.info("Delivering what the bot promised to post")
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="deliveries")

    async def close(self) -> None:
        self._closing = True
        tasks = [t for t in (self._task, *self._lanes) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._task = None

    def wake(self) -> None:
        """Something was enqueued or released: look at the outbox now."""
        self._wake.set()

    async def wait_delivered(self, delivery_id: int, within: float) -> None:
        """Wait (at most `within` seconds) for one delivery's first attempt to settle.

        The caller then reads what is true (a story's stored post id), never assumes it.
        """
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiters.setdefault(delivery_id, []).append(future)
        try:
            if await self._storage.deliveries.get(delivery_id) is None:
                return
            self.wake()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(within):
                    await asyncio.shield(future)
        finally:
            waiting = self._waiters.get(delivery_id, [])
            if future in waiting:
                waiting.remove(future)
            if not waiting:
                self._waiters.pop(delivery_id, None)

    async def retry_parked(self, guild_id: int) -> None:
        await self._storage.deliveries.release(guild_id)
        self.wake()

    # --- the loop -----------------------------------------------------------------

    async def _run(self) -> None:
        """Never ends on an error: each round and each delivery catches its own."""
        while not self._closing:
            self._wake.clear()
            try:
                next_due = await self._dispatch()
            except Exception:
                log.exception("Could not read the outbox; trying again shortly")
                next_due = self._now() + 5000
            wait = POLL if next_due is None else (next_due - self._now()) / 1000
            # asyncio.timeout, not wait_for: Python 3.11's wait_for can swallow a
            # cancellation that arrives as the event is set, and close() would hang.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(min(max(wait, 0.01), POLL)):
                    await self._wake.wait()

    async def _dispatch(self) -> int | None:
        """Start a worker for each lane whose head is due; when the next head is due."""
        now = self._now()
        next_due: int | None = None
        heads: dict[tuple[int, str], Delivery] = {}
        for delivery in await self._storage.deliveries.waiting():
            if self._owns(delivery.guild_id):
                heads.setdefault(lane_of(delivery), delivery)
        for lane, head in heads.items():
            if lane in self._active:
                continue
            due = _due_at(head, self.owner)
            if due > now:
                next_due = due if next_due is None else min(next_due, due)
                continue
            self._active.add(lane)
            task = asyncio.create_task(self._work_lane(lane), name=f"deliveries {lane}")
            self._lanes.add(task)
            task.add_done_callback(self._lanes.discard)
        return next_due

    async def _work_lane(self, lane: tuple[int, str]) -> None:
        sent = 0
        try:
            async with self._slots:
                backlog: int | None = None
                while not self._closing:
                    rows = [
                        d for d in await self._storage.deliveries.waiting() if lane_of(d) == lane
                    ]
                    if backlog is None:
                        backlog = sum(1 for d in rows if d.released)
                    if not rows or _due_at(rows[0], self.owner) > self._now():
                        return
                    if sent and backlog > self.backlog:
                        await asyncio.sleep(self.pace)
                    await self._attempt(rows[0])
                    sent += 1
        except Exception:
            log.exception("Delivery lane %s stopped; it resumes on the next round", lane)
        finally:
            self._active.discard(lane)
            self.wake()

    async def _attempt(self, row: Delivery) -> None:
        """One claimed try at one delivery; every outcome is recorded, nothing escapes."""
        ok = False
        delivery = row
        try:
            claimed = await self._storage.deliveries.claim(row, self.owner, self._now(), LEASE_MS)
            if claimed is None:
                return  # another process holds it (or it is not due any more)
            delivery = claimed
            assert self._courier is not None, "start() sets the courier before the loop runs"
            await deliver(self._storage, self._courier, delivery, int(60 / self.pace))
            ok = True
        except LeaseLost as lost:
            log.warning("Delivery %s left to its new owner: %s", row.id, lost)
        except PermanentFailure as failure:
            await self._park(delivery, failure.reason)
        except TransientFailure as failure:
            await self._back_off(delivery, str(failure) or NO_ANSWER)
        except Exception as exc:
            log.exception("Delivery %s (%s) failed", delivery.id, delivery.kind)
            await self._back_off(delivery, f"internal:{type(exc).__name__}")
        finally:
            for future in self._waiters.pop(row.id, []):
                if not future.done():
                    future.set_result(ok)

    async def _back_off(self, delivery: Delivery, error: str) -> None:
        delay = backoff_ms(delivery.attempts)
        log.warning(
            "Delivery %s (%s) failed (%s); retrying in %.0f s",
            delivery.id,
            delivery.kind,
            error,
            delay / 1000,
        )
        with contextlib.suppress(LeaseLost):
            await self._storage.deliveries.retry_later(delivery, self._now() + delay, error)

    async def _park(self, delivery: Delivery, reason: str) -> None:
        log.warning(
            "Delivery %s (%s) waits for the moderators: %s", delivery.id, delivery.kind, reason
        )
        deliveries = self._storage.deliveries
        with contextlib.suppress(LeaseLost):
            if delivery.kind in NOTE_KINDS:
                await deliveries.park(delivery, NOTE_KINDS, reason, note=False)
            elif delivery.kind is DeliveryKind.MEMBER_NOTICE:
                # A DM has no channel the moderators can fix: kept for the next command.
                await deliveries.complete_notice(delivery, shown=False)
            else:
                note = reason not in (NO_STORIES_CHANNEL, NO_MOD_CHANNEL)
                await deliveries.park(delivery, POST_KINDS, reason, note=note)
        self.wake()


def _due_at(delivery: Delivery, owner: str) -> int:
    """When a row may be tried: its back-off, or the end of another process's claim."""
    due = delivery.due_at_ms
    if (
        delivery.claim_owner is not None
        and delivery.claim_owner != owner
        and delivery.claim_until_ms is not None
    ):
        due = max(due, delivery.claim_until_ms)
    return due
