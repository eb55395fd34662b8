"""The review queue and curation: approve, hide, restore, highlight, delete.

A mixin of /storymod subcommands: `Moderation` (cogs/moderation/cog.py) inherits it, so
its commands join the group. Every command carries `@moderator_only()`; the card's
buttons (cogs/moderation/queue_items.py) check again on every click.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.i18n import member_lang
from bot.services.moderation import ModerationService
from cogs.moderation.checks import moderator_only
from cogs.moderation.queue_card import empty_queue
from cogs.moderation.queue_items import card_payload

if TYPE_CHECKING:
    from discord.ext.commands import Cog as _MixinBase

    from bot.client import ExperienceBot

    Interaction = discord.Interaction[ExperienceBot]
else:
    _MixinBase = object  # mypy checks the decorators as on a cog; at run time a plain mixin

# Discord accepts integer option bounds up to 2**53 - 1; story ids stay far below.
_STORY_ID_MAX = 2**53 - 1


class QueueCommands(_MixinBase):
    """Subcommands mixed into the /storymod group cog."""

    bot: ExperienceBot

    def _moderation(self) -> ModerationService:
        return ModerationService(self.bot.storage, self.bot.clock)

    @app_commands.command(
        name="queue", description="Stories waiting for a decision: pending review or reported"
    )
    @moderator_only()
    async def queue_command(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None, "moderator_only refuses DMs"
        lang = member_lang(interaction)
        card = await self._moderation().first(interaction.guild_id)
        if card is None:
            await interaction.response.send_message(empty_queue(lang), ephemeral=True)
            return
        await interaction.response.send_message(**card_payload(lang, card), ephemeral=True)

    @app_commands.command(
        name="story", description="Open any story of this server to approve, hide, restore it…"
    )
    @app_commands.rename(story_id="id")
    @app_commands.describe(story_id="The story's number, shown as “Story #…” under each post")
    @moderator_only()
    async def story_command(
        self, interaction: Interaction, story_id: app_commands.Range[int, 1, _STORY_ID_MAX]
    ) -> None:
        assert interaction.guild_id is not None, "moderator_only refuses DMs"
        lang = member_lang(interaction)
        card = await self._moderation().card(interaction.guild_id, story_id)
        await interaction.response.send_message(**card_payload(lang, card), ephemeral=True)
