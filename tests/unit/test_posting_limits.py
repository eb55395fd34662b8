from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.posting_limits import duration_phrase, limits_phrase, next_allowed_post
from bot.i18n.catalog import words

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
FIVE_MIN = timedelta(minutes=5)


def ago(**delta: float) -> datetime:
    return NOW - timedelta(**delta)


def test_first_story_is_always_allowed() -> None:
    assert next_allowed_post([], NOW, FIVE_MIN, 3) is None


def test_cooldown_counts_from_the_last_story() -> None:
    assert next_allowed_post([ago(minutes=2)], NOW, FIVE_MIN, 3) == NOW + timedelta(minutes=3)
    assert next_allowed_post([ago(minutes=5)], NOW, FIVE_MIN, 3) is None


def test_daily_cap_opens_when_the_oldest_story_leaves_the_window() -> None:
    times = [ago(hours=20), ago(hours=10), ago(hours=1)]
    assert next_allowed_post(times, NOW, FIVE_MIN, 3) == NOW + timedelta(hours=4)
    assert next_allowed_post(times, NOW, FIVE_MIN, 4) is None


def test_the_later_of_both_limits_wins() -> None:
    times = [ago(hours=23, minutes=58), ago(minutes=1)]
    assert next_allowed_post(times, NOW, FIVE_MIN, 2) == NOW + timedelta(minutes=4)


def test_zero_cooldown_and_old_stories_do_not_count() -> None:
    assert next_allowed_post([ago(days=2), ago(seconds=1)], NOW, timedelta(0), 2) is None


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (timedelta(0), "0 seconds"),
        (timedelta(seconds=1), "1 second"),
        (timedelta(seconds=59), "59 seconds"),
        (timedelta(minutes=1), "1 minute"),
        (timedelta(minutes=45), "45 minutes"),
        (timedelta(minutes=60), "1 hour"),
        (timedelta(minutes=90), "1 h 30 min"),
        (timedelta(minutes=121), "2 h 1 min"),
        (timedelta(hours=24), "24 hours"),
    ],
)
def test_durations_read_as_people_say_them(span: timedelta, text: str) -> None:
    assert words("en", duration_phrase(span)) == text


@pytest.mark.parametrize(
    ("minutes", "cap", "text"),
    [
        (0, 0, "no new stories for now"),
        (5, 0, "no new stories for now"),
        (0, 1, "one story a day"),
        (1, 1, "one story a day"),
        (90, 1, "one story a day"),
        (0, 5, "5 stories a day"),
        (1, 2, "2 stories a day, at least 1 minute apart"),
        (5, 5, "5 stories a day, at least 5 minutes apart"),
        (60, 3, "3 stories a day, at least 1 hour apart"),
        (90, 5, "5 stories a day, at least 1 h 30 min apart"),
        (1440, 5, "one story a day"),
    ],
)
def test_limits_read_naturally_for_every_combination(minutes: int, cap: int, text: str) -> None:
    assert words("en", limits_phrase(timedelta(minutes=minutes), cap)) == text
