"""The moderators' story card, its action buttons, Prev/Next, and the reason form.

Every button is a dynamic item whose custom id carries what it acts on
(`mod:approve:<story id>:<created at>`, `modq:next:<story id>`), so buttons on old cards
and on notes in the moderators' channel keep working after a restart. Dynamic items get
no view check: every callback calls `ensure_moderator` first, and the reason form is a
`ModeratorModal`, so a moderator demoted since the card was shown is refused.
"""

from __future__ import annotations

import logging
import re
import secrets
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import discord

from bot.domain.curation import (
    REASON_MAX,
    REASON_MIN,
    ModAction,
    available_actions,
    clean_reason,
)
from bot.domain.stories import Story, StoryStatus
from bot.interaction_errors import reports_errors
from bot.services.moderation import ModerationService, QueueCard, QueuePlace
from bot.services.stories import discord_time
from cogs.moderation.checks import ModeratorModal, ensure_moderator
from cogs.stories.post import INLINE_WAIT
from cogs.stories.render import FIELD_MAX, safe, story_embed
from storage.records import ActionResult

if TYPE_CHECKING:
    from bot.client import ExperienceBot

    Interaction = discord.Interaction[ExperienceBot]

log = logging.getLogger(__name__)

EMBED_TOTAL_MAX = 6000
FORM_TIMEOUT = 15 * 60
EMPTY_QUEUE = "✅ Nothing waits for a decision: no story is pending or reported."

_BUTTONS: dict[ModAction, tuple[str, str, discord.ButtonStyle]] = {
    ModAction.APPROVE: ("Approve", "✅", discord.ButtonStyle.success),
    ModAction.HIDE: ("Hide", "🙈", discord.ButtonStyle.secondary),
    ModAction.RESTORE: ("Restore", "↩️", discord.ButtonStyle.success),
    ModAction.HIGHLIGHT: ("Highlight", "⭐", discord.ButtonStyle.primary),
    ModAction.UNHIGHLIGHT: ("Unhighlight", "✖️", discord.ButtonStyle.secondary),
    ModAction.DELETE: ("Delete", "🗑️", discord.ButtonStyle.danger),
}
_STATUS = {
    StoryStatus.DRAFT: "📝 Draft: its author is still answering the follow-ups",
    StoryStatus.PENDING: "⏳ Waiting for review",
    StoryStatus.PUBLISHED: "✅ Published",
    StoryStatus.HIDDEN: "🙈 Hidden",
}


def _stamp(story: Story) -> int:
    return int(story.created_at.timestamp())


def _service(interaction: Interaction) -> ModerationService:
    bot = interaction.client
    return ModerationService(bot.storage, bot.clock)


# --- rendering -----------------------------------------------------------------------


def _status_line(story: Story) -> str:
    line = _STATUS[story.status]
    if story.status is StoryStatus.HIDDEN and story.hidden_reason:
        line += f": {safe(story.hidden_reason, 300)}"
    if story.highlighted:
        line += "\n⭐ Highlighted: featured in the next digest"
    if story.message_id and story.channel_id and story.status is StoryStatus.PUBLISHED:
        url = f"https://discord.com/channels/{story.guild_id}/{story.channel_id}/{story.message_id}"
        line += f"\n[Open the post]({url})"
    return line


def _reports_field(card: QueueCard) -> str:
    reports = card.reports
    text = f"🚩 {len(reports)} open report{'s' if len(reports) != 1 else ''}"
    for shown, report in enumerate(reports):
        line = f"\n• {safe(report.reason, 200)} — <@{report.reporter_id}>"
        more = f"\n… and {len(reports) - shown} more"
        if len(text) + len(line) + len(more) > FIELD_MAX:
            return text + more
        text += line
    return text


def card_embed(card: QueueCard) -> discord.Embed:
    """The story as readers see it, plus what moderators need: status, author, reports."""
    story = card.story
    embed = story_embed(story, "en")  # a queue card is still English (not converted yet)
    embed.add_field(name="Status", value=_status_line(story), inline=False)
    author = f"<@{story.author_id}>" + (" (anonymous to readers)" if story.anonymous else "")
    embed.add_field(name="Author", value=author, inline=False)
    if card.reports:
        embed.add_field(name="Reports", value=_reports_field(card), inline=False)
    excess = len(embed) - EMBED_TOTAL_MAX
    if excess > 0 and embed.description:  # a 4,000-character story plus many reports
        embed.description = safe(embed.description, max(100, len(embed.description) - excess))
    return embed


def _header(place: QueuePlace, story_id: int) -> str:
    if place.position is not None:
        return f"🗂️ Review queue: {place.position} of {place.total}"
    waiting = f"{place.total} waiting" if place.total else "the queue is empty"
    return f"🗂️ Story #{story_id} is not in the review queue ({waiting})"


def _nav_buttons(view: discord.ui.View, story_id: int, place: QueuePlace) -> None:
    view.add_item(QueueNavButton("prev", story_id, disabled=place.previous_id is None))
    view.add_item(QueueNavButton("next", story_id, disabled=place.next_id is None))


def _action_buttons(view: discord.ui.View, story: Story, open_reports: int) -> None:
    for action in available_actions(story, open_reports):
        view.add_item(StoryActionButton(action, story, row=0))


def card_payload(card: QueueCard, note: str | None = None) -> dict[str, Any]:
    """Content, embed and buttons of a moderator's card (ephemeral)."""
    view = discord.ui.View(timeout=None)
    _action_buttons(view, card.story, len(card.reports))
    _nav_buttons(view, card.story.id, card.place)
    content = _header(card.place, card.story.id)
    if note:
        content += f"\n{note}"
    return {"content": content, "embeds": [card_embed(card)], "view": view}


def gone_payload(story_id: int, place: QueuePlace, note: str) -> dict[str, Any]:
    """The card of a story that no longer exists: what happened, and the way on."""
    view = discord.ui.View(timeout=None)
    _nav_buttons(view, story_id, place)
    return {"content": f"{_header(place, story_id)}\n{note}", "embeds": [], "view": view}


def note_view(story: Story, open_reports: int) -> discord.ui.View | None:
    """Action buttons for a note in the moderators' channel (no Prev/Next there)."""
    view = discord.ui.View(timeout=None)
    _action_buttons(view, story, open_reports)
    return view if view.children else None


# --- acting --------------------------------------------------------------------------


def _verb(result: ActionResult) -> str:
    action = result.action
    if (
        action is ModAction.APPROVE
        and result.after
        and result.before.status is StoryStatus.PUBLISHED
    ):
        return "✅ Kept published (reports dismissed)"
    return {
        ModAction.APPROVE: "✅ Approved",
        ModAction.HIDE: "🙈 Hidden",
        ModAction.RESTORE: "↩️ Restored",
        ModAction.HIGHLIGHT: "⭐ Highlighted (featured in the next digest)",
        ModAction.UNHIGHLIGHT: "✖️ No longer highlighted",
        ModAction.DELETE: "🗑️ Deleted for good",
    }[action]


async def _update_channels(interaction: Interaction, result: ActionResult) -> str:
    """Wait a moment for the post, re-post or removal the action promised; what is true."""
    bot = interaction.client
    before, after = result.before, result.after
    if after is not None and after.status is StoryStatus.PUBLISHED:
        if before.status is not StoryStatus.PUBLISHED:
            outcome = await bot.publisher.publish(after)
            return outcome.note
        return ""
    if result.action in (ModAction.HIDE, ModAction.DELETE) and before.message_id:
        await bot.publisher.remove(before)  # a post already taken down (reports) is fine
        if before.status is StoryStatus.PUBLISHED:
            if await bot.storage.deliveries.pending_removal(before.message_id) is None:
                return "Its post was taken down."
            return "Its post will be taken down shortly."
    return ""


async def _tell_author(interaction: Interaction, result: ActionResult) -> str:
    """Wait a moment for the author's DM (promised with the action); what is true."""
    if result.notice is None:
        return ""
    bot = interaction.client
    notice_id = result.notice.id
    pending = await bot.storage.deliveries.pending_notice(notice_id)
    if pending is not None:
        await bot.delivery.wait_delivered(pending.id, INLINE_WAIT)
    if await bot.storage.notices.get(notice_id) is None:
        return "The author was told by DM."
    if await bot.storage.deliveries.pending_notice(notice_id) is None:
        return (
            "The author does not accept DMs: they will see a private note next time they "
            "use the bot."
        )
    return "The author will be told by DM shortly."


async def carry_out(
    interaction: Interaction,
    action: ModAction,
    story_id: int,
    created_at: datetime | None,
    reason: str | None,
) -> None:
    """Apply the action, then the channel post, the author's notice and the clicked card."""
    assert interaction.guild is not None, "ensure_moderator refuses DMs"
    service = _service(interaction)
    result = await service.act(
        guild_id=interaction.guild.id,
        story_id=story_id,
        created_at=created_at,
        action=action,
        moderator_id=interaction.user.id,
        reason=reason,
        server_name=interaction.guild.name,
    )
    # Stored and audited: from here on, Discord's slowness must not time the click out.
    await interaction.response.defer()
    sentences = [
        await _update_channels(interaction, result),
        await _tell_author(interaction, result),
    ]
    summary = " ".join(s for s in sentences if s)
    message = interaction.message
    if message is not None and not message.flags.ephemeral:
        await _update_note(interaction, message, result)
        if summary:
            await interaction.followup.send(f"{_verb(result)}. {summary}", ephemeral=True)
        return
    note = f"{_verb(result)}: story #{story_id}. {summary}".rstrip()
    if result.after is None:
        place = await service.place(interaction.guild.id, story_id)
        await interaction.edit_original_response(**gone_payload(story_id, place, note))
    else:
        card = await service.card(interaction.guild.id, story_id)
        await interaction.edit_original_response(**card_payload(card, note))


_OUTCOME_PREFIX = "➡️ "


async def _update_note(
    interaction: Interaction, message: discord.Message, result: ActionResult
) -> None:
    """A note in the moderators' channel: who did what, and the buttons that apply now."""
    lines = [line for line in message.content.split("\n") if not line.startswith(_OUTCOME_PREFIX)]
    lines.append(
        f"{_OUTCOME_PREFIX}{_verb(result)} by <@{interaction.user.id}> "
        f"{discord_time(interaction.client.clock())}"
    )
    content = "\n".join(lines)[-2000:]
    view = None
    if result.after is not None:
        reports = await interaction.client.storage.moderation.open_reports(result.after.id)
        view = note_view(result.after, len(reports))
    await interaction.edit_original_response(content=content, view=view)


_ACTION_TEMPLATE = (
    "mod:(?P<action>" + "|".join(a.value for a in ModAction) + r"):(?P<story_id>\d+):(?P<stamp>\d+)"
)


class StoryActionButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=_ACTION_TEMPLATE,
):
    """Approve, Hide, Restore, Highlight, Unhighlight or Delete one story."""

    def __init__(
        self,
        action: ModAction,
        story: Story | None = None,
        *,
        story_id: int = 0,
        stamp: int = 0,
        row: int | None = None,
    ) -> None:
        if story is not None:
            story_id, stamp = story.id, _stamp(story)
        label, emoji, style = _BUTTONS[action]
        if action is ModAction.APPROVE and story is not None and story.is_visible:
            label = "Keep (dismiss reports)"
        super().__init__(
            discord.ui.Button(
                label=label,
                emoji=emoji,
                style=style,
                custom_id=f"mod:{action.value}:{story_id}:{stamp}",
                row=row,
            )
        )
        self.action = action
        self.story_id = story_id
        self.stamp = stamp

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> StoryActionButton:
        action = ModAction(match["action"])  # the template admits known actions only
        return cls(action, story_id=int(match["story_id"]), stamp=int(match["stamp"]))

    @property
    def created_at(self) -> datetime:
        return datetime.fromtimestamp(self.stamp, UTC)

    @reports_errors
    async def callback(self, interaction: Interaction) -> None:
        await ensure_moderator(interaction)
        if self.action.needs_reason:
            assert interaction.guild_id is not None
            await _service(interaction).check(
                interaction.guild_id, self.story_id, self.created_at, self.action
            )
            form = ReasonForm(self.action, self.story_id, self.created_at, interaction.user.id)
            await interaction.response.send_modal(form)
            return
        await carry_out(interaction, self.action, self.story_id, self.created_at, None)


class QueueNavButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"modq:(?P<direction>prev|next):(?P<story_id>\d+)",
):
    """Prev / Next through the queue, from the story on the card."""

    def __init__(self, direction: str, story_id: int, *, disabled: bool = False) -> None:
        super().__init__(
            discord.ui.Button(
                label="Prev" if direction == "prev" else "Next",
                emoji="◀️" if direction == "prev" else "▶️",
                style=discord.ButtonStyle.secondary,
                custom_id=f"modq:{direction}:{story_id}",
                disabled=disabled,
                row=1,
            )
        )
        self.direction = direction
        self.story_id = story_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: re.Match[str]
    ) -> QueueNavButton:
        return cls(match["direction"], int(match["story_id"]))

    @reports_errors
    async def callback(self, interaction: Interaction) -> None:
        await ensure_moderator(interaction)
        assert interaction.guild_id is not None
        card = await _service(interaction).step(
            interaction.guild_id, self.story_id, forward=self.direction == "next"
        )
        if card is None:
            await interaction.response.edit_message(content=EMPTY_QUEUE, embeds=[], view=None)
        else:
            await interaction.response.edit_message(**card_payload(card))


class ReasonForm(ModeratorModal):
    """Why a story is hidden or deleted; the author reads it. Deleting is confirmed here."""

    def __init__(
        self, action: ModAction, story_id: int, created_at: datetime, user_id: int
    ) -> None:
        title = (
            f"Delete story #{story_id} for good?"
            if action is ModAction.DELETE
            else f"Hide story #{story_id}"
        )
        super().__init__(
            title=title[:45],
            timeout=FORM_TIMEOUT,
            # Unique per user and per opening: Discord routes modal submits by custom id.
            custom_id=f"mod:form:{action.value}:{story_id}:{user_id}:{secrets.token_hex(4)}",
        )
        self.action = action
        self.story_id = story_id
        self.created_at = created_at
        if action is ModAction.DELETE:
            self.add_item(
                discord.ui.TextDisplay(
                    "This removes the story, with its channel post, votes and reports if "
                    "it has any. It cannot be undone. Close this form to keep the story."
                )
            )
        self.reason = discord.ui.TextInput[Any](
            style=discord.TextStyle.paragraph,
            min_length=REASON_MIN,
            max_length=REASON_MAX,
            placeholder="The author is told this reason (not who you are).",
        )
        self.add_item(discord.ui.Label(text="Reason", component=self.reason))

    async def on_submit(self, interaction: Interaction, /) -> None:  # type: ignore[override]
        reason = clean_reason(self.reason.value, self.action)
        await carry_out(interaction, self.action, self.story_id, self.created_at, reason)


QUEUE_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (StoryActionButton, QueueNavButton)
