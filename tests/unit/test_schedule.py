"""Time-zone names as moderators type them."""

from __future__ import annotations

from bot.domain.schedule import canonical_timezone, timezone_suggestions, weekday_name


def test_known_zones_are_accepted_in_any_case_and_spacing() -> None:
    assert canonical_timezone("America/Toronto") == "America/Toronto"
    assert canonical_timezone("  america/new york ") == "America/New_York"
    assert canonical_timezone("utc") == "UTC"


def test_unknown_or_path_like_names_are_refused() -> None:
    for name in ("Mars/Olympus", "", "../../etc/passwd", "/usr/share/zoneinfo/UTC", "Toronto"):
        assert canonical_timezone(name) is None


def test_suggestions_put_the_best_match_first() -> None:
    assert timezone_suggestions("toronto")[0] == "America/Toronto"
    assert timezone_suggestions("Paris")[0] == "Europe/Paris"
    assert timezone_suggestions("new_y")[0] == "America/New_York"
    assert timezone_suggestions("utc")[0] == "UTC"


def test_suggestions_are_at_most_25_and_never_empty_before_typing() -> None:
    assert len(timezone_suggestions("a")) == 25
    assert timezone_suggestions("")[0] == "UTC"
    assert timezone_suggestions("zzzzzz") == []


def test_weekday_names() -> None:
    assert weekday_name(0) == "Monday"
    assert weekday_name(6) == "Sunday"
