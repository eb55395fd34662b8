"""The catalogs: French has every English message, with the same placeholders, none
empty; the language rules (plurals, numbers, days) are the language's own."""

from __future__ import annotations

from datetime import date

import pytest
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot.i18n import LANGS, count, day, lang_of, tr
from bot.i18n.catalog import catalog_files

TRANSLATIONS = [lang for lang in LANGS if lang != "en"]


class _Placeholders(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()
        self.text = ""

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)

    def visit_TextElement(self, node: ast.TextElement) -> None:
        self.text += node.value


def messages(lang: str) -> dict[str, tuple[set[str], str]]:
    """Every message and attribute of a language: key → (placeholders, its plain text)."""
    found: dict[str, tuple[set[str], str]] = {}
    for name, text in catalog_files(lang).items():
        resource = FluentParser().parse(text)
        for entry in resource.body:
            assert not isinstance(entry, ast.Junk), f"{lang}/{name}: {entry.content!r}"
            if not isinstance(entry, ast.Message):
                continue
            parts = [(entry.id.name, entry.value)] + [
                (f"{entry.id.name}.{a.id.name}", a.value) for a in entry.attributes
            ]
            for key, pattern in parts:
                assert key not in found, f"{lang}: {key} is defined twice"
                seen = _Placeholders()
                if pattern is not None:
                    seen.visit(pattern)
                found[key] = (seen.names, seen.text)
    return found


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_a_translation_has_every_english_message_with_the_same_placeholders(lang: str) -> None:
    english, translated = messages("en"), messages(lang)
    assert english, "the English catalog is empty"
    missing = sorted(set(english) - set(translated))
    assert not missing, f"{lang} lacks {missing}"
    for key, (names, _) in english.items():
        assert translated[key][0] == names, f"{key}: {lang} uses {translated[key][0]}, en {names}"


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_only_command_translations_exist_in_a_translation_alone(lang: str) -> None:
    # Commands' and choices' English text lives in the code (Discord needs it as the default).
    extra = set(messages(lang)) - set(messages("en"))
    assert all(key.startswith(("cmd-", "choice-")) for key in extra), sorted(extra)


@pytest.mark.parametrize("lang", LANGS)
def test_no_message_is_empty(lang: str) -> None:
    for key, (names, text) in messages(lang).items():
        assert names or text.strip(), f"{lang}: {key} is empty"


@pytest.mark.parametrize(
    ("locale", "lang"),
    [("fr", "fr"), ("fr-FR", "fr"), ("fr-CA", "fr"), ("en-US", "en"), ("de", "en"), (None, "en")],
)
def test_any_french_variant_is_french_and_anything_else_english(
    locale: str | None, lang: str
) -> None:
    assert lang_of(locale) == lang


def test_plurals_numbers_and_days_follow_the_language() -> None:
    assert count("fr", "n-stories", 1) == "1 histoire"
    assert count("fr", "n-stories", 2) == "2 histoires"
    assert count("fr", "n-stories", 0) == "0 histoire"  # French: 0 takes the singular
    assert count("en", "n-stories", 0) == "0 stories"
    assert count("en", "n-stories", 1500) == "1,500 stories"
    assert count("fr", "n-stories", 1500) == "1\u202f500 histoires"
    assert day("fr", date(2025, 3, 3)) == "lundi 3 mars"
    assert day("en", date(2025, 3, 3)) == "Monday, March 3"


def test_member_text_is_a_value_never_a_template() -> None:
    hostile = "{ $count } {0.__class__} { -brand }"
    shown = tr("fr", "help-posted-no-digest", stories=hostile)
    assert hostile in shown


def test_an_unknown_key_falls_back_visibly_rather_than_crashing() -> None:
    assert tr("fr", "no-such-message") == "no-such-message"
