"""The Relatable and Report buttons under every story post.

They are dynamic items: the story id lives in the custom id, so the buttons keep
working after a restart without any view being stored.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

import discord

from bot.domain.reports import REPORT_REASON_MAX, REPORT_REASON_MIN, clean_report_reason
from bot.interaction_errors import ErrorReportingModal, reports_errors

if TYPE_CHECKING:
    from bot.client import ExperienceBot

log = logging.getLogger(__name__)


def relatable_label(count: int) -> str:
    return f"Relatable ({count})" if count else "Relatable"


class RelatableButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"story:relatable:(?P<story_id>\d+)"
):
    def __init__(self, story_id: int, count: int = 0) -> None:
        super().__init__(
            discord.ui.Button(
                label=relatable_label(count),
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
        await interaction.response.edit_message(view=story_post_view(self.story_id, vote.count))
        if vote.edit is not None:
            # This answer edited the post already: the outbox's edit (its safety net) is
            # not needed, unless something changed meanwhile.
            await bot.storage.deliveries.drop_if_unchanged(*vote.edit)


class ReportButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]], template=r"story:report:(?P<story_id>\d+)"
):
    def __init__(self, story_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label="Report",
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
        await interaction.response.send_modal(ReportForm(self.story_id))


class ReportForm(ErrorReportingModal, title="Report this story"):
    def __init__(self, story_id: int) -> None:
        super().__init__(timeout=15 * 60)
        self.story_id = story_id
        self.reason = discord.ui.TextInput[Any](
            style=discord.TextStyle.paragraph,
            min_length=REPORT_REASON_MIN,
            max_length=REPORT_REASON_MAX,
            placeholder="What is wrong with it? Moderators will read this.",
        )
        self.add_item(discord.ui.Label(text="Reason", component=self.reason))

    async def on_submit(self, interaction: discord.Interaction[Any], /) -> None:
        bot: ExperienceBot = interaction.client
        reason = clean_report_reason(self.reason.value)
        outcome = await bot.stories.report(self.story_id, interaction.user.id, reason)
        try:
            await interaction.response.send_message(
                "Thank you. The moderators will review this story.", ephemeral=True
            )
        finally:
            # The report is stored: moderators hear of it even if the thanks failed.
            await bot.publisher.after_report(outcome)


def story_post_view(story_id: int, relatable_count: int) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(RelatableButton(story_id, relatable_count))
    view.add_item(ReportButton(story_id))
    return view


PERSISTENT_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (RelatableButton, ReportButton)
