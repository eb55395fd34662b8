"""Delivering one claimed outbox row, per kind, and what "delivered" means for each.

The loop (bot/services/delivery.py) claims a row and calls `deliver`; the Discord side is
the `Courier` (cogs/delivery.py), which raises the two failures below. Every record goes
through the repository with the claim's fencing token: a claim taken over meanwhile
records nothing (`LeaseLost`), and `holds` is checked right before each send.

- **story post**: the story's `message_id` is stored. Before the first send the attempt's
  start is committed; a retry first searches the channel history *since that moment*
  (however many messages came since) for the bot's message with the story's footer, and
  sends only if it is absent. The nonce (`d<delivery id>`) is a second line of defence.
- **post edit**: Discord accepted the PATCH (an edit is idempotent: a repeat is
  harmless); the latest state wins, since several edits of one post waiting together are
  one row rendered from the story as it is when sent. A post already gone counts as done.
- **post removal**: Discord accepted the DELETE, or answered 404 (already gone).
- **moderators' note** (a story waiting for review, a report, an edit back to review) and
  the **failure note**: the message is in the moderators' channel. Its last line is a
  marker (`-# ref. n<id>`); a retry searches the channel since the first attempt for the
  bot's message with that marker before sending again (nonce `n<id>` besides). With no
  moderators' channel chosen, a story note has nobody to reach and is dropped (the
  queue, `/storymod queue`, still lists the story); a failure note waits (parked). A
  note saying a story waits for review is not sent once the story no longer does (a
  moderator decided first): it would no longer be true.
- **member notice** (a DM: approved, hidden, deleted): the DM is in the member's DM
  channel (found the same way after a crash: marker + DM history, nonce `m<id>`), and
  the notice row is forgotten. A DM Discord refuses (DMs closed: 403, 50007) is
  delivered as far as possible: the outbox row goes, the notice stays and is shown on
  the member's next command, never retried by DM.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Protocol

from bot.domain.stories import Story, StoryStatus
from bot.i18n.catalog import Lang
from bot.i18n.language import DEFAULT_LANG
from bot.i18n.outbox import failure_note_text, mod_note_text, notice_text, with_marker
from storage.records import Delivery, DeliveryKind, LeaseLost
from storage.sqlite import Storage

NO_STORIES_CHANNEL = "no_stories_channel"
NO_MOD_CHANNEL = "no_mod_channel"
# Notes that say a story waits for review: stale (so left unsent) once it no longer does.
_ABOUT_REVIEW = ("review_waiting", "edit_review")


class PermanentFailure(Exception):
    """Discord refused for good (403/404): the moderators must fix `reason` (a code)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TransientFailure(Exception):
    """Discord may accept later (5xx, rate limits, network): try again after a back-off.

    Its text is a code, stored as the delivery's `last_error` and logged:
    `answered:<status>:<code>` (Discord's answer), `unreachable:<exception>` (the
    network); the service adds `no_answer` and `internal:<exception>`. Only operators
    read it (logs, the database): a delivery that keeps failing reaches moderators as a
    parked reason, worded by `bot/i18n/outbox.py`.
    """


@dataclass(frozen=True)
class Posted:
    channel_id: int
    message_id: int


@dataclass(frozen=True)
class Attempt:
    """What a send needs to be recoverable: the marker/nonce and since when to search."""

    ref: str
    since_ms: int
    recover: bool


class Courier(Protocol):
    """The Discord side of delivery (cogs/delivery.py); raises the two failures above."""

    def server_lang(self, guild_id: int, chosen: str | None) -> Lang: ...

    async def post_story(
        self, story: Story, channel_id: int, *, since_ms: int, nonce: str, recover: bool
    ) -> Posted:
        """Find the story's post sent since `since_ms` (when `recover`), else send it."""
        ...

    async def edit_post(self, story: Story) -> None: ...

    async def remove_post(self, channel_id: int, message_id: int) -> None: ...

    async def note_moderators(
        self,
        channel_id: int,
        text: str,
        attempt: Attempt,
        story: Story | None = None,
        lang: Lang = DEFAULT_LANG,
    ) -> None:
        """Send a note (with the story's action buttons in `lang`), unless `attempt` finds
        it sent."""
        ...

    async def dm_member(self, user_id: int, text: str, attempt: Attempt) -> bool:
        """DM a member (unless found sent); False when Discord refuses (DMs closed)."""
        ...


def now_ms() -> int:
    return int(time.time() * 1000)


async def _attempt(storage: Storage, delivery: Delivery, ref: str) -> Attempt:
    """Commit the first attempt's start (before any send); retries search since then."""
    recover = delivery.attempt_started_ms is not None
    started = await storage.deliveries.start_attempt(delivery, now_ms())
    assert started.attempt_started_ms is not None
    return Attempt(ref, started.attempt_started_ms, recover)


async def _ensure_held(storage: Storage, delivery: Delivery) -> None:
    """Right before a send: a claim taken over (or expired) sends nothing."""
    if not await storage.deliveries.holds(delivery, now_ms()):
        raise LeaseLost(f"delivery {delivery.id}: the claim is no longer ours")


async def deliver(storage: Storage, courier: Courier, delivery: Delivery, per_minute: int) -> None:
    """One try at one claimed delivery; raises the failures (or LeaseLost)."""
    deliveries = storage.deliveries
    kind = delivery.kind
    if kind is DeliveryKind.FAILURE_NOTE:
        await _failure_note(storage, courier, delivery, per_minute)
    elif kind is DeliveryKind.MOD_NOTE:
        await _mod_note(storage, courier, delivery)
    elif kind is DeliveryKind.MEMBER_NOTICE:
        await _member_notice(storage, courier, delivery)
    elif kind is DeliveryKind.POST_REMOVAL:
        assert delivery.channel_id is not None
        assert delivery.message_id is not None
        await _ensure_held(storage, delivery)
        await courier.remove_post(delivery.channel_id, delivery.message_id)
        await deliveries.complete(delivery)
    else:
        await _story_delivery(storage, courier, delivery)


async def _story_delivery(storage: Storage, courier: Courier, delivery: Delivery) -> None:
    deliveries = storage.deliveries
    story = None
    if delivery.story_id is not None:
        story = await storage.stories.get(delivery.story_id)
    if story is None:
        await deliveries.complete(delivery)  # deleted meanwhile: nothing to show
        return
    if delivery.kind is DeliveryKind.POST_EDIT:
        if story.message_id is not None and story.status is StoryStatus.PUBLISHED:
            await _ensure_held(storage, delivery)
            await courier.edit_post(story)
        await deliveries.complete(delivery)
        return
    if story.status is not StoryStatus.PUBLISHED or story.message_id is not None:
        await deliveries.complete(delivery)  # hidden meanwhile, or posted already
        return
    settings = await storage.guild_settings.get(story.guild_id)
    if settings.stories_channel_id is None:
        raise PermanentFailure(NO_STORIES_CHANNEL)
    attempt = await _attempt(storage, delivery, f"d{delivery.id}")
    await _ensure_held(storage, delivery)
    posted = await courier.post_story(
        story,
        settings.stories_channel_id,
        since_ms=attempt.since_ms,
        nonce=attempt.ref,
        recover=attempt.recover,
    )
    await deliveries.complete_story_post(delivery, posted.channel_id, posted.message_id)


async def _failure_note(
    storage: Storage, courier: Courier, delivery: Delivery, per_minute: int
) -> None:
    parked = [
        (p.count, p.reason)
        for p in await storage.deliveries.parked(delivery.guild_id)
        if p.reason not in (NO_STORIES_CHANNEL, NO_MOD_CHANNEL)
    ]
    if not parked:
        await storage.deliveries.complete(delivery)  # fixed before it went out
        return
    settings = await storage.guild_settings.get(delivery.guild_id)
    if settings.mod_channel_id is None:
        raise PermanentFailure(NO_MOD_CHANNEL)
    lang = courier.server_lang(delivery.guild_id, settings.language)
    attempt = await _attempt(storage, delivery, f"n{delivery.id}")
    text = with_marker(lang, failure_note_text(lang, parked, per_minute), attempt.ref)
    await _ensure_held(storage, delivery)
    await courier.note_moderators(settings.mod_channel_id, text, attempt, lang=lang)
    await storage.deliveries.complete(delivery)


async def _mod_note(storage: Storage, courier: Courier, delivery: Delivery) -> None:
    settings = await storage.guild_settings.get(delivery.guild_id)
    if settings.mod_channel_id is None:
        await storage.deliveries.complete(delivery)  # nobody to tell; the queue lists it
        return
    story_id = delivery.facts.get("story_id")
    story = await storage.stories.get(int(story_id)) if story_id is not None else None
    if delivery.note in _ABOUT_REVIEW and (
        story is None or story.status is not StoryStatus.PENDING
    ):
        await storage.deliveries.complete(delivery)  # decided (or deleted) meanwhile: not true
        return
    facts = dict(delivery.facts)
    if story is not None and story.channel_id and story.message_id:
        facts["url"] = (
            f"https://discord.com/channels/{story.guild_id}/{story.channel_id}/{story.message_id}"
        )
    lang = courier.server_lang(delivery.guild_id, settings.language)
    attempt = await _attempt(storage, delivery, f"n{delivery.id}")
    text = with_marker(lang, mod_note_text(lang, delivery.note or "", facts), attempt.ref)
    await _ensure_held(storage, delivery)
    await courier.note_moderators(settings.mod_channel_id, text, attempt, story, lang)
    await storage.deliveries.complete(delivery)


async def _member_notice(storage: Storage, courier: Courier, delivery: Delivery) -> None:
    notice = None
    if delivery.notice_id is not None:
        notice = await storage.notices.get(delivery.notice_id)
    if notice is None:  # shown on a command meanwhile, or forgotten
        await storage.deliveries.complete_notice(delivery, shown=False)
        return
    settings = await storage.guild_settings.get(delivery.guild_id)
    lang = courier.server_lang(delivery.guild_id, settings.language)
    attempt = await _attempt(storage, delivery, f"m{delivery.id}")
    text = with_marker(lang, notice_text(lang, notice), attempt.ref)
    await _ensure_held(storage, delivery)
    shown = await courier.dm_member(notice.user_id, text, attempt)
    await storage.deliveries.complete_notice(delivery, shown=shown)
