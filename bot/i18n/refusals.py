"""Wording a refusal that storage or the domain gave as facts (a key and its values).

`refusal_text` words any `UserFacingError` for the member who reads it; `worded` the
brand refusals, whose facts are names to show in bold.

Names (brands, aliases) are member text: escaped, shortened and shown in bold, as values
only. Numbers (merge numbers) are shown as they are, without grouping. An `industry`
is a code, shown by its name in the language.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.markdown import escape_markdown, truncate
from bot.errors import UserFacingError
from bot.i18n.catalog import Lang, tr, words

NAME_SHOWN = 80


def worded(lang: Lang, key: str, facts: Mapping[str, str | int]) -> str:
    values: dict[str, str] = {}
    for name, fact in facts.items():
        if isinstance(fact, int):
            values[name] = str(fact)
        elif name == "industry":
            values[name] = tr(lang, f"industry-{fact}")
        else:
            values[name] = "**" + escape_markdown(truncate(fact, NAME_SHOWN)) + "**"
    return tr(lang, key, **values)


def refusal_text(lang: Lang, error: UserFacingError) -> str:
    """What the member reads: a keyed error worded in `lang`, a worded one as it is."""
    return words(lang, error.phrase) if error.phrase is not None else error.message
