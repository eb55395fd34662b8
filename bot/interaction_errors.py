"""The one error path for every slash command, button, select and modal.

An expected problem (`UserFacingError`, a failed check) becomes a short private reply,
in the member's language (catalog `errors.ftl`).
Anything else is logged with a short code that the member also sees, so a moderator can
find the traceback from a screenshot. Replying can itself fail (the interaction expired,
the channel is gone): that is logged and swallowed, never raised into the bot.
"""

from __future__ import annotations

import functools
import logging
import secrets
from collections.abc import Callable, Coroutine
from typing import Any, Concatenate, ParamSpec, TypeVar

import aiohttp
import discord
from discord import app_commands

from bot.domain.markdown import truncate
from bot.errors import UserFacingError
from bot.i18n import Lang, member_lang, tr
from bot.i18n.catalog import has, listed
from bot.i18n.refusals import refusal_text
from storage.errors import DatabaseBusyError

log = logging.getLogger(__name__)

# A burst or another process held the database longer than a member can wait: the
# bot answers in time rather than let Discord say "The application did not respond".
BUSY = "error-busy"

# Discord's "already acknowledged" and "unknown interaction" (expired) error codes.
_CANNOT_ANSWER = frozenset({40060, 10062})

P = ParamSpec("P")
S = TypeVar("S")


def describe_check_failure(lang: Lang, error: app_commands.AppCommandError) -> str | None:
    """The member-facing sentence for discord.py's expected command failures."""
    if isinstance(error, app_commands.NoPrivateMessage):
        return tr(lang, "error-server-only")
    if isinstance(error, app_commands.MissingPermissions):
        needed = permission_names(lang, error.missing_permissions)
        wanted = len(error.missing_permissions)
        return tr(lang, "error-member-lacks-permission", permissions=needed, count=wanted)
    if isinstance(error, app_commands.BotMissingPermissions):
        needed = permission_names(lang, error.missing_permissions)
        wanted = len(error.missing_permissions)
        return tr(lang, "error-bot-lacks-permission", permissions=needed, count=wanted)
    if isinstance(error, app_commands.CommandOnCooldown):
        return tr(lang, "error-slow-down", seconds=max(1, round(error.retry_after)))
    if isinstance(error, app_commands.TransformerError):
        return tr(lang, "error-bad-value", value=truncate(str(error.value), 100))
    if isinstance(error, app_commands.CheckFailure):
        # Our own checks raise theirs already worded for the member (moderator_only);
        # discord.py's generic text ("The check functions… failed") is never shown.
        own = type(error) is not app_commands.CheckFailure and str(error)
        return own or tr(lang, "error-not-here")
    return None


def permission_names(lang: Lang, permissions: list[str]) -> str:
    """Discord's names of permissions ("Manage Server"), as its client shows them."""
    names = [
        tr(lang, f"permission-{p}") if has(lang, f"permission-{p}") else p.replace("_", " ")
        for p in permissions
    ]
    return listed(lang, names, "list-and")


def _unwrap(error: BaseException) -> BaseException:
    if isinstance(error, app_commands.CommandInvokeError):
        return error.original
    return error


async def report_error(interaction: discord.Interaction[Any], error: BaseException) -> None:
    """Tell the member what went wrong, privately; log what they can't fix."""
    error = _unwrap(error)
    if isinstance(error, discord.HTTPException) and error.code in _CANNOT_ANSWER:
        # Answered elsewhere already (a redelivered interaction) or expired: there is
        # nobody left to tell, and trying again would only fail the same way.
        log.info("Interaction could not be answered (%s %s)", error.status, error.code)
        return
    lang = member_lang(interaction)
    if isinstance(error, UserFacingError):
        message = refusal_text(lang, error)
    elif isinstance(error, DatabaseBusyError):
        log.warning(
            "Database busy in interaction (command %s, guild %s): %s",
            interaction.command.qualified_name if interaction.command else "-",
            interaction.guild_id,
            error,
        )
        message = tr(lang, BUSY)
    elif isinstance(error, app_commands.AppCommandError) and (
        described := describe_check_failure(lang, error)
    ):
        message = described
    else:
        code = secrets.token_hex(4).upper()
        log.error(
            "Unexpected error %s in interaction (type %s, command %s, guild %s)",
            code,
            interaction.type.name if interaction.type else "?",
            interaction.command.qualified_name if interaction.command else "-",
            interaction.guild_id,
            exc_info=error,
        )
        message = tr(lang, "error-unexpected", code=code)
    await send_private(interaction, message)


async def send_private(interaction: discord.Interaction[Any], message: str) -> None:
    """An ephemeral reply that works whether or not the interaction was answered yet.

    A delivery that fails for a passing reason (a 5xx or 429 that discord.py gave up on or
    does not retry, such as a 429 without ``Via``; a dropped connection) is tried once
    more, at once: the first answer to an interaction must come within Discord's 3 s.
    A refusal that would only repeat (already answered, expired, a 4xx) is not retried.
    """
    for attempt in (1, 2):
        try:
            await _deliver_private(interaction, message)
            return
        except discord.HTTPException as exc:
            passing = exc.status >= 500 or exc.status == 429
            log.warning(
                "Could not deliver an error reply (attempt %d: %s %s)",
                attempt,
                exc.status,
                exc.code,
            )
            if not passing or exc.code in _CANNOT_ANSWER:
                return
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.warning("Could not deliver an error reply (attempt %d: %r)", attempt, exc)


async def _deliver_private(interaction: discord.Interaction[Any], message: str) -> None:
    if interaction.response.is_done():
        await interaction.followup.send(message, ephemeral=True)
    else:
        await interaction.response.send_message(message, ephemeral=True)


def reports_errors(
    callback: Callable[Concatenate[S, discord.Interaction[Any], P], Coroutine[Any, Any, None]],
) -> Callable[Concatenate[S, discord.Interaction[Any], P], Coroutine[Any, Any, None]]:
    """For callbacks discord.py gives no error hook to (dynamic items)."""

    @functools.wraps(callback)
    async def wrapper(
        self: S, interaction: discord.Interaction[Any], /, *args: P.args, **kwargs: P.kwargs
    ) -> None:
        try:
            await callback(self, interaction, *args, **kwargs)
        except Exception as exc:
            await report_error(interaction, exc)

    return wrapper


class ErrorReportingTree(app_commands.CommandTree[Any]):
    async def on_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError, /
    ) -> None:
        await report_error(interaction, error)


class ErrorReportingView(discord.ui.View):
    async def on_error(
        self, interaction: discord.Interaction[Any], error: Exception, item: discord.ui.Item[Any], /
    ) -> None:
        await report_error(interaction, error)


class ErrorReportingModal(discord.ui.Modal):
    async def on_error(  # type: ignore[override]  # Modal drops the item argument
        self, interaction: discord.Interaction[Any], error: Exception, /
    ) -> None:
        await report_error(interaction, error)
