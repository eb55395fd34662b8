"""How the weekly digest looks: one embed and a chart, within Discord's limits whatever
the brand names and counts (names are shortened for display only)."""

from __future__ import annotations

import io

import discord

from bot.domain.markdown import escape_markdown, link_label, truncate
from bot.domain.ranking import RankedBrand
from bot.domain.stories import Story
from bot.services.digest import WeekDigest
from cogs.digest.chart import render_chart

NAME_DISPLAY = 25
HEADLINE_DISPLAY = 60
FIELD_MAX = 1024
EMBED_BUDGET = 5800  # Discord allows 6000 characters across an embed; keep a margin
MIN_FIELD = 100  # less room than this: leave the remaining sections out
CHART_NAME = "digest.png"


def marker(week: str) -> str:
    """Footer text that identifies a posted digest (used to recover after a crash)."""
    return f"Experience It weekly digest · week {week}"


def _name(name: str) -> str:
    return escape_markdown(truncate(name, NAME_DISPLAY))


def _row(row: RankedBrand) -> str:
    stories = "story" if row.count == 1 else "stories"
    return (
        f"`{row.rank}.` **{_name(row.name)}** — {row.score:.2f} · {row.count} {stories} "
        f"({row.great_count} 🌟 / {row.disaster_count} 💥) · {row.movement.label}"
    )


def _fit(lines: list[str], limit: int = FIELD_MAX, sep: str = "\n") -> str:
    """Join entries, dropping the last ones (with a note) rather than cutting one in half."""
    kept: list[str] = []
    for index, line in enumerate(lines):
        rest = len(lines) - index
        note = f"{sep}…and {rest} more" if rest > 1 else ""
        if len(sep.join([*kept, line])) + len(note) > limit:
            kept.append(f"…and {rest} more")
            break
        kept.append(line)
    return sep.join(kept) or "—"


def _link(story: Story) -> str:
    """A headline linked to its post; the label is escaped so it cannot end the link early."""
    if story.channel_id and story.message_id:
        title = link_label(story.headline, HEADLINE_DISPLAY)
        url = f"https://discord.com/channels/{story.guild_id}/{story.channel_id}/{story.message_id}"
        return f"[{title}]({url}) — {_name(story.brand_name)}"
    title = escape_markdown(truncate(story.headline, HEADLINE_DISPLAY))
    return f"{title} — {_name(story.brand_name)}"


def digest_embed(digest: WeekDigest) -> discord.Embed:
    board, window = digest.board, digest.window
    if digest.in_progress:
        title = f"📊 The week so far (since {window.week_start:%d %b %Y})"
    else:
        title = f"📰 Weekly digest — week of {window.week_start:%d %b %Y}"
    lines = [
        f"**{board.total_stories}** published stories: {board.great_stories} 🌟 great · "
        f"{board.disaster_stories} 💥 disasters."
    ]
    if digest.late:
        lines.append("_This digest is late: the bot was away when it was due._")
    if board.is_empty:
        lines.append(
            f"Not enough stories to rank brands this week: a brand needs at least "
            f"{board.min_stories} stories in the week to appear."
        )
    embed = discord.Embed(title=title, description="\n".join(lines), colour=discord.Colour.gold())
    embed.set_footer(text=marker(window.key))
    if not board.is_empty:
        embed.add_field(
            name="🏆 Best-rated", value=_fit([_row(r) for r in board.best]), inline=False
        )
        embed.add_field(
            name="⚠️ Worst-rated", value=_fit([_row(r) for r in board.worst]), inline=False
        )
        embed.set_image(url=f"attachment://{CHART_NAME}")
    # Optional sections, most important first: (name, entries, separator). Each gets the
    # room left under the embed budget, so a long list is shortened, not dropped.
    optional: list[tuple[str, list[str], str]] = []
    if digest.movers:
        optional.append(
            (
                "📈 Movers",
                [
                    f"**{_name(m.name)}**: disasters {m.share_before:.0%} → {m.share_now:.0%}"
                    for m in digest.movers
                ],
                "\n",
            )
        )
    if digest.praised or digest.criticised:
        parts = []
        if digest.praised:
            parts.append(f"👍 Praised most: {digest.praised[0].label} ({digest.praised[1]})")
        if digest.criticised:
            parts.append(
                f"👎 Complained about most: {digest.criticised[0].label} ({digest.criticised[1]})"
            )
        optional.append(("🧭 Touchpoints", parts, "\n"))
    if digest.most_relatable:
        optional.append(("🤝 Most relatable", [_link(digest.most_relatable)], "\n"))
    if digest.highlights:
        optional.append(("✨ Moderators' highlights", [_link(s) for s in digest.highlights], "\n"))
    if digest.new_brands:
        # One entry per brand: many new brands show as many names as fit, then "…and N more".
        optional.append(("🆕 New this week", [_name(n) for n in digest.new_brands], ", "))
    for name, entries, sep in optional:
        room = min(FIELD_MAX, EMBED_BUDGET - len(embed) - len(name))
        if room < MIN_FIELD:
            break
        embed.add_field(name=name, value=_fit(entries, room, sep), inline=False)
    return embed


def digest_files(digest: WeekDigest) -> list[discord.File]:
    return chart_files(digest_chart(digest))


def digest_chart(digest: WeekDigest) -> bytes | None:
    """The chart image (PNG), or None for an empty week."""
    if digest.board.is_empty:
        return None
    title = "This week so far" if digest.in_progress else f"Week of {digest.window.key}"
    return render_chart(digest.board, title)


def chart_files(chart: bytes | None) -> list[discord.File]:
    """Attachments for one message (a discord.File is consumed by the send that uses it)."""
    return [] if chart is None else [discord.File(io.BytesIO(chart), filename=CHART_NAME)]
