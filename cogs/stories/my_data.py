"""A member's own data in every server: /story export and /story forget-me."""

from __future__ import annotations

import io
from typing import Any

import discord

from bot.i18n import count, member_lang, tr
from cogs.stories.member_views import (
    ConfirmView,
    Interaction,
    in_words,
    service_for,
)

# --- /story export ----------------------------------------------------------------------


async def export_data(interaction: Interaction) -> None:
    await interaction.response.defer(ephemeral=True, thinking=True)
    lang = member_lang(interaction)
    with in_words(lang):
        export = await service_for(interaction).export(
            interaction.user.id, interaction.filesize_limit, about=tr(lang, "my-data-about")
        )
    counts = export.counts
    await interaction.followup.send(
        tr(
            lang,
            "export-done",
            stories=count(lang, "n-stories", counts["stories"]),
            votes=count(lang, "n-relatable-votes", counts["votes"]),
            reports=count(lang, "n-reports", counts["reports"]),
        ),
        file=discord.File(io.BytesIO(export.data), filename=export.filename),
        ephemeral=True,
    )


# --- /story forget-me -------------------------------------------------------------------


class ForgetMeView(ConfirmView):
    def __init__(self, origin: Interaction) -> None:
        super().__init__(origin)
        self.confirm.label = tr(self.lang, "forget-button")
        self.cancel.label = tr(self.lang, "forget-cancel-button")

    @discord.ui.button(label="🗑️", style=discord.ButtonStyle.danger)
    async def confirm(self, interaction: Interaction, button: discord.ui.Button[Any]) -> None:
        self.claim()
        await interaction.response.defer()
        service = service_for(interaction)
        posted = await service.stories_everywhere(self.owner_id)
        # Taking the posts down is promised in the same transaction as the erasure;
        # the answer waits a moment for them to be gone.
        counts = await service.forget(self.owner_id)
        for story in posted:
            await interaction.client.publisher.remove(story)
        lang = self.lang
        done = tr(
            lang,
            "forget-done",
            stories=count(lang, "n-stories", counts["stories"]),
            votes=count(lang, "n-relatable-votes", counts["votes"]),
            reports=count(lang, "n-reports", counts["reports"]),
        )
        await interaction.edit_original_response(content=done, view=None)

    @discord.ui.button(label="↩️", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: Interaction, button: discord.ui.Button[Any]) -> None:
        self.claim()
        await interaction.response.edit_message(
            content=tr(self.lang, "forget-cancelled"), view=None
        )


async def forget_me(interaction: Interaction) -> None:
    lang = member_lang(interaction)
    counts = await service_for(interaction).summary(interaction.user.id)
    if not any(counts.values()):
        await interaction.response.send_message(tr(lang, "forget-nothing"), ephemeral=True)
        return
    lines = [
        tr(lang, "forget-intro"),
        tr(lang, "forget-line-stories", stories=count(lang, "n-stories", counts["stories"])),
        tr(lang, "forget-line-votes", votes=count(lang, "n-relatable-votes", counts["votes"])),
        tr(lang, "forget-line-reports", reports=count(lang, "n-reports", counts["reports"])),
    ]
    if counts["notices"]:
        notices = count(lang, "n-unread-notices", counts["notices"])
        lines.append(tr(lang, "forget-line-notices", notices=notices))
    lines.append(tr(lang, "forget-outro"))
    await interaction.response.send_message(
        "\n".join(lines),
        view=ForgetMeView(interaction),
        ephemeral=True,
    )
