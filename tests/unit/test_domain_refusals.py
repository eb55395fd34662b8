"""Every refusal the domain gives is facts (a code and its values), worded in English and
in French by the catalogs, with its facts in the sentence and no English in the French.

Each refusal here is raised by the real domain function, as a moderator or member would
cause it, then worded as the bot's one error path words it (`refusal_text`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime

import pytest
from pydantic import ValidationError

from bot.domain.brand_refusals import BrandChangeRefused, BrandRefusal
from bot.domain.curation import ModAction, clean_reason, decide, story_gone
from bot.domain.guild_settings import GuildSettings
from bot.domain.moderators import SettingsRefused, _pydantic_problem, apply_settings_changes
from bot.domain.stories import Story, StoryStatus
from bot.domain.submission import StoryKind
from bot.domain.touchpoints import Touchpoint
from bot.domain.weeks import (
    ScheduleError,
    parse_week_start,
    validate_hour,
    validate_weekday,
    validate_zone,
    window_for_week,
)
from bot.errors import UserFacingError
from bot.i18n.catalog import has, words
from bot.i18n.refusals import refusal_text
from tests.e2e.language_helpers import english_in

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)
STORY_ID = 12345  # five digits: a story number is never grouped ("#12,345")


def _story(status: StoryStatus, *, highlighted: bool = False) -> Story:
    return Story(
        id=STORY_ID,
        guild_id=1,
        author_id=2,
        brand_id=3,
        brand_name="Acme",
        kind=StoryKind.GREAT,
        headline="A headline",
        body="A body long enough to be a story.",
        rating=4,
        touchpoints=(Touchpoint.SERVICE,),
        anonymous=False,
        status=status,
        highlighted=highlighted,
        created_at=NOW,
        published_at=NOW if status is StoryStatus.PUBLISHED else None,
    )


def _caught(call: Callable[[], object]) -> UserFacingError:
    with pytest.raises(UserFacingError) as caught:
        call()
    return caught.value


def _every_curation_refusal() -> Iterator[UserFacingError]:
    statuses = [_story(s) for s in StoryStatus] + [_story(StoryStatus.PUBLISHED, highlighted=True)]
    for action in ModAction:
        for story in statuses:
            try:
                decide(action, story, 0, "reason", NOW)
            except UserFacingError as refused:
                yield refused
    yield story_gone(STORY_ID)
    yield _caught(lambda: clean_reason("", ModAction.HIDE))
    yield _caught(lambda: clean_reason("a\u200b", ModAction.HIDE))
    yield _caught(lambda: clean_reason("x" * 301, ModAction.HIDE))


CURATION = list(_every_curation_refusal())


def test_every_curation_refusal_is_met() -> None:
    keys = {refused.phrase.key for refused in CURATION if refused.phrase}
    assert keys == {
        "curation-gone",
        "curation-reason-missing",
        "curation-reason-short",
        "curation-reason-long",
        "curation-draft-only-delete",
        "curation-already-published",
        "curation-hidden-use-restore",
        "curation-already-hidden",
        "curation-not-hidden",
        "curation-highlight-unpublished",
        "curation-already-highlighted",
        "curation-not-highlighted",
    }


def _assert_worded_in_both(refused: UserFacingError, *facts: str) -> tuple[str, str]:
    """The refusal in both languages: a sentence with its facts, French free of English."""
    assert refused.phrase is not None, "a refusal from the domain is facts, not a sentence"
    english, french = refusal_text("en", refused), refusal_text("fr", refused)
    assert has("en", refused.phrase.key)
    assert has("fr", refused.phrase.key)
    for text in (english, french):
        assert "{" not in text, text
        assert refused.phrase.key not in text, text
        for fact in facts:
            assert fact in text, (fact, text)
    assert english_in(english), f"the detector must find English in {english!r}"
    assert not english_in(french), (french, english_in(french))
    return english, french


@pytest.mark.parametrize("refused", CURATION, ids=lambda r: r.phrase.key if r.phrase else "?")
def test_a_curation_refusal_is_worded_in_both_languages(refused: UserFacingError) -> None:
    about_story = "reason" not in refused.phrase.key if refused.phrase else True
    _assert_worded_in_both(refused, *([str(STORY_ID)] if about_story else []))


def test_a_stories_status_is_worded_inside_the_sentence_in_the_language() -> None:
    refused = _caught(lambda: decide(ModAction.RESTORE, _story(StoryStatus.PENDING), 0, "x", NOW))
    english, french = _assert_worded_in_both(refused, "12345")
    assert english == "Story #12345 is not hidden (it is waiting for review): nothing to restore."
    assert french == (
        "L'histoire n° 12345 n'est pas masquée (elle est en attente de relecture) : "
        "rien à rétablir."
    )


SETTINGS_CHANGES = [
    ({"nope": 1}, "nope"),
    ({"timezone": "Mars/Olympus"}, "Mars/Olympus"),
    ({"daily_cap": "five"}, ""),
    ({"daily_cap": 500}, "500"),
    ({"prior_weight": 25.5}, ""),
    ({"digest_hour": 3.5}, ""),
    ({"review_mode": "sometimes"}, ""),
    ({"quiet_week_post": "perhaps"}, ""),
    ({"language": "de"}, ""),
]


@pytest.mark.parametrize(("changes", "fact"), SETTINGS_CHANGES, ids=lambda c: str(c))
def test_a_settings_refusal_is_worded_in_both_languages(
    changes: dict[str, object], fact: str
) -> None:
    refused = _caught(lambda: apply_settings_changes(GuildSettings(guild_id=1), changes))
    assert isinstance(refused, SettingsRefused)
    assert all(has("fr", p.key) and has("en", p.key) for p in refused.problems)
    english, french = _assert_worded_in_both(refused, *([fact] if fact else []))
    assert english.startswith("Nothing was changed:\n• ")
    assert french.startswith("Rien n'a été changé :\n• ")


def test_numbers_in_a_settings_refusal_follow_the_language() -> None:
    refused = _caught(
        lambda: apply_settings_changes(GuildSettings(guild_id=1), {"prior_weight": 25.5})
    )
    assert refusal_text("en", refused).endswith("Prior weight must be between 0 and 20, not 25.5.")
    assert refusal_text("fr", refused).endswith("doit être entre 0 et 20, pas 25,5.")


def test_the_settings_models_own_bounds_are_worded_too() -> None:
    """Bounds /storymod setup does not check first (the model's own) are facts too."""
    with pytest.raises(ValidationError) as invalid:
        GuildSettings.model_validate({"guild_id": 1, "cooldown_seconds": -1})
    problem = _pydantic_problem(invalid.value.errors()[0])
    assert words("en", problem) == "Cooldown between stories must be at least 0."
    assert words("fr", problem) == "Délai entre deux histoires doit valoir au moins 0."
    with pytest.raises(ValidationError) as invalid:
        GuildSettings.model_validate({"guild_id": 1, "retention_days": 400})
    problem = _pydantic_problem(invalid.value.errors()[0])
    assert words("fr", problem).endswith("doit valoir au plus 365.")


SCHEDULE_CALLS: list[tuple[Callable[[], object], str]] = [
    (lambda: validate_zone(""), ""),
    (lambda: validate_zone("Mars/Olympus"), "Mars/Olympus"),
    (lambda: validate_hour(24), "23"),
    (lambda: validate_weekday(7), "6"),
    (lambda: parse_week_start("last week"), "2026-11-16"),
    (lambda: window_for_week("2026-11-17", "UTC"), "2026-11-17"),
    (lambda: window_for_week(date(2026, 11, 30), "UTC", now=NOW), "2026-11-30"),
]


@pytest.mark.parametrize(("call", "fact"), SCHEDULE_CALLS)
def test_a_schedule_refusal_is_worded_in_both_languages(
    call: Callable[[], object], fact: str
) -> None:
    refused = _caught(call)
    assert isinstance(refused, ScheduleError)
    _assert_worded_in_both(refused, *([fact] if fact else []))


def test_weekdays_in_a_schedule_refusal_are_named_in_the_language() -> None:
    refused = _caught(lambda: window_for_week("2026-11-17", "UTC"))
    assert "Tuesday" in refusal_text("en", refused)
    assert refusal_text("fr", refused) == (
        "Le 2026-11-17 est un mardi ; sur ce serveur, les semaines commencent le lundi."
    )


# The facts each brand refusal carries (bot/domain/brand_refusals.py), as storage gives them.
BRAND_FACTS: dict[BrandRefusal, dict[str, str | int]] = {
    BrandRefusal.ALREADY_CALLED: {"name": "Acme"},
    BrandRefusal.NAME_TAKEN: {"name": "Acme", "owner": "Acme Corp"},
    BrandRefusal.ALIAS_ALREADY_THERE: {"brand": "Acme", "alias": "ACM"},
    BrandRefusal.ALIAS_TAKEN: {"alias": "ACM", "owner": "Acme Corp"},
    BrandRefusal.NO_SUCH_ALIAS: {"brand": "Acme"},
    BrandRefusal.ALREADY_IN_INDUSTRY: {"brand": "Acme", "industry": "retail"},
    BrandRefusal.NO_SUCH_MERGE: {"merge": 12345},
    BrandRefusal.MERGE_UNDONE: {"merge": 12345},
    BrandRefusal.UNDO_AFTER_LATER_MERGE: {"merge": 12345, "successor": 12346},
    BrandRefusal.UNDO_TARGET_REMOVED: {"merge": 12345},
    BrandRefusal.UNDO_NAME_ON_TARGET: {"brand": "Acme", "name": "ACM"},
    BrandRefusal.UNDO_NAME_TAKEN: {"name": "ACM", "owner": "Acme Corp"},
    BrandRefusal.ALREADY_ONE_BRAND: {"source": "ACM", "target": "Acme", "brand": "Acme"},
    BrandRefusal.NO_MERGE_FOR_NAME: {"name": "Acme"},
    BrandRefusal.REASON_TOO_LONG: {"max": 300, "length": 301},
    BrandRefusal.NAME_TOO_LONG: {"max": 80, "length": 81},
    BrandRefusal.UNKNOWN_BRAND: {"name": "Acme"},
    BrandRefusal.UNKNOWN_BRAND_SUGGEST: {"name": "Acme", "suggestions": "Acne\nAcmé"},
}


@pytest.mark.parametrize("reason", list(BrandRefusal), ids=lambda r: r.value)
def test_a_brand_refusal_is_worded_in_both_languages(reason: BrandRefusal) -> None:
    facts = BRAND_FACTS.get(reason, {})
    refused = BrandChangeRefused(reason, **facts)
    shown = [str(v) for k, v in facts.items() if k not in ("industry", "suggestions")]
    _assert_worded_in_both(refused, *shown)
    assert refused.message == f"brand-refused-{reason.value}"  # what logs show: the code
