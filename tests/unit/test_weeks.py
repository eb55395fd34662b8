import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.weeks import (
    ScheduleError,
    Window,
    after_previous,
    current_week,
    next_boundary,
    parse_week_start,
    trailing_window,
    validate_hour,
    validate_weekday,
    validate_zone,
    week_window,
    window_for_week,
)
from bot.errors import UserFacingError
from bot.i18n.refusals import refusal_text

HOUR = timedelta(hours=1)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0):
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


# --- ordinary weeks ---------------------------------------------------------


def test_utc_monday_week():
    window = week_window(utc(2026, 11, 25, 9, 30), "UTC")
    assert window == Window(utc(2026, 11, 16), utc(2026, 11, 23), date(2026, 11, 16))
    assert window.key == "2026-11-16"
    assert window.duration == 168 * HOUR


def test_at_the_boundary_the_week_that_just_ended_is_reported():
    at = week_window(utc(2026, 11, 23), "UTC")
    before = week_window(utc(2026, 11, 23) - timedelta(seconds=1), "UTC")
    assert at.key == "2026-11-16"
    assert before.key == "2026-11-09"
    assert at.contains(utc(2026, 11, 22, 23, 59, 59))
    assert not at.contains(at.end)


def test_weeks_back_walks_to_earlier_weeks():
    now = utc(2026, 11, 25)
    assert week_window(now, "UTC", weeks_back=2).key == "2026-11-09"
    assert week_window(now, "UTC", weeks_back=3).end == week_window(now, "UTC", weeks_back=2).start
    with pytest.raises(ValueError, match="weeks_back"):
        week_window(now, "UTC", weeks_back=0)


def test_local_zone_shifts_the_boundary():
    # Monday 00:00 in Toronto (EST, UTC-5) is 05:00 UTC.
    now = utc(2026, 11, 23, 4, 59)  # still Sunday evening in Toronto
    assert week_window(now, "America/Toronto").key == "2026-11-09"
    assert week_window(utc(2026, 11, 23, 5), "America/Toronto") == Window(
        utc(2026, 11, 16, 5), utc(2026, 11, 23, 5), date(2026, 11, 16)
    )


def test_input_in_another_offset_means_the_same_instant():
    tokyo = datetime(2026, 11, 25, 18, 30, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert week_window(tokyo, "Europe/Berlin") == week_window(
        tokyo.astimezone(UTC), "Europe/Berlin"
    )


def test_naive_now_is_refused():
    with pytest.raises(ValueError, match="aware"):
        week_window(datetime(2026, 11, 25), "UTC")


# --- daylight-saving weeks --------------------------------------------------


def test_toronto_spring_forward_week_is_167_hours():
    # DST starts Sunday 2026-03-08 02:00 EST -> 03:00 EDT.
    window = week_window(utc(2026, 3, 10), "America/Toronto")
    assert window.key == "2026-03-02"
    assert window.start == utc(2026, 3, 2, 5)  # Monday 00:00 EST
    assert window.end == utc(2026, 3, 9, 4)  # Monday 00:00 EDT
    assert window.duration == 167 * HOUR


def test_toronto_fall_back_week_is_169_hours():
    # DST ends Sunday 2026-11-01 02:00 EDT -> 01:00 EST.
    window = week_window(utc(2026, 11, 3), "America/Toronto")
    assert window.key == "2026-10-26"
    assert window.start == utc(2026, 10, 26, 4)  # Monday 00:00 EDT
    assert window.end == utc(2026, 11, 2, 5)  # Monday 00:00 EST
    assert window.duration == 169 * HOUR


def test_berlin_spring_and_fall_weeks():
    # CET -> CEST on Sunday 2026-03-29, CEST -> CET on Sunday 2026-10-25.
    spring = week_window(utc(2026, 3, 31), "Europe/Berlin")
    assert (spring.key, spring.start, spring.end) == (
        "2026-03-23",
        utc(2026, 3, 22, 23),
        utc(2026, 3, 29, 22),
    )
    assert spring.duration == 167 * HOUR
    fall = week_window(utc(2026, 10, 27), "Europe/Berlin")
    assert (fall.key, fall.start, fall.end) == (
        "2026-10-19",
        utc(2026, 10, 18, 22),
        utc(2026, 10, 25, 23),
    )
    assert fall.duration == 169 * HOUR
    # The ordinary weeks either side are 168 hours.
    assert week_window(utc(2026, 3, 24), "Europe/Berlin").duration == 168 * HOUR
    assert week_window(utc(2026, 4, 7), "Europe/Berlin").duration == 168 * HOUR


def test_sunday_18h_schedule_across_the_toronto_change():
    # Sunday 18:00 EST = 23:00 UTC; Sunday 18:00 EDT = 22:00 UTC.
    window = week_window(utc(2026, 3, 9, 12), "America/Toronto", weekday=6, hour=18)
    assert window == Window(utc(2026, 3, 1, 23), utc(2026, 3, 8, 22), date(2026, 3, 1))
    assert window.duration == 167 * HOUR
    # One minute before Sunday 18:00 EDT the week before is still the last full one.
    earlier = week_window(utc(2026, 3, 8, 21, 59), "America/Toronto", weekday=6, hour=18)
    assert earlier.key == "2026-02-22"
    assert next_boundary(utc(2026, 3, 8, 21, 59), "America/Toronto", 6, 18) == utc(2026, 3, 8, 22)
    fall = week_window(utc(2026, 11, 2), "America/Toronto", weekday=6, hour=18)
    assert (fall.start, fall.end) == (utc(2026, 10, 25, 22), utc(2026, 11, 1, 23))
    assert fall.duration == 169 * HOUR


def test_boundary_inside_the_missing_hour_falls_at_the_change():
    # Sunday 02:00 does not exist in Toronto on 2026-03-08: the boundary is 03:00 EDT.
    window = week_window(utc(2026, 3, 9), "America/Toronto", weekday=6, hour=2)
    assert window.end == utc(2026, 3, 8, 7)
    after = current_week(utc(2026, 3, 9), "America/Toronto", weekday=6, hour=2)
    assert after.start == window.end
    assert after.end == utc(2026, 3, 15, 6)  # 02:00 EDT


def test_boundary_in_the_repeated_hour_is_the_first_one():
    # Sunday 01:00 happens twice in Toronto on 2026-11-01; the boundary is 01:00 EDT.
    window = week_window(utc(2026, 11, 2), "America/Toronto", weekday=6, hour=1)
    assert window.end == utc(2026, 11, 1, 5)
    assert current_week(utc(2026, 11, 1, 5, 30), "America/Toronto", 6, 1).start == window.end


@pytest.mark.parametrize("zone", ["America/Toronto", "Europe/Berlin", "Australia/Lord_Howe"])
@pytest.mark.parametrize(("weekday", "hour"), [(0, 0), (6, 18), (6, 2), (6, 1), (3, 23)])
def test_weeks_tile_time_without_gaps_or_overlaps(zone: str, weekday: int, hour: int):
    rng = random.Random(f"{zone}{weekday}{hour}")
    start = utc(2026, 1, 1)
    for _ in range(300):
        now = start + timedelta(seconds=rng.randrange(0, 366 * 86400))
        full = week_window(now, zone, weekday, hour)
        so_far = current_week(now, zone, weekday, hour)
        assert (
            full.end == so_far.start <= now < so_far.end == next_boundary(now, zone, weekday, hour)
        )
        assert week_window(so_far.end, zone, weekday, hour) == so_far
        assert full.week_start.weekday() == weekday
        assert full.week_start + timedelta(days=7) == so_far.week_start
        # Lord Howe moves its clocks by half an hour.
        assert 167 * HOUR <= full.duration <= 169 * HOUR
        assert window_for_week(full.week_start, zone, weekday, hour) == full


# --- past weeks, next digest, trailing span ---------------------------------


def test_window_for_a_past_week_from_text():
    window = window_for_week("2026-10-26", "America/Toronto", now=utc(2026, 11, 25))
    assert window == week_window(utc(2026, 11, 3), "America/Toronto")


def refused(call: Callable[..., object], *args: object, **kwargs: object) -> str:
    """What a member reads when `call` refuses (English): the facts, worded."""
    with pytest.raises(ScheduleError) as caught:
        call(*args, **kwargs)
    assert refusal_text("fr", caught.value) != refusal_text("en", caught.value)
    return refusal_text("en", caught.value)


def test_window_for_week_refuses_wrong_day_future_and_garbage():
    assert refused(window_for_week, "2026-11-17", "UTC") == (
        "2026-11-17 is a Tuesday; weeks on this server start on Monday."
    )
    too_soon = refused(window_for_week, date(2026, 11, 30), "UTC", now=utc(2026, 11, 25))
    assert too_soon == "The week of 2026-11-30 hasn't started yet."
    # The week in progress is allowed.
    assert window_for_week("2026-11-23", "UTC", now=utc(2026, 11, 25)).key == "2026-11-23"
    assert "like 2026-11-16" in refused(window_for_week, "last week", "UTC")
    assert "like 2026-11-16" in refused(parse_week_start, "2026-13-01")


def test_next_boundary_is_strictly_after_now():
    assert next_boundary(utc(2026, 11, 23), "UTC") == utc(2026, 11, 30)
    assert next_boundary(utc(2026, 11, 22, 23, 59), "UTC") == utc(2026, 11, 23)
    assert next_boundary(utc(2026, 10, 30), "America/Toronto") == utc(2026, 11, 2, 5)


def test_trailing_twelve_weeks_counts_local_weeks_across_dst():
    window = week_window(utc(2026, 11, 25), "America/Toronto")
    span = trailing_window(window, "America/Toronto")
    assert span.end == window.end
    assert span.week_start == date(2026, 8, 31)
    assert span.start == utc(2026, 8, 31, 4)  # Monday 00:00 EDT
    assert span.duration == 12 * 168 * HOUR + HOUR
    assert trailing_window(window, "America/Toronto", weeks=1) == window


# --- validation -------------------------------------------------------------


@pytest.mark.parametrize(
    "zone", ["Mars/Olympus", "", "   ", "../etc/passwd", "America/", "zone.tab", "/etc/localtime"]
)
def test_unknown_zone_is_a_member_facing_error(zone: str):
    with pytest.raises(ScheduleError) as caught:
        validate_zone(zone)
    assert "Europe/Berlin" in refusal_text("en", caught.value)
    assert "Europe/Berlin" in refusal_text("fr", caught.value)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, UserFacingError)


def test_known_zone_and_bounds():
    assert validate_zone(" Europe/Berlin ").key == "Europe/Berlin"
    assert [validate_hour(0), validate_hour(23)] == [0, 23]
    assert [validate_weekday(0), validate_weekday(6)] == [0, 6]
    for bad_hour in (-1, 24, True):
        assert "0 to 23" in refused(validate_hour, bad_hour)
    for bad_day in (-1, 7):
        assert "0 (Monday) to 6 (Sunday)" in refused(validate_weekday, bad_day)
    with pytest.raises(ScheduleError):
        week_window(utc(2026, 11, 25), "UTC", hour=24)
    with pytest.raises(ScheduleError):
        current_week(utc(2026, 11, 25), "Nowhere/Land")


def test_after_previous_closes_a_gap_left_by_a_schedule_change() -> None:
    week = Window(
        start=datetime(2026, 11, 24, tzinfo=UTC),
        end=datetime(2026, 12, 1, tzinfo=UTC),
        week_start=date(2026, 11, 24),
    )
    monday = datetime(2026, 11, 23, tzinfo=UTC)
    stretched = after_previous(week, monday)
    assert stretched is not None
    assert (stretched.start, stretched.end, stretched.key) == (monday, week.end, "2026-11-24")
    assert after_previous(week, None) == week
    assert after_previous(week, week.start) == week  # no gap
    assert after_previous(week, week.start - timedelta(days=7)) == week  # a missed week


def test_after_previous_trims_an_overlap_or_waits_when_little_is_left() -> None:
    week = Window(
        start=datetime(2026, 11, 23, tzinfo=UTC),
        end=datetime(2026, 11, 30, tzinfo=UTC),
        week_start=date(2026, 11, 23),
    )
    noon = datetime(2026, 11, 23, 12, tzinfo=UTC)  # the last digest ran to Monday noon
    trimmed = after_previous(week, noon)
    assert trimmed is not None
    assert (trimmed.start, trimmed.end) == (noon, week.end)
    assert after_previous(week, datetime(2026, 11, 29, tzinfo=UTC)) is None  # one day left
    assert after_previous(week, week.end) is None  # already covered
