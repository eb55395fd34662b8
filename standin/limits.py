"""Discord's hard limits that the OpenAPI description does not (fully) encode.

Each checker returns a list of (json path, message) problems; lengths count code points
(Python ``len``), as Discord does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

Path = tuple[str | int, ...]
Problem = tuple[Path, str]

MESSAGE_CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TOTAL_MAX = 6000
EMBED_LIMITS = {"title": 256, "description": 4096}
EMBED_FIELDS_MAX = 25
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FOOTER_TEXT_MAX = 2048
AUTHOR_NAME_MAX = 256
ACTION_ROWS_MAX = 5
BUTTONS_PER_ROW_MAX = 5
SELECT_OPTIONS_MAX = 25
CUSTOM_ID_MAX = 100
BUTTON_LABEL_MAX = 80
SELECT_PLACEHOLDER_MAX = 150
SELECT_OPTION_TEXT_MAX = 100
COMPONENTS_V2_FLAG = 1 << 15
COMPONENTS_V2_TOTAL_MAX = 40
MODAL_TITLE_MAX = 45
MODAL_COMPONENTS_MAX = 5
TEXT_INPUT_LABEL_MAX = 45
TEXT_INPUT_PLACEHOLDER_MAX = 100
TEXT_INPUT_VALUE_MAX = 4000
LABEL_DESCRIPTION_MAX = 100
AUTOCOMPLETE_CHOICES_MAX = 25
CHOICE_NAME_MAX = 100
CHOICE_STRING_VALUE_MAX = 100
COMMAND_DESCRIPTION_MAX = 100
COMMAND_OPTIONS_MAX = 25
COMMANDS_PER_TYPE_MAX = 100
COMMAND_TOTAL_CHARS_MAX = 4000
# Discord: ^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$ ; Python's unicode \w is close enough
COMMAND_NAME_RE = re.compile(r"^[-_'\w]{1,32}$")
# The locales Discord accepts as keys of name_localizations / description_localizations.
DISCORD_LOCALES = frozenset(
    [
        "id",
        "da",
        "de",
        "en-GB",
        "en-US",
        "es-ES",
        "es-419",
        "fr",
        "hr",
        "it",
        "lt",
        "hu",
        "nl",
        "no",
        "pl",
        "pt-BR",
        "ro",
        "fi",
        "sv-SE",
        "vi",
        "tr",
        "cs",
        "el",
        "bg",
        "ru",
        "uk",
        "hi",
        "th",
        "zh-CN",
        "ja",
        "zh-TW",
        "ko",
    ]
)

BUTTON, STRING_SELECT, TEXT_INPUT = 2, 3, 4
SELECT_TYPES = {3, 5, 6, 7, 8}
ACTION_ROW, TEXT_DISPLAY, LABEL = 1, 10, 18


def _too_long(value: Any, limit: int, path: Path, what: str) -> list[Problem]:
    if isinstance(value, str) and len(value) > limit:
        return [(path, f"{what} must be at most {limit} characters (got {len(value)})")]
    return []


def check_message(body: dict[str, Any]) -> list[Problem]:
    """Limits for anything that becomes a message: channel sends, edits, responses, followups."""
    problems: list[Problem] = []
    problems += _too_long(body.get("content"), MESSAGE_CONTENT_MAX, ("content",), "content")
    embeds = body.get("embeds") or []
    if len(embeds) > EMBEDS_MAX:
        problems.append((("embeds",), f"at most {EMBEDS_MAX} embeds (got {len(embeds)})"))
    total = 0
    for i, embed in enumerate(embeds):
        if isinstance(embed, dict):
            found, chars = _check_embed(embed, ("embeds", i))
            problems += found
            total += chars
    if total > EMBED_TOTAL_MAX:
        problems.append(
            (("embeds",), f"embeds' combined text must be at most {EMBED_TOTAL_MAX} (got {total})")
        )
    components = body.get("components") or []
    v2 = bool((body.get("flags") or 0) & COMPONENTS_V2_FLAG)
    problems += check_message_components(components, v2=v2)
    return problems


def _check_embed(embed: dict[str, Any], path: Path) -> tuple[list[Problem], int]:
    problems: list[Problem] = []
    chars = 0
    for key, limit in EMBED_LIMITS.items():
        value = embed.get(key)
        problems += _too_long(value, limit, (*path, key), f"embed {key}")
        chars += len(value) if isinstance(value, str) else 0
    fields = embed.get("fields") or []
    if len(fields) > EMBED_FIELDS_MAX:
        problems.append(((*path, "fields"), f"at most {EMBED_FIELDS_MAX} fields ({len(fields)})"))
    for j, fld in enumerate(fields):
        name, value = fld.get("name"), fld.get("value")
        problems += _too_long(name, FIELD_NAME_MAX, (*path, "fields", j, "name"), "field name")
        problems += _too_long(value, FIELD_VALUE_MAX, (*path, "fields", j, "value"), "field value")
        chars += sum(len(v) for v in (name, value) if isinstance(v, str))
    footer = (embed.get("footer") or {}).get("text")
    problems += _too_long(footer, FOOTER_TEXT_MAX, (*path, "footer", "text"), "footer text")
    author = (embed.get("author") or {}).get("name")
    problems += _too_long(author, AUTHOR_NAME_MAX, (*path, "author", "name"), "author name")
    chars += sum(len(v) for v in (footer, author) if isinstance(v, str))
    return problems, chars


def _walk(components: list[Any], path: Path) -> Iterator[tuple[dict[str, Any], Path]]:
    for i, comp in enumerate(components):
        if not isinstance(comp, dict):
            continue
        here = (*path, i)
        yield comp, here
        if isinstance(comp.get("components"), list):
            yield from _walk(comp["components"], (*here, "components"))
        for key in ("component", "accessory"):
            if isinstance(comp.get(key), dict):
                yield from _walk([comp[key]], (*here, key))


def check_message_components(components: list[Any], *, v2: bool = False) -> list[Problem]:
    problems: list[Problem] = []
    if v2:
        count = sum(1 for _ in _walk(components, ("components",)))
        if count > COMPONENTS_V2_TOTAL_MAX:
            problems.append((("components",), f"at most {COMPONENTS_V2_TOTAL_MAX} components"))
    elif len(components) > ACTION_ROWS_MAX:
        problems.append(
            (("components",), f"at most {ACTION_ROWS_MAX} action rows (got {len(components)})")
        )
    seen: dict[str, Path] = {}
    for comp, path in _walk(components, ("components",)):
        ctype = comp.get("type")
        if ctype == ACTION_ROW:
            children = [c for c in comp.get("components") or [] if isinstance(c, dict)]
            selects = [c for c in children if c.get("type") in SELECT_TYPES]
            if selects and len(children) > 1:
                problems.append((path, "an action row with a select menu can hold nothing else"))
            buttons = [c for c in children if c.get("type") == BUTTON]
            if len(buttons) > BUTTONS_PER_ROW_MAX:
                problems.append((path, f"at most {BUTTONS_PER_ROW_MAX} buttons per action row"))
        problems += _check_custom_id(comp, path, seen)
        if ctype == BUTTON:
            problems += _too_long(comp.get("label"), BUTTON_LABEL_MAX, (*path, "label"), "label")
        if ctype in SELECT_TYPES:
            problems += _check_select(comp, path)
    return problems


def _check_custom_id(comp: dict[str, Any], path: Path, seen: dict[str, Path]) -> list[Problem]:
    custom_id = comp.get("custom_id")
    if not isinstance(custom_id, str):
        return []
    problems = _too_long(custom_id, CUSTOM_ID_MAX, (*path, "custom_id"), "custom_id")
    if custom_id in seen:
        problems.append(((*path, "custom_id"), f"custom_id {custom_id!r} is not unique"))
    seen[custom_id] = path
    return problems


def _check_select(comp: dict[str, Any], path: Path) -> list[Problem]:
    problems = _too_long(
        comp.get("placeholder"), SELECT_PLACEHOLDER_MAX, (*path, "placeholder"), "placeholder"
    )
    options = comp.get("options") or []
    if len(options) > SELECT_OPTIONS_MAX:
        problems.append(((*path, "options"), f"at most {SELECT_OPTIONS_MAX} select options"))
    for j, opt in enumerate(options):
        for key in ("label", "value", "description"):
            problems += _too_long(
                opt.get(key), SELECT_OPTION_TEXT_MAX, (*path, "options", j, key), f"option {key}"
            )
    return problems


def check_modal(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    title = data.get("title")
    if not isinstance(title, str) or not 1 <= len(title) <= MODAL_TITLE_MAX:
        size = len(title) if isinstance(title, str) else 0
        problems.append(
            (("title",), f"modal title must be 1-{MODAL_TITLE_MAX} characters ({size})")
        )
    problems += _too_long(data.get("custom_id"), CUSTOM_ID_MAX, ("custom_id",), "custom_id")
    components = data.get("components") or []
    if len(components) > MODAL_COMPONENTS_MAX:
        problems.append((("components",), f"at most {MODAL_COMPONENTS_MAX} modal components"))
    seen: dict[str, Path] = {}
    for comp, path in _walk(components, ("components",)):
        problems += _check_custom_id(comp, path, seen)
        ctype = comp.get("type")
        if ctype == LABEL:
            problems += _too_long(
                comp.get("label"), TEXT_INPUT_LABEL_MAX, (*path, "label"), "label"
            )
            problems += _too_long(
                comp.get("description"), LABEL_DESCRIPTION_MAX, (*path, "description"), "label desc"
            )
        elif ctype == TEXT_INPUT:
            problems += _too_long(
                comp.get("label"), TEXT_INPUT_LABEL_MAX, (*path, "label"), "label"
            )
            problems += _too_long(
                comp.get("placeholder"), TEXT_INPUT_PLACEHOLDER_MAX, (*path, "placeholder"), "ph"
            )
            problems += _too_long(
                comp.get("value"), TEXT_INPUT_VALUE_MAX, (*path, "value"), "value"
            )
            lo, hi = comp.get("min_length"), comp.get("max_length")
            if isinstance(lo, int) and not 0 <= lo <= TEXT_INPUT_VALUE_MAX:
                problems.append(((*path, "min_length"), "min_length must be 0-4000"))
            if isinstance(hi, int) and not 1 <= hi <= TEXT_INPUT_VALUE_MAX:
                problems.append(((*path, "max_length"), "max_length must be 1-4000"))
            if isinstance(lo, int) and isinstance(hi, int) and lo > hi:
                problems.append(((*path, "min_length"), "min_length exceeds max_length"))
        elif ctype in SELECT_TYPES:
            problems += _check_select(comp, path)
    return problems


def check_choices(choices: list[Any], path: Path = ("choices",)) -> list[Problem]:
    problems: list[Problem] = []
    if len(choices) > AUTOCOMPLETE_CHOICES_MAX:
        problems.append((path, f"at most {AUTOCOMPLETE_CHOICES_MAX} choices (got {len(choices)})"))
    for i, choice in enumerate(choices):
        if not isinstance(choice, dict):
            continue
        name = choice.get("name")
        if not isinstance(name, str) or not 1 <= len(name) <= CHOICE_NAME_MAX:
            problems.append(((*path, i, "name"), f"choice name must be 1-{CHOICE_NAME_MAX} chars"))
        problems += _too_long(
            choice.get("value"), CHOICE_STRING_VALUE_MAX, (*path, i, "value"), "choice value"
        )
    return problems


def check_commands(commands: list[Any]) -> list[Problem]:
    """Bulk overwrite: every command, per-type counts and unique names."""
    problems: list[Problem] = []
    per_type: dict[int, int] = {}
    names: set[tuple[int, str]] = set()
    for i, cmd in enumerate(commands):
        if not isinstance(cmd, dict):
            continue
        ctype = int(cmd.get("type") or 1)
        per_type[ctype] = per_type.get(ctype, 0) + 1
        key = (ctype, str(cmd.get("name")))
        if key in names:
            problems.append(((i, "name"), f"duplicate command name {key[1]!r}"))
        names.add(key)
        problems += [((i, *p), m) for p, m in check_command(cmd)]
    for ctype, count in per_type.items():
        limit = COMMANDS_PER_TYPE_MAX if ctype == 1 else 15
        if count > limit:
            problems.append(((), f"at most {limit} commands of type {ctype} (got {count})"))
    return problems


def check_command(cmd: dict[str, Any]) -> list[Problem]:
    chat_input = int(cmd.get("type") or 1) == 1
    problems = _check_named(cmd, (), chat_input=chat_input)
    if chat_input:
        problems += _check_options(cmd.get("options") or [], ("options",), depth=0)
    total = _command_chars(cmd)
    if total > COMMAND_TOTAL_CHARS_MAX:
        problems.append(((), f"command {cmd.get('name')!r} uses {total} > 4000 characters"))
    return problems


def _check_named(obj: dict[str, Any], path: Path, *, chat_input: bool) -> list[Problem]:
    problems: list[Problem] = []
    name = obj.get("name")
    if not isinstance(name, str):
        return [((*path, "name"), "name is required")]
    if chat_input and (not COMMAND_NAME_RE.match(name) or name != name.lower()):
        problems.append(((*path, "name"), f"invalid name {name!r} (lowercase, 1-32, no spaces)"))
    if chat_input:
        desc = obj.get("description")
        if not isinstance(desc, str) or not 1 <= len(desc) <= COMMAND_DESCRIPTION_MAX:
            problems.append(((*path, "description"), f"description of {name!r} must be 1-100"))
    elif not 1 <= len(name) <= 32:
        problems.append(((*path, "name"), "name must be 1-32 characters"))
    return problems + _check_localisations(obj, path, chat_input=chat_input)


def _check_localisations(obj: dict[str, Any], path: Path, *, chat_input: bool) -> list[Problem]:
    """Translated names follow the same rules as names, translated descriptions too."""
    problems: list[Problem] = []
    for field in ("name_localizations", "description_localizations"):
        for locale, text in (obj.get(field) or {}).items():
            here = (*path, field, locale)
            if locale not in DISCORD_LOCALES:
                problems.append((here, f"{locale!r} is not a Discord locale"))
            if not isinstance(text, str):
                problems.append((here, "must be a string"))
            elif field == "description_localizations":
                if not 1 <= len(text) <= COMMAND_DESCRIPTION_MAX:
                    problems.append((here, f"localised description must be 1-100: {text!r}"))
            elif chat_input and (not COMMAND_NAME_RE.match(text) or text != text.lower()):
                problems.append((here, f"invalid localised name {text!r}"))
            elif not 1 <= len(text) <= 32:
                problems.append((here, "localised name must be 1-32 characters"))
    return problems


def _check_options(options: list[Any], path: Path, depth: int) -> list[Problem]:
    problems: list[Problem] = []
    if len(options) > COMMAND_OPTIONS_MAX:
        problems.append((path, f"at most {COMMAND_OPTIONS_MAX} options (got {len(options)})"))
    seen_optional = False
    names: set[str] = set()
    for i, opt in enumerate(options):
        if not isinstance(opt, dict):
            continue
        here = (*path, i)
        problems += _check_named(opt, here, chat_input=True)
        if opt.get("name") in names:
            problems.append(((*here, "name"), f"duplicate option name {opt.get('name')!r}"))
        names.add(str(opt.get("name")))
        otype = opt.get("type")
        if otype in (1, 2):
            if (otype == 2 and depth > 0) or (otype == 1 and depth > 1):
                problems.append((here, "subcommands nest at most group > subcommand"))
            problems += _check_options(opt.get("options") or [], (*here, "options"), depth + 1)
            continue
        if opt.get("required"):
            if seen_optional:
                problems.append((here, "required options must come before optional ones"))
        else:
            seen_optional = True
        choices = opt.get("choices") or []
        if choices:
            problems += check_choices(choices, (*here, "choices"))
            if opt.get("autocomplete"):
                problems.append((here, "an option cannot have both choices and autocomplete"))
    return problems


def _longest(obj: dict[str, Any], field: str) -> int:
    """Discord counts only the longest of a field's default and its localisations."""
    texts = [
        str(obj.get(field) or ""),
        *map(str, (obj.get(f"{field}_localizations") or {}).values()),
    ]
    return max(len(text) for text in texts)


def _command_chars(obj: dict[str, Any]) -> int:
    total = _longest(obj, "name") + _longest(obj, "description")
    for choice in obj.get("choices") or []:
        total += _longest(choice, "name") + len(str(choice.get("value") or ""))
    for opt in obj.get("options") or []:
        total += _command_chars(opt)
    return total
