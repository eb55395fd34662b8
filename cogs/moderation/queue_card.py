"""How a story reads on a moderator's card, in the moderator's language: its status,
author and open reports under the story as readers see it, and the queue's header.
Refusals of actions that do not apply (`CurationRefused`: facts) are worded by the bot's
one error path, in the moderator's language too."""

from __future__ import annotations

import discord

from bot.domain.stories import HIDDEN_BY_REPORTS, Story, StoryStatus
from bot.i18n import Lang, tr
from bot.services.moderation import QueueCard, QueuePlace
from cogs.stories.render import FIELD_MAX, safe, story_embed

EMBED_TOTAL_MAX = 6000


def empty_queue(lang: Lang) -> str:
    return tr(lang, "queue-empty")


def _status_line(lang: Lang, story: Story) -> str:
    line = tr(lang, f"queue-status-{story.status.value}")
    if story.status is StoryStatus.HIDDEN and story.hidden_reason == HIDDEN_BY_REPORTS:
        line += ": " + tr(lang, "queue-hidden-by-reports")  # stored as a code, not words
    elif story.status is StoryStatus.HIDDEN and story.hidden_reason:
        line += f": {safe(story.hidden_reason, 300)}"  # the moderator's own words
    if story.highlighted:
        line += "\n" + tr(lang, "queue-highlighted")
    if story.message_id and story.channel_id and story.status is StoryStatus.PUBLISHED:
        url = f"https://discord.com/channels/{story.guild_id}/{story.channel_id}/{story.message_id}"
        line += f"\n[{tr(lang, 'queue-open-post')}]({url})"
    return line


def _reports_field(lang: Lang, card: QueueCard) -> str:
    reports = card.reports
    text = tr(lang, "queue-open-reports", count=len(reports))
    for shown, report in enumerate(reports):
        line = f"\n• {safe(report.reason, 200)} — <@{report.reporter_id}>"
        more = "\n" + tr(lang, "queue-more-reports", count=len(reports) - shown)
        if len(text) + len(line) + len(more) > FIELD_MAX:
            return text + more
        text += line
    return text


def card_embed(lang: Lang, card: QueueCard) -> discord.Embed:
    """The story as readers see it, plus what moderators need: status, author, reports."""
    story = card.story
    embed = story_embed(story, lang)
    embed.add_field(
        name=tr(lang, "queue-field-status"), value=_status_line(lang, story), inline=False
    )
    author = f"<@{story.author_id}>"
    if story.anonymous:
        author = tr(lang, "queue-anonymous", author=author)
    embed.add_field(name=tr(lang, "queue-field-author"), value=author, inline=False)
    if card.reports:
        embed.add_field(
            name=tr(lang, "queue-field-reports"), value=_reports_field(lang, card), inline=False
        )
    excess = len(embed) - EMBED_TOTAL_MAX
    if excess > 0 and embed.description:  # a 4,000-character story plus many reports
        embed.description = safe(embed.description, max(100, len(embed.description) - excess))
    return embed


def queue_header(lang: Lang, place: QueuePlace, story_id: int) -> str:
    if place.position is not None:
        return tr(lang, "queue-header", position=place.position, total=place.total)
    waiting = (
        tr(lang, "queue-waiting", count=place.total) if place.total else tr(lang, "queue-is-empty")
    )
    return tr(lang, "queue-not-in-queue", id=str(story_id), waiting=waiting)
