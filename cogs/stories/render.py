"""How a story looks in Discord: the embed of its channel post and of its preview.

Member text is escaped (linear time, mentions neutralised) and only then shortened for
display; the stored story is never cut. The words around it are in `lang` (catalog
`story.ftl`): the server's language for the channel post, the member's for the preview.
The footer (`Story #N` in English) is also how a post is found again after a crash, so
`is_story_footer` knows it in every language.
"""

from __future__ import annotations

import discord

from bot.domain.markdown import escape_markdown, truncate
from bot.domain.stories import Story
from bot.domain.submission import StoryKind, stars
from bot.i18n import LANGS, Lang, tr
from bot.i18n.figures import touchpoint_name

KIND_STYLE = {
    StoryKind.GREAT: ("🌟", discord.Colour.green()),
    StoryKind.DISASTER: ("💥", discord.Colour.red()),
}
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELD_MAX = 1024


def safe(text: str, limit: int) -> str:
    return truncate(escape_markdown(text), limit)


def story_footer(lang: Lang, story_id: int) -> str:
    """`Story #12`, `Histoire n° 12` (the id as digits, never grouped)."""
    return tr(lang, "post-footer", id=str(story_id))


def is_story_footer(text: str, story_id: int) -> bool:
    """The footer of this story's post, in any language, edited or not."""
    return any(
        text == (footer := story_footer(lang, story_id)) or text.startswith(f"{footer} ·")
        for lang in LANGS
    )


def story_embed(story: Story, lang: Lang) -> discord.Embed:
    emoji, colour = KIND_STYLE[story.kind]
    embed = discord.Embed(
        title=safe(f"{emoji} {story.headline}", TITLE_MAX),
        description=safe(story.body, DESCRIPTION_MAX),
        colour=colour,
        timestamp=story.created_at,
    )
    kind = tr(lang, f"story-kind-{story.kind.value}")
    embed.add_field(name=tr(lang, "post-brand"), value=safe(story.brand_name, FIELD_MAX))
    embed.add_field(name=tr(lang, "post-rating"), value=f"{stars(story.rating)} ({kind})")
    embed.add_field(
        name=tr(lang, "post-touchpoints"),
        value=", ".join(f"{t.emoji} {touchpoint_name(lang, t)}" for t in story.touchpoints) or "—",
        inline=False,
    )
    if story.product:
        embed.add_field(name=tr(lang, "post-product"), value=safe(story.product, FIELD_MAX))
    if story.recommend is not None:
        embed.add_field(
            name=tr(lang, "post-recommend"),
            value=tr(lang, "post-recommend-score", score=str(story.recommend)),
        )
    if story.resolution is not None:
        embed.add_field(name=tr(lang, "post-resolution"), value=tr(lang, story.resolution.key))
    # A mention inside an embed shows the member's name and never pings.
    author = tr(lang, "post-anonymous") if story.anonymous else f"<@{story.author_id}>"
    embed.add_field(name=tr(lang, "post-told-by"), value=author, inline=False)
    footer = story_footer(lang, story.id)
    if story.edited_at:
        footer = tr(lang, "post-footer-edited", footer=footer)
    embed.set_footer(text=footer)
    return embed
