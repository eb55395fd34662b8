"""Numbers, dates, limits and refusals worded in English and French, by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.domain.guild_settings import GuildSettings
from bot.domain.moderators import SettingsRefused, apply_settings_changes
from bot.domain.posting_limits import duration_phrase, limits_phrase
from bot.domain.weeks import ScheduleError, window_for_week
from bot.i18n.catalog import words
from bot.i18n.formats import decimal, month_short, percent, plain_number, short_date
from bot.i18n.refusals import schedule_refusal, settings_refusal, worded
from cogs.digest.render import is_marker, marker


def test_numbers_are_written_the_languages_way_and_halves_round_up() -> None:
    assert decimal("en", 3.666) == "3.67"
    assert decimal("fr", 3.666) == "3,67"
    assert decimal("en", 3.275) == "3.28"  # Python's "%.2f" gives 3.27
    assert decimal("en", 3.265) == "3.27"  # half-even would give 3.26
    assert decimal("fr", 1500.5) == "1\u202f500,50"
    assert plain_number("fr", 2.5) == "2,5"
    assert plain_number("en", 3.0) == "3"
    assert percent("en", 0.4) == "40%"
    assert percent("fr", 0.4) == "40\xa0%"


def test_dates_follow_the_language() -> None:
    day = date(2026, 3, 2)
    assert short_date("en", day) == "Mar 2, 2026"
    assert short_date("fr", day) == "2 mars 2026"
    assert month_short("fr", day) == "mars"


@pytest.mark.parametrize(
    ("minutes", "cap", "english", "french"),
    [
        (0, 0, "no new stories for now", "plus de nouvelle histoire pour l'instant"),
        (0, 1, "one story a day", "une histoire par jour"),
        (0, 5, "5 stories a day", "5 histoires par jour"),
        (1, 2, "2 stories a day, at least 1 minute apart", None),
        (90, 5, None, "5 histoires par jour, espacées d'au moins 1 h 30 min"),
        (120, 3, None, "3 histoires par jour, espacées d'au moins 2 heures"),
    ],
)
def test_posting_limits_in_both_languages(
    minutes: int, cap: int, english: str | None, french: str | None
) -> None:
    cooldown = timedelta(minutes=minutes)
    if english is not None:
        assert words("en", limits_phrase(cooldown, cap)) == english
    if french is not None:
        assert words("fr", limits_phrase(cooldown, cap)) == french


def test_durations_in_french() -> None:
    assert words("fr", duration_phrase(timedelta(seconds=1))) == "1 seconde"
    assert words("fr", duration_phrase(timedelta(minutes=45))) == "45 minutes"
    assert words("fr", duration_phrase(timedelta(hours=1))) == "1 heure"


def test_a_schedule_refusal_is_worded_in_the_members_language() -> None:
    with pytest.raises(ScheduleError) as caught:
        window_for_week("2026-11-17", "UTC", weekday=0)
    assert caught.value.key == "week-wrong-weekday"
    assert caught.value.values == {"date": "2026-11-17", "weekday": 1, "start": 0}
    assert schedule_refusal("en", caught.value) == (
        "2026-11-17 is a Tuesday; weeks on this server start on Monday."
    )
    assert schedule_refusal("fr", caught.value) == (
        "Le 2026-11-17 est un mardi ; sur ce serveur, les semaines commencent le lundi."
    )


def test_a_settings_refusal_lists_every_problem_in_the_moderators_language() -> None:
    current = GuildSettings(guild_id=1)
    with pytest.raises(SettingsRefused) as caught:
        apply_settings_changes(current, {"timezone": "Mars/Olympus", "daily_cap": 500})
    assert settings_refusal("fr", caught.value).split("\n") == [
        "Rien n'a été changé :",
        "• « Mars/Olympus » n'est pas un fuseau horaire que je connais. Utilisez un nom IANA "
        "comme `Europe/Paris` ou `America/Toronto` (l'option en propose pendant la saisie).",
        "• Histoires par membre et par jour doit être entre 1 et 100, pas 500.",
    ]


def test_a_digest_footer_is_recognised_in_either_language() -> None:
    assert is_marker(marker("fr", "2026-11-16"), "2026-11-16")
    assert is_marker(marker("en", "2026-11-16"), "2026-11-16")
    assert not is_marker(marker("fr", "2026-11-16"), "2026-11-23")
    assert not is_marker(None, "2026-11-16")


def test_suggested_brands_are_listed_with_the_languages_or() -> None:
    facts = {"name": "Rogerz", "suggestions": "Rogers\nRogres\nR*gers"}
    assert worded("fr", "brand-refused-unknown-brand-suggest", facts).startswith(
        "Je ne connais aucune marque appelée **Rogerz** ici. "
        "Vouliez-vous dire **Rogers**, **Rogres** ou **R\\*gers** ?"
    )
    assert "Did you mean **Rogers**, **Rogres** or **R\\*gers**?" in worded(
        "en", "brand-refused-unknown-brand-suggest", facts
    )
