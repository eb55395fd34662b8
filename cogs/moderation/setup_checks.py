"""What stops the bot from working as configured, as facts (the setup panel and /help
word them): channels missing, deleted or lacking permissions, a deleted moderator role,
review mode without a moderators' channel, and what could not be posted.

Problems are found from discord.py's cache (the guilds intent caches channels, roles and
the bot's own member from GUILD_CREATE), so checking costs no request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import discord

from bot.domain.guild_settings import GuildSettings, ReviewMode
from storage.records import DigestStatus

if TYPE_CHECKING:
    from bot.client import ExperienceBot

# What the bot must be allowed to do in each channel, and the option that sets it.
_CHANNELS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("stories_channel_id", "stories_channel", ("view_channel", "send_messages", "embed_links")),
    (
        "digest_channel_id",
        "digest_channel",
        # Read Message History: after a crash the bot looks for its post before re-sending.
        ("view_channel", "send_messages", "embed_links", "attach_files", "read_message_history"),
    ),
    ("mod_channel_id", "mod_channel", ("view_channel", "send_messages", "embed_links")),
)


@dataclass(frozen=True)
class SetupProblem:
    """Something that stops the bot from working as configured.

    `setting` names what is wrong (a settings field, or `parked` / `digest` for what
    could not be posted); `kind` is the catalog key of the explanation (`problem-…`);
    `option` is the `/storymod setup` option that fixes it; `values` fill the rest.
    """

    setting: str
    kind: str
    option: str = ""
    channel_id: int | None = None
    missing: tuple[str, ...] = ()  # permission flags, e.g. "send_messages"
    values: dict[str, str | int] = field(default_factory=dict)


def setup_problems(guild: discord.Guild, settings: GuildSettings) -> list[SetupProblem]:
    """Everything that stops the bot from working as configured, with its fix."""
    problems: list[SetupProblem] = []
    me = guild.me
    for name, option, needed in _CHANNELS:
        channel_id: int | None = getattr(settings, name)
        if channel_id is None:
            problems.append(SetupProblem(name, "problem-not-set", option))
            continue
        channel = guild.get_channel(channel_id)
        if channel is None:
            problems.append(SetupProblem(name, "problem-deleted", option))
            continue
        if not isinstance(channel, discord.TextChannel):
            problems.append(SetupProblem(name, "problem-not-text", option, channel_id))
            continue
        if me is None:
            continue
        # discord.py applies Discord's rule: no Send Messages means no embeds or files either.
        allowed = channel.permissions_for(me)
        lacking = tuple(p for p in needed if not getattr(allowed, p))
        if lacking:
            problems.append(SetupProblem(name, "problem-lacks", option, channel_id, lacking))
    role_id = settings.moderator_role_id
    if role_id is not None and guild.get_role(role_id) is None:
        problems.append(SetupProblem("moderator_role_id", "problem-role-deleted", "moderator_role"))
    if settings.review_mode is ReviewMode.REVIEW and settings.mod_channel_id is None:
        problems.append(SetupProblem("review_mode", "problem-review-no-channel", "mod_channel"))
    return problems


async def posting_problems(bot: ExperienceBot, guild_id: int) -> list[SetupProblem]:
    """What the bot could not post, and why, so moderators see it and can fix it.

    Deliveries waiting for the moderators (bot/services/delivery.py) are listed even
    when the note about them could not reach the moderators' channel. The reasons are
    shown as the delivery and the digest poster recorded them.
    """
    problems = [
        SetupProblem(
            "parked", "problem-parked", values={"count": parked.count, "reason": parked.reason}
        )
        for parked in await bot.storage.deliveries.parked(guild_id)
    ]
    record = await bot.storage.digests.last_attempt(guild_id)
    if record is None or record.status is not DigestStatus.FAILED:
        return problems
    failed = SetupProblem(
        "digest",
        "problem-digest-failed",
        values={"week": record.week, "reason": record.error or ""},
    )
    return [*problems, failed]
