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
from bot.i18n import Lang, member_lang, server_lang, tr
from bot.interaction_errors import reports_errors
from bot.services.moderation import ModerationService, QueueCard, QueuePlace
from bot.services.stories import discord_time
from cogs.moderation.checks import ModeratorModal, ensure_moderator
from cogs.moderation.queue_card import card_embed, empty_queue, queue_header
from cogs.stories.post import INLINE_WAIT, outcome_words
from storage.records import ActionResult

if TYPE_CHECKING:
    from bot.client import ExperienceBot

    Interaction = discord.Interaction[ExperienceBot]

log = logging.getLogger(__name__)

FORM_TIMEOUT = 15 * 60

# Each action's button: its label is `queue-button-<action>` in the catalog.
_BUTTONS: dict[ModAction, tuple[str, discord.ButtonStyle]] = {
    ModAction.APPROVE: ("✅", discord.ButtonStyle.success),
    ModAction.HIDE: ("🙈", discord.ButtonStyle.secondary),
    ModAction.RESTORE: ("↩️", discord.ButtonStyle.success),
    ModAction.HIGHLIGHT: ("⭐", discord.ButtonStyle.primary),
    ModAction.UNHIGHLIGHT: ("✖️", discord.ButtonStyle.secondary),
    ModAction.DELETE: ("🗑️", discord.ButtonStyle.danger),
}


def _stamp(story: Story) -> int:
    return int(story.created_at.timestamp())


def _service(interaction: Interaction) -> ModerationService:
    bot = interaction.client
    return ModerationService(bot.storage, bot.clock)


# --- cards and their buttons --------------------------------------------------------


def _nav_buttons(lang: Lang, view: discord.ui.View, story_id: int, place: QueuePlace) -> None:
    view.add_item(QueueNavButton("prev", story_id, disabled=place.previous_id is None, lang=lang))
    view.add_item(QueueNavButton("next", story_id, disabled=place.next_id is None, lang=lang))


def _action_buttons(lang: Lang, view: discord.ui.View, story: Story, open_reports: int) -> None:
    for action in available_actions(story, open_reports):
        view.add_item(StoryActionButton(action, story, row=0, lang=lang))


def card_payload(lang: Lang, card: QueueCard, note: str | None = None) -> dict[str, Any]:
    """Content, embed and buttons of a moderator's card (ephemeral)."""
    view = discord.ui.View(timeout=None)
    _action_buttons(lang, view, card.story, len(card.reports))
    _nav_buttons(lang, view, card.story.id, card.place)
    content = queue_header(lang, card.place, card.story.id)
    if note:
        content += f"\n{note}"
    return {"content": content, "embeds": [card_embed(lang, card)], "view": view}


def gone_payload(lang: Lang, story_id: int, place: QueuePlace, note: str) -> dict[str, Any]:
    """The card of a story that no longer exists: what happened, and the way on."""
    view = discord.ui.View(timeout=None)
    _nav_buttons(lang, view, story_id, place)
    return {"content": f"{queue_header(lang, place, story_id)}\n{note}", "embeds": [], "view": view}


def note_view(story: Story, open_reports: int, lang: Lang = "en") -> discord.ui.View | None:
    """Action buttons for a note in the moderators' channel (no Prev/Next there), in the
    server's language (the note's caller picks it)."""
    view = discord.ui.View(timeout=None)
    _action_buttons(lang, view, story, open_reports)
    return view if view.children else None


# --- acting --------------------------------------------------------------------------


def _verb(lang: Lang, result: ActionResult) -> str:
    action = result.action
    if (
        action is ModAction.APPROVE
        and result.after
        and result.before.status is StoryStatus.PUBLISHED
    ):
        return tr(lang, "queue-done-kept")
    return tr(lang, f"queue-done-{action.value}")


async def _update_channels(lang: Lang, interaction: Interaction, result: ActionResult) -> str:
    """Wait a moment for the post, re-post or removal the action promised; what is true."""
    bot = interaction.client
    before, after = result.before, result.after
    if after is not None and after.status is StoryStatus.PUBLISHED:
        if before.status is not StoryStatus.PUBLISHED:
            outcome = await bot.publisher.publish(after)
            return outcome_words(lang, outcome)
        return ""
    if result.action in (ModAction.HIDE, ModAction.DELETE) and before.message_id:
        await bot.publisher.remove(before)  # a post already taken down (reports) is fine
        if before.status is StoryStatus.PUBLISHED:
            if await bot.storage.deliveries.pending_removal(before.message_id) is None:
                return tr(lang, "queue-post-taken-down")
            return tr(lang, "queue-post-taken-down-soon")
    return ""


async def _tell_author(lang: Lang, interaction: Interaction, result: ActionResult) -> str:
    """Wait a moment for the author's DM (promised with the action); what is true."""
    if result.notice is None:
        return ""
    bot = interaction.client
    notice_id = result.notice.id
    pending = await bot.storage.deliveries.pending_notice(notice_id)
    if pending is not None:
        await bot.delivery.wait_delivered(pending.id, INLINE_WAIT)
    if await bot.storage.notices.get(notice_id) is None:
        return tr(lang, "queue-author-told")
    if await bot.storage.deliveries.pending_notice(notice_id) is None:
        return tr(lang, "queue-author-later")
    return tr(lang, "queue-author-told-soon")


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
    lang = member_lang(interaction)
    sentences = [
        await _update_channels(lang, interaction, result),
        await _tell_author(lang, interaction, result),
    ]
    summary = " ".join(s for s in sentences if s)
    message = interaction.message
    if message is not None and not message.flags.ephemeral:
        await _update_note(interaction, message, result)
        if summary:
            await interaction.followup.send(f"{_verb(lang, result)}. {summary}", ephemeral=True)
        return
    done = tr(lang, "queue-done-story", done=_verb(lang, result), id=str(story_id))
    note = f"{done} {summary}".rstrip()
    if result.after is None:
        place = await service.place(interaction.guild.id, story_id)
        await interaction.edit_original_response(**gone_payload(lang, story_id, place, note))
    else:
        card = await service.card(interaction.guild.id, story_id)
        await interaction.edit_original_response(**card_payload(lang, card, note))


_OUTCOME_PREFIX = "➡️ "


async def _update_note(
    interaction: Interaction, message: discord.Message, result: ActionResult
) -> None:
    """A note in the moderators' channel: who did what, and the buttons that apply now.

    The note is shared by every moderator: it stays in the server's language.
    """
    settings = await interaction.client.storage.guild_settings.get(result.before.guild_id)
    lang = server_lang(interaction.guild, settings.language)
    lines = [line for line in message.content.split("\n") if not line.startswith(_OUTCOME_PREFIX)]
    outcome = tr(
        lang,
        "queue-done-by",
        done=_verb(lang, result),
        moderator=f"<@{interaction.user.id}>",
        when=discord_time(interaction.client.clock()),
    )
    lines.append(_OUTCOME_PREFIX + outcome)
    content = "\n".join(lines)[-2000:]
    view = None
    if result.after is not None:
        reports = await interaction.client.storage.moderation.open_reports(result.after.id)
        view = note_view(result.after, len(reports), lang)
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
        lang: Lang = "en",
    ) -> None:
        if story is not None:
            story_id, stamp = story.id, _stamp(story)
        emoji, style = _BUTTONS[action]
        label = tr(lang, f"queue-button-{action.value}")
        if action is ModAction.APPROVE and story is not None and story.is_visible:
            label = tr(lang, "queue-button-keep")
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
        await self._act(interaction)

    async def _act(self, interaction: Interaction) -> None:
        if self.action.needs_reason:
            assert interaction.guild_id is not None
            await _service(interaction).check(
                interaction.guild_id, self.story_id, self.created_at, self.action
            )
            form = ReasonForm(
                self.action,
                self.story_id,
                self.created_at,
                interaction.user.id,
                member_lang(interaction),
            )
            await interaction.response.send_modal(form)
            return
        await carry_out(interaction, self.action, self.story_id, self.created_at, None)


class QueueNavButton(
    discord.ui.DynamicItem[discord.ui.Button[Any]],
    template=r"modq:(?P<direction>prev|next):(?P<story_id>\d+)",
):
    """Prev / Next through the queue, from the story on the card."""

    def __init__(
        self, direction: str, story_id: int, *, disabled: bool = False, lang: Lang = "en"
    ) -> None:
        super().__init__(
            discord.ui.Button(
                label=tr(lang, f"queue-button-{direction}"),
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
        lang = member_lang(interaction)
        card = await _service(interaction).step(
            interaction.guild_id, self.story_id, forward=self.direction == "next"
        )
        if card is None:
            await interaction.response.edit_message(content=empty_queue(lang), embeds=[], view=None)
        else:
            await interaction.response.edit_message(**card_payload(lang, card))


class ReasonForm(ModeratorModal):
    """Why a story is hidden or deleted; the author reads it. Deleting is confirmed here."""

    def __init__(
        self, action: ModAction, story_id: int, created_at: datetime, user_id: int, lang: Lang
    ) -> None:
        title = tr(
            lang,
            "queue-form-delete-title" if action is ModAction.DELETE else "queue-form-hide-title",
            id=str(story_id),
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
            self.add_item(discord.ui.TextDisplay(tr(lang, "queue-form-delete-warning")))
        self.reason = discord.ui.TextInput[Any](
            style=discord.TextStyle.paragraph,
            min_length=REASON_MIN,
            max_length=REASON_MAX,
            placeholder=tr(lang, "queue-form-reason-placeholder"),
        )
        self.add_item(discord.ui.Label(text=tr(lang, "queue-form-reason"), component=self.reason))

    async def on_submit(self, interaction: Interaction, /) -> None:  # type: ignore[override]
        reason = clean_reason(self.reason.value, self.action)
        await carry_out(interaction, self.action, self.story_id, self.created_at, reason)


QUEUE_ITEMS: tuple[type[discord.ui.DynamicItem[Any]], ...] = (StoryActionButton, QueueNavButton)
