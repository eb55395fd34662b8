"""/help: what the bot does and how to start, for members and moderators alike.

Members also learn whether this server is set up (where stories and the digest go, or
that nothing is posted yet); moderators see the setup step and what still needs
attention, from the same checks as `/storymod setup`. The version is in the footer, so
an operator and a member can tell which bot they talk to. Everything is in the member's
own language (catalog `help.ftl`): only they see it.
"""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import ExperienceBot
from bot.domain.guild_settings import GuildSettings
from bot.i18n import Lang, member_lang, tr
from bot.version import __version__
from cogs.moderation.checks import moderates
from cogs.moderation.setup_checks import setup_problems
from cogs.moderation.setup_panel import problem_name


def server_state_for_members(lang: Lang, settings: GuildSettings) -> str:
    if settings.stories_channel_id is None:
        return tr(lang, "help-not-set-up")
    stories = f"<#{settings.stories_channel_id}>"
    if settings.digest_channel_id is None:
        return tr(lang, "help-posted-no-digest", stories=stories)
    return tr(
        lang, "help-posted-with-digest", stories=stories, digest=f"<#{settings.digest_channel_id}>"
    )


def server_state_for_moderators(lang: Lang, guild: discord.Guild, settings: GuildSettings) -> str:
    problems = setup_problems(guild, settings)
    if not problems:
        return tr(lang, "help-all-set")
    listing = ", ".join(problem_name(lang, problem) for problem in problems)
    return tr(lang, "help-not-ready", count=len(problems), listing=listing)


class Help(commands.Cog):
    def __init__(self, bot: ExperienceBot) -> None:
        self.bot = bot

    @app_commands.command(name="help", description="What Experience It does and how to use it")
    async def help(self, interaction: discord.Interaction[ExperienceBot]) -> None:
        lang = member_lang(interaction)
        embed = discord.Embed(
            title=tr(lang, "help-title"),
            description=tr(lang, "help-intro"),
            colour=discord.Colour.blurple(),
        )
        guild = interaction.guild
        if guild is not None:
            settings = await self.bot.storage.guild_settings.get(guild.id)
            if moderates(interaction, settings.moderator_role_id):
                embed.add_field(
                    name=tr(lang, "help-field-server-moderated"),
                    value=server_state_for_moderators(lang, guild, settings),
                    inline=False,
                )
                embed.add_field(
                    name=tr(lang, "help-field-moderator-tools"),
                    value=tr(lang, "help-moderator-tools"),
                    inline=False,
                )
            else:
                embed.add_field(
                    name=tr(lang, "help-field-server"),
                    value=server_state_for_members(lang, settings),
                    inline=False,
                )
        embed.set_footer(text=tr(lang, "help-footer", version=__version__))
        await interaction.response.send_message(embed=embed, ephemeral=True)


async def setup(bot: ExperienceBot) -> None:
    await bot.add_cog(Help(bot))
