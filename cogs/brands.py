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

from bot.domain.brand_card import summarise
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
from bot.i18n import Lang, member_lang, tr
from bot.i18n.figures import (
    nps_text,
    period_title,
    rating_text,
    score_text,
    split_text,
    touchpoint_text,
)
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


# Choice names: English here (Discord's default), French in commands.ftl by their `key`.
PERIOD_CHOICES = [
    app_commands.Choice(
        name=app_commands.locale_str("this week", key="choice-period-week"), value="week"
    ),
    app_commands.Choice(
        name=app_commands.locale_str("this month", key="choice-period-month"), value="month"
    ),
    app_commands.Choice(
        name=app_commands.locale_str("this quarter", key="choice-period-quarter"),
        value="quarter",
    ),
    app_commands.Choice(
        name=app_commands.locale_str("all time", key="choice-period-all"), value="all"
    ),
]


def brand_card_embed(
    lang: Lang, stats: BrandStats, prior_weight: float, span: PeriodSpan | None = None
) -> discord.Embed:
    """One embed: the figures, the brand's other names and its latest published stories.

    With `span`, the figures cover only the stories published in that period.
    """
    summary = summarise(stats, prior_weight)
    brand = stats.brand
    embed = discord.Embed(
        title=_shown("🏷️ " + brand.name, TITLE_MAX), colour=discord.Colour.blurple()
    )
    if span is not None:
        embed.set_author(name=period_title(lang, span))
    if summary.story_count == 0:
        embed.description = (
            tr(lang, "card-no-stories")
            if span is None
            else tr(lang, "card-no-stories-in", period=period_title(lang, span))
        )
    else:
        embed.description = f"**{tr(lang, 'card-published', count=summary.story_count)}**"
        fields = (
            ("card-field-rating", rating_text(lang, summary), True),
            ("card-field-score", score_text(lang, summary, span), False),
            ("card-field-nps", nps_text(lang, summary), True),
            ("card-field-split", split_text(lang, summary), False),
            (
                "card-field-strongest",
                summary.strongest and touchpoint_text(lang, summary.strongest),
                True,
            ),
            (
                "card-field-weakest",
                summary.weakest and touchpoint_text(lang, summary.weakest),
                True,
            ),
        )
        for key, value, inline in fields:
            if value:
                embed.add_field(name=tr(lang, key), value=value, inline=inline)
    if brand.industry is not None:
        embed.add_field(
            name=tr(lang, "card-field-industry"), value=tr(lang, f"industry-{brand.industry.value}")
        )
    if stats.aliases:
        aliases = ", ".join(escape_markdown(alias) for alias in stats.aliases)
        embed.add_field(
            name=tr(lang, "card-field-aliases"), value=truncate(aliases, FIELD_MAX), inline=False
        )
    if stats.recent:
        recent = _join_within([recent_line(s) for s in stats.recent], FIELD_MAX)
        embed.add_field(name=tr(lang, "card-field-recent"), value=recent, inline=False)
    embed.set_footer(text=tr(lang, "card-footer"))
    return embed


def unknown_brand_message(lang: Lang, typed: str, suggestions: list[BrandMatch]) -> str:
    """What to say when no brand of the server answers to ``typed``."""
    unknown = tr(lang, "card-unknown", name=_shown(typed, NAME_IN_TEXT_MAX))
    if suggestions:
        names = ", ".join(
            tr(
                lang,
                "card-suggestion",
                name=f"**{_shown(m.name, NAME_IN_TEXT_MAX)}**",
                count=m.story_count,
            )
            for m in suggestions
        )
        return tr(lang, "card-did-you-mean", unknown=unknown, names=names)
    return tr(lang, "card-pick-from-list", unknown=unknown)


class Brands(commands.Cog):
    def __init__(self, bot: ExperienceBot) -> None:
        self.bot = bot
        self._cards: SingleFlight[tuple[int, str, Period | None, Lang], discord.Embed] = (
            SingleFlight()
        )

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
        lang = member_lang(interaction)
        # Members asking for the same card at the same moment share one computation (a
        # burst on a busy brand); the embed is only read afterwards, never changed.
        embed = await deferring_when_slow(
            interaction,
            self._cards.run(
                (guild_id, name, chosen, lang), lambda: self._card(lang, guild_id, name, chosen)
            ),
        )
        await send_private(interaction, embed=embed)

    async def _card(
        self, lang: Lang, guild_id: int, typed: str, period: Period | None
    ) -> discord.Embed:
        settings = await self.bot.storage.guild_settings.get(guild_id)
        span = None if period is None else self.bot.period_boards.span(settings, period)
        stats = await self._stats(lang, guild_id, typed, span)
        if span is not None:
            # The same C as the period's leaderboard, so the card's score matches it.
            prior = await self.bot.period_boards.prior_mean(settings, span)
            stats = stats.model_copy(update={"server_mean_rating": prior})
        return brand_card_embed(lang, stats, settings.prior_weight, span)

    async def _stats(
        self, lang: Lang, guild_id: int, typed: str, span: PeriodSpan | None = None
    ) -> BrandStats:
        key = brand_key(typed)
        if not key:
            raise UserFacingError(tr(lang, "card-no-letters"))
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
                unknown_brand_message(lang, typed, similar_brands(typed, candidates, limit=3))
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
