"""How the weekly digest looks: one embed and a chart, within Discord's limits whatever
the brand names and counts (names are shortened for display only).

The language is the caller's choice: the server's for the weekly post and a re-post,
the member's for `/leaderboard` and `/digest preview`.
"""

from __future__ import annotations

import io

import discord

from bot.domain.markdown import escape_markdown, link_label, truncate
from bot.domain.ranking import RankedBrand
from bot.domain.stories import Story
from bot.i18n import LANGS, Lang, tr
from bot.i18n.figures import movement_text, touchpoint_name
from bot.i18n.formats import decimal, percent, short_date
from bot.services.digest import WeekDigest
from cogs.digest.chart import render_chart

NAME_DISPLAY = 25
HEADLINE_DISPLAY = 60
FIELD_MAX = 1024
EMBED_BUDGET = 5800  # Discord allows 6000 characters across an embed; keep a margin
MIN_FIELD = 100  # less room than this: leave the remaining sections out
CHART_NAME = "digest.png"


def marker(lang: Lang, week: str) -> str:
    """Footer text that identifies a posted digest (used to recover after a crash)."""
    return tr(lang, "digest-marker", week=week)


def is_marker(text: str | None, week: str) -> bool:
    """Whether a footer marks the digest of `week`, in any language: the server's
    language may have changed between a crashed post and its recovery."""
    return text is not None and any(text == marker(lang, week) for lang in LANGS)


def _name(name: str) -> str:
    return escape_markdown(truncate(name, NAME_DISPLAY))


def _row(lang: Lang, row: RankedBrand) -> str:
    return tr(
        lang,
        "digest-row",
        rank=row.rank,
        name=f"**{_name(row.name)}**",
        score=decimal(lang, row.score),
        count=row.count,
        great=row.great_count,
        disaster=row.disaster_count,
        movement=movement_text(lang, row.movement),
    )


def _fit(lang: Lang, lines: list[str], limit: int = FIELD_MAX, sep: str = "\n") -> str:
    """Join entries, dropping the last ones (with a note) rather than cutting one in half."""
    kept: list[str] = []
    for index, line in enumerate(lines):
        rest = len(lines) - index
        more = tr(lang, "digest-and-more", count=rest)
        note = f"{sep}{more}" if rest > 1 else ""
        if len(sep.join([*kept, line])) + len(note) > limit:
            kept.append(more)
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


def _optional_sections(lang: Lang, digest: WeekDigest) -> list[tuple[str, list[str], str]]:
    """(name, entries, separator) of the sections after the lists, most important first."""
    sections: list[tuple[str, list[str], str]] = []
    if digest.movers:
        movers = [
            tr(
                lang,
                "digest-mover",
                name=f"**{_name(m.name)}**",
                before=percent(lang, m.share_before),
                now=percent(lang, m.share_now),
            )
            for m in digest.movers
        ]
        sections.append((tr(lang, "digest-movers"), movers, "\n"))
    if digest.praised or digest.criticised:
        parts = []
        if digest.praised:
            touchpoint, count = digest.praised
            name = touchpoint_name(lang, touchpoint)
            parts.append(tr(lang, "digest-praised", touchpoint=name, count=count))
        if digest.criticised:
            touchpoint, count = digest.criticised
            name = touchpoint_name(lang, touchpoint)
            parts.append(tr(lang, "digest-criticised", touchpoint=name, count=count))
        sections.append((tr(lang, "digest-touchpoints"), parts, "\n"))
    if digest.most_relatable:
        sections.append((tr(lang, "digest-relatable"), [_link(digest.most_relatable)], "\n"))
    if digest.highlights:
        highlights = [_link(s) for s in digest.highlights]
        sections.append((tr(lang, "digest-highlights"), highlights, "\n"))
    if digest.new_brands:
        # One entry per brand: many new brands show as many names as fit, then "…and N more".
        names = [_name(n) for n in digest.new_brands]
        sections.append((tr(lang, "digest-new-brands"), names, ", "))
    return sections


def digest_embed(lang: Lang, digest: WeekDigest) -> discord.Embed:
    board, window = digest.board, digest.window
    start = short_date(lang, window.week_start)
    title_key = "digest-title-so-far" if digest.in_progress else "digest-title"
    lines = [
        tr(
            lang,
            "digest-totals",
            total=board.total_stories,
            great=board.great_stories,
            disaster=board.disaster_stories,
        )
    ]
    if digest.late:
        lines.append(tr(lang, "digest-late"))
    if board.is_empty:
        lines.append(tr(lang, "digest-too-few", count=board.min_stories))
    embed = discord.Embed(
        title=tr(lang, title_key, date=start),
        description="\n".join(lines),
        colour=discord.Colour.gold(),
    )
    embed.set_footer(text=marker(lang, window.key))
    if not board.is_empty:
        best = _fit(lang, [_row(lang, r) for r in board.best])
        worst = _fit(lang, [_row(lang, r) for r in board.worst])
        embed.add_field(name=tr(lang, "digest-best"), value=best, inline=False)
        embed.add_field(name=tr(lang, "digest-worst"), value=worst, inline=False)
        embed.set_image(url=f"attachment://{CHART_NAME}")
    # Each optional section gets the room left under the embed budget, so a long list is
    # shortened, not dropped.
    for name, entries, sep in _optional_sections(lang, digest):
        room = min(FIELD_MAX, EMBED_BUDGET - len(embed) - len(name))
        if room < MIN_FIELD:
            break
        embed.add_field(name=name, value=_fit(lang, entries, room, sep), inline=False)
    return embed


def digest_files(lang: Lang, digest: WeekDigest) -> list[discord.File]:
    return chart_files(digest_chart(lang, digest))


def digest_chart(lang: Lang, digest: WeekDigest) -> bytes | None:
    """The chart image (PNG), or None for an empty week."""
    if digest.board.is_empty:
        return None
    if digest.in_progress:
        title = tr(lang, "chart-title-so-far")
    else:
        title = tr(lang, "chart-title", date=short_date(lang, digest.window.week_start))
    return render_chart(lang, digest.board, title)


def chart_files(chart: bytes | None) -> list[discord.File]:
    """Attachments for one message (a discord.File is consumed by the send that uses it)."""
    return [] if chart is None else [discord.File(io.BytesIO(chart), filename=CHART_NAME)]
