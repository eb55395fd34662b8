"""The Relatable and Report buttons under every story post.

They are dynamic items: the story id lives in the custom id, so the buttons keep
working after a restart without any view being stored. The buttons are part of the
public post (the server's language); the report form and its thanks are the reader's
own (their language). Catalog `story.ftl`.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord

from bot.domain.reports import REPORT_REASON_MAX, REPORT_REASON_MIN, clean_report_reason
from bot.i18n import DEFAULT_LANG, Lang, member_lang, server_lang, tr
from bot.interaction_errors import ErrorReportingModal, reports_errors

if TYPE_CHECKING:
    from bot.client import ExperienceBot

log = logging.getLogger(__name__)


def relatable_label(lang: Lang, count: int) -> str:
    if not count:
        return tr(lang, "post-relatable")
    return tr(lang, "post-relatable-count", count=count)


class RelatableButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"story:relatable:(?P<story_id>\d+)"
):
    def __init__(self, story_id: int, count: int = 0, lang: Lang = DEFAULT_LANG) -> None:
        # Built without a language only to route a click (`from_custom_id`): never shown.
        super().__init__(
            discord.ui.Button(
                label=relatable_label(lang, count),
                emoji="🤝",
                style=discord.ButtonStyle.secondary,
                custom_id=f"story:relatable:{story_id}",
            )
        )
        self.story_id = story_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> RelatableButton:
        return cls(int(match["story_id"]))

    @reports_errors
    async def callback(self, interaction: discord.Interaction[ExperienceBot]) -> None:
        bot = interaction.client
        vote = await bot.stories.toggle_relatable(self.story_id, interaction.user.id)
        settings = await bot.storage.guild_settings.get(interaction.guild_id or 0)
        lang = server_lang(interaction.guild, settings.language)
        await interaction.response.edit_message(
            view=story_post_view(self.story_id, vote.count, lang)
        )
        if vote.edit is not None:
            # This answer edited the post already: the outbox's edit (its safety net) is
            # not needed, unless something changed meanwhile.
            await bot.storage.deliveries.drop_if_unchanged(*vote.edit)


class ReportButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"story:report:(?P<story_id>\d+)"
):
    def __init__(self, story_id: int, lang: Lang = DEFAULT_LANG) -> None:
        # Built without a language only to route a click (`from_custom_id`): never shown.
        super().__init__(
            discord.ui.Button(
                label=tr(lang, "post-report"),
                emoji="🚩",
                style=discord.ButtonStyle.secondary,
                custom_id=f"story:report:{story_id}",
            )
        )
        self.story_id = story_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ReportButton:
        return cls(int(match["story_id"]))

    @reports_errors
    async def callback(self, interaction: discord.Interaction[ExperienceBot]) -> None:
        await interaction.client.stories.ensure_can_report(self.story_id, interaction.user.id)
        await interaction.response.send_modal(ReportForm(self.story_id, member_lang(interaction)))


class ReportForm(ErrorReportingModal):
    """The reader's reason for a report, in the reader's language."""

    def __init__(self, story_id: int, lang: Lang) -> None:
        super().__init__(title=tr(lang, "report-title"), timeout=15 * 60)
        self.story_id = story_id
        self.lang = lang
        self.reason = discord.ui.TextInput[Any](
            style=discord.TextStyle.paragraph,
            min_length=REPORT_REASON_MIN,
            max_length=REPORT_REASON_MAX,
            placeholder=tr(lang, "report-placeholder"),
        )
        self.add_item(discord.ui.Label(text=tr(lang, "report-reason"), component=self.reason))

    async def on_submit(self, interaction: discord.Interaction[Any], /) -> None:
        bot: ExperienceBot = interaction.client
        reason = clean_report_reason(self.reason.value)
        outcome = await bot.stories.report(self.story_id, interaction.user.id, reason)
        try:
            await interaction.response.send_message(tr(self.lang, "report-thanks"), ephemeral=True)
        finally:
            # The report is stored: moderators hear of it even if the thanks failed.
            await bot.publisher.after_report(outcome)


def story_post_view(story_id: int, relatable_count: int, lang: Lang) -> discord.ui.View:
    """The buttons under a post, in the server's language."""
    view = discord.ui.View(timeout=None)
    view.add_item(RelatableButton(story_id, relatable_count, lang))
    view.add_item(ReportButton(story_id, lang))
    return view


PERSISTENT_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (RelatableButton, ReportButton)
