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
from bot.domain.periods import Period, PeriodSpan
from bot.domain.stories import BrandStats, Story
from bot.domain.submission import StoryKind, stars
from bot.errors import UserFacingError
from bot.single_flight import SingleFlight
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


PERIOD_CHOICES = [
    app_commands.Choice(name="this week", value=Period.WEEK.value),
    app_commands.Choice(name="this month", value=Period.MONTH.value),
    app_commands.Choice(name="this quarter", value=Period.QUARTER.value),
    app_commands.Choice(name="all time", value=Period.ALL_TIME.value),
]


def period_prior_label(span: PeriodSpan) -> str:
    """Where a period's server mean comes from, as the card says it."""
    if span.period is Period.WEEK:
        return "the server's 12-week average"
    if span.period is Period.ALL_TIME:
        return "the server's all-time average"
    return f"the server's average for {span.title}"


def brand_card_embed(
    stats: BrandStats, prior_weight: float, span: PeriodSpan | None = None
) -> discord.Embed:
    """One embed: the figures, the brand's other names and its latest published stories.

    With `span`, the figures cover only the stories published in that period.
    """
    label = "the server's 12-week average" if span is None else period_prior_label(span)
    summary = summarise(stats, prior_weight, label)
    brand = stats.brand
    title = "🏷️ " + brand.name
    embed = discord.Embed(title=_shown(title, TITLE_MAX), colour=discord.Colour.blurple())
    if span is not None:
        embed.set_author(name=span.title)
    if summary.story_count == 0:
        embed.description = NO_STORIES if span is None else f"No stories published in {span.title}."
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
        self._cards: SingleFlight[tuple[int, str, Period | None], discord.Embed] = SingleFlight()

    @app_commands.command(name="brand", description="See a brand's card: ratings, NPS, stories")
    @app_commands.describe(
        name="The brand (start typing to pick one)",
        period="Only stories published this week, month or quarter (default: all of them)",
    )
    @app_commands.choices(period=PERIOD_CHOICES)
    @app_commands.guild_only()
    async def brand(
        self,
        interaction: Interaction,
        name: app_commands.Range[str, 1, AUTOCOMPLETE_NAME_MAX],
        period: app_commands.Choice[str] | None = None,
    ) -> None:
        assert interaction.guild_id is not None  # guild_only
        guild_id, chosen = interaction.guild_id, None if period is None else Period(period.value)
        # Members asking for the same card at the same moment share one computation (a
        # burst on a busy brand); the embed is only read afterwards, never changed.
        embed = await deferring_when_slow(
            interaction,
            self._cards.run((guild_id, name, chosen), lambda: self._card(guild_id, name, chosen)),
        )
        await send_private(interaction, embed=embed)

    async def _card(self, guild_id: int, typed: str, period: Period | None) -> discord.Embed:
        settings = await self.bot.storage.guild_settings.get(guild_id)
        span = None if period is None else self.bot.period_boards.span(settings, period)
        stats = await self._stats(guild_id, typed, span)
        if span is not None:
            # The same C as the period's leaderboard, so the card's score matches it.
            prior = await self.bot.period_boards.prior_mean(settings, span)
            stats = stats.model_copy(update={"server_mean_rating": prior})
        return brand_card_embed(stats, settings.prior_weight, span)

    async def _stats(self, guild_id: int, typed: str, span: PeriodSpan | None = None) -> BrandStats:
        key = brand_key(typed)
        if not key:
            raise UserFacingError("Type a brand name with at least one letter or digit.")
        found = await self.bot.storage.brands.find(guild_id, key)
        stats = None
        if found is not None:
            window = None if span is None else (span.window.start, span.window.end)
            stats = await self.bot.storage.brands.stats(
                found.id, self.bot.clock(), published=window
            )
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
