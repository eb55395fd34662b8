"""/brand <name>: a brand's card, for anyone in the server.

The answer is ephemeral: looking a brand up is a private question, and a public card
per lookup would bury the stories channel conversation. Figures come from
``bot.domain.brand_card``; this module only lays them out within Discord's limits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands

from bot.domain.brand_card import count_text, summarise
from bot.domain.brands import (
    AUTOCOMPLETE_NAME_MAX,
    BrandMatch,
    brand_key,
    similar_brands,
)
from bot.domain.markdown import escape_markdown, link_label, truncate
from bot.domain.stories import BrandStats, Story
from bot.domain.submission import StoryKind, stars
from bot.errors import UserFacingError
from cogs.brand_choices import brand_choices
from cogs.deferring import deferring_when_slow, send_private

if TYPE_CHECKING:
    from bot.client import ExperienceBot

Interaction = discord.Interaction["ExperienceBot"]

TITLE_MAX = 256
FIELD_MAX = 1024
NAME_IN_TEXT_MAX = 120  # a typed or suggested name inside a sentence
HEADLINE_LABEL_MAX = 200  # three lines of label + link + stars + date fit in one field
NO_STORIES = "No published stories yet."
KIND_EMOJI = {StoryKind.GREAT: "🌟", StoryKind.DISASTER: "💥"}


def _shown(text: str, limit: int) -> str:
    """Member text as Discord should show it: escaped first, then shortened."""
    return truncate(escape_markdown(text), limit)


def story_link(story: Story) -> str | None:
    """The story's post in the stories channel, if it has one."""
    if story.channel_id is None or story.message_id is None:
        return None
    return f"https://discord.com/channels/{story.guild_id}/{story.channel_id}/{story.message_id}"


def recent_line(story: Story) -> str:
    """``🌟 [headline](post) · ★★★★☆ · <date>``; never the author, anonymous or not."""
    label = link_label(story.headline, HEADLINE_LABEL_MAX)
    url = story_link(story)
    headline = f"[{label}]({url})" if url else label
    date = f"<t:{int(story.created_at.timestamp())}:d>"
    return f"{KIND_EMOJI[story.kind]} {headline} · {stars(story.rating)} · {date}"


def _join_within(lines: list[str], limit: int) -> str:
    """Whole lines only: cutting a line could cut a link in half."""
    kept: list[str] = []
    size = 0
    for line in lines:
        extra = len(line) + (1 if kept else 0)
        if size + extra > limit:
            break
        kept.append(line)
        size += extra
    return "\n".join(kept)


def brand_card_embed(stats: BrandStats, prior_weight: float) -> discord.Embed:
    """One embed: the figures, the brand's other names and its latest published stories."""
    summary = summarise(stats, prior_weight)
    brand = stats.brand
    embed = discord.Embed(
        title=_shown("🏷️ " + brand.name, TITLE_MAX), colour=discord.Colour.blurple()
    )
    if summary.story_count == 0:
        embed.description = NO_STORIES
    else:
        embed.description = (
            f"**{count_text(summary.story_count, 'published story', 'published stories')}**"
        )
        if summary.rating:
            embed.add_field(name="Average rating", value=summary.rating)
        if summary.score:
            embed.add_field(name="Bayesian score", value=summary.score, inline=False)
        embed.add_field(name="Net Promoter Score", value=summary.nps)
        if summary.split:
            embed.add_field(name="Great / disaster", value=summary.split, inline=False)
        if summary.strongest:
            embed.add_field(name="Strongest touchpoint", value=summary.strongest.describe())
        if summary.weakest:
            embed.add_field(name="Weakest touchpoint", value=summary.weakest.describe())
    if brand.industry is not None:
        embed.add_field(name="Industry", value=brand.industry.label)
    if stats.aliases:
        aliases = ", ".join(escape_markdown(alias) for alias in stats.aliases)
        embed.add_field(name="Also known as", value=truncate(aliases, FIELD_MAX), inline=False)
    if stats.recent:
        recent = _join_within([recent_line(s) for s in stats.recent], FIELD_MAX)
        embed.add_field(name="Recent stories", value=recent, inline=False)
    embed.set_footer(text="Only published stories count. Tell yours with /story.")
    return embed


def unknown_brand_message(typed: str, suggestions: list[BrandMatch]) -> str:
    """What to say when no brand of the server answers to ``typed``."""
    message = f"I don't know a brand called “{_shown(typed, NAME_IN_TEXT_MAX)}” in this server."
    if suggestions:
        names = ", ".join(
            f"**{_shown(m.name, NAME_IN_TEXT_MAX)}** "
            f"({count_text(m.story_count, 'story', 'stories')})"
            for m in suggestions
        )
        return f"{message} Did you mean {names}?"
    return f"{message} Pick a brand from the list as you type, or tell the first story with /story."


class Brands(commands.Cog):
    def __init__(self, bot: ExperienceBot) -> None:
        self.bot = bot

    @app_commands.command(name="brand", description="See a brand's card: ratings, NPS, stories")
    @app_commands.describe(name="The brand (start typing to pick one)")
    @app_commands.guild_only()
    async def brand(
        self,
        interaction: Interaction,
        name: app_commands.Range[str, 1, AUTOCOMPLETE_NAME_MAX],
    ) -> None:
        assert interaction.guild_id is not None  # guild_only
        embed = await deferring_when_slow(interaction, self._card(interaction.guild_id, name))
        await send_private(interaction, embed=embed)

    async def _card(self, guild_id: int, typed: str) -> discord.Embed:
        stats = await self._stats(guild_id, typed)
        settings = await self.bot.storage.guild_settings.get(guild_id)
        return brand_card_embed(stats, settings.prior_weight)

    async def _stats(self, guild_id: int, typed: str) -> BrandStats:
        key = brand_key(typed)
        if not key:
            raise UserFacingError("Type a brand name with at least one letter or digit.")
        found = await self.bot.storage.brands.find(guild_id, key)
        stats = None
        if found is not None:
            stats = await self.bot.storage.brands.stats(found.id, self.bot.clock())
        if stats is None:
            candidates = [
                c for c in await self.bot.storage.brands.candidates(guild_id) if c.story_count
            ]
            raise UserFacingError(
                unknown_brand_message(typed, similar_brands(typed, candidates, limit=3))
            )
        return stats

    @brand.autocomplete("name")
    async def name_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Existing brands only (names and aliases): there is no card for a new brand."""
        return await brand_choices(interaction, current, offer_new=False)


async def setup(bot: ExperienceBot) -> None:
    await bot.add_cog(Brands(bot))
