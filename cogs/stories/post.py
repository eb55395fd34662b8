"""Putting stories in front of readers: the stories channel post, and reports to mods.

Every Discord failure here is expected sooner or later (a deleted channel, a missing
permission): it is logged and reported back as an outcome, never raised at a member
whose story is already safely stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

import discord

from bot.domain.stories import Story, StoryStatus
from bot.services.stories import ReportOutcome
from cogs.stories.reactions import story_post_view
from cogs.stories.render import safe, story_embed

if TYPE_CHECKING:
    from bot.client import ExperienceBot

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PostOutcome:
    """What happened to the channel post, in words the author can be shown."""

    message: discord.Message | None
    note: str


class StoryPublisher:
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

    async def publish(self, story: Story, *, nonce: str | None = None) -> PostOutcome:
        """Post (or re-post) a published story to the server's stories channel.

        A re-post (a moderator restoring or approving it again) needs its own `nonce`:
        Discord would answer a repeated one with the first, deleted, post.
        """
        if story.status is StoryStatus.PENDING:
            await self.notify_moderators(
                story.guild_id,
                f"📝 Story #{story.id} is waiting for review.",
                view=moderation_buttons(story, 0),
            )
            return PostOutcome(None, "It is waiting for a moderator's review.")
        if story.status is not StoryStatus.PUBLISHED:
            return PostOutcome(None, "It is not published.")
        settings = await self._bot.storage.guild_settings.get(story.guild_id)
        channel = await self._text_channel(settings.stories_channel_id)
        if channel is None:
            return PostOutcome(
                None,
                "It will appear in the stories channel once the moderators choose one "
                "(`/storymod setup`).",
            )
        try:
            message = await channel.send(
                embed=story_embed(story),
                view=story_post_view(story.id, story.relatable_count),
                nonce=nonce or f"story-{story.id}",
            )
        except discord.HTTPException as exc:
            log.warning("Could not post story %s in %s: %s", story.id, channel, exc)
            return PostOutcome(
                None, "I could not post it in the stories channel; the moderators were told."
            )
        await self._bot.stories.answer(
            story.id, channel_id=message.channel.id, message_id=message.id
        )
        return PostOutcome(message, f"It is live: {message.jump_url}")

    async def refresh(self, story: Story) -> None:
        """Bring an existing post in line with the stored story (after an edit)."""
        message = await self._message(story)
        if message is None:
            if story.status is StoryStatus.PUBLISHED:
                await self.publish(story)
            return
        try:
            await message.edit(
                embed=story_embed(story), view=story_post_view(story.id, story.relatable_count)
            )
        except discord.HTTPException as exc:
            log.warning("Could not update the post of story %s: %s", story.id, exc)

    async def remove(self, story: Story) -> None:
        """Delete the channel post; a post that is already gone is fine."""
        message = await self._message(story)
        if message is None:
            return
        try:
            await message.delete()
        except discord.NotFound:
            pass
        except discord.HTTPException as exc:
            log.warning("Could not delete the post of story %s: %s", story.id, exc)

    async def _message(self, story: Story) -> discord.PartialMessage | None:
        if story.channel_id is None or story.message_id is None:
            return None
        channel = await self._text_channel(story.channel_id)
        if not isinstance(channel, discord.TextChannel | discord.Thread):
            return None
        return channel.get_partial_message(story.message_id)

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
        elif story.message_id and story.channel_id:
            note += f"\nPost: https://discord.com/channels/{story.guild_id}/{story.channel_id}/{story.message_id}"
        await self.notify_moderators(
            story.guild_id, note, view=moderation_buttons(story, outcome.open_reports)
        )


def moderation_buttons(story: Story, open_reports: int) -> discord.ui.View | None:
    """The moderators' action buttons for a note in their channel."""
    # Imported here: the moderation cog imports the stories cog's rendering.
    from cogs.moderation.queue_items import note_view

    return note_view(story, open_reports)
