"""/help: what the bot does and how to start, for members and moderators alike.

Members also learn whether this server is set up (where stories and the digest go, or
that nothing is posted yet); moderators see the setup step and what still needs
attention, from the same checks as `/storymod setup`. The version is in the footer, so
an operator and a member can tell which bot they talk to.
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import ExperienceBot
from bot.domain.brand_card import count_text
from bot.domain.guild_settings import GuildSettings
from bot.version import __version__
from cogs.moderation.checks import moderates
from cogs.moderation.setup import setup_problems

HELP_TEXT = (
    "**Experience It** collects the community's customer-experience stories.\n"
    "• `/story great` or `/story disaster` — tell the story of an experience with a brand.\n"
    "• `/brand` — look up how a brand is doing.\n"
    "• `/leaderboard` — this week's best- and worst-rated brands.\n"
    "Your stories are yours: `/story mine`, `/story export` and `/story forget-me`."
)

MODERATOR_TOOLS = (
    "`/storymod setup` — channels, review mode, digest schedule and every other setting, "
    "with what needs fixing.\n"
    "`/storymod queue` — stories waiting for review or reported.\n"
    "`/storymod brand …` — merge, rename and tidy brands. `/storymod audit` — who did what.\n"
    "`/digest preview` — the next digest, privately."
)


def server_state_for_members(settings: GuildSettings) -> str:
    if settings.stories_channel_id is None:
        return (
            "Not set up yet: stories are saved but not posted until a moderator runs "
            "`/storymod setup`."
        )
    digest = (
        f"the weekly digest in <#{settings.digest_channel_id}>"
        if settings.digest_channel_id is not None
        else "no weekly digest yet"
    )
    return f"Stories are posted in <#{settings.stories_channel_id}>; {digest}."


def server_state_for_moderators(guild: discord.Guild, settings: GuildSettings) -> str:
    problems = setup_problems(guild, settings)
    if not problems:
        return "✅ Set up: everything works as configured. `/storymod setup` changes it."
    listing = ", ".join(what for what, _ in problems)
    verb = "needs" if len(problems) == 1 else "need"
    return (
        f"⚠️ Not ready: {count_text(len(problems), 'thing')} {verb} attention ({listing}). "
        "Run `/storymod setup` to see each fix."
    )


class Help(commands.Cog):
    def __init__(self, bot: ExperienceBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What Experience It does and how to use it")
    async def help(self, interaction: discord.Interaction[ExperienceBot]) -> None:
        embed = discord.Embed(
            title="Experience It", description=HELP_TEXT, colour=discord.Colour.blurple()
        )
        guild = interaction.guild
        if guild is not None:
            settings = await self.bot.storage.guild_settings.get(guild.id)
            if moderates(interaction, settings.moderator_role_id):
                embed.add_field(
                    name="This server (you moderate it)",
                    value=server_state_for_moderators(guild, settings),
                    inline=False,
                )
                embed.add_field(name="Moderator tools", value=MODERATOR_TOOLS, inline=False)
            else:
                embed.add_field(
                    name="This server", value=server_state_for_members(settings), inline=False
                )
        embed.set_footer(text=f"Experience It {__version__}")
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: ExperienceBot) -> None:
    await bot.add_cog(Help(bot))
