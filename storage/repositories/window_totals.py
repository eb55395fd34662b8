"""Figures of a span of time from the day totals, exact to the second.

The triggers of migration 0005 keep per-day totals (UTC days) of published stories. A
span [start, end) is read as its whole days from those totals plus its partial first
and last day from the stories' covering index, so any window (a server's week starts at
its own local hour, the week so far ends now) is counted exactly, while the largest
server's week reads about 7 × brands total rows and at most two partial days of stories
instead of ~50,000 stories.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from storage.rows import to_epoch

DAY = 86_400
# "No end": later than any stored time, small enough for SQLite's integers.
OPEN_END = 2**53

_STORIES = (
    "FROM stories INDEXED BY stories_leaderboard WHERE guild_id = :guild "
    "AND status = 'published' AND published_at >= {lo} AND published_at < {hi}"
)
_HEAD = _STORIES.format(lo=":head_start", hi=":head_end")
_TAIL = _STORIES.format(lo=":tail_start", hi=":tail_end")
_DAYS = "WHERE guild_id = :guild AND day >= :first_day AND day < :end_day"

# SQL written for both engines (PostgreSQL runs it too, storage/postgres/dialect.py): a
# comparison is cast to 0/1 explicitly and every subquery in FROM has a name.
_IS_DISASTER = "CAST(kind = 'disaster' AS INTEGER)"

# Per brand: stories, rating sum, disasters. Summed first, then the names joined to the
# summed rows only, from the server's own brands (`b.guild_id`: every brand belongs to
# one server). Joining before summing looked a name up for each day row (2,800 for the
# largest server's week instead of 400), and without the server's filter PostgreSQL
# hashed every server's brands (36,000) for each call: 9.8 ms instead of 1.4 ms in
# EXPLAIN ANALYZE, 1.8 ms instead of 1.2 ms on SQLite (bench/leaderboard.py).
BRAND_ROWS_SQL = (
    "SELECT w.brand_id, b.name, CAST(w.stories AS BIGINT), "
    "CAST(w.rating_sum AS DOUBLE PRECISION) / CAST(w.stories AS DOUBLE PRECISION), "
    "CAST(w.stories - w.disasters AS BIGINT), CAST(w.disasters AS BIGINT) FROM ("
    "SELECT brand_id, sum(stories) AS stories, sum(rating_sum) AS rating_sum, "
    "sum(disasters) AS disasters FROM ("
    f"SELECT brand_id, stories, rating_sum, disasters FROM brand_day_totals {_DAYS} "
    f"UNION ALL SELECT brand_id, 1, rating, {_IS_DISASTER} {_HEAD} "
    f"UNION ALL SELECT brand_id, 1, rating, {_IS_DISASTER} {_TAIL}"
    ") AS span GROUP BY brand_id) AS w "
    "JOIN brands AS b ON b.id = w.brand_id AND b.guild_id = :guild ORDER BY w.brand_id"
)
# The server's stories and rating sum over the span (for its mean rating).
SERVER_TOTALS_SQL = (
    "SELECT sum(n), sum(r) FROM ("
    f"SELECT stories AS n, rating_sum AS r FROM guild_day_totals {_DAYS} "
    f"UNION ALL SELECT count(*), sum(rating) {_HEAD} "
    f"UNION ALL SELECT count(*), sum(rating) {_TAIL}) AS span"
)


# Per kind and touchpoint: stories (the digest's most praised and criticised).
_TOUCHPOINT_STORIES = (
    "SELECT s.kind, t.touchpoint FROM stories AS s INDEXED BY stories_leaderboard "
    "JOIN story_touchpoints AS t ON t.story_id = s.id WHERE s.guild_id = :guild "
    "AND s.status = 'published' AND s.published_at >= {lo} AND s.published_at < {hi}"
)
TOUCHPOINT_COUNTS_SQL = (
    "SELECT kind, touchpoint, sum(n) FROM ("
    f"SELECT kind, touchpoint, stories AS n FROM guild_touchpoint_day_totals {_DAYS} "
    "UNION ALL SELECT kind, touchpoint, 1 FROM ("
    + _TOUCHPOINT_STORIES.format(lo=":head_start", hi=":head_end")
    + ") AS head UNION ALL SELECT kind, touchpoint, 1 FROM ("
    + _TOUCHPOINT_STORIES.format(lo=":tail_start", hi=":tail_end")
    + ") AS tail) AS span GROUP BY kind, touchpoint"
)


def span_params(guild_id: int, start: datetime, end: datetime | None) -> dict[str, int]:
    """Named parameters for the SQL above: whole days, then the two partial days."""
    lo = to_epoch(start)
    hi = OPEN_END if end is None else to_epoch(end)
    first_day = -(-lo // DAY)  # the first day that starts inside the span
    end_day = hi // DAY  # the day the span ends in (not whole)
    if first_day >= end_day:  # no whole day: the stories themselves, in one range
        return {
            "guild": guild_id,
            "first_day": 0,
            "end_day": 0,
            "head_start": lo,
            "head_end": hi,
            "tail_start": hi,
            "tail_end": hi,
        }
    return {
        "guild": guild_id,
        "first_day": first_day,
        "end_day": end_day,
        "head_start": lo,
        "head_end": first_day * DAY,
        "tail_start": end_day * DAY,
        "tail_end": hi,
    }


def mean_of(row: Sequence[Any] | None) -> float | None:
    """The mean rating from a SERVER_TOTALS_SQL row; None when nothing was published."""
    if row is None or not row[0]:
        return None
    return float(row[1]) / int(row[0])
