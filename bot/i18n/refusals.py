"""Wording a refusal that storage or the domain gave as facts (a key and its values).

`refusal_text` words any `UserFacingError` for the member who reads it: the bot's one
error path calls it, so a cog never words a refusal itself. Most refusals are a plain
`Phrase` (a nested phrase, such as a story's status, is worded in the same language);
three kinds need more than `words`: the brand refusals (`worded`: names in bold, merge
numbers as they are), the schedule refusals (`schedule_refusal`: weekdays by their names
in the language) and the settings refusals (`settings_refusal`: every problem, one per
line).

Names (brands, aliases) are member text: escaped, shortened and shown in bold, as values
only. Numbers (merge numbers) are shown as they are, without grouping. An `industry`
is a code, shown by its name in the language.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain.brand_refusals import BrandChangeRefused
from bot.domain.markdown import escape_markdown, truncate
from bot.domain.moderators import SettingsRefused
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


def brand_refusal(lang: Lang, refused: BrandChangeRefused) -> str:
    return worded(lang, f"brand-refused-{refused.reason.value}", refused.facts)


def schedule_refusal(lang: Lang, error: ScheduleError) -> str:
    """A bad zone, hour, day or week in the member's language (weekdays by Babel's names)."""
    values: dict[str, str | int] = {}
    for name, fact in error.values.items():
        if name in ("weekday", "start") and isinstance(fact, int):
            values[name] = weekday_name(lang, fact)
        else:
            values[name] = fact
    return tr(lang, error.key, **values)


def settings_refusal(lang: Lang, refused: SettingsRefused) -> str:
    """Every refused change, one line each, under "Nothing was changed:"."""
    lines = [tr(lang, "setup-refused")]
    lines.extend("• " + words(lang, problem) for problem in refused.problems)
    return "\n".join(lines)


def refusal_text(lang: Lang, error: UserFacingError) -> str:
    """What the member reads: a keyed error worded in `lang`, a worded one as it is."""
    if isinstance(error, BrandChangeRefused):
        return brand_refusal(lang, error)
    if isinstance(error, ScheduleError):
        return schedule_refusal(lang, error)
    if isinstance(error, SettingsRefused):
        return settings_refusal(lang, error)
    return words(lang, error.phrase) if error.phrase is not None else error.message
