"""How a story looks in Discord: the embed of its channel post and of its preview.

Member text is escaped (linear time, mentions neutralised) and only then shortened for
display; the stored story is never cut.
"""

from __future__ import annotations

import discord

from bot.domain.markdown import escape_markdown, truncate
from bot.domain.stories import Story
from bot.domain.submission import StoryKind, stars

KIND_STYLE = {
    StoryKind.GREAT: ("🌟", "Great experience", discord.Colour.green()),
    StoryKind.DISASTER: ("💥", "Disaster", discord.Colour.red()),
}
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELD_MAX = 1024


def safe(text: str, limit: int) -> str:
    return truncate(escape_markdown(text), limit)


def story_embed(story: Story) -> discord.Embed:
    emoji, kind_label, colour = KIND_STYLE[story.kind]
    embed = discord.Embed(
        title=safe(f"{emoji} {story.headline}", TITLE_MAX),
        description=safe(story.body, DESCRIPTION_MAX),
        colour=colour,
        timestamp=story.created_at,
    )
    embed.add_field(name="Brand", value=safe(story.brand_name, FIELD_MAX))
    embed.add_field(name="Rating", value=f"{stars(story.rating)} ({kind_label})")
    embed.add_field(
        name="Touchpoints",
        value=", ".join(f"{t.emoji} {t.label}" for t in story.touchpoints) or "—",
        inline=False,
    )
    if story.product:
        embed.add_field(name="Product or service", value=safe(story.product, FIELD_MAX))
    if story.recommend is not None:
        embed.add_field(name="Would recommend", value=f"{story.recommend}/10")
    if story.resolution is not None:
        embed.add_field(name="Did they put it right?", value=story.resolution.label)
    # A mention inside an embed shows the member's name and never pings.
    author = "an anonymous member" if story.anonymous else f"<@{story.author_id}>"
    embed.add_field(name="Told by", value=author, inline=False)
    embed.set_footer(text=f"Story #{story.id}" + (" · edited" if story.edited_at else ""))
    return embed
