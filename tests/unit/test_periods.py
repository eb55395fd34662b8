"""Month, quarter and all-time windows in a zone with daylight-saving changes."""

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.periods import (
    ALL_TIME_END,
    ALL_TIME_START,
    Period,
    month_window,
    period_span,
    quarter_window,
)
from bot.domain.weeks import ScheduleError, current_week, trailing_window
from bot.i18n.figures import period_title

TORONTO = "America/Toronto"  # EDT (UTC-4) from 8 March to 1 November 2026, else EST (UTC-5)


def test_a_month_with_the_fall_back_change_is_an_hour_longer() -> None:
    window = month_window(datetime(2026, 11, 15, tzinfo=UTC), TORONTO)
    assert window.start == datetime(2026, 11, 1, 4, tzinfo=UTC)  # midnight EDT
    assert window.end == datetime(2026, 12, 1, 5, tzinfo=UTC)  # midnight EST
    assert window.duration == timedelta(days=30, hours=1)
    assert window.week_start == date(2026, 11, 1)


def test_a_month_with_the_spring_forward_change_is_an_hour_shorter() -> None:
    window = month_window(datetime(2026, 3, 20, tzinfo=UTC), TORONTO)
    assert window.start == datetime(2026, 3, 1, 5, tzinfo=UTC)
    assert window.end == datetime(2026, 4, 1, 4, tzinfo=UTC)
    assert window.duration == timedelta(days=31, hours=-1)


def test_the_month_is_the_local_one_not_the_utc_one() -> None:
    # 03:30 UTC on 1 November is still 23:30 on 31 October in Toronto.
    assert month_window(datetime(2026, 11, 1, 3, 30, tzinfo=UTC), TORONTO).week_start == date(
        2026, 10, 1
    )
    assert month_window(datetime(2026, 11, 1, 4, tzinfo=UTC), TORONTO).week_start == date(
        2026, 11, 1
    )


def test_december_rolls_into_next_year() -> None:
    window = month_window(datetime(2026, 12, 31, 12, tzinfo=UTC), "UTC")
    assert (window.start, window.end) == (
        datetime(2026, 12, 1, tzinfo=UTC),
        datetime(2027, 1, 1, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("moment", "first", "after"),
    [
        (datetime(2026, 2, 10, tzinfo=UTC), date(2026, 1, 1), date(2026, 4, 1)),
        (datetime(2026, 6, 30, tzinfo=UTC), date(2026, 4, 1), date(2026, 7, 1)),
        (datetime(2026, 11, 23, tzinfo=UTC), date(2026, 10, 1), date(2027, 1, 1)),
        # 04:30 UTC on 1 January is still 31 December, 23:30, in Toronto.
        (datetime(2027, 1, 1, 4, 30, tzinfo=UTC), date(2026, 10, 1), date(2027, 1, 1)),
    ],
)
def test_quarters_are_calendar_quarters(moment: datetime, first: date, after: date) -> None:
    window = quarter_window(moment, TORONTO)
    assert window.week_start == first
    # Consecutive quarters meet exactly: this one ends where the next one starts.
    following = quarter_window(window.end, TORONTO)
    assert following.start == window.end
    assert following.week_start == after


def test_consecutive_months_meet_exactly_over_two_years() -> None:
    moment = datetime(2025, 1, 15, tzinfo=UTC)
    window = month_window(moment, TORONTO)
    for _ in range(24):
        following = month_window(window.end, TORONTO)
        assert following.start == window.end
        window = following


def test_spans_and_their_prior_means() -> None:
    now = datetime(2026, 11, 23, 12, tzinfo=UTC)
    week = period_span(Period.WEEK, now, TORONTO, 0, 9)
    assert week.window == current_week(now, TORONTO, 0, 9)
    assert week.prior == trailing_window(week.window, TORONTO, 9)  # the digest's 12 weeks
    month = period_span(Period.MONTH, now, TORONTO)
    assert month.prior == month.window
    assert period_title("en", month) == "November 2026"
    assert period_title("fr", month) == "novembre 2026"
    quarter = period_span(Period.QUARTER, now, TORONTO)
    assert period_title("en", quarter) == "Q4 2026"
    assert period_title("fr", quarter) == "4e trimestre 2026"
    assert (
        period_title("fr", period_span(Period.QUARTER, datetime(2026, 2, 1, tzinfo=UTC), TORONTO))
        == "1er trimestre 2026"
    )
    assert quarter.prior == quarter.window
    ever = period_span(Period.ALL_TIME, now, TORONTO)
    assert (ever.window.start, ever.window.end) == (ALL_TIME_START, ALL_TIME_END)
    assert period_title("en", ever) == "All time"
    assert period_title("fr", ever) == "Depuis toujours"
    assert period_title("en", week) == "Week of Nov 16, 2026"
    assert period_title("fr", week) == "Semaine du 16 nov. 2026"


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        period_span(Period.MONTH, datetime(2026, 11, 23), TORONTO)
    with pytest.raises(ScheduleError):
        period_span(Period.MONTH, datetime(2026, 11, 23, tzinfo=UTC), "Mars/Olympus")
