"""How `/leaderboard period:` looks for a month, a quarter or all time: one embed.

Plainer than the weekly digest (no movement, no chart): a long period has no "last
period" readers compare with, and the point is the two lists.
"""

from __future__ import annotations

import discord

from bot.domain.brand_card import count_text
from bot.domain.markdown import escape_markdown, truncate
from bot.domain.ranking import RankedBrand
from bot.services.period_boards import PeriodBoard

NAME_DISPLAY = 40


def _row(row: RankedBrand) -> str:
    return (
        f"`{row.rank}.` **{escape_markdown(truncate(row.name, NAME_DISPLAY))}** — "
        f"{row.score:.2f} · {count_text(row.count, 'story', 'stories')} "
        f"({row.great_count} 🌟 / {row.disaster_count} 💥)"
    )


def period_embed(result: PeriodBoard) -> discord.Embed:
    """Best and worst lists of a period; the prior C and minimum stories in the footer."""
    board, span = result.board, result.span
    embed = discord.Embed(
        title=f"🏆 Leaderboard · {span.title}",
        colour=discord.Colour.gold(),
        description=(
            f"{count_text(board.total_stories, 'published story', 'published stories')} · "
            f"{board.great_stories} 🌟 / {board.disaster_stories} 💥"
        ),
    )
    if board.is_empty:
        embed.add_field(
            name="Not enough stories yet",
            value=f"A brand needs {count_text(board.min_stories, 'story', 'stories')} "
            "in the period to be ranked.",
            inline=False,
        )
    else:
        # Each row is at most ~120 characters and a list at most 10 rows: within 1,024.
        embed.add_field(name="🌟 Best", value="\n".join(map(_row, board.best)) or "—", inline=False)
        embed.add_field(
            name="💥 Worst", value="\n".join(map(_row, board.worst)) or "—", inline=False
        )
    embed.set_footer(
        text=f"Bayesian score against the period's average {board.prior_mean:.2f} "
        f"(weight {board.prior_weight:g}); at least {board.min_stories} stories to rank."
    )
    return embed
