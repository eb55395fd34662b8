"""Who counts as a moderator, what moderators may change, and how it is recorded.

Discord's default permissions only hide a command, and a server admin can override
them, so the bot decides again on every command, button, select and modal with
`is_moderator`. Settings changes are validated here, all at once, before anything is
stored, and every change becomes an `AuditEntry` of old → new values.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from bot.domain.guild_settings import GuildSettings
from bot.domain.markdown import escape_markdown, truncate
from bot.domain.schedule import canonical_timezone
from bot.errors import UserFacingError
from bot.phrase import Phrase

# Discord's permission bits (stable, documented values).
ADMINISTRATOR = 1 << 3
MANAGE_GUILD = 1 << 5
MANAGE_MESSAGES = 1 << 13
MODERATOR_PERMISSIONS = ADMINISTRATOR | MANAGE_GUILD | MANAGE_MESSAGES


def is_moderator(
    permissions: int, role_ids: Collection[int], moderator_role_id: int | None
) -> bool:
    """Manage Server, Manage Messages (or Administrator), or the configured moderator role."""
    if permissions & MODERATOR_PERMISSIONS:
        return True
    return moderator_role_id is not None and moderator_role_id in role_ids


# --- what moderators may change ------------------------------------------------------

# The bounds /storymod setup offers; stricter than what the database accepts on purpose.
SETTING_BOUNDS: dict[str, tuple[float, float]] = {
    "digest_weekday": (0, 6),
    "digest_hour": (0, 23),
    "leaderboard_size": (1, 10),
    "min_stories": (1, 100),
    "prior_weight": (0, 20),
    "cooldown_seconds": (0, 1440 * 60),
    "daily_cap": (1, 100),
    "report_threshold": (1, 50),
    "retention_days": (1, 365),
}
EDITABLE_SETTINGS = frozenset(GuildSettings.model_fields) - {"guild_id"}


class SettingsRefused(UserFacingError):
    """Changes refused, as facts only: each problem is a `Phrase` (a `settings-…` key, the
    setting as a nested phrase, numbers as numbers), listed under "Nothing was changed:"
    in the moderator's language by `bot.i18n.refusals.refusal_text`."""

    def __init__(self, problems: list[Phrase]) -> None:
        super().__init__(Phrase("setup-refused"))
        self.problems = problems


def _setting(name: str) -> Phrase:
    return Phrase(f"setting-{name}")


# pydantic's own checks, as codes (its messages are English sentences): the bounds
# above catch most values first; these catch the rest (a fraction of an hour, a
# language that does not exist).
_PYDANTIC_PROBLEMS = {
    "int_from_float": "settings-not-whole-number",
    "int_parsing": "settings-not-whole-number",
    "int_type": "settings-not-whole-number",
    "bool_type": "settings-not-yes-no",
    "bool_parsing": "settings-not-yes-no",
    "greater_than_equal": "settings-too-small",
    "less_than_equal": "settings-too-large",
}


def _pydantic_problem(error: Mapping[str, Any]) -> Phrase:
    """One of pydantic's errors as a fact: which setting, what kind of problem."""
    where = str(error["loc"][0]) if error["loc"] else ""
    setting: str | Phrase = _setting(where) if where in EDITABLE_SETTINGS else where
    key = _PYDANTIC_PROBLEMS.get(str(error["type"]), "settings-invalid-value")
    context = error.get("ctx") or {}
    if key == "settings-too-small":
        return Phrase.of(key, setting=setting, low=context.get("ge", 0))
    if key == "settings-too-large":
        return Phrase.of(key, setting=setting, high=context.get("le", 0))
    return Phrase.of(key, setting=setting)


def apply_settings_changes(current: GuildSettings, changes: Mapping[str, Any]) -> GuildSettings:
    """The settings with every change applied, or SettingsRefused listing every problem.

    All-or-nothing: one bad value rejects the whole request, so a moderator never ends
    up with half of what they asked for.
    """
    problems: list[Phrase] = []
    cleaned: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in EDITABLE_SETTINGS:
            problems.append(Phrase.of("settings-not-a-setting", setting=truncate(name, 64)))
            continue
        if name == "timezone":
            zone = canonical_timezone(str(value))
            if zone is None:
                shown = escape_markdown(truncate(str(value), 64))
                problems.append(Phrase.of("settings-unknown-zone", zone=shown))
                continue
            value = zone
        bounds = SETTING_BOUNDS.get(name)
        if bounds is not None:
            low, high = bounds
            if isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(Phrase.of("settings-not-a-number", setting=_setting(name)))
                continue
            if not low <= value <= high:
                found = {"setting": _setting(name), "low": _number(low), "high": _number(high)}
                problems.append(Phrase("settings-out-of-range", {**found, "value": value}))
                continue
        cleaned[name] = value
    if problems:
        raise SettingsRefused(problems)
    try:
        return GuildSettings.model_validate({**current.model_dump(), **cleaned})
    except ValidationError as invalid:
        raise SettingsRefused([_pydantic_problem(e) for e in invalid.errors()]) from None


def _number(bound: float) -> int | float:
    """A bound as people write it: 20, not 20.0."""
    return int(bound) if float(bound).is_integer() else bound


def settings_diff(before: GuildSettings, after: GuildSettings) -> dict[str, dict[str, Any]]:
    """`{setting: {"old": …, "new": …}}` for every setting that differs, JSON-ready."""
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    return {
        name: {"old": old[name], "new": new[name]}
        for name in old
        if name != "guild_id" and old[name] != new[name]
    }


class SettingsUpdate(BaseModel):
    """A settings change as it was stored: what the server had before and has now."""

    model_config = ConfigDict(frozen=True)

    before: GuildSettings
    after: GuildSettings

    @property
    def changes(self) -> dict[str, dict[str, Any]]:
        return settings_diff(self.before, self.after)


# --- the audit log -------------------------------------------------------------------


class AuditEntry(BaseModel):
    """One moderator action: who, what, on which story/brand, why, and when."""

    model_config = ConfigDict(frozen=True)

    id: int | None = None
    guild_id: int
    moderator_id: int
    action: str
    story_id: int | None = None
    brand_id: int | None = None
    reason: str | None = None
    details: dict[str, Any] | None = None
    created_at: datetime
