"""Listens for the bot leaving and rejoining servers, and purges after the grace period.

GUILD_DELETE with `unavailable: true` is an outage, not a removal: discord.py turns it
into `on_guild_unavailable`, and only a real removal into `on_guild_remove`. The purge
runs in a `tasks.loop`, which dies for good on any non-network exception, so every
round is wrapped and every server is handled on its own (bot/services/lifecycle.py).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands, tasks

from bot.services.lifecycle import LifecycleService, PurgeRound

if TYPE_CHECKING:
    from bot.client import ExperienceBot

log = logging.getLogger(__name__)

PURGE_INTERVAL_HOURS = 1


class DataLifecycle(commands.Cog):
    def __init__(self, bot: ExperienceBot) -> None:
        self.bot = bot
        self.service = LifecycleService(bot.storage, bot.clock)
        self._reconciled = False

    async def cog_load(self) -> None:
        self.purge_loop.start()

    async def cog_unload(self) -> None:
        self.purge_loop.cancel()

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        try:
            await self.service.bot_left(guild.id)
        except Exception:
            log.exception("Could not record leaving guild %s", guild.id)

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self._returned(guild)

    @commands.Cog.listener()
    async def on_guild_available(self, guild: discord.Guild) -> None:
        # A GUILD_CREATE that says `unavailable: false` for a server discord.py still had
        # cached (say, removed and re-invited during a reconnect) arrives as this event.
        await self._returned(guild)

    async def _returned(self, guild: discord.Guild) -> None:
        try:
            await self.service.bot_returned(guild.id)
        except Exception:
            log.exception("Could not record rejoining guild %s", guild.id)

    async def run_purge_round(self) -> PurgeRound | None:
        """One round: catch up on what happened while offline (once), then purge.

        Never raises: a failure is logged and the next round tries again.
        """
        try:
            if not self._reconciled:
                # bot.guilds holds every server from READY, available or not.
                await self.service.reconcile(
                    {g.id for g in self.bot.guilds}, owns=self.bot.owns_guild
                )
                self._reconciled = True
            return await self.service.purge_due(self.bot.owns_guild)
        except Exception:
            log.exception("Data purge round failed; the next round tries again")
            return None

    @tasks.loop(hours=PURGE_INTERVAL_HOURS)
    async def purge_loop(self) -> None:
        await self.run_purge_round()

    @purge_loop.before_loop
    async def _wait_until_ready(self) -> None:
        await self.bot.wait_until_ready()
