"""How /storymod setup's panel reads, in the moderator's language: the settings (the
server's language among them), what changed, and what needs attention with its fix.

Setting names and values are also how the audit log shows a settings change.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import discord

from bot.domain.guild_settings import GuildSettings, ReviewMode
from bot.domain.markdown import escape_markdown
from bot.domain.moderators import SettingsUpdate
from bot.domain.posting_limits import duration_phrase, limits_phrase
from bot.i18n import Lang, count, server_lang, tr
from bot.i18n.catalog import listed, words
from bot.i18n.digest_failures import digest_failure_text
from bot.i18n.formats import plain_number, weekday_name
from bot.i18n.outbox import parked_reason_text
from cogs.moderation.setup_checks import SetupProblem, setup_problems

# Every setting `setting-<name>` names in the catalog.
SETTING_NAMES = frozenset(
    {
        "stories_channel_id",
        "digest_channel_id",
        "mod_channel_id",
        "moderator_role_id",
        "review_mode",
        "digest_weekday",
        "digest_hour",
        "timezone",
        "leaderboard_size",
        "min_stories",
        "prior_weight",
        "cooldown_seconds",
        "daily_cap",
        "report_threshold",
        "quiet_week_post",
        "retention_days",
        "language",
    }
)


def setting_name(lang: Lang, name: str) -> str:
    """A setting's name ("Digest day", "Jour du résumé"); an unknown field shows as is."""
    return tr(lang, f"setting-{name}") if name in SETTING_NAMES else name


def show_value(lang: Lang, field: str, value: Any) -> str:
    """A setting's value as a moderator reads it (mentions never ping: AllowedMentions)."""
    if value is None:
        return tr(lang, "value-follow-discord" if field == "language" else "value-not-set")
    if field.endswith("_channel_id"):
        return f"<#{value}>"
    if field == "moderator_role_id":
        return f"<@&{value}>"
    if field == "digest_weekday":
        return weekday_name(lang, int(value))
    if field == "digest_hour":
        return f"{int(value):02d}:00"
    if field == "cooldown_seconds":
        seconds = int(value)
        if not seconds:
            return tr(lang, "value-none")
        return words(lang, duration_phrase(timedelta(seconds=seconds)))
    if field == "retention_days":
        return count(lang, "n-days", int(value))
    if field == "review_mode":
        return tr(lang, f"review-{ReviewMode(value).value}")
    if field == "language":
        return tr(lang, f"language-name-{value}")
    if isinstance(value, bool):
        return tr(lang, "value-yes" if value else "value-no")
    if isinstance(value, float):
        return plain_number(lang, value)
    return str(value)


def problem_name(lang: Lang, problem: SetupProblem) -> str:
    """What a problem is about: a setting's name, or what could not be posted."""
    if problem.setting in ("parked", "digest"):
        return tr(lang, f"problem-{problem.setting}-name")
    return setting_name(lang, problem.setting)


def problem_text(lang: Lang, problem: SetupProblem) -> str:
    """Why it is a problem, and the fix."""
    values: dict[str, str | int] = {
        "fix": tr(lang, "setup-fix", option=problem.option),
        "consequence": tr(lang, f"consequence-{problem.setting}"),
        "channel": f"<#{problem.channel_id}>",
        "missing": listed(
            lang, [tr(lang, f"permission-{flag}") for flag in problem.missing], "list-and"
        ),
    }
    for name, value in problem.values.items():
        if name == "reason" and problem.setting == "parked":
            values[name] = parked_reason_text(lang, str(value))  # a code since the outbox
        elif name == "reason" and problem.setting == "digest" and value:
            worded = digest_failure_text(lang, str(value))  # our words: not escaped
            values[name] = worded if worded != value else escape_markdown(worded)
        elif name == "reason":
            reason = str(value)
            values[name] = escape_markdown(reason) if reason else tr(lang, "problem-unknown-reason")
        else:
            values[name] = value
    return tr(lang, problem.kind, **values)


def _intro(lang: Lang, update: SettingsUpdate | None) -> str:
    if update is None:
        return tr(lang, "setup-intro")
    if not update.changes:
        return tr(lang, "setup-unchanged")
    lines = [
        tr(
            lang,
            "setup-change",
            setting=setting_name(lang, name),
            old=show_value(lang, name, diff["old"]),
            new=show_value(lang, name, diff["new"]),
        )
        for name, diff in update.changes.items()
    ]
    return "\n".join([tr(lang, "setup-saved"), *lines])


def _language_line(lang: Lang, guild: discord.Guild, settings: GuildSettings) -> str:
    """Which language the server's public posts are in, and why."""
    posts = server_lang(guild, settings.language)
    name = tr(lang, f"language-name-{posts}")
    key = "setup-language-discord" if settings.language is None else "setup-language-chosen"
    return tr(lang, key, language=name)


def setup_embed(
    lang: Lang,
    guild: discord.Guild,
    settings: GuildSettings,
    update: SettingsUpdate | None = None,
    *,
    extra_problems: Sequence[SetupProblem] = (),
) -> discord.Embed:
    """The panel: what changed (if anything), the settings, and what needs attention."""
    problems = [*setup_problems(guild, settings), *extra_problems]
    embed = discord.Embed(
        title=tr(lang, "setup-title"),
        description=_intro(lang, update),
        colour=discord.Colour.orange() if problems else discord.Colour.green(),
    )
    s = settings

    def shown(field: str) -> str:
        return show_value(lang, field, getattr(s, field))

    fields = (
        (
            "setup-channels",
            tr(
                lang,
                "setup-channels-value",
                stories=shown("stories_channel_id"),
                digest=shown("digest_channel_id"),
                moderators=shown("mod_channel_id"),
            ),
        ),
        ("setup-moderators", tr(lang, "setup-moderators-value", role=shown("moderator_role_id"))),
        (
            "setup-stories",
            tr(
                lang,
                "setup-stories-value",
                review=shown("review_mode"),
                limits=words(
                    lang, limits_phrase(timedelta(seconds=s.cooldown_seconds), s.daily_cap)
                ),
                reports=s.report_threshold,
            ),
        ),
        (
            "setup-digest",
            tr(
                lang,
                "setup-digest-value",
                weekday=shown("digest_weekday"),
                hour=shown("digest_hour"),
                zone=s.timezone,
                size=s.leaderboard_size,
                min=s.min_stories,
                weight=shown("prior_weight"),
                quiet=tr(
                    lang, "setup-quiet-posted" if s.quiet_week_post else "setup-quiet-skipped"
                ),
            ),
        ),
        ("setup-language", _language_line(lang, guild, s)),
        ("setup-data", tr(lang, "setup-data-value", days=shown("retention_days"))),
    )
    for name, value in fields:
        embed.add_field(name=tr(lang, name), value=value, inline=False)
    if not problems:
        embed.add_field(name=tr(lang, "setup-all-good-name"), value=tr(lang, "setup-all-good"))
    for problem in problems:  # one field each: every text stays far below 1,024
        embed.add_field(
            name=f"⚠️ {problem_name(lang, problem)}", value=problem_text(lang, problem), inline=False
        )
    return embed
