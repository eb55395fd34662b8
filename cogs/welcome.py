"""Joining a server: tell whoever can act what the bot is and the one command to run next.

The system channel if the bot may post there (everyone sees it, and whoever added the
bot is usually watching), else the owner by direct message, else nobody: a bot that
cannot speak stays quiet rather than guessing a channel. The note is plain text, so it
needs only View Channel and Send Messages.
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.domain.markdown import escape_markdown

if TYPE_CHECKING:
    from bot.client import ExperienceBot

log = logging.getLogger(__name__)

WHAT_IT_IS = (
    "**Experience It** collects this community's stories of great and disastrous customer "
    "experiences (`/story great`, `/story disaster`) and posts a weekly digest of the brands "
    "that delighted and the ones that let people down."
)
NEXT_STEP = (
    "**Next step**, for someone with Manage Server: run `/storymod setup` and choose the "
    "stories, digest and moderators' channels. `/help` explains the rest."
)


class Greeted(StrEnum):
    """Who heard about the bot joining (for the log and the tests)."""

    SYSTEM_CHANNEL = "system channel"
    OWNER = "owner"
    NOBODY = "nobody"


def channel_note() -> str:
    return f"👋 Thanks for adding me!\n{WHAT_IT_IS}\n{NEXT_STEP}"


def owner_note(guild_name: str) -> str:
    return (
        f"👋 I was just added to **{escape_markdown(guild_name)}**, and I cannot post in its "
        f"system channel, so I am telling you, its owner.\n{WHAT_IT_IS}\n{NEXT_STEP}"
    )


async def greet(bot: ExperienceBot, guild: discord.Guild) -> Greeted:
    channel = guild.system_channel
    me = guild.me
    if channel is not None and me is not None:
        allowed = channel.permissions_for(me)
        if allowed.view_channel and allowed.send_messages:
            try:
                await channel.send(channel_note())
                return Greeted.SYSTEM_CHANNEL
            except discord.HTTPException as exc:
                log.info("Could not greet guild %s in its system channel (%s)", guild.id, exc)
    if guild.owner_id is not None:
        try:
            dm = await bot.create_dm(discord.Object(id=guild.owner_id))
            await dm.send(owner_note(guild.name))
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
