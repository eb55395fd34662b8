"""Moderators' decisions: which apply to which story, what they change, what authors hear."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.domain.curation import (
    REASON_MAX,
    ModAction,
    Notice,
    author_notice,
    available_actions,
    clean_reason,
    decide,
)
from bot.domain.stories import Story, StoryStatus
from bot.domain.submission import StoryKind
from bot.domain.touchpoints import Touchpoint
from bot.i18n.catalog import Lang
from bot.i18n.outbox import notice_text
from bot.services.moderation import QueuePlace, place_of
from cogs.notices import MESSAGE_MAX, pack_notices
from tests.refusals import refused_with

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def story(**changes: Any) -> Story:
    base: dict[str, Any] = {
        "id": 7,
        "guild_id": 1,
        "author_id": 2,
        "brand_id": 3,
        "brand_name": "Air Canada",
        "kind": StoryKind.GREAT,
        "headline": "Upgraded *for free*",
        "body": "The gate agent noticed our anniversary.",
        "rating": 5,
        "touchpoints": (Touchpoint.SERVICE,),
        "status": StoryStatus.PUBLISHED,
        "created_at": datetime(2026, 11, 20, tzinfo=UTC),
    }
    return Story.model_validate({**base, **changes})


PENDING = story(status=StoryStatus.PENDING)
PUBLISHED = story(published_at=datetime(2026, 11, 21, tzinfo=UTC))
HIDDEN = story(status=StoryStatus.HIDDEN, hidden_reason="reported by readers")
DRAFT = story(status=StoryStatus.DRAFT)
STARRED = story(highlighted=True)


@pytest.mark.parametrize(
    ("subject", "reports", "expected"),
    [
        (PENDING, 0, [ModAction.APPROVE, ModAction.HIDE, ModAction.DELETE]),
        (PUBLISHED, 0, [ModAction.HIDE, ModAction.HIGHLIGHT, ModAction.DELETE]),
        (
            PUBLISHED,
            2,
            [ModAction.APPROVE, ModAction.HIDE, ModAction.HIGHLIGHT, ModAction.DELETE],
        ),
        (STARRED, 0, [ModAction.HIDE, ModAction.UNHIGHLIGHT, ModAction.DELETE]),
        (HIDDEN, 3, [ModAction.RESTORE, ModAction.DELETE]),
        (DRAFT, 0, [ModAction.DELETE]),
    ],
)
def test_available_actions_follow_the_status(
    subject: Story, reports: int, expected: list[ModAction]
) -> None:
    assert available_actions(subject, reports) == expected


def test_approve_publishes_a_pending_story_now_and_resolves_reports() -> None:
    decision = decide(ModAction.APPROVE, PENDING, 0, None, NOW)
    assert decision.changes == {"status": StoryStatus.PUBLISHED, "published_at": NOW}
    assert decision.resolve_reports


def test_approving_a_reported_published_story_only_dismisses_the_reports() -> None:
    decision = decide(ModAction.APPROVE, PUBLISHED, 1, None, NOW)
    assert decision.changes == {}
    assert decision.resolve_reports


def test_restore_keeps_the_first_publication_time_and_clears_the_reason() -> None:
    decision = decide(ModAction.RESTORE, story(status="hidden", published_at=NOW), 2, None, NOW)
    assert decision.changes == {
        "status": StoryStatus.PUBLISHED,
        "hidden_reason": None,
        "published_at": NOW,
    }
    assert decision.resolve_reports


def test_hide_stores_the_reason_and_delete_deletes() -> None:
    assert decide(ModAction.HIDE, PUBLISHED, 0, "Too personal", NOW).changes == {
        "status": StoryStatus.HIDDEN,
        "hidden_reason": "Too personal",
    }
    assert decide(ModAction.DELETE, HIDDEN, 0, "Spam", NOW).delete


@pytest.mark.parametrize(
    ("action", "subject", "message"),
    [
        (ModAction.APPROVE, PUBLISHED, "already published"),
        (ModAction.APPROVE, HIDDEN, "use Restore"),
        (ModAction.RESTORE, PUBLISHED, r"not hidden \(it is published\)"),
        (ModAction.RESTORE, PENDING, r"not hidden \(it is waiting for review\)"),
        (ModAction.HIDE, HIDDEN, "already hidden"),
        (ModAction.HIGHLIGHT, PENDING, "only published stories"),
        (ModAction.HIGHLIGHT, STARRED, "already highlighted"),
        (ModAction.UNHIGHLIGHT, PUBLISHED, "not highlighted"),
        (ModAction.APPROVE, DRAFT, "only Delete applies"),
    ],
)
def test_actions_that_do_not_apply_say_why(action: ModAction, subject: Story, message: str) -> None:
    with refused_with(message):
        decide(action, subject, 0, "reason", NOW)


def test_reasons_are_cleaned_and_required_where_the_author_is_told() -> None:
    assert clean_reason("  Too\tpersonal \u200b", ModAction.HIDE) == "Too\tpersonal"
    assert clean_reason("", ModAction.RESTORE) is None
    for action in (ModAction.HIDE, ModAction.DELETE):
        with refused_with("give a reason"):
            clean_reason("\u200b\u3164 ", action)
    with refused_with("at least 3 visible"):
        clean_reason("ab", ModAction.HIDE)
    with refused_with("under 300"):
        clean_reason("x" * (REASON_MAX + 1), ModAction.HIDE)


def worded(told: tuple[str, dict[str, str | int]] | None, lang: Lang = "en") -> str | None:
    """A notice as stored (facts), in words as the member reads it."""
    if told is None:
        return None
    what, facts = told
    return notice_text(
        lang, Notice(id=1, guild_id=1, user_id=2, what=what, facts=facts, created_at=NOW)
    )


def test_authors_hear_of_approvals_hides_and_deletions_with_the_reason() -> None:
    approve = decide(ModAction.APPROVE, PENDING, 0, None, NOW)
    told = author_notice(ModAction.APPROVE, PENDING, approve, None, "Travel **Club**")
    assert told is not None
    assert told[0] == "approved"
    assert all(isinstance(v, int) or "your story" not in v for v in told[1].values())  # facts
    text = worded(told)
    assert text is not None
    assert "approved your story #7" in text
    assert "Upgraded \\*for free\\*" in text  # member text is escaped
    assert "Travel \\*\\*Club\\*\\*" in text
    hide = decide(ModAction.HIDE, PUBLISHED, 0, "@everyone look", NOW)
    hidden = worded(author_notice(ModAction.HIDE, PUBLISHED, hide, "@everyone look", "Club"))
    assert hidden is not None
    assert "Reason: @\u200beveryone look" in hidden
    deleted = author_notice(
        ModAction.DELETE, PUBLISHED, decide(ModAction.DELETE, PUBLISHED, 0, "x", NOW), "Spam", "C"
    )
    assert "deleted your story #7" in (worded(deleted) or "")
    assert "a supprimé votre histoire n° 7" in (worded(deleted, "fr") or "")
    assert "Motif : Spam" in (worded(deleted, "fr") or "")


@pytest.mark.parametrize(
    ("action", "subject", "reports"),
    [
        (ModAction.APPROVE, PUBLISHED, 1),  # reports dismissed: nothing changed for the author
        (ModAction.RESTORE, HIDDEN, 0),
        (ModAction.HIGHLIGHT, PUBLISHED, 0),
        (ModAction.UNHIGHLIGHT, STARRED, 0),
    ],
)
def test_other_actions_leave_the_author_alone(
    action: ModAction, subject: Story, reports: int
) -> None:
    decision = decide(action, subject, reports, None, NOW)
    assert author_notice(action, subject, decision, None, "Club") is None


def test_the_queue_place_works_for_stories_in_and_out_of_it() -> None:
    assert place_of(5, [2, 5, 9]) == QueuePlace(2, 3, 2, 9)
    assert place_of(2, [2, 5, 9]) == QueuePlace(1, 3, None, 5)
    assert place_of(6, [2, 5, 9]) == QueuePlace(None, 3, 5, 9)  # approved or deleted since
    assert place_of(6, []) == QueuePlace(None, 0, None, None)


def notice(number: int, length: int) -> Notice:
    facts: dict[str, str | int] = {"text": "n" * length}
    return Notice(id=number, guild_id=1, user_id=2, what="legacy", facts=facts, created_at=NOW)


def test_notices_are_packed_whole_into_one_message() -> None:
    text, packed = pack_notices("en", [notice(1, 900), notice(2, 900), notice(3, 900)])
    assert [n.id for n in packed] == [1, 2]  # the third waits for the next command
    assert text.startswith("📬 **While you were away**")
    assert len(text) <= MESSAGE_MAX
