"""A member's own stories: list, edit, delete, export, forget-me.

Discord I/O only: `MemberStoryService` decides; this module shows lists, forms and
confirmations, and keeps channel posts in line with what was stored. Every reply is
ephemeral and every button answers only the member who ran the command.
"""

from __future__ import annotations

import functools
import io
import logging
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import discord

from bot.domain.brand_card import count_text
from bot.domain.stories import Story, StoryStatus
from bot.domain.submission import SubmissionInvalid
from bot.domain.touchpoints import Touchpoint
from bot.errors import UserFacingError
from bot.interaction_errors import ErrorReportingView
from bot.services.member_stories import MemberStoryService, StoryPage
from cogs.stories.form import StoryForm
from cogs.stories.post import moderation_buttons
from cogs.stories.render import KIND_STYLE, safe

if TYPE_CHECKING:
    from bot.client import ExperienceBot  # noqa: F401 (used in a string annotation)

log = logging.getLogger(__name__)

Interaction = discord.Interaction["ExperienceBot"]

# Confirmations expire quickly: an old "Delete" button should not act days later.
CONFIRM_TIMEOUT_SECONDS = 120.0
# Under Discord's 15 minutes, so the list can still be edited when it expires.
LIST_TIMEOUT_SECONDS = 10 * 60.0
FIX_TIMEOUT_SECONDS = 14 * 60.0
HEADLINE_SHOWN = 80
BRAND_SHOWN = 40

STATUS_LABELS = {
    StoryStatus.PUBLISHED: "🟢 published",
    StoryStatus.PENDING: "🕒 pending review",
    StoryStatus.HIDDEN: "🙈 hidden",
    StoryStatus.DRAFT: "📝 draft",
}
EMPTY_HINT = (
    "You haven't shared any stories in this server yet. Tell one with `/story great` "
    "(or `/story disaster`)."
)
NOT_YOUR_BUTTONS = "These buttons belong to someone else. Run the command yourself."


def _service(interaction: Interaction) -> MemberStoryService:
    return MemberStoryService(interaction.client.storage, interaction.client.clock)


def _guild_id(interaction: Interaction) -> int:
    if interaction.guild_id is None:
        raise UserFacingError("This command only works inside a server.")
    return interaction.guild_id


def _stories(count: int) -> str:
    return count_text(count, "story", "stories")


def _post_url(story: Story) -> str | None:
    if story.status is not StoryStatus.PUBLISHED or not story.channel_id or not story.message_id:
        return None
    return f"https://discord.com/channels/{story.guild_id}/{story.channel_id}/{story.message_id}"


def _label(story: Story) -> str:
    """“Headline” about Brand, escaped: safe to put in any reply."""
    return (
        f"“{safe(story.headline, HEADLINE_SHOWN)}” about **{safe(story.brand_name, BRAND_SHOWN)}**"
    )


def _goes_with_it(story: Story) -> str:
    """What deleting the story also removes, only what it really has: a draft or a story
    still waiting for review has no post and no votes, and is never described as such."""
    parts = []
    if _post_url(story):
        parts.append("its post in the stories channel")
    if story.relatable_count:
        parts.append(f"its {count_text(story.relatable_count, 'relatable vote')}")
    if story.published_at is not None:
        parts.append("any reports")
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return "".join(parts)


async def _expire(origin: Interaction, text: str | None) -> None:
    """Take the buttons off an expired message; a message already gone is fine."""
    try:
        if text is None:
            await origin.edit_original_response(view=None)
        else:
            await origin.edit_original_response(content=text, embed=None, view=None)
    except discord.HTTPException as exc:
        log.info("Could not tidy an expired message (%s)", exc.status)


class _OwnerView(ErrorReportingView):
    """Buttons on an ephemeral reply that only its member may use (checked, not assumed)."""

    def __init__(self, origin: Interaction, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.origin = origin
        self.owner_id = origin.user.id

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        if interaction.user.id != self.owner_id:
            raise UserFacingError(NOT_YOUR_BUTTONS)
        return True


# --- /story mine ----------------------------------------------------------------------


def _story_line(story: Story) -> str:
    emoji, kind, _ = KIND_STYLE[story.kind]
    when = f"<t:{int(story.created_at.timestamp())}:d>"
    first = (
        f"**#{story.id}** · {STATUS_LABELS[story.status]} · {emoji} {kind} · "
        f"**{safe(story.brand_name, BRAND_SHOWN)}**"
    )
    second = [f"“{safe(story.headline, HEADLINE_SHOWN)}”", when]
    if story.status is StoryStatus.PUBLISHED or story.relatable_count:
        second.append(f"🤝 {story.relatable_count}")  # a draft has no votes, not "0 votes"
    url = _post_url(story)
    if url:
        second.append(f"[post]({url})")
    return first + "\n" + " · ".join(second)


def mine_embed(page: StoryPage) -> discord.Embed:
    embed = discord.Embed(
        title="Your stories in this server",
        description="\n\n".join(_story_line(s) for s in page.stories),
        colour=discord.Colour.blurple(),
    )
    embed.set_footer(
        text=f"Page {page.page + 1} of {page.pages} · {_stories(page.total)} · "
        "/story edit or /story delete with a number"
    )
    return embed


class MineView(_OwnerView):
    def __init__(self, origin: Interaction, guild_id: int, page: StoryPage) -> None:
        super().__init__(origin, LIST_TIMEOUT_SECONDS)
        self.guild_id = guild_id
        self.show(page)

    def show(self, page: StoryPage) -> None:
        self.page = page.page
        self.previous.disabled = not page.has_previous
        self.next.disabled = not page.has_next

    async def _turn(self, interaction: Interaction, step: int) -> None:
        page = await _service(interaction).page(self.guild_id, self.owner_id, self.page + step)
        if page.total == 0:
            self.stop()
            await interaction.response.edit_message(content=EMPTY_HINT, embed=None, view=None)
            return
        self.show(page)
        await interaction.response.edit_message(embed=mine_embed(page), view=self)

    @discord.ui.button(label="Previous", emoji="◀️", style=discord.ButtonStyle.secondary)
    async def previous(self, interaction: Interaction, button: discord.ui.Button[Any]) -> None:
        await self._turn(interaction, -1)

    @discord.ui.button(label="Next", emoji="▶️", style=discord.ButtonStyle.secondary)
    async def next(self, interaction: Interaction, button: discord.ui.Button[Any]) -> None:
        await self._turn(interaction, +1)

    async def on_timeout(self) -> None:
        await _expire(self.origin, None)


async def show_mine(interaction: Interaction) -> None:
    guild_id = _guild_id(interaction)
    page = await _service(interaction).page(guild_id, interaction.user.id, 0)
    if page.total == 0:
        await interaction.response.send_message(EMPTY_HINT, ephemeral=True)
        return
    if page.pages == 1:
        await interaction.response.send_message(embed=mine_embed(page), ephemeral=True)
        return
    view = MineView(interaction, guild_id, page)
    await interaction.response.send_message(embed=mine_embed(page), view=view, ephemeral=True)


# --- /story edit ----------------------------------------------------------------------


def _edit_form(story: Story, typed: Mapping[str, object] | None = None) -> StoryForm:
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
        title=f"Edit story #{story.id}",
        on_submit=functools.partial(_submit_edit, story_id=story.id, created_at=story.created_at),
    )


class FixEditView(_OwnerView):
    """Reopens a rejected edit with what the member typed, so nothing has to be retyped."""

    def __init__(
        self, origin: Interaction, story_id: int, created_at: datetime, typed: Mapping[str, object]
    ) -> None:
        super().__init__(origin, FIX_TIMEOUT_SECONDS)
        self.story_id = story_id
        self.created_at = created_at
        self.typed = dict(typed)

    @discord.ui.button(label="Fix it", style=discord.ButtonStyle.primary)
    async def fix(self, interaction: Interaction, button: discord.ui.Button[Any]) -> None:
        story = await _service(interaction).own_story(
            _guild_id(interaction), self.owner_id, self.story_id, created_at=self.created_at
        )
        await interaction.response.send_modal(_edit_form(story, self.typed))


async def _submit_edit(
    interaction: Interaction, answers: dict[str, object], *, story_id: int, created_at: datetime
) -> None:
    service = _service(interaction)
    try:
        story, submission = await service.check_edit(
            _guild_id(interaction), interaction.user.id, story_id, answers, created_at=created_at
        )
    except SubmissionInvalid as invalid:
        problems = "\n".join(f"• {p}" for p in invalid.problems)
        await interaction.response.send_message(
            f"Story #{story_id} was not changed:\n{problems}",
            view=FixEditView(interaction, story_id, created_at, answers),
            ephemeral=True,
        )
        return
    # Acknowledge within Discord's 3 s: saving, then fixing the post, can take longer.
    await interaction.response.defer(ephemeral=True, thinking=True)
    outcome = await service.save_edit(story, submission)
    publisher = interaction.client.publisher
    after = outcome.after
    if outcome.back_to_review:
        await publisher.remove(outcome.before)
        await publisher.notify_moderators(
            after.guild_id,
            f"✏️ Story #{after.id} was edited by its author and is waiting for review again.",
            view=moderation_buttons(after, 0),
        )
        note = (
            "This server reviews stories, so it is off the stories channel until a moderator "
            "approves the new version."
        )
    else:
        await publisher.refresh(after)
        after = await service.reload(after)  # refresh() may have posted it anew
        url = _post_url(after)
        note = {
            StoryStatus.PUBLISHED: f"Its post shows the new version: {url}"
            if url
            else "It will show in the stories channel once the moderators choose one.",
            StoryStatus.PENDING: "It is still waiting for a moderator's review.",
            StoryStatus.HIDDEN: "It stays hidden until a moderator restores it.",
            StoryStatus.DRAFT: "Finish its questions to publish it.",
        }[after.status]
    await interaction.followup.send(f"✏️ Story #{after.id} is updated. {note}", ephemeral=True)


async def edit_story(interaction: Interaction, story_id: int) -> None:
    story = await _service(interaction).own_story(
        _guild_id(interaction), interaction.user.id, story_id
    )
    await interaction.response.send_modal(_edit_form(story))


# --- confirmations ----------------------------------------------------------------------


class _ConfirmView(_OwnerView):
    """Two buttons that act once; after the timeout they do nothing at all."""

    def __init__(self, origin: Interaction) -> None:
        super().__init__(origin, CONFIRM_TIMEOUT_SECONDS)
        self.done = False

    def claim(self) -> None:
        # Set before any await: a second click racing the first is refused, not repeated.
        # The view is not stopped, so that such a click still gets an answer.
        if self.done:
            raise UserFacingError("That was already done; there is nothing left to confirm.")
        self.done = True

    async def on_timeout(self) -> None:
        if not self.done:
            self.done = True
            await _expire(self.origin, "⌛ This confirmation expired; nothing was changed.")


class DeleteView(_ConfirmView):
    def __init__(self, origin: Interaction, guild_id: int, story: Story) -> None:
        super().__init__(origin)
        self.guild_id = guild_id
        self.story_id = story.id
        self.created_at = story.created_at

    @discord.ui.button(label="Delete for good", style=discord.ButtonStyle.danger)
    async def confirm(self, interaction: Interaction, button: discord.ui.Button[Any]) -> None:
        self.claim()
        await interaction.response.defer()
        try:
            story = await _service(interaction).delete(
                self.guild_id, self.owner_id, self.story_id, created_at=self.created_at
            )
        except UserFacingError as error:
            await interaction.edit_original_response(content=error.message, view=None)
            return
        await interaction.client.publisher.remove(story)
        extras = _goes_with_it(story)
        await interaction.edit_original_response(
            content=f"🗑️ Story #{story.id} is deleted" + (f", with {extras}." if extras else "."),
            view=None,
        )

    @discord.ui.button(label="Keep it", style=discord.ButtonStyle.secondary)
    async def keep(self, interaction: Interaction, button: discord.ui.Button[Any]) -> None:
        self.claim()
        await interaction.response.edit_message(
            content=f"Kept: story #{self.story_id} is unchanged.", view=None
        )


async def delete_story(interaction: Interaction, story_id: int) -> None:
    guild_id = _guild_id(interaction)
    story = await _service(interaction).own_story(guild_id, interaction.user.id, story_id)
    extras = _goes_with_it(story)
    also = f" This also removes {extras}." if extras else ""
    await interaction.response.send_message(
        f"Delete story #{story.id}, {_label(story)}, for good?{also} It cannot be undone.",
        view=DeleteView(interaction, guild_id, story),
        ephemeral=True,
    )


# --- /story export ----------------------------------------------------------------------


async def export_data(interaction: Interaction) -> None:
    await interaction.response.defer(ephemeral=True, thinking=True)
    export = await _service(interaction).export(interaction.user.id, interaction.filesize_limit)
    counts = export.counts
    await interaction.followup.send(
        "📦 Everything Experience It stores about you, **in all servers**: "
        f"{_stories(counts['stories'])}, {count_text(counts['votes'], 'relatable vote')}, "
        f"{count_text(counts['reports'], 'report')}. `/story forget-me` deletes it all.",
        file=discord.File(io.BytesIO(export.data), filename=export.filename),
        ephemeral=True,
    )


# --- /story forget-me -------------------------------------------------------------------


class ForgetMeView(_ConfirmView):
    @discord.ui.button(label="Delete everything", style=discord.ButtonStyle.danger)
    async def confirm(self, interaction: Interaction, button: discord.ui.Button[Any]) -> None:
        self.claim()
        await interaction.response.defer()
        service = _service(interaction)
        # Posts first: once the rows are gone nothing says where the posts were.
        for story in await service.stories_everywhere(self.owner_id):
            await interaction.client.publisher.remove(story)
        counts = await service.forget(self.owner_id)
        await interaction.edit_original_response(
            content=(
                f"✅ Done. Deleted {_stories(counts['stories'])} (with their posts), "
                f"{count_text(counts['votes'], 'relatable vote')} and "
                f"{count_text(counts['reports'], 'report')}. Nothing about you is left in "
                "Experience It's database."
            ),
            view=None,
        )

    @discord.ui.button(label="Cancel", style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: Interaction, button: discord.ui.Button[Any]) -> None:
        self.claim()
        await interaction.response.edit_message(
            content="Cancelled: nothing was deleted.", view=None
        )


async def forget_me(interaction: Interaction) -> None:
    counts = await _service(interaction).summary(interaction.user.id)
    if not any(counts.values()):
        await interaction.response.send_message(
            "Experience It stores nothing about you: no stories, votes or reports.",
            ephemeral=True,
        )
        return
    lines = [
        "This deletes everything Experience It stores about you, **in every server**:",
        f"• your {_stories(counts['stories'])}, with their posts in the stories channels and "
        "the relatable votes and reports others gave them",
        f"• your {count_text(counts['votes'], 'relatable vote')} on other members' stories",
        f"• your {count_text(counts['reports'], 'report')} of other members' stories",
    ]
    if counts["notices"]:
        lines.append(f"• {count_text(counts['notices'], 'unread notice')} for you")
    lines.append("It cannot be undone. Want a copy first? Run `/story export`.")
    await interaction.response.send_message(
        "\n".join(lines),
        view=ForgetMeView(interaction),
        ephemeral=True,
    )
