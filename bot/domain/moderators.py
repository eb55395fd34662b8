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
    """Changes refused, as facts: each problem is a catalog key (`settings-…`) and its
    values, worded by the setup panel in the moderator's language. `message` is the
    English wording, for the bot's generic error path and logs."""

    def __init__(self, message: str, problems: list[tuple[str, dict[str, str]]]) -> None:
        super().__init__(message)
        self.problems = problems


def apply_settings_changes(current: GuildSettings, changes: Mapping[str, Any]) -> GuildSettings:
    """The settings with every change applied, or UserFacingError listing every problem.

    All-or-nothing: one bad value rejects the whole request, so a moderator never ends
    up with half of what they asked for.
    """
    problems: list[str] = []
    facts: list[tuple[str, dict[str, str]]] = []
    cleaned: dict[str, Any] = {}
    for name, value in changes.items():
        if name not in EDITABLE_SETTINGS:
            problems.append(f"`{name}` is not a setting.")
            facts.append(("settings-not-a-setting", {"setting": name}))
            continue
        if name == "timezone":
            zone = canonical_timezone(str(value))
            if zone is None:
                shown = escape_markdown(truncate(str(value), 64))
                problems.append(
                    f"“{shown}” is not a time zone I know. Use an IANA name such as "
                    "`Europe/Paris` or `America/Toronto` (the option suggests them as you type)."
                )
                facts.append(("settings-unknown-zone", {"zone": shown}))
                continue
            value = zone
        bounds = SETTING_BOUNDS.get(name)
        if bounds is not None:
            low, high = bounds
            if isinstance(value, bool) or not isinstance(value, int | float):
                problems.append(f"`{name}` must be a number.")
                facts.append(("settings-not-a-number", {"setting": name}))
                continue
            if not low <= value <= high:
                problems.append(f"`{name}` must be between {low:g} and {high:g}, not {value:g}.")
                found = {"setting": name, "low": f"{low:g}", "high": f"{high:g}"}
                facts.append(("settings-out-of-range", {**found, "value": f"{value:g}"}))
                continue
        cleaned[name] = value
    if problems:
        raise SettingsRefused(
            "Nothing was changed:\n" + "\n".join(f"• {p}" for p in problems), facts
        )
    try:
        return GuildSettings.model_validate({**current.model_dump(), **cleaned})
    except ValidationError as invalid:
        found_problems = [
            (".".join(str(p) for p in e["loc"]), str(e["msg"])) for e in invalid.errors()
        ]
        listing = "\n".join(f"• `{where}`: {why}" for where, why in found_problems)
        raise SettingsRefused(
            f"Nothing was changed:\n{listing}",
            [("settings-invalid", {"setting": w, "problem": y}) for w, y in found_problems],
        ) from None


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
