"""The English detector of the French e2e tests can fail: it finds English in every
English message of the story flow's catalogs and in nothing of their French."""

from __future__ import annotations

import pytest
from fluent.syntax import FluentParser, ast

from bot.i18n.catalog import catalog_files
from tests.e2e.language_helpers import english_in

STORY_FLOW = [
    "followups.ftl",
    "story.ftl",
    "submission.ftl",
    "posting.ftl",
    "errors.ftl",
    "common.ftl",
]


def texts(lang: str, file: str) -> dict[str, str]:
    """Every message's text (each variant of a plural or a selector) by key."""
    found: dict[str, str] = {}
    for entry in FluentParser().parse(catalog_files(lang)[file]).body:
        if isinstance(entry, ast.Message) and entry.value is not None:
            found[entry.id.name] = " ".join(_text(entry.value))
    return found


def _text(pattern: ast.Pattern) -> list[str]:
    parts: list[str] = []
    for element in pattern.elements:
        if isinstance(element, ast.TextElement):
            parts.append(element.value)
        elif isinstance(element, ast.Placeable) and isinstance(
            element.expression, ast.SelectExpression
        ):
            for variant in element.expression.variants:
                parts.extend(_text(variant.value))
    return parts


# English messages with no word of their own to tell ("{ $score }/10", "{ $hours } h …",
# a date pattern; "minute" is French too).
WORDLESS = {
    "post-recommend-score",
    "duration-hours-minutes",
    "n-minutes",
    "day-pattern",
    "followup-brand-option",
    "brand-choice-stories",
}


@pytest.mark.parametrize("file", STORY_FLOW)
def test_every_english_message_of_the_story_flow_is_found_english(file: str) -> None:
    missed = [
        (key, text)
        for key, text in texts("en", file).items()
        if key not in WORDLESS and not english_in(text)
    ]
    assert not missed


@pytest.mark.parametrize("file", [*STORY_FLOW, "form.ftl", "my_stories.ftl"])
def test_no_french_message_is_taken_for_english(file: str) -> None:
    wrong = {key: english_in(text) for key, text in texts("fr", file).items()}
    assert not {key: found for key, found in wrong.items() if found}


def test_code_links_markup_commands_and_member_text_are_not_counted() -> None:
    assert english_in("Your story is saved.") == ["Your", "story", "is", "saved"]
    assert english_in("Utilisez `/story edit` : <t:1700000000:R> https://x.y/the") == []
    assert english_in("Voir /story mine dans <#123>") == []
    assert english_in("« Lost my bag » sur Air Canada", theirs=["Lost my bag"]) == []
