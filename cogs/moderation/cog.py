"""/storymod: moderator commands, in their own top-level group.

Discord ignores `default_permissions` and `guild_only` on subcommands, so they sit on
this group; each command also carries `@moderator_only()` because a server admin can
override the default permissions, and those only hide the command anyway.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.schedule import WEEKDAYS, canonical_timezone, timezone_suggestions
from bot.i18n import member_lang
from cogs.moderation.audit import AuditCommands
from cogs.moderation.brand_upkeep import BrandUpkeepCommands
from cogs.moderation.checks import moderator_only
from cogs.moderation.language import LanguageCommands
from cogs.moderation.queue import QueueCommands
from cogs.moderation.setup import SetupView, check_moderator_role, save_settings
from cogs.moderation.setup_checks import posting_problems
from cogs.moderation.setup_panel import setup_embed
from cogs.moderation.web import WebPageCommands

if TYPE_CHECKING:
    from bot.client import ExperienceBot

    Interaction = discord.Interaction[ExperienceBot]

# Choice names: English here (Discord's default), French in commands.ftl by their `key`.
_REVIEW_CHOICES = [
    app_commands.Choice(
        name=app_commands.locale_str("open: publish stories at once", key="choice-review-open"),
        value="open",
    ),
    app_commands.Choice(
        name=app_commands.locale_str(
            "review: moderators approve each story first", key="choice-review-review"
        ),
        value="review",
    ),
]
_WEEKDAY_CHOICES = [
    app_commands.Choice(name=app_commands.locale_str(day, key=f"choice-weekday-{i}"), value=i)
    for i, day in enumerate(WEEKDAYS)
]


@app_commands.guild_only()
@app_commands.default_permissions(manage_guild=True)
class Moderation(
    QueueCommands,
    BrandUpkeepCommands,
    AuditCommands,
    WebPageCommands,
    LanguageCommands,
    commands.GroupCog,
    group_name="storymod",
    group_description="Moderator tools for Experience It",
):
    """The /storymod group; each area's subcommands live in its own mixin module."""

    def __init__(self, bot: ExperienceBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        canonical_timezone("UTC")  # read the zone list now, not inside a member's 3 seconds

    @app_commands.command(name="setup", description="Show or change how the bot works here")
    @moderator_only()
    @app_commands.describe(
        stories_channel="Where published stories are posted",
        digest_channel="Where the weekly digest is posted",
        mod_channel="Where moderators hear about reports and stories to review",
        moderator_role="Members with this role can moderate (besides Manage Server/Messages)",
        review_mode="Publish stories at once, or after a moderator approves them",
        digest_weekday="The day the weekly digest is posted",
        digest_hour="The hour (0–23, in the server's time zone) the digest is posted",
        timezone="The server's time zone, e.g. America/Toronto",
        leaderboard_size="How many brands each leaderboard shows (1–10)",
        min_stories="Stories a brand needs in a week to rank (1–100)",
        prior_weight="How strongly few stories are pulled to the average (0–20)",
        cooldown_minutes="Minutes a member waits between two stories (0–1440)",
        daily_cap="Stories a member may post per day (1–100)",
        report_threshold="Reports that hide a story until a moderator reviews it (1–50)",
        quiet_week_post="Post the digest even in a week with too few stories",
        retention_days="Days this server's data is kept after the bot is removed (1–365)",
    )
    @app_commands.choices(review_mode=_REVIEW_CHOICES)
    @app_commands.choices(digest_weekday=_WEEKDAY_CHOICES)
    async def setup_command(
        self,
        interaction: Interaction,
        stories_channel: discord.TextChannel | None = None,
        digest_channel: discord.TextChannel | None = None,
        mod_channel: discord.TextChannel | None = None,
        moderator_role: discord.Role | None = None,
        review_mode: str | None = None,
        digest_weekday: int | None = None,
        digest_hour: app_commands.Range[int, 0, 23] | None = None,
        timezone: app_commands.Range[str, 1, 64] | None = None,
        leaderboard_size: app_commands.Range[int, 1, 10] | None = None,
        min_stories: app_commands.Range[int, 1, 100] | None = None,
        prior_weight: app_commands.Range[float, 0, 20] | None = None,
        cooldown_minutes: app_commands.Range[int, 0, 1440] | None = None,
        daily_cap: app_commands.Range[int, 1, 100] | None = None,
        report_threshold: app_commands.Range[int, 1, 50] | None = None,
        quiet_week_post: bool | None = None,
        retention_days: app_commands.Range[int, 1, 365] | None = None,
    ) -> None:
        assert interaction.guild is not None, "moderator_only refuses DMs"
        lang = member_lang(interaction)
        if moderator_role is not None:
            check_moderator_role(lang, moderator_role)
        given: dict[str, Any] = {
            "stories_channel_id": stories_channel and stories_channel.id,
            "digest_channel_id": digest_channel and digest_channel.id,
            "mod_channel_id": mod_channel and mod_channel.id,
            "moderator_role_id": moderator_role and moderator_role.id,
            "review_mode": review_mode,
            "digest_weekday": digest_weekday,
            "digest_hour": digest_hour,
            "timezone": timezone,
            "leaderboard_size": leaderboard_size,
            "min_stories": min_stories,
            "prior_weight": prior_weight,
            "cooldown_seconds": None if cooldown_minutes is None else cooldown_minutes * 60,
            "daily_cap": daily_cap,
            "report_threshold": report_threshold,
            "quiet_week_post": quiet_week_post,
            "retention_days": retention_days,
        }
        changes = {name: value for name, value in given.items() if value is not None}
        if changes:
            update = await save_settings(interaction, changes)
            problems = await posting_problems(self.bot, interaction.guild.id)
            embed = setup_embed(
                lang, interaction.guild, update.after, update, extra_problems=problems
            )
        else:
            settings = await self.bot.storage.guild_settings.get(interaction.guild.id)
            problems = await posting_problems(self.bot, interaction.guild.id)
            embed = setup_embed(lang, interaction.guild, settings, extra_problems=problems)
        await interaction.response.send_message(
            embed=embed, view=SetupView(interaction), ephemeral=True
        )

    @setup_command.autocomplete("timezone")
    async def timezone_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=z, value=z) for z in timezone_suggestions(current)]
