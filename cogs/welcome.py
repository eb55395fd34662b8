"""Joining a server: tell whoever can act what the bot is and the one command to run next.

The system channel if the bot may post there (everyone sees it, and whoever added the
bot is usually watching), else the owner by direct message, else nobody: a bot that
cannot speak stays quiet rather than guessing a channel. The note is plain text, so it
needs only View Channel and Send Messages. It is in the server's language (catalog
`welcome.ftl`).
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.domain.markdown import escape_markdown
from bot.i18n import Lang, server_lang, tr

if TYPE_CHECKING:
    from bot.client import ExperienceBot

log = logging.getLogger(__name__)


class Greeted(StrEnum):
    """Who heard about the bot joining (for the log and the tests)."""

    SYSTEM_CHANNEL = "system channel"  # not for people
    OWNER = "owner"
    NOBODY = "nobody"


def channel_note(lang: Lang) -> str:
    return tr(lang, "welcome-channel-note")


def owner_note(lang: Lang, guild_name: str) -> str:
    return tr(lang, "welcome-owner-note", server=escape_markdown(guild_name))


async def greet(bot: ExperienceBot, guild: discord.Guild) -> Greeted:
    # Everyone in the server reads the note (the owner too): the server's language.
    lang = server_lang(guild)
    channel = guild.system_channel
    me = guild.me
    if channel is not None and me is not None:
        allowed = channel.permissions_for(me)
        if allowed.view_channel and allowed.send_messages:
            try:
                await channel.send(channel_note(lang))
                return Greeted.SYSTEM_CHANNEL
            except discord.HTTPException as exc:
                log.info("Could not greet guild %s in its system channel (%s)", guild.id, exc)
    if guild.owner_id is not None:
        try:
            dm = await bot.create_dm(discord.Object(id=guild.owner_id))
            await dm.send(owner_note(lang, guild.name))
            return Greeted.OWNER
        except discord.HTTPException as exc:
            log.info("Could not tell the owner of guild %s by DM (%s)", guild.id, exc.code)
    return Greeted.NOBODY


class Welcome(commands.Cog):
    def __init__(self, bot: ExperienceBot) -> None:
        self.bot = bot

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        """Fired for a server added while the bot runs (not for those it already had)."""
        try:
            greeted = await greet(self.bot, guild)
        except Exception:  # a listener's failure must not look like the bot's
            log.exception("Could not greet guild %s", guild.id)
            return
        log.info("Joined guild %s (%d members); told: %s", guild.id, guild.member_count, greeted)


async def setup(bot: ExperienceBot) -> None:
    await bot.add_cog(Welcome(bot))
