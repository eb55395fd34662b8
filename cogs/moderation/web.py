"""/storymod web: a server's opt-in web pages (on, off, a new address).

A mixin of /storymod subcommands (see cogs/moderation/cog.py); the rules live in
``bot.services.web_access``, the pages in ``bot.web``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.domain.web_access import WebAccess
from bot.services.web_access import WebChange
from cogs.moderation.checks import moderator_only

if TYPE_CHECKING:
    from discord.ext.commands import Cog as _MixinBase

    from bot.client import ExperienceBot

    Interaction = discord.Interaction[ExperienceBot]
else:
    _MixinBase = object

_CHOICES = [
    app_commands.Choice(name="on: publish the read-only pages", value=WebChange.ON.value),
    app_commands.Choice(name="off: the address stops working", value=WebChange.OFF.value),
    app_commands.Choice(
        name="new address: the old one stops working at once", value=WebChange.NEW_ADDRESS.value
    ),
]


def web_status(access: WebAccess, public_url: str | None) -> str:
    """What moderators are told after a change (only they see it: the address is a key)."""
    indexing = (
        "Search engines may list the pages."
        if access.indexable
        else "Search engines are asked not to list them (noindex)."
    )
    if not access.enabled:
        return (
            "The web page is **off**: its address answers “not found”. "
            "Turning it on again brings back the same address (use `new address` for another)."
        )
    if public_url is None:
        where = (
            "The bot's operator has not started the web server (WEB_PORT, PUBLIC_URL), "
            "so there is no address to share yet; it appears here once they do."
        )
    else:
        where = f"Address: <{public_url.rstrip('/')}/s/{access.token}/>"
    return (
        f"The web page is **on**. {where}\nAnyone with the address can read it: it shows "
        "what readers see in Discord (published stories, anonymous authors left out). "
        f"{indexing}"
    )


class WebPageCommands(_MixinBase):
    """Subcommands mixed into the /storymod group cog."""

    bot: ExperienceBot

    @app_commands.command(
        name="web", description="The server's read-only web page: on, off, new address"
    )
    @moderator_only()
    @app_commands.describe(
        action="Turn the page on or off, or replace its address",
        search_engines="Let search engines list the pages (default: they are asked not to)",
    )
    @app_commands.choices(action=_CHOICES)
    async def web(
        self,
        interaction: Interaction,
        action: app_commands.Choice[str],
        search_engines: bool | None = None,
    ) -> None:
        assert interaction.guild_id is not None, "moderator_only refuses DMs"
        access = await self.bot.web_access.change(
            interaction.guild_id, interaction.user.id, WebChange(action.value), search_engines
        )
        await interaction.response.send_message(
            web_status(access, self.bot.public_url), ephemeral=True
        )
