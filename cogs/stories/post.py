"""Putting stories in front of readers: promising posts, and notes to the moderators.

Posts, edits and removals are promised to the outbox and delivered by it (see
bot/services/delivery.py), so a Discord failure here never loses one and is never
raised at a member whose story is already safely stored. What a member is told is read
from storage at that moment: a link only when the post exists. The outcome is a fact
(`PostOutcome`); `outcome_words` says it in the reader's language (catalog `story.ftl`).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

import discord

from bot.domain.stories import Story, StoryStatus
from bot.i18n import Lang, tr
from bot.services.stories import ReportOutcome
from cogs.stories.render import safe
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
    """Promises posts, edits and removals to the outbox, and tells what is true.

    Delivery itself is the outbox's job (bot/services/delivery.py): these calls wait a
    moment for it so a member usually sees the link at once, and never claim more than
    what is stored when they answer.
    """

    def __init__(self, bot: ExperienceBot) -> None:
        self._bot = bot

    async def _text_channel(self, channel_id: int | None) -> discord.abc.Messageable | None:
        if channel_id is None:
            return None
        channel = self._bot.get_channel(channel_id)
        if channel is None:
            try:
                channel = await self._bot.fetch_channel(channel_id)
            except discord.HTTPException:
                return None
        return channel if isinstance(channel, discord.abc.Messageable) else None

    async def publish(self, story: Story) -> PostOutcome:
        """Post (or re-post, after a moderator's approval) a published story."""
        if story.status is StoryStatus.PENDING:
            await self.notify_moderators(
                story.guild_id,
                f"📝 Story #{story.id} is waiting for review.",
                view=moderation_buttons(story, 0),
            )
            return PostOutcome(PostState.WAITING_REVIEW)
        if story.status is not StoryStatus.PUBLISHED:
            return PostOutcome(PostState.NOT_PUBLISHED)
        deliveries = self._bot.storage.deliveries
        pending = await deliveries.pending_for_story(DeliveryKind.STORY_POST, story.id)
        if pending is not None:
            delivery_id: int | None = pending.id
        elif story.message_id is None:
            delivery_id = await self._bot.delivery.promise_story_post(story)
        else:
            delivery_id = None
        if delivery_id is not None:
            await self._bot.delivery.wait_delivered(delivery_id, INLINE_WAIT)
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

    async def refresh(self, story: Story, *, wait: bool = True) -> None:
        """Bring an existing post in line with the stored story (after an edit).

        `wait=False` for many posts at once (a brand renamed): the outbox has them.
        """
        if story.message_id is None:
            if story.status is StoryStatus.PUBLISHED:
                await self.publish(story)
            return
        delivery_id = await self._bot.storage.deliveries.enqueue_story(
            DeliveryKind.POST_EDIT, story.guild_id, story.id, int(time.time())
        )
        if wait:
            await self._bot.delivery.wait_delivered(delivery_id, INLINE_WAIT)
        else:
            self._bot.delivery.wake()

    async def remove(self, story: Story) -> None:
        """Take the channel post down; a post that is already gone is fine."""
        if story.channel_id is None or story.message_id is None:
            return
        delivery_id = await self._bot.storage.deliveries.enqueue_removal(
            story.guild_id, story.channel_id, story.message_id, int(time.time())
        )
        await self._bot.delivery.wait_delivered(delivery_id, INLINE_WAIT)

    async def notify_moderators(
        self, guild_id: int, text: str, *, view: discord.ui.View | None = None
    ) -> None:
        settings = await self._bot.storage.guild_settings.get(guild_id)
        channel = await self._text_channel(settings.mod_channel_id)
        if channel is None:
            return
        try:
            if view is None:
                await channel.send(text)
            else:
                await channel.send(text, view=view)
        except discord.HTTPException as exc:
            log.warning("Could not notify moderators of guild %s: %s", guild_id, exc)

    async def after_report(self, outcome: ReportOutcome, *, reporter_id: int, reason: str) -> None:
        story = outcome.story
        note = f"🚩 Story #{story.id} was reported by <@{reporter_id}>: {safe(reason, 400)}"
        if outcome.hidden_now:
            await self.remove(story)
            note += f"\nIt reached {outcome.open_reports} reports and is hidden until you decide."
        elif (url := post_url(story)) is not None:
            note += f"\nPost: {url}"
        await self.notify_moderators(
            story.guild_id, note, view=moderation_buttons(story, outcome.open_reports)
        )


def moderation_buttons(story: Story, open_reports: int) -> discord.ui.View | None:
    """The moderators' action buttons for a note in their channel."""
    # Imported here: the moderation cog imports the stories cog's rendering.
    from cogs.moderation.queue_items import note_view

    return note_view(story, open_reports)
