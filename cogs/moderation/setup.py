"""The setup panel: current settings, what is missing or broken, and quick fixes.

Problems are found from discord.py's cache (the guilds intent caches channels, roles and
the bot's own member from GUILD_CREATE), so checking costs no request.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import discord

from bot.domain.guild_settings import GuildSettings, ReviewMode
from bot.domain.markdown import escape_markdown
from bot.domain.moderators import SettingsUpdate
from bot.domain.posting_limits import duration_text, limits_text
from bot.domain.schedule import weekday_name
from bot.errors import UserFacingError
from bot.i18n.outbox import parked_reason_text
from cogs.moderation.checks import ModeratorModal, ModeratorView
from storage.records import DigestStatus

if TYPE_CHECKING:
    from bot.client import ExperienceBot

    Interaction = discord.Interaction[ExperienceBot]

log = logging.getLogger(__name__)

PANEL_TIMEOUT = 10 * 60  # the interaction token lives 15 minutes: tidy up before that

LABELS = {
    "stories_channel_id": "Stories channel",
    "digest_channel_id": "Digest channel",
    "mod_channel_id": "Moderators' channel",
    "moderator_role_id": "Moderator role",
    "review_mode": "Review mode",
    "digest_weekday": "Digest day",
    "digest_hour": "Digest hour",
    "timezone": "Time zone",
    "leaderboard_size": "Leaderboard size",
    "min_stories": "Minimum stories to rank",
    "prior_weight": "Prior weight",
    "cooldown_seconds": "Cooldown between stories",
    "daily_cap": "Stories per member per day",
    "report_threshold": "Reports before a story is hidden",
    "quiet_week_post": "Post the digest in quiet weeks",
    "retention_days": "Data kept after the bot is removed",
}

# What the bot must be allowed to do in each channel, and the option that sets it.
_CHANNELS: tuple[tuple[str, str, str, tuple[str, ...], str], ...] = (
    (
        "stories_channel_id",
        "stories_channel",
        "stories are saved but not posted",
        ("view_channel", "send_messages", "embed_links"),
        "Stories channel",
    ),
    (
        "digest_channel_id",
        "digest_channel",
        "the weekly digest is not posted",
        # Read Message History: after a crash the bot looks for its post before re-sending.
        ("view_channel", "send_messages", "embed_links", "attach_files", "read_message_history"),
        "Digest channel",
    ),
    (
        "mod_channel_id",
        "mod_channel",
        "moderators are not told about reports and stories waiting for review",
        ("view_channel", "send_messages", "embed_links"),
        "Moderators' channel",
    ),
)


def _permission_name(flag: str) -> str:
    return flag.replace("_", " ").title()


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def setup_problems(guild: discord.Guild, settings: GuildSettings) -> list[tuple[str, str]]:
    """Everything that stops the bot from working as configured: (what, why and the fix)."""
    problems: list[tuple[str, str]] = []
    me = guild.me
    for field, option, consequence, needed, label in _CHANNELS:
        channel_id: int | None = getattr(settings, field)
        fix = f"`/storymod setup {option}:`"
        if channel_id is None:
            problems.append((label, f"Not set: {consequence}. Fix: {fix}"))
            continue
        channel = guild.get_channel(channel_id)
        if channel is None:
            problems.append((label, f"Deleted: {consequence}. Fix: choose another with {fix}"))
            continue
        if not isinstance(channel, discord.TextChannel):
            problems.append((label, f"{channel.mention} is not a text channel. Fix: {fix}"))
            continue
        if me is None:
            continue
        # discord.py applies Discord's rule: no Send Messages means no embeds or files either.
        allowed = channel.permissions_for(me)
        lacking = [_permission_name(p) for p in needed if not getattr(allowed, p)]
        if lacking:
            missing = _listing(lacking)
            problems.append(
                (
                    label,
                    f"I lack {missing} in {channel.mention}, so {consequence}. Fix: allow my "
                    f"role {missing} in that channel, or choose another with {fix}",
                )
            )
    role_id = settings.moderator_role_id
    if role_id is not None and guild.get_role(role_id) is None:
        problems.append(
            (
                "Moderator role",
                "Deleted: only members with Manage Server or Manage Messages can moderate. "
                "Fix: `/storymod setup moderator_role:`",
            )
        )
    if settings.review_mode is ReviewMode.REVIEW and settings.mod_channel_id is None:
        problems.append(
            (
                "Review mode",
                "On, but there is no moderators' channel: nobody is told when a story waits "
                "for approval. Fix: `/storymod setup mod_channel:`",
            )
        )
    return problems


def show_value(field: str, value: Any) -> str:
    """A setting's value as a moderator reads it (mentions never ping: AllowedMentions)."""
    if value is None:
        return "not set"
    if field.endswith("_channel_id"):
        return f"<#{value}>"
    if field == "moderator_role_id":
        return f"<@&{value}>"
    if field == "digest_weekday":
        return weekday_name(int(value))
    if field == "digest_hour":
        return f"{int(value):02d}:00"
    if field == "cooldown_seconds":
        return duration_text(timedelta(seconds=int(value))) if int(value) else "none"
    if field == "retention_days":
        return f"{int(value)} day" + ("" if int(value) == 1 else "s")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


async def posting_problems(bot: ExperienceBot, guild_id: int) -> list[tuple[str, str]]:
    """What the bot could not post, and why, so moderators see it and can fix it.

    Deliveries waiting for the moderators (bot/services/delivery.py) are listed even
    when the note about them could not reach the moderators' channel.
    """
    problems = [
        (
            "Waiting to be posted",
            f"{parked.count} {'delivery' if parked.count == 1 else 'deliveries'}: "
            # The panel is still English throughout; the reason is a code worded here.
            f"{parked_reason_text('en', parked.reason)}. "
            "Save this setup (or press Check again) once it is fixed.",
        )
        for parked in await bot.storage.deliveries.parked(guild_id)
    ]
    record = await bot.storage.digests.last_attempt(guild_id)
    if record is None or record.status is not DigestStatus.FAILED:
        return problems
    return [
        *problems,
        (
            "Weekly digest",
            f"The digest of the week of {record.week} could not be posted: "
            f"{escape_markdown(record.error or 'unknown reason')}. "
            "It is retried automatically once the cause is fixed.",
        ),
    ]


def setup_embed(
    guild: discord.Guild,
    settings: GuildSettings,
    update: SettingsUpdate | None = None,
    *,
    extra_problems: Sequence[tuple[str, str]] = (),
) -> discord.Embed:
    """The panel: what changed (if anything), the settings, and what needs attention."""
    if update is None:
        intro = "Current settings. Change any of them with `/storymod setup` and its options."
    elif update.changes:
        lines = [
            f"• {LABELS[name]}: {show_value(name, diff['old'])} → {show_value(name, diff['new'])}"
            for name, diff in update.changes.items()
        ]
        intro = "Saved:\n" + "\n".join(lines)
    else:
        intro = "Nothing changed: those already were the settings."
    problems = [*setup_problems(guild, settings), *extra_problems]
    embed = discord.Embed(
        title="Experience It — server setup",
        description=intro,
        colour=discord.Colour.orange() if problems else discord.Colour.green(),
    )
    s = settings
    role = show_value("moderator_role_id", s.moderator_role_id)
    embed.add_field(
        name="Channels",
        value=(
            f"Stories: {show_value('stories_channel_id', s.stories_channel_id)}\n"
            f"Digest: {show_value('digest_channel_id', s.digest_channel_id)}\n"
            f"Moderators: {show_value('mod_channel_id', s.mod_channel_id)}"
        ),
        inline=False,
    )
    embed.add_field(
        name="Moderators",
        value=f"Manage Server or Manage Messages permission; moderator role: {role}",
        inline=False,
    )
    review = (
        "open (published at once)"
        if s.review_mode is ReviewMode.OPEN
        else "review (moderators approve first)"
    )
    embed.add_field(
        name="Stories",
        value=(
            f"Review mode: {review}\n"
            f"Each member: {limits_text(timedelta(seconds=s.cooldown_seconds), s.daily_cap)}\n"
            f"Hidden after {s.report_threshold} reports until reviewed"
        ),
        inline=False,
    )
    embed.add_field(
        name="Weekly digest",
        value=(
            f"{weekday_name(s.digest_weekday)}s at {show_value('digest_hour', s.digest_hour)} "
            f"({s.timezone})\n"
            f"Top {s.leaderboard_size} each way; a brand needs {s.min_stories} stories; "
            f"prior weight {show_value('prior_weight', s.prior_weight)}\n"
            f"Quiet weeks: {'posted' if s.quiet_week_post else 'skipped'}"
        ),
        inline=False,
    )
    embed.add_field(
        name="Data",
        value=(
            "If the bot is removed from this server, its stories and settings are kept for "
            f"{show_value('retention_days', s.retention_days)}, then erased. "
            "`/storymod export` downloads the stories."
        ),
        inline=False,
    )
    if not problems:
        embed.add_field(name="Needs attention", value="✅ Nothing: everything is set up.")
    for what, problem in problems:  # one field each: every text stays far below 1,024
        embed.add_field(name=f"⚠️ {what}", value=problem, inline=False)
    return embed


async def save_settings(interaction: Interaction, changes: Mapping[str, Any]) -> SettingsUpdate:
    """Validate, store and audit a moderator's changes (all or nothing)."""
    assert interaction.guild_id is not None, "moderator checks refuse DMs first"
    bot = interaction.client
    update = await bot.storage.guild_settings.update(
        interaction.guild_id, changes, moderator_id=interaction.user.id, now=bot.clock()
    )
    bot.delivery.wake()  # saving released what waited for the moderators
    if update.changes:
        log.info(
            "Settings of guild %s changed by %s: %s",
            interaction.guild_id,
            interaction.user.id,
            ", ".join(update.changes),
        )
    return update


def check_moderator_role(role: discord.Role) -> None:
    """A role nobody can be given, or everybody has, would make no sense as moderators."""
    if role.is_default():
        raise UserFacingError(
            "Nothing was changed: @everyone cannot be the moderator role (everyone would "
            "moderate). Choose a role that only moderators have."
        )
    if role.managed:
        raise UserFacingError(
            "Nothing was changed: that role is managed by an integration and cannot be "
            "given to members. Choose a role that only moderators have."
        )


class SetupView(ModeratorView):
    """Quick fixes under the panel; each one re-checks that the user still moderates."""

    def __init__(self, original: Interaction) -> None:
        super().__init__(timeout=PANEL_TIMEOUT)
        self.original = original

    async def refresh(self, interaction: Interaction, update: SettingsUpdate | None) -> None:
        assert interaction.guild is not None
        settings = (
            update.after
            if update is not None
            else await interaction.client.storage.guild_settings.get(interaction.guild.id)
        )
        embed = setup_embed(
            interaction.guild,
            settings,
            update,
            extra_problems=await posting_problems(interaction.client, interaction.guild.id),
        )
        await interaction.response.edit_message(embed=embed, view=self)

    @discord.ui.select(
        cls=discord.ui.ChannelSelect,
        placeholder="Post stories in…",
        channel_types=[discord.ChannelType.text, discord.ChannelType.news],
    )
    async def stories_channel(
        self, interaction: Interaction, select: discord.ui.ChannelSelect[SetupView]
    ) -> None:
        update = await save_settings(interaction, {"stories_channel_id": select.values[0].id})
        await self.refresh(interaction, update)

    @discord.ui.button(label="Time zone…", style=discord.ButtonStyle.secondary)
    async def timezone(
        self, interaction: Interaction, button: discord.ui.Button[SetupView]
    ) -> None:
        assert interaction.guild_id is not None
        current = await interaction.client.storage.guild_settings.get(interaction.guild_id)
        await interaction.response.send_modal(TimezoneModal(self, current.timezone))

    @discord.ui.button(label="Check again", style=discord.ButtonStyle.primary)
    async def check_again(
        self, interaction: Interaction, button: discord.ui.Button[SetupView]
    ) -> None:
        assert interaction.guild_id is not None
        await interaction.client.delivery.retry_parked(interaction.guild_id)
        await self.refresh(interaction, None)

    async def on_timeout(self) -> None:
        try:
            await self.original.edit_original_response(view=None)
        except discord.HTTPException as exc:
            log.debug("Could not retire a setup panel (%s)", exc.status)


class TimezoneModal(ModeratorModal, title="Digest time zone"):
    """Typing a zone is quicker here than in the slash command for a panel already open."""

    zone: discord.ui.TextInput[TimezoneModal] = discord.ui.TextInput(
        label="Time zone (IANA name)", placeholder="America/Toronto", min_length=1, max_length=64
    )

    def __init__(self, panel: SetupView, current: str) -> None:
        super().__init__(timeout=PANEL_TIMEOUT)
        self.panel = panel
        self.zone.default = current

    async def on_submit(self, interaction: Interaction, /) -> None:  # type: ignore[override]
        update = await save_settings(interaction, {"timezone": self.zone.value})
        await self.panel.refresh(interaction, update)
