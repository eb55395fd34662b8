"""A member's own stories in this server: /story mine, edit, delete.

Discord I/O only: `MemberStoryService` decides; this module shows lists, forms and
confirmations, and keeps channel posts in line with what was stored. Replies are in the
member's language (catalog `my_stories.ftl`), except the note to the moderators'
channel, which is in the server's. Export and forget-me are in `my_data`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import discord

from bot.domain.stories import Story, StoryStatus
from bot.domain.submission import SubmissionInvalid
from bot.domain.touchpoints import Touchpoint
from bot.errors import UserFacingError
from bot.i18n import Lang, count, member_lang, tr, words
from bot.services.member_stories import (
    StoryPage,
)
from cogs.stories.form import StoryForm
from cogs.stories.render import KIND_STYLE, safe

if TYPE_CHECKING:
    from bot.client import ExperienceBot  # noqa: F401 (used in a string annotation)

from cogs.stories.member_views import (
    BRAND_SHOWN,
    FIX_TIMEOUT_SECONDS,
    HEADLINE_SHOWN,
    LIST_TIMEOUT_SECONDS,
    ConfirmView,
    Interaction,
    OwnerView,
    expire,
    guild_id_of,
    in_words,
    service_for,
)
from cogs.stories.my_data import export_data, forget_me

__all__ = ["delete_story", "edit_story", "export_data", "forget_me", "show_mine"]


def _post_url(story: Story) -> str | None:
    if story.status is not StoryStatus.PUBLISHED or not story.channel_id or not story.message_id:
        return None
    return f"https://discord.com/channels/{story.guild_id}/{story.channel_id}/{story.message_id}"


def _label(lang: Lang, story: Story) -> str:
    """“Headline” about Brand, escaped: safe to put in any reply (member text is a value)."""
    headline = safe(story.headline, HEADLINE_SHOWN)
    return tr(lang, "mine-label", headline=headline, brand=safe(story.brand_name, BRAND_SHOWN))


def _goes_with_it(lang: Lang, story: Story) -> str:
    """What deleting the story also removes, only what it really has: a draft or a story
    still waiting for review has no post and no votes, and is never described as such."""
    parts = []
    if _post_url(story):
        parts.append(tr(lang, "mine-goes-post"))
    if story.relatable_count:
        votes = count(lang, "n-relatable-votes", story.relatable_count)
        parts.append(tr(lang, "mine-goes-votes", votes=votes))
    if story.published_at is not None:
        parts.append(tr(lang, "mine-goes-reports"))
    if len(parts) > 1:
        return tr(lang, "mine-list-and", first=", ".join(parts[:-1]), last=parts[-1])
    return "".join(parts)


# --- /story mine ----------------------------------------------------------------------


def _story_line(lang: Lang, story: Story) -> str:
    emoji, _ = KIND_STYLE[story.kind]
    kind = tr(lang, f"story-kind-{story.kind.value}")
    status = tr(lang, f"story-status-{story.status.value}")
    # Discord shows <t:…:d> in the reader's own language and time zone.
    when = f"<t:{int(story.created_at.timestamp())}:d>"
    first = (
        f"**#{story.id}** · {status} · {emoji} {kind} · **{safe(story.brand_name, BRAND_SHOWN)}**"
    )
    second = [f"“{safe(story.headline, HEADLINE_SHOWN)}”", when]
    if story.status is StoryStatus.PUBLISHED or story.relatable_count:
        second.append(f"🤝 {story.relatable_count}")  # a draft has no votes, not "0 votes"
    url = _post_url(story)
    if url:
        second.append(f"[{tr(lang, 'mine-post-link')}]({url})")
    return first + "\n" + " · ".join(second)


def mine_embed(lang: Lang, page: StoryPage) -> discord.Embed:
    embed = discord.Embed(
        title=tr(lang, "mine-title"),
        description="\n\n".join(_story_line(lang, s) for s in page.stories),
        colour=discord.Colour.blurple(),
    )
    stories = count(lang, "n-stories", page.total)
    embed.set_footer(
        text=tr(lang, "mine-footer", page=page.page + 1, pages=page.pages, stories=stories)
    )
    return embed


class MineView(OwnerView):
    def __init__(self, origin: Interaction, guild_id: int, page: StoryPage) -> None:
        super().__init__(origin, LIST_TIMEOUT_SECONDS)
        self.guild_id = guild_id
        self.previous.label = tr(self.lang, "mine-button-previous")
        self.next.label = tr(self.lang, "mine-button-next")
        self.show(page)

    def show(self, page: StoryPage) -> None:
        self.page = page.page
        self.previous.disabled = not page.has_previous
        self.next.disabled = not page.has_next

    async def _turn(self, interaction: Interaction, step: int) -> None:
        page = await service_for(interaction).page(self.guild_id, self.owner_id, self.page + step)
        if page.total == 0:
            self.stop()
            empty = tr(self.lang, "mine-empty")
            await interaction.response.edit_message(content=empty, embed=None, view=None)
            return
        self.show(page)
        await interaction.response.edit_message(embed=mine_embed(self.lang, page), view=self)

    # Labels are set per member in __init__ (their language).
    @discord.ui.button(label="◀", emoji="◀️", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: Interaction, button: discord.ui.Button[Any]) -> None:
        await self._turn(interaction, -1)

    @discord.ui.button(label="▶", emoji="▶️", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: Interaction, button: discord.ui.Button[Any]) -> None:
        await self._turn(interaction, +1)

    async def on_timeout(self) -> None:
        await expire(self.origin, None)


async def show_mine(interaction: Interaction) -> None:
    lang = member_lang(interaction)
    guild_id = guild_id_of(interaction)
    page = await service_for(interaction).page(guild_id, interaction.user.id, 0)
    if page.total == 0:
        await interaction.response.send_message(tr(lang, "mine-empty"), ephemeral=True)
        return
    embed = mine_embed(lang, page)
    if page.pages == 1:
        await interaction.response.send_message(embed=embed, ephemeral=True)
        return
    view = MineView(interaction, guild_id, page)
    await interaction.response.send_message(embed=embed, view=view, ephemeral=True)


# --- /story edit ----------------------------------------------------------------------


def _edit_form(lang: Lang, story: Story, typed: Mapping[str, object] | None = None) -> StoryForm:
    """The story form filled with the stored story, or with what the member just typed."""
    headline, body, product = story.headline, story.body, story.product or ""
    rating: int | None = story.rating
    touchpoints = list(story.touchpoints)
    if typed is not None:
        headline = str(typed.get("headline") or "")
        body = str(typed.get("body") or "")
        product = str(typed.get("product") or "")
        raw_rating = typed.get("rating")
        rating = int(raw_rating) if isinstance(raw_rating, str) and raw_rating.isdigit() else None
        raw_points = typed.get("touchpoints")
        values = {t.value for t in Touchpoint}
        chosen = raw_points if isinstance(raw_points, list) else []
        touchpoints = [Touchpoint(t) for t in chosen if t in values]
    return StoryForm(
        kind=story.kind,
        brand=story.brand_name,
        headline=headline,
        body=body,
        rating=rating,
        touchpoints=touchpoints,
        product=product,
        title=tr(lang, "edit-title", id=str(story.id)),
        lang=lang,
        on_submit=functools.partial(_submit_edit, story_id=story.id, created_at=story.created_at),
    )


class FixEditView(OwnerView):
    """Reopens a rejected edit with what the member typed, so nothing has to be retyped."""

    def __init__(
        self, origin: Interaction, story_id: int, created_at: datetime, typed: Mapping[str, object]
    ) -> None:
        super().__init__(origin, FIX_TIMEOUT_SECONDS)
        self.story_id = story_id
        self.created_at = created_at
        self.typed = dict(typed)
        self.fix.label = tr(self.lang, "edit-fix")

    @discord.ui.button(label="✏️", style=discord.ButtonStyle.primary)
    async def fix(self, interaction: Interaction, button: discord.ui.Button[Any]) -> None:
        with in_words(self.lang):
            story = await service_for(interaction).own_story(
                guild_id_of(interaction), self.owner_id, self.story_id, created_at=self.created_at
            )
        await interaction.response.send_modal(_edit_form(self.lang, story, self.typed))


async def _submit_edit(
    interaction: Interaction, answers: dict[str, object], *, story_id: int, created_at: datetime
) -> None:
    lang = member_lang(interaction)
    service = service_for(interaction)
    try:
        with in_words(lang):
            story, submission = await service.check_edit(
                guild_id_of(interaction),
                interaction.user.id,
                story_id,
                answers,
                created_at=created_at,
            )
    except SubmissionInvalid as invalid:
        problems = "\n".join(f"• {words(lang, p)}" for p in invalid.problems)
        await interaction.response.send_message(
            tr(lang, "edit-not-changed", id=str(story_id)) + "\n" + problems,
            view=FixEditView(interaction, story_id, created_at, answers),
            ephemeral=True,
        )
        return
    # Acknowledge within Discord's 3 s: saving, then fixing the post, can take longer.
    await interaction.response.defer(ephemeral=True, thinking=True)
    with in_words(lang):
        outcome = await service.save_edit(story, submission)
    publisher = interaction.client.publisher
    after = outcome.after
    if outcome.back_to_review:
        await publisher.remove(outcome.before)
        await publisher.notes_sent(after.id)
        note = tr(lang, "edit-note-review")
    else:
        await publisher.refresh(after)
        after = await service.reload(after)  # refresh() may have posted it anew
        url = _post_url(after)
        if after.status is StoryStatus.PUBLISHED:
            note = (
                tr(lang, "edit-note-published", url=url)
                if url
                else tr(lang, "edit-note-no-channel")
            )
        else:
            note = tr(lang, f"edit-note-{after.status.value}")
    await interaction.followup.send(
        tr(lang, "edit-updated", id=str(after.id), note=note), ephemeral=True
    )


async def edit_story(interaction: Interaction, story_id: int) -> None:
    with in_words(member_lang(interaction)):
        story = await service_for(interaction).own_story(
            guild_id_of(interaction), interaction.user.id, story_id
        )
    await interaction.response.send_modal(_edit_form(member_lang(interaction), story))


class DeleteView(ConfirmView):
    def __init__(self, origin: Interaction, guild_id: int, story: Story) -> None:
        super().__init__(origin)
        self.guild_id = guild_id
        self.story_id = story.id
        self.created_at = story.created_at
        self.confirm.label = tr(self.lang, "delete-button")
        self.keep.label = tr(self.lang, "delete-keep-button")

    @discord.ui.button(label="🗑️", style=discord.ButtonStyle.danger)
    async def confirm(self, interaction: Interaction, button: discord.ui.Button[Any]) -> None:
        self.claim()
        await interaction.response.defer()
        try:
            with in_words(self.lang):
                story = await service_for(interaction).delete(
                    self.guild_id, self.owner_id, self.story_id, created_at=self.created_at
                )
        except UserFacingError as error:
            await interaction.edit_original_response(content=error.message, view=None)
            return
        await interaction.client.publisher.remove(story)
        extras = _goes_with_it(self.lang, story)
        done = (
            tr(self.lang, "delete-done-with", id=str(story.id), extras=extras)
            if extras
            else tr(self.lang, "delete-done", id=str(story.id))
        )
        await interaction.edit_original_response(content=done, view=None)

    @discord.ui.button(label="↩️", style=discord.ButtonStyle.secondary)
    async def keep(self, interaction: Interaction, button: discord.ui.Button[Any]) -> None:
        self.claim()
        await interaction.response.edit_message(
            content=tr(self.lang, "delete-kept", id=str(self.story_id)), view=None
        )


async def delete_story(interaction: Interaction, story_id: int) -> None:
    lang = member_lang(interaction)
    guild_id = guild_id_of(interaction)
    with in_words(lang):
        story = await service_for(interaction).own_story(guild_id, interaction.user.id, story_id)
    extras = _goes_with_it(lang, story)
    label = _label(lang, story)
    question = (
        tr(lang, "delete-question-with", id=str(story.id), label=label, extras=extras)
        if extras
        else tr(lang, "delete-question", id=str(story.id), label=label)
    )
    await interaction.response.send_message(
        question,
        view=DeleteView(interaction, guild_id, story),
        ephemeral=True,
    )
