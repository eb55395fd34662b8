from datetime import UTC, datetime, timedelta

from bot.domain.start_throttle import MAX_DELAY, remember_start, start_delay

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def ago(minutes: float) -> datetime:
    return NOW - timedelta(minutes=minutes)


def test_a_few_restarts_cost_nothing() -> None:
    assert start_delay([], NOW) == timedelta(0)
    assert start_delay([ago(1), ago(2)], NOW) == timedelta(0)


def test_a_crash_loop_waits_longer_and_longer_up_to_a_cap() -> None:
    assert start_delay([ago(1), ago(2), ago(3)], NOW) == timedelta(seconds=30)
    assert start_delay([ago(1), ago(2), ago(3), ago(4)], NOW) == timedelta(seconds=60)
    assert start_delay([ago(m / 10) for m in range(60)], NOW) == MAX_DELAY


def test_old_starts_are_forgotten() -> None:
    assert start_delay([ago(11), ago(12), ago(13), ago(14)], NOW) == timedelta(0)
    assert remember_start([ago(11), ago(1)], NOW) == [ago(1), NOW]
