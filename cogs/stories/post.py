"""What people are told about posts and notes the outbox delivers, and only what is true.

Posts, edits, removals and the moderators' notes are promised to the outbox by the
transaction of the change itself (storage/repositories/promises.py) and delivered by it
(bot/services/delivery.py), so a Discord failure here never loses one and is never
raised at a member whose story is already safely stored. These calls wait a moment for
a delivery, then read storage: a link only when the post exists. The outcome is a fact
(`PostOutcome`); `outcome_words` says it in the reader's language (catalog `story.ftl`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

import discord

from bot.domain.stories import Story, StoryStatus
from bot.i18n import Lang, tr
from bot.services.stories import ReportOutcome
from storage.records import DeliveryKind

if TYPE_CHECKING:
    from bot.client import ExperienceBot

log = logging.getLogger(__name__)


# How long a member's answer waits for the post to be delivered before saying "shortly".
INLINE_WAIT = 2.5


class PostState(StrEnum):
    LIVE = "live"  # the post exists: `url`
    SHORTLY = "shortly"  # promised to `channel_id`, not delivered yet
    NO_CHANNEL = "no-channel"  # waits for the moderators to choose a stories channel
    WAITING_REVIEW = "waiting-review"
    NOT_PUBLISHED = "not-published"


@dataclass(frozen=True)
class PostOutcome:
    """What is true about the channel post right now."""

    state: PostState
    url: str | None = None
    channel_id: int | None = None

    @property
    def note(self) -> str:
        """In English, for the moderators' tools until they are worded per language."""
        return outcome_words("en", self)


def outcome_words(lang: Lang, outcome: PostOutcome) -> str:
    """The outcome as its reader is told it ("It is live: <link>")."""
    return tr(
        lang,
        f"post-{outcome.state.value}",
        url=outcome.url or "",
        channel=f"<#{outcome.channel_id}>",
    )


def post_url(story: Story) -> str | None:
    if story.channel_id is None or story.message_id is None:
        return None
    return f"https://discord.com/channels/{story.guild_id}/{story.channel_id}/{story.message_id}"


class StoryPublisher:
    """Waits a moment for what a change promised, and tells what is true.

    Delivery itself is the outbox's job (bot/services/delivery.py): these calls wait
    for it so a member usually sees the link at once, and never claim more than what is
    stored when they answer.
    """

    def __init__(self, bot: ExperienceBot) -> None:
        self._bot = bot

    async def publish(self, story: Story) -> PostOutcome:
        """Wait a moment for a published story's post (promised when it was published)."""
        if story.status is StoryStatus.PENDING:
            await self.notes_sent(story.id)  # promised with the change
            return PostOutcome(PostState.WAITING_REVIEW)
        if story.status is not StoryStatus.PUBLISHED:
            return PostOutcome(PostState.NOT_PUBLISHED)
        deliveries = self._bot.storage.deliveries
        pending = await deliveries.pending_for_story(DeliveryKind.STORY_POST, story.id)
        if pending is not None:
            await self._bot.delivery.wait_delivered(pending.id, INLINE_WAIT)
        return await self.where_is(story)

    async def where_is(self, story: Story) -> PostOutcome:
        """The truth about a published story's post, read from storage now."""
        current = await self._bot.storage.stories.get(story.id) or story
        url = post_url(current)
        if url is not None:
            return PostOutcome(PostState.LIVE, url=url)
        settings = await self._bot.storage.guild_settings.get(story.guild_id)
        if settings.stories_channel_id is None:
            return PostOutcome(PostState.NO_CHANNEL)
        return PostOutcome(PostState.SHORTLY, channel_id=settings.stories_channel_id)

    async def refresh(self, story: Story) -> None:
        """Wait a moment for the post to show an edit (promised with the edit)."""
        deliveries = self._bot.storage.deliveries
        for kind in (DeliveryKind.POST_EDIT, DeliveryKind.STORY_POST):
            pending = await deliveries.pending_for_story(kind, story.id)
            if pending is not None:
                await self._bot.delivery.wait_delivered(pending.id, INLINE_WAIT)
                return

    async def remove(self, story: Story) -> None:
        """Wait a moment for a post's removal (promised with the change that hid it)."""
        if story.message_id is None:
            return
        pending = await self._bot.storage.deliveries.pending_removal(story.message_id)
        if pending is not None:
            await self._bot.delivery.wait_delivered(pending.id, INLINE_WAIT)

    async def notes_sent(self, story_id: int) -> None:
        """Wait a moment for the moderators' notes about a story (promised with a change)."""
        for note in await self._bot.storage.deliveries.pending_notes(story_id):
            await self._bot.delivery.wait_delivered(note.id, INLINE_WAIT)

    async def after_report(self, outcome: ReportOutcome) -> None:
        """The report's note (and the post's removal, if it hid the story) are promised."""
        if outcome.hidden_now and outcome.removed_message_id is not None:
            pending = await self._bot.storage.deliveries.pending_removal(outcome.removed_message_id)
            if pending is not None:
                await self._bot.delivery.wait_delivered(pending.id, INLINE_WAIT)
        await self.notes_sent(outcome.story.id)


def moderation_buttons(story: Story, open_reports: int, lang: Lang) -> discord.ui.View | None:
    """The moderators' action buttons for a note in their channel."""
    # Imported here: the moderation cog imports the stories cog's rendering.
    from cogs.moderation.queue_items import note_view

    return note_view(story, open_reports, lang)
