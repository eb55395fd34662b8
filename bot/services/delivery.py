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

What "delivered" means, per kind (the row is deleted in the transaction that records it):

- story post: the story's `message_id` is stored. Before the first send the attempt's
  start is committed; a retry first searches the channel history *since that moment*
  (however many messages came since) for the bot's message with the story's footer, and
  sends only if it is absent. The nonce (`d<delivery id>`) is a second line of defence.
- post edit: Discord answered the edit (an edit is idempotent, so a repeat is harmless);
  several edits of one post waiting together are one edit showing the latest state.
- post removal: Discord deleted the message, or it was already gone.
- moderators' note about a failure: Discord accepted the message. A crash between
  acceptance and the row's deletion can repeat the note (once); it is never lost.

Times here are wall-clock milliseconds, not the bot's `clock`: they pace requests to
Discord and are compared with Discord's snowflakes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from bot.domain.shards import Owns, every_guild
from bot.domain.stories import Story, StoryStatus
from storage.records import Delivery, DeliveryKind
from storage.repositories.deliveries import POST_KINDS
from storage.sqlite import Storage

log = logging.getLogger(__name__)

MAX_LANES = 4  # lanes (server x channel kind) worked at the same time
BACKLOG = 10  # a released backlog longer than this is sent at the pace below
PACE = 6.0  # seconds between sends of a long backlog: 10 posts a minute
POLL = 30.0  # seconds between looks at the outbox when nothing wakes the loop
MAX_BACKOFF_MS = 5 * 60 * 1000
NO_STORIES_CHANNEL = "no stories channel is chosen"


class PermanentFailure(Exception):
    """Discord refused for good (403/404): the moderators must fix `reason` first."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TransientFailure(Exception):
    """Discord may accept later (5xx, rate limits, network): try again after a back-off."""


@dataclass(frozen=True)
class Posted:
    channel_id: int
    message_id: int


class Courier(Protocol):
    """The Discord side of delivery (cogs/delivery.py); raises the two failures above."""

    async def post_story(
        self, story: Story, channel_id: int, *, since_ms: int, nonce: str, recover: bool
    ) -> Posted:
        """Find the story's post sent since `since_ms` (when `recover`), else send it."""
        ...

    async def edit_post(self, story: Story) -> None: ...

    async def remove_post(self, channel_id: int, message_id: int) -> None: ...

    async def note_moderators(self, channel_id: int, text: str) -> None: ...


def now_ms() -> int:
    return int(time.time() * 1000)


def backoff_ms(attempts: int) -> int:
    """2 s after the first failure, doubling, at most 5 minutes."""
    return int(min(2000 * 2 ** min(attempts, 20), MAX_BACKOFF_MS))


def lane_of(delivery: Delivery) -> tuple[int, str]:
    return delivery.guild_id, "posts" if delivery.kind in POST_KINDS else "notes"


def failure_note_text(parked: list[tuple[int, str]]) -> str:
    lines = [
        f"⚠️ {count} {'delivery is' if count == 1 else 'deliveries are'} waiting: {reason}."
        for count, reason in parked
    ]
    return "\n".join(
        [
            *lines,
            "Fix it, then save `/storymod setup` (or press its **Check again** button): "
            f"everything waiting is delivered, at most {int(60 / PACE)} posts a minute.",
        ]
    )


class DeliveryService:
    def __init__(
        self, storage: Storage, clock: Callable[[], int] = now_ms, owns: Owns = every_guild
    ) -> None:
        self._storage = storage
        self._now = clock
        # Other shards' servers are delivered by their own process.
        self._owns = owns
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

    async def promise_story_post(self, story: Story) -> int:
        """A re-post promised outside the publishing transaction (approve, restore)."""
        delivery_id = await self._storage.deliveries.enqueue_story(
            DeliveryKind.STORY_POST, story.guild_id, story.id, int(time.time())
        )
        self.wake()
        return delivery_id

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
            if head.due_at_ms > now:
                next_due = head.due_at_ms if next_due is None else min(next_due, head.due_at_ms)
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
                    if not rows or rows[0].due_at_ms > self._now():
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

    async def _attempt(self, delivery: Delivery) -> None:
        """One try at one delivery; every outcome is recorded, nothing escapes."""
        ok = False
        try:
            await self._deliver(delivery)
            ok = True
        except PermanentFailure as failure:
            await self._park(delivery, failure.reason)
        except TransientFailure as failure:
            await self._back_off(delivery, str(failure) or "Discord did not answer")
        except Exception as exc:
            log.exception("Delivery %s (%s) failed", delivery.id, delivery.kind)
            await self._back_off(delivery, f"an internal error ({type(exc).__name__})")
        finally:
            for future in self._waiters.pop(delivery.id, []):
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
        await self._storage.deliveries.retry_later(delivery, self._now() + delay, error)

    async def _park(self, delivery: Delivery, reason: str) -> None:
        log.warning(
            "Delivery %s (%s) waits for the moderators: %s", delivery.id, delivery.kind, reason
        )
        if delivery.kind is DeliveryKind.FAILURE_NOTE:
            await self._storage.deliveries.park(
                delivery.guild_id, (DeliveryKind.FAILURE_NOTE,), reason, note=False
            )
        else:
            await self._storage.deliveries.park(
                delivery.guild_id, POST_KINDS, reason, note=reason != NO_STORIES_CHANNEL
            )
        self.wake()

    # --- each kind ----------------------------------------------------------------

    async def _deliver(self, delivery: Delivery) -> None:
        courier = self._courier
        assert courier is not None, "start() sets the courier before the loop runs"
        deliveries = self._storage.deliveries
        if delivery.kind is DeliveryKind.FAILURE_NOTE:
            await self._deliver_note(delivery, courier)
            return
        if delivery.kind is DeliveryKind.POST_REMOVAL:
            assert delivery.channel_id is not None
            assert delivery.message_id is not None
            await courier.remove_post(delivery.channel_id, delivery.message_id)
            await deliveries.complete(delivery)
            return
        story = None
        if delivery.story_id is not None:
            story = await self._storage.stories.get(delivery.story_id)
        if story is None:
            await deliveries.complete(delivery)  # deleted meanwhile: nothing to show
            return
        if delivery.kind is DeliveryKind.POST_EDIT:
            if story.message_id is not None and story.status is StoryStatus.PUBLISHED:
                await courier.edit_post(story)
            await deliveries.complete(delivery)
            return
        if story.status is not StoryStatus.PUBLISHED or story.message_id is not None:
            await deliveries.complete(delivery)  # hidden meanwhile, or posted already
            return
        settings = await self._storage.guild_settings.get(story.guild_id)
        if settings.stories_channel_id is None:
            raise PermanentFailure(NO_STORIES_CHANNEL)
        # Tried before (a failure, a crash): Discord may have it although we do not.
        recover = delivery.attempt_started_ms is not None
        started = await deliveries.start_attempt(delivery, self._now())
        assert started.attempt_started_ms is not None
        posted = await courier.post_story(
            story,
            settings.stories_channel_id,
            since_ms=started.attempt_started_ms,
            nonce=f"d{delivery.id}",
            recover=recover,
        )
        await deliveries.complete_story_post(delivery, posted.channel_id, posted.message_id)

    async def _deliver_note(self, delivery: Delivery, courier: Courier) -> None:
        parked = [
            (p.count, p.reason)
            for p in await self._storage.deliveries.parked(delivery.guild_id)
            if p.reason != NO_STORIES_CHANNEL
        ]
        if not parked:
            await self._storage.deliveries.complete(delivery)  # fixed before it went out
            return
        settings = await self._storage.guild_settings.get(delivery.guild_id)
        if settings.mod_channel_id is None:
            raise PermanentFailure("no moderators' channel is chosen for my notes")
        await courier.note_moderators(settings.mod_channel_id, failure_note_text(parked))
        await self._storage.deliveries.complete(delivery)
