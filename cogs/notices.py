"""Private notes to members: by DM when they accept DMs, else on their next command.

A moderator's decision on a story is stored as a notice (facts) in the same transaction
as the decision, with the outbox's promise to DM it (bot/services/delivery_kinds.py). A
closed DM (403, 50007) is normal: the notice simply waits, and the listener here shows
whatever still waits, in the member's own language, as an ephemeral follow-up after
their next successful slash command, then forgets it (its DM promise goes with it).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from bot.domain.curation import Notice
from bot.i18n.catalog import Lang, tr
from bot.i18n.language import member_lang
from bot.i18n.outbox import notice_text

if TYPE_CHECKING:
    from bot.client import ExperienceBot

log = logging.getLogger(__name__)

MESSAGE_MAX = 2000


def pack_notices(lang: Lang, notices: list[Notice]) -> tuple[str, list[Notice]]:
    """As many whole notices as fit in one message, and which ones those are."""
    text = tr(lang, "notice-header")
    packed: list[Notice] = []
    for notice in notices:
        candidate = f"{text}\n\n{notice_text(lang, notice)}"
        if len(candidate) > MESSAGE_MAX:
            break
        text = candidate
        packed.append(notice)
    return text, packed


class Notices(commands.Cog):
    def __init__(self, bot: ExperienceBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_app_command_completion(
        self, interaction: discord.Interaction[Any], command: Any
    ) -> None:
        """Deliver waiting notices after any command that went well."""
        try:
            await self.deliver(interaction)
        except Exception:  # a listener's error must never surface as the command's
            log.exception("Could not deliver notices to %s", interaction.user.id)

    async def deliver(self, interaction: discord.Interaction[Any]) -> None:
        if interaction.response.type is discord.InteractionResponseType.modal:
            # A modal answer leaves nothing to follow up: next command then. Checked
            # before reading: a burst of story forms would otherwise read for nothing.
            return
        waiting = await self.bot.storage.notices.waiting(interaction.user.id)
        if not waiting:
            return
        text, packed = pack_notices(member_lang(interaction), waiting)
        if not packed:  # cannot happen with notices of a few hundred characters
            return
        try:
            if interaction.response.is_done():
                await interaction.followup.send(text, ephemeral=True)
            else:
                await interaction.response.send_message(text, ephemeral=True)
        except discord.HTTPException as exc:
            log.warning(
                "Notices to %s kept for later (%s %s)", interaction.user.id, exc.status, exc.code
            )
            return
        await self.bot.storage.notices.delivered([n.id for n in packed])
        log.info("Delivered %d notice(s) to %s", len(packed), interaction.user.id)


async def setup(bot: ExperienceBot) -> None:
    await bot.add_cog(Notices(bot))
