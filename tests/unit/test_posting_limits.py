from datetime import UTC, datetime, timedelta

from bot.domain.posting_limits import next_allowed_post

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
