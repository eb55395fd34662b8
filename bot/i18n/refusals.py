"""Wording a refusal that storage or the domain gave as facts (a key and its values).

`refusal_text` words any `UserFacingError` for the member who reads it; `worded` the
brand refusals, whose facts are names to show in bold; `schedule_refusal` a bad zone,
hour, day or week.

Names (brands, aliases) are member text: escaped, shortened and shown in bold, as values
only. Numbers (merge numbers) are shown as they are, without grouping. An `industry`
is a code, shown by its name in the language.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.markdown import escape_markdown, truncate
from bot.domain.weeks import ScheduleError
from bot.errors import UserFacingError
from bot.i18n.catalog import Lang, listed, tr, words
from bot.i18n.formats import weekday_name

NAME_SHOWN = 80


def _bold(name: str) -> str:
    return "**" + escape_markdown(truncate(name, NAME_SHOWN)) + "**"


def worded(lang: Lang, key: str, facts: Mapping[str, str | int]) -> str:
    """`suggestions` holds names one per line: shown as "**A** or **B**" ("ou" in French)."""
    values: dict[str, str] = {}
    for name, fact in facts.items():
        if isinstance(fact, int):
            values[name] = str(fact)
        elif name == "industry":
            values[name] = tr(lang, f"industry-{fact}")
        elif name == "suggestions":
            names = [_bold(each) for each in fact.split("\n")]
            values[name] = listed(lang, names, "list-or")
        else:
            values[name] = _bold(fact)
    return tr(lang, key, **values)


def schedule_refusal(lang: Lang, error: ScheduleError) -> str:
    """A bad zone, hour, day or week in the member's language (weekdays by Babel's names)."""
    if not error.key:
        return error.message
    values: dict[str, str | int] = {}
    for name, fact in error.values.items():
        if name in ("weekday", "start") and isinstance(fact, int):
            values[name] = weekday_name(lang, fact)
        else:
            values[name] = fact
    return tr(lang, error.key, **values)


def refusal_text(lang: Lang, error: UserFacingError) -> str:
    """What the member reads: a keyed error worded in `lang`, a worded one as it is."""
    return words(lang, error.phrase) if error.phrase is not None else error.message
