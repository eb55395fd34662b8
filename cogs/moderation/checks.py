"""The run-time moderator check, for every moderator entry point.

Discord's `default_permissions` only hides `/storymod` and a server admin can override
it, and command checks never run for buttons, selects or modals. So every moderator
feature asks again, through one of these:

- `@moderator_only()` on a slash command (an app_commands check);
- `ModeratorView` / `ModeratorModal` as the base class of a view or modal (their
  `interaction_check` refuses non-moderators before any callback runs);
- `await ensure_moderator(interaction)` anywhere else (raises UserFacingError).

The rule itself is `bot.domain.moderators.is_moderator`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import discord
from discord import app_commands

from bot.domain.moderators import is_moderator
from bot.errors import UserFacingError
from bot.i18n import member_lang, tr
from bot.interaction_errors import ErrorReportingModal, ErrorReportingView

if TYPE_CHECKING:
    from bot.client import ExperienceBot

log = logging.getLogger(__name__)

T = TypeVar("T")

# Catalog keys (moderation.ftl) of the two refusals, worded in the member's language.
NOT_IN_SERVER = "mod-refused-not-in-server"
NOT_A_MODERATOR = "mod-refused-not-a-moderator"


class NotAModerator(app_commands.CheckFailure):
    """A failed moderator check; its text is what the member is shown."""


async def moderator_refusal(interaction: discord.Interaction[Any]) -> str | None:
    """Why this interaction's user may not moderate here (in their language), or None."""
    key = await _refusal_key(interaction)
    return None if key is None else tr(member_lang(interaction), key)


async def _refusal_key(interaction: discord.Interaction[Any]) -> str | None:
    """The catalog key of why this user may not moderate here, or None if they may.

    Roles and permissions come from the interaction itself (Discord sends them fresh
    each time), so a member who lost the role a second ago is already refused.
    """
    member = interaction.user
    if interaction.guild is None or not isinstance(member, discord.Member):
        return NOT_IN_SERVER
    bot: ExperienceBot = interaction.client
    settings = await bot.storage.guild_settings.get(interaction.guild.id)
    if moderates(interaction, settings.moderator_role_id):
        return None
    log.info("Refused moderator action by %s in guild %s", member.id, interaction.guild.id)
    return NOT_A_MODERATOR


def moderates(interaction: discord.Interaction[Any], moderator_role_id: int | None) -> bool:
    """Whether the interaction's user moderates its server (False in DMs); logs nothing."""
    member = interaction.user
    if interaction.guild is None or not isinstance(member, discord.Member):
        return False
    permissions = interaction.permissions.value | member.guild_permissions.value
    return is_moderator(permissions, {role.id for role in member.roles}, moderator_role_id)


async def ensure_moderator(interaction: discord.Interaction[Any]) -> None:
    """Raise UserFacingError unless the user is a moderator of this server."""
    refusal = await moderator_refusal(interaction)
    if refusal is not None:
        raise UserFacingError(refusal)


def moderator_only() -> Callable[[T], T]:
    """An app_commands check: the command runs only for moderators of this server."""

    async def predicate(interaction: discord.Interaction[Any]) -> bool:
        key = await _refusal_key(interaction)
        if key is None:
            return True
        refusal = tr(member_lang(interaction), key)
        if key == NOT_IN_SERVER:
            raise app_commands.NoPrivateMessage(refusal)
        raise NotAModerator(refusal)

    return app_commands.check(predicate)


class ModeratorView(ErrorReportingView):
    """A view whose every button and select re-checks that the user still moderates."""

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        await ensure_moderator(interaction)
        return True


class ModeratorModal(ErrorReportingModal):
    """A modal whose submission re-checks that the user still moderates."""

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        await ensure_moderator(interaction)
        return True
