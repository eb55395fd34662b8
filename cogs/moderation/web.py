"""/storymod web: a server's opt-in web pages (on, off, a new address).

A mixin of /storymod subcommands (see cogs/moderation/cog.py); the rules live in
``bot.services.web_access``, the pages in ``bot.web``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.domain.web_access import WebAccess
from bot.i18n import Lang, member_lang, tr
from bot.services.web_access import WebChange
from cogs.moderation.checks import moderator_only

if TYPE_CHECKING:
    from discord.ext.commands import Cog as _MixinBase

    from bot.client import ExperienceBot

    Interaction = discord.Interaction[ExperienceBot]
else:
    _MixinBase = object

# Choice names: English here (Discord's default), French in commands.ftl by their `key`.
_CHOICES = [
    app_commands.Choice(
        name=app_commands.locale_str("on: publish the read-only pages", key="choice-web-on"),
        value=WebChange.ON.value,
    ),
    app_commands.Choice(
        name=app_commands.locale_str("off: the address stops working", key="choice-web-off"),
        value=WebChange.OFF.value,
    ),
    app_commands.Choice(
        name=app_commands.locale_str(
            "new address: the old one stops working at once", key="choice-web-new"
        ),
        value=WebChange.NEW_ADDRESS.value,
    ),
]


def web_status(lang: Lang, access: WebAccess, public_url: str | None) -> str:
    """What moderators are told after a change (only they see it: the address is a key)."""
    if not access.enabled:
        return tr(lang, "web-off")
    indexing = tr(lang, "web-indexed" if access.indexable else "web-not-indexed")
    if public_url is None:
        where = tr(lang, "web-no-server")
    else:
        where = tr(lang, "web-address", address=f"<{public_url.rstrip('/')}/s/{access.token}/>")
    return tr(lang, "web-on", where=where, indexing=indexing)


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
            web_status(member_lang(interaction), access, self.bot.public_url), ephemeral=True
        )
