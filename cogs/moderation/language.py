"""/storymod language: the language of this server's public posts.

A mixin of /storymod subcommands (see cogs/moderation/cog.py). Public posts (story
posts, the weekly digest, notes in the moderators' channel) follow this setting;
private answers always follow each member's own Discord language. Until moderators
choose, the server's preferred locale on Discord decides (French if French, else
English). `/storymod setup` will show and take this setting too once the setup panel is
converted; for now it lives here, so that setup's module is not reworked twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.i18n import member_lang, server_lang, tr
from cogs.moderation.checks import moderator_only

if TYPE_CHECKING:
    from discord.ext.commands import Cog as _MixinBase

    from bot.client import ExperienceBot

    Interaction = discord.Interaction[ExperienceBot]
else:
    _MixinBase = object

FOLLOW_DISCORD = "discord"
# Each language is named in itself, as language pickers do.
_CHOICES = [
    app_commands.Choice(name="English", value="en"),
    app_commands.Choice(name="Français", value="fr"),
    app_commands.Choice(name="Discord's server language · langue du serveur", value=FOLLOW_DISCORD),
]


class LanguageCommands(_MixinBase):
    """Subcommands mixed into the /storymod group cog."""

    bot: ExperienceBot

    @app_commands.command(name="language", description="The language of this server's public posts")
    @moderator_only()
    @app_commands.describe(language="English, French, or whatever Discord says the server speaks")
    @app_commands.choices(language=_CHOICES)
    async def language(self, interaction: Interaction, language: app_commands.Choice[str]) -> None:
        assert interaction.guild_id is not None, "moderator_only refuses DMs"
        chosen = None if language.value == FOLLOW_DISCORD else language.value
        update = await self.bot.storage.guild_settings.update(
            interaction.guild_id,
            {"language": chosen},
            moderator_id=interaction.user.id,
            now=self.bot.clock(),
        )
        lang = member_lang(interaction)
        posts = server_lang(interaction.guild, update.after.language)
        key = "language-set" if chosen is not None else "language-follows-discord"
        await interaction.response.send_message(
            tr(lang, key, language=tr(lang, f"language-name-{posts}")), ephemeral=True
        )
