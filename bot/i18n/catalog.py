"""Loading the Fluent catalogs and formatting one message.

Why Fluent rather than gettext + Babel: a Fluent message carries its own plural and
gender choices (`{ $count -> [one] … *[other] … }`) chosen with CLDR's rules for the
language, so a translator writes "1 histoire" / "2 histoires" without the code knowing
French has other rules than English; numbers placed in a message are formatted for its
language by Babel underneath ("3,5"). gettext needs a separate `ngettext` call per plural
and a compile step (.po → .mo); Fluent's .ftl files are read as they are.

Bidirectional isolation marks are off: both languages are left-to-right and the marks
would show up in Discord's code blocks and copied text.
"""

from __future__ import annotations

import logging
from datetime import date
from functools import cache
from importlib import resources
from typing import Literal

from babel.dates import format_date
from fluent.runtime import FluentBundle, FluentResource
from fluent.runtime.types import FluentType
from fluent.syntax.ast import Junk

from bot.phrase import Phrase

log = logging.getLogger(__name__)

Lang = Literal["en", "fr"]
Value = str | int | float | date | FluentType | Phrase
LOCALES_PACKAGE = "bot.i18n"


def catalog_files(lang: str) -> dict[str, str]:
    """The text of each `.ftl` file of one language, by file name."""
    folder = resources.files(LOCALES_PACKAGE).joinpath("locales", lang)
    return {
        entry.name: entry.read_text(encoding="utf-8")
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".ftl")
    }


@cache
def bundle(lang: Lang) -> FluentBundle:
    """One language's messages; a syntax error in a catalog fails loudly at start-up."""
    result = FluentBundle([lang], use_isolating=False)
    for name, text in catalog_files(lang).items():
        resource = FluentResource(text)
        junk = [entry for entry in resource.body if isinstance(entry, Junk)]
        if junk:
            first = junk[0]
            problem = first.annotations[0].message if first.annotations else "?"
            raise ValueError(f"locales/{lang}/{name}: {problem} in {(first.content or '')[:80]!r}")
        result.add_resource(resource)
    return result


def has(lang: Lang, key: str) -> bool:
    """Whether `lang` itself has `key` (or `key.attribute`), without falling back."""
    key, _, attribute = key.partition(".")
    catalog = bundle(lang)
    if not catalog.has_message(key):
        return False
    message = catalog.get_message(key)
    return attribute in message.attributes if attribute else message.value is not None


def tr(lang: Lang, key: str, /, **values: Value) -> str:
    """The message `key` in `lang`, its placeholders filled with `values`.

    A key missing from French falls back to English (the parity test keeps that from
    happening in a release); a key missing everywhere is a bug and shows as the key.
    A message without values never changes: it is formatted once (the story form alone
    has nineteen, built for every member who opens it).
    """
    return _formatted(lang, key, values) if values else _fixed(lang, key)


@cache
def _fixed(lang: Lang, key: str) -> str:
    return _formatted(lang, key, {})


def _formatted(lang: Lang, key: str, values: dict[str, Value]) -> str:
    key, _, attribute = key.partition(".")
    for candidate in (lang, "en"):
        catalog = bundle(candidate)
        if not catalog.has_message(key):
            continue
        message = catalog.get_message(key)
        pattern = message.attributes.get(attribute) if attribute else message.value
        if pattern is None:
            continue
        filled = {name: _filled(lang, value) for name, value in values.items()}
        text, errors = catalog.format_pattern(pattern, filled)
        for error in errors:
            log.error("Catalog %s message %s: %s", candidate, key, error)
        return str(text)
    log.error("No catalog message %r", key)
    return key


def _filled(lang: Lang, value: object) -> object:
    """A value as Fluent takes it: a nested phrase is worded first, in the same language."""
    if isinstance(value, Phrase):
        return words(lang, value)
    return value


def words(lang: Lang, phrase: Phrase) -> str:
    """A phrase (a key and its facts, from the domain or storage) in `lang`."""
    return tr(lang, phrase.key, **phrase.values)


def listed(lang: Lang, parts: list[str], key: str = "list-or") -> str:
    """A list in the language: "A, B or C" (`list-or`), "A, B and C" (`list-and`)."""
    if len(parts) < 2:
        return "".join(parts)
    return tr(lang, key, first=", ".join(parts[:-1]), last=parts[-1])


def count(lang: Lang, key: str, number: int) -> str:
    """`count("fr", "n-stories", 2) == "2 histoires"`: a number with its noun, by the
    language's plural rules (the message picks its own plural forms)."""
    return tr(lang, key, count=number)


def day(lang: Lang, when: date) -> str:
    """A day as people write it: "Monday, March 3", "lundi 3 mars". The pattern (CLDR
    letters) is in the catalog; Babel supplies the language's day and month names."""
    return str(format_date(when, tr(lang, "day-pattern"), locale=lang))
