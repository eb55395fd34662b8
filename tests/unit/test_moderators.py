"""The moderator rule and settings changes: pure, no Discord."""

from __future__ import annotations

import pytest

from bot.domain.guild_settings import GuildSettings, ReviewMode
from bot.domain.moderators import (
    ADMINISTRATOR,
    MANAGE_GUILD,
    MANAGE_MESSAGES,
    apply_settings_changes,
    is_moderator,
    settings_diff,
)
from bot.errors import UserFacingError
from bot.i18n.refusals import refusal_text
from tests.refusals import refused_with

SEND_MESSAGES = 1 << 11
ROLE = 777


@pytest.mark.parametrize(
    ("permissions", "roles", "configured", "expected"),
    [
        (MANAGE_GUILD, [], None, True),
        (MANAGE_MESSAGES, [], None, True),
        (ADMINISTRATOR, [], None, True),
        (MANAGE_GUILD | SEND_MESSAGES, [1, 2], ROLE, True),
        (SEND_MESSAGES, [ROLE], ROLE, True),  # the configured role alone is enough
        (SEND_MESSAGES, [1, 2], ROLE, False),
        (SEND_MESSAGES, [ROLE], None, False),  # no role configured: holding 777 means nothing
        (0, [], None, False),
        (SEND_MESSAGES, [], ROLE, False),
    ],
)
def test_who_is_a_moderator(
    permissions: int, roles: list[int], configured: int | None, expected: bool
) -> None:
    assert is_moderator(permissions, roles, configured) is expected


def test_a_demoted_member_is_no_longer_a_moderator() -> None:
    assert is_moderator(0, {ROLE, 5}, ROLE)
    assert not is_moderator(0, {5}, ROLE)


def test_changes_are_applied_and_zone_names_made_canonical() -> None:
    current = GuildSettings(guild_id=1)
    updated = apply_settings_changes(
        current,
        {"timezone": "america/toronto", "digest_hour": 17, "review_mode": "review"},
    )
    assert updated.timezone == "America/Toronto"
    assert updated.digest_hour == 17
    assert updated.review_mode is ReviewMode.REVIEW
    assert current.timezone == "UTC"  # frozen: the original is untouched


def test_every_problem_is_listed_and_nothing_is_applied() -> None:
    with pytest.raises(UserFacingError) as caught:
        apply_settings_changes(
            GuildSettings(guild_id=1),
            {"timezone": "Mars/Olympus_Mons", "digest_hour": 24, "leaderboard_size": 5},
        )
    message = refusal_text("en", caught.value)
    assert message.startswith("Nothing was changed")
    assert "Mars/Olympus\\_Mons" in message  # echoed, markdown-escaped
    assert "Digest hour must be between 0 and 23, not 24." in message


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("prior_weight", 20.5),
        ("prior_weight", -1),
        ("cooldown_seconds", 1441 * 60),
        ("daily_cap", 0),
        ("report_threshold", 51),
        ("min_stories", 101),
        ("digest_weekday", 7),
        ("leaderboard_size", True),
        ("review_mode", "sometimes"),
        ("guild_id", 2),
    ],
)
def test_impossible_values_are_refused(name: str, value: object) -> None:
    with refused_with("Nothing was changed:\n• "):
        apply_settings_changes(GuildSettings(guild_id=1), {name: value})


def test_the_diff_holds_old_and_new_values_of_changed_settings_only() -> None:
    before = GuildSettings(guild_id=1)
    after = before.model_copy(update={"stories_channel_id": 42, "review_mode": ReviewMode.REVIEW})
    assert settings_diff(before, after) == {
        "stories_channel_id": {"old": None, "new": 42},
        "review_mode": {"old": "open", "new": "review"},
    }
    assert settings_diff(before, before) == {}


def test_retention_outside_a_year_is_explained() -> None:
    with pytest.raises(UserFacingError) as caught:
        apply_settings_changes(GuildSettings(guild_id=1), {"retention_days": 400})
    assert "Data kept after the bot is removed must be between 1 and 365" in refusal_text(
        "en", caught.value
    )
