"""bench/bursts.py at a tiny scale, so the benchmark machinery keeps working in CI.

Not a speed test (the figures are printed by the benchmark, on a quiet machine): it
checks that every flow is driven end to end for the real bot and the floor, and that the
benchmark database is one the bot can read as members would.
"""

from __future__ import annotations

import asyncio
import math
import sqlite3
from pathlib import Path

from bench.burst_flows import FLOWS, Burst
from bench.bursts import Database, Options, Report, cached_database, format_report, run_bursts
from bench.story_database import BIG_GUILD
from bot.domain.brands import brand_key

FIRST_ANSWERS = {
    "form": {"modal"},
    "submit": {"message", "deferred"},
    "brand": {"message", "deferred"},
    "leaderboard": {"message", "deferred"},
    "relatable": {"update", "deferred_update", "message"},
}


def test_a_tiny_burst_run_drives_every_flow_for_the_bot_and_the_floor(tmp_path: Path) -> None:
    database = cached_database(Options(stories=2_000, servers=5, cache_dir=tmp_path))
    with sqlite3.connect(database.path) as connection:
        key = connection.execute(
            "SELECT name_key FROM brands WHERE guild_id = ? AND name = ?",
            (BIG_GUILD, database.brands["largest"]),
        ).fetchone()[0]
        touchpoints = connection.execute("SELECT count(*) FROM story_touchpoints").fetchone()[0]
    assert key == brand_key(database.brands["largest"])  # what /brand looks up
    assert touchpoints >= 2_000
    assert database.current_published > 0  # /leaderboard's week so far has stories
    assert database.big_published > 0

    folder = tmp_path / "run"
    folder.mkdir()
    report = asyncio.run(run_bursts(database, (5,), folder))

    assert len(report.bursts) == 2 * 2 * len(FLOWS)  # two servers, bot and floor
    for burst in report.bursts:
        where = f"{burst.target} {burst.server} {burst.flow}"
        assert burst.members == len(burst.latencies) == 5, where
        assert all(math.isfinite(x) for x in burst.latencies), where
        assert set(burst.kinds) <= FIRST_ANSWERS[burst.flow], f"{where}: {burst.kinds}"
    assert report.violations == {"bot": 0, "floor": 0}
    assert report.memory["bot"][0] > 0
    assert len(report.memory_by_run["bot"]) == 1
    assert report.ready["bot"] > 0
    assert sum(b.cpu_seconds for b in report.bursts if b.target == "bot") > 0
    lines = format_report(report, (5,))
    assert any(line.startswith("largest") and "/leaderboard" in line for line in lines)


def test_several_runs_print_medians_and_each_run_s_ratio(tmp_path: Path) -> None:
    database = Database(tmp_path / "none.db", {"small": 1, "largest": 2}, {}, 0, 0, None)
    database.path.write_bytes(b"")
    slower = {"bot": 2, "floor": 1}  # the bot twice the floor in every run

    def burst(target: str, server: str, flow: str, run: int) -> Burst:
        scale = (run + 1) * slower[target]
        return Burst(target, server, flow, 2, (0.01 * scale, 0.02 * scale), (), 0.004, run)

    bursts = [
        burst(target, server, flow, run)
        for run in range(3)
        for target in slower
        for server in ("small", "largest")
        for flow in FLOWS
    ]
    report = Report(
        database,
        bursts,
        {"bot": 1, "floor": 1},
        {"bot": (1, 1), "floor": (1, 1)},
        0.1,
        1,
        1.0,
        {"bot": 0, "floor": 0},
        {"bot": [(1, 1)] * 3, "floor": [(1, 1)] * 3},
    )
    line = next(x for x in format_report(report, (2,)) if x.startswith("small") and "/brand" in x)
    assert line.endswith("2.0x (2.0 2.0 2.0)")  # the median ratio, then each run's
    assert " 2.0 " in line  # CPU per member: 4 ms / 2 members
