"""How `/leaderboard period:` looks for a month, a quarter or all time: one embed.

Plainer than the weekly digest (no movement, no chart): a long period has no "last
period" readers compare with, and the point is the two lists.
"""

from __future__ import annotations

import discord

from bot.domain.markdown import escape_markdown, truncate
from bot.domain.ranking import RankedBrand
from bot.i18n import Lang, tr
from bot.i18n.figures import period_title
from bot.i18n.formats import decimal, plain_number
from bot.services.period_boards import PeriodBoard

NAME_DISPLAY = 40


def _row(lang: Lang, row: RankedBrand) -> str:
    return tr(
        lang,
        "board-row",
        rank=row.rank,
        name=f"**{escape_markdown(truncate(row.name, NAME_DISPLAY))}**",
        score=decimal(lang, row.score),
        count=row.count,
        great=row.great_count,
        disaster=row.disaster_count,
    )


def period_embed(lang: Lang, result: PeriodBoard) -> discord.Embed:
    """Best and worst lists of a period; the prior C and minimum stories in the footer."""
    board, span = result.board, result.span
    embed = discord.Embed(
        title=tr(lang, "board-title", period=period_title(lang, span)),
        colour=discord.Colour.gold(),
        description=tr(
            lang,
            "board-totals",
            total=board.total_stories,
            great=board.great_stories,
            disaster=board.disaster_stories,
        ),
    )
    if board.is_empty:
        embed.add_field(
            name=tr(lang, "board-too-few"),
            value=tr(lang, "board-too-few-why", count=board.min_stories),
            inline=False,
        )
    else:
        # Each row is at most ~120 characters and a list at most 10 rows: within 1,024.
        best = "\n".join(_row(lang, row) for row in board.best) or "—"
        worst = "\n".join(_row(lang, row) for row in board.worst) or "—"
        embed.add_field(name=tr(lang, "board-best"), value=best, inline=False)
        embed.add_field(name=tr(lang, "board-worst"), value=worst, inline=False)
    embed.set_footer(
        text=tr(
            lang,
            "board-footer",
            mean=decimal(lang, board.prior_mean),
            weight=plain_number(lang, board.prior_weight),
            count=board.min_stories,
        )
    )
    return embed
