"""/help: what the bot does and how to start, for members and moderators alike."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import ExperienceBot

HELP_TEXT = (
    "**Experience It** collects the community's customer-experience stories.\n"
    "• `/story great` or `/story disaster` — tell the story of an experience with a brand.\n"
    "• `/brand` — look up how a brand is doing.\n"
    "• `/leaderboard` — this week's best- and worst-rated brands.\n"
    "Your stories are yours: `/story mine`, `/story export` and `/story forget-me`."
)


class Help(commands.Cog):
    def __init__(self, bot: ExperienceBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What Experience It does and how to use it")
    async def help(self, interaction: discord.Interaction[ExperienceBot]) -> None:
        embed = discord.Embed(
            title="Experience It", description=HELP_TEXT, colour=discord.Colour.blurple()
        )
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: ExperienceBot) -> None:
    await bot.add_cog(Help(bot))
