"""Moderators' decisions on a story: which apply, what they change, what the author hears.

Pure rules, no Discord and no SQL. Storage calls `decide` inside the very transaction that
applies the change, against the row as it is at that moment, so a double click or two
moderators clicking at once get a clear refusal instead of a second change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from bot.domain.markdown import truncate
from bot.domain.stories import Story, StoryStatus
from bot.domain.text import clean_text, visible_length
from bot.errors import UserFacingError
from bot.phrase import Phrase

REASON_MIN = 3
REASON_MAX = 300
# What the author reads in a notice; the card shows the whole headline.
_HEADLINE_IN_NOTICE = 80


class ModAction(StrEnum):
    """The audit log's action names, and the middle part of the buttons' custom ids."""

    APPROVE = "approve"
    HIDE = "hide"
    RESTORE = "restore"
    HIGHLIGHT = "highlight"
    UNHIGHLIGHT = "unhighlight"
    DELETE = "delete"

    @property
    def needs_reason(self) -> bool:
        return self in (ModAction.HIDE, ModAction.DELETE)


class StoryReport(BaseModel):
    """A reader's report, open until a moderator decides on the story."""

    model_config = ConfigDict(frozen=True)

    story_id: int
    reporter_id: int
    reason: str
    created_at: datetime


class Notice(BaseModel):
    """A private note waiting for a member, shown by DM or on their next command."""

    model_config = ConfigDict(frozen=True)

    id: int
    guild_id: int
    user_id: int
    what: str  # approved, hidden, deleted (or legacy: a sentence stored before facts)
    facts: dict[str, str | int]
    created_at: datetime


@dataclass(frozen=True)
class Decision:
    """What an action does to the stored story."""

    changes: dict[str, Any] = field(default_factory=dict)  # stories columns to set
    resolve_reports: bool = False
    delete: bool = False


class CurationRefused(UserFacingError):
    """A moderator's action that does not apply, as facts only: a catalog key
    (`curation-…`) and its values (the story's number, its status as a nested phrase),
    worded in the moderator's language by the bot's one error path."""

    def __init__(self, key: str, /, **values: str | int | Phrase) -> None:
        super().__init__(Phrase(key, values))


def story_gone(story_id: int) -> CurationRefused:
    """The one answer for a story deleted meanwhile and for one of another server."""
    return CurationRefused("curation-gone", id=story_id)


def status_phrase(story: Story) -> Phrase:
    """Where the story stands ("waiting for review"), to be worded inside a sentence."""
    return Phrase(f"curation-status-{story.status.value}")


def _refused(story: Story, key: str) -> CurationRefused:
    """A refusal about `story`: its number and status are the values."""
    return CurationRefused(key, id=story.id, status=status_phrase(story))


def clean_reason(reason: str | None, action: ModAction) -> str | None:
    """The moderator's reason as stored: cleaned, required where the author is told why."""
    text = clean_text(reason or "", multiline=True)
    if not text:
        if action.needs_reason:
            raise CurationRefused("curation-reason-missing", min=REASON_MIN)
        return None
    if visible_length(text) < REASON_MIN:
        raise CurationRefused("curation-reason-short", min=REASON_MIN)
    if len(text) > REASON_MAX:
        raise CurationRefused("curation-reason-long", max=REASON_MAX)
    return text


def decide(
    action: ModAction, story: Story, open_reports: int, reason: str | None, now: datetime
) -> Decision:
    """What `action` changes on `story` now, or UserFacingError saying why it does not apply."""
    status = story.status
    if action is ModAction.DELETE:
        return Decision(delete=True)
    if status is StoryStatus.DRAFT:
        raise _refused(story, "curation-draft-only-delete")
    if action is ModAction.APPROVE:
        if status is StoryStatus.PENDING:
            return Decision(
                {"status": StoryStatus.PUBLISHED, "published_at": story.published_at or now},
                resolve_reports=True,
            )
        if status is StoryStatus.PUBLISHED and open_reports:
            # "The reports are unfounded": it stays published and leaves the queue.
            return Decision(resolve_reports=True)
        if status is StoryStatus.PUBLISHED:
            raise _refused(story, "curation-already-published")
        raise _refused(story, "curation-hidden-use-restore")
    if action is ModAction.HIDE:
        if status is StoryStatus.HIDDEN:
            raise _refused(story, "curation-already-hidden")
        return Decision(
            {"status": StoryStatus.HIDDEN, "hidden_reason": reason}, resolve_reports=True
        )
    if action is ModAction.RESTORE:
        if status is not StoryStatus.HIDDEN:
            raise _refused(story, "curation-not-hidden")
        return Decision(
            {
                "status": StoryStatus.PUBLISHED,
                "hidden_reason": None,
                "published_at": story.published_at or now,
            },
            resolve_reports=True,
        )
    if action is ModAction.HIGHLIGHT:
        if status is not StoryStatus.PUBLISHED:
            raise _refused(story, "curation-highlight-unpublished")
        if story.highlighted:
            raise _refused(story, "curation-already-highlighted")
        return Decision({"highlighted": True})
    assert action is ModAction.UNHIGHLIGHT
    if not story.highlighted:
        raise _refused(story, "curation-not-highlighted")
    return Decision({"highlighted": False})


def available_actions(story: Story, open_reports: int) -> list[ModAction]:
    """The actions that would apply now, in the order the buttons show them."""
    actions = []
    for action in ModAction:
        try:
            decide(action, story, open_reports, "-", story.created_at)
        except UserFacingError:
            continue
        actions.append(action)
    return actions


def author_notice(
    action: ModAction, before: Story, decision: Decision, reason: str | None, server: str
) -> tuple[str, dict[str, str | int]] | None:
    """What the author is told privately, as facts (what, values), or None.

    Authors hear of approvals, hides and deletions, with the moderator's reason (never the
    moderator's name). Keeping a reported story published is not news to them. The words
    come from the catalog when the notice is delivered (bot/i18n/outbox.py).
    """
    facts: dict[str, str | int] = {
        "story_id": before.id,
        "headline": truncate(before.headline, _HEADLINE_IN_NOTICE),
        "server": truncate(server, 100),
    }
    if reason is not None:
        facts["reason"] = truncate(reason, REASON_MAX)
    if action is ModAction.APPROVE and decision.changes:
        return "approved", facts
    if action is ModAction.HIDE:
        return "hidden", facts
    if action is ModAction.DELETE:
        return "deleted", facts
    return None
