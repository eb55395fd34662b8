"""Saving /storymod setup's changes, and the panel's quick fixes (a channel select, the
time zone form, Check again), in the moderator's language.

What the panel checks is in `setup_checks.py`, how it reads in `setup_panel.py`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import discord

from bot.domain.moderators import SettingsUpdate
from bot.errors import UserFacingError
from bot.i18n import Lang, member_lang, tr
from cogs.moderation.checks import ModeratorModal, ModeratorView
from cogs.moderation.setup_checks import posting_problems
from cogs.moderation.setup_panel import setup_embed

if TYPE_CHECKING:
    from bot.client import ExperienceBot

    Interaction = discord.Interaction[ExperienceBot]

log = logging.getLogger(__name__)

PANEL_TIMEOUT = 10 * 60  # the interaction token lives 15 minutes: tidy up before that


async def save_settings(interaction: Interaction, changes: Mapping[str, Any]) -> SettingsUpdate:
    """Validate, store and audit a moderator's changes (all or nothing). A refusal
    (`SettingsRefused`, `ScheduleError`: facts) goes up to the bot's one error path,
    which words it in the moderator's language."""
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


def check_moderator_role(lang: Lang, role: discord.Role) -> None:
    """A role nobody can be given, or everybody has, would make no sense as moderators."""
    if role.is_default():
        raise UserFacingError(tr(lang, "setup-refused-role-everyone"))
    if role.managed:
        raise UserFacingError(tr(lang, "setup-refused-role-managed"))


class SetupView(ModeratorView):
    """Quick fixes under the panel; each one re-checks that the user still moderates."""

    def __init__(self, original: Interaction) -> None:
        super().__init__(timeout=PANEL_TIMEOUT)
        self.original = original
        self.lang = member_lang(original)
        self.stories_channel.placeholder = tr(self.lang, "setup-pick-stories-channel")
        self.timezone.label = tr(self.lang, "setup-time-zone-button")
        self.check_again.label = tr(self.lang, "setup-check-again")

    async def refresh(self, interaction: Interaction, update: SettingsUpdate | None) -> None:
        assert interaction.guild is not None
        settings = (
            update.after
            if update is not None
            else await interaction.client.storage.guild_settings.get(interaction.guild.id)
        )
        embed = setup_embed(
            member_lang(interaction),
            interaction.guild,
            settings,
            update,
            extra_problems=await posting_problems(interaction.client, interaction.guild.id),
        )
        await interaction.response.edit_message(embed=embed, view=self)

    @discord.ui.select(
        cls=discord.ui.ChannelSelect,
        channel_types=[discord.ChannelType.text, discord.ChannelType.news],
    )
    async def stories_channel(
        self, interaction: Interaction, select: discord.ui.ChannelSelect[SetupView]
    ) -> None:
        update = await save_settings(interaction, {"stories_channel_id": select.values[0].id})
        await self.refresh(interaction, update)

    @discord.ui.button(style=discord.ButtonStyle.secondary)
    async def timezone(
        self, interaction: Interaction, button: discord.ui.Button[SetupView]
    ) -> None:
        assert interaction.guild_id is not None
        current = await interaction.client.storage.guild_settings.get(interaction.guild_id)
        form = TimezoneModal(self, current.timezone, member_lang(interaction))
        await interaction.response.send_modal(form)

    @discord.ui.button(style=discord.ButtonStyle.primary)
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


class TimezoneModal(ModeratorModal):
    """Typing a zone is quicker here than in the slash command for a panel already open."""

    def __init__(self, panel: SetupView, current: str, lang: Lang) -> None:
        super().__init__(title=tr(lang, "setup-zone-title"), timeout=PANEL_TIMEOUT)
        self.panel = panel
        self.zone = discord.ui.TextInput[TimezoneModal](
            label=tr(lang, "setup-zone-label"),
            placeholder="America/Toronto",  # not for people
            default=current,
            min_length=1,
            max_length=64,
        )
        self.add_item(self.zone)

    async def on_submit(self, interaction: Interaction, /) -> None:  # type: ignore[override]
        update = await save_settings(interaction, {"timezone": self.zone.value})
        await self.panel.refresh(interaction, update)
