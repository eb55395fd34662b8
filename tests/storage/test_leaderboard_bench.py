"""The leaderboard benchmark still runs on both engines (the 1,000,000-story run is far
too slow for the suite): a tiny database, copied into the session's PostgreSQL server."""

import asyncio
import sqlite3
from pathlib import Path

import asyncpg
import pytest

from bench.leaderboard import main
from bench.leaderboard_engines import EngineFigures, Timing, side_by_side
from bench.story_database import Plan, build

pytestmark = pytest.mark.sqlite_only("builds its own SQLite source and PostgreSQL copy")


async def _bench_databases(server_dsn: str) -> list[str]:
    admin = await asyncpg.connect(server_dsn)
    try:
        rows = await admin.fetch("SELECT datname FROM pg_database")
    finally:
        await admin.close()
    return [r[0] for r in rows if r[0].startswith("leaderboard_bench")]


def test_benchmark_smoke_run_on_both_engines(
    tmp_path: Path, postgres_dsn: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["--stories", "600", "--servers", "5", "--runs", "2", "--rounds", "2"]
    args += ["--dir", str(tmp_path)]
    main([*args, "--dsn", postgres_dsn])

    out = capsys.readouterr().out
    assert "leaderboards compared: 5 servers x 2 weeks (rows and server mean); different: 0" in out
    assert "every count equal on both engines" in out
    assert any(line.split() == ["SQLite", "PostgreSQL"] for line in out.splitlines())
    driver = next(line for line in out.splitlines() if line.startswith("  raw driver"))
    assert driver.split()[-2:] == ["sqlite3", "asyncpg"]
    bare = next(line for line in out.splitlines() if line.startswith("  storage's driver, bare"))
    assert bare.split()[-4:] == ["aiosqlite", "same", "as", "raw"]
    assert [line.split()[:2] for line in out.splitlines() if "  round " in line] == [
        ["round", "1"],
        ["round", "2"],
    ]
    assert "against aiosqlite on SQLite" in out
    assert "target on SQLite" in out
    assert "target on PostgreSQL" in out
    assert "USING COVERING INDEX stories_leaderboard" in out
    assert "USING INDEX bench_leaderboard_without_kind" in out
    assert list(tmp_path.iterdir()) == []  # the temporary SQLite database is gone


def test_benchmark_drops_its_postgres_copy(tmp_path: Path, postgres_dsn: str) -> None:
    before = asyncio.run(_bench_databases(postgres_dsn))
    source = build(tmp_path, Plan(stories=600, servers=3)).path
    indexes = sqlite3.connect(source).execute("SELECT count(*) FROM sqlite_master").fetchone()

    main(["--from", str(source), "--runs", "1", "--no-two-pass", "--dsn", postgres_dsn])

    assert asyncio.run(_bench_databases(postgres_dsn)) == before
    # --from copies the file: the bench's extra index never lands in the source.
    after = sqlite3.connect(source).execute("SELECT count(*) FROM sqlite_master").fetchone()
    assert after == indexes


def _figures(engine: str, repository_ms: float, raw_ms: float, p95_ms: float) -> EngineFigures:
    return EngineFigures(
        engine,
        "driver",
        Timing(repository_ms, p95_ms),
        Timing(raw_ms, raw_ms),
        Timing(raw_ms, raw_ms),
        servers=3,
        all_rows_ms=3.0,
        all_raw_ms=2.0,
        all_ranked_ms=4.0,
        server_mean=Timing(0.1, 0.2),
    )


def test_targets_are_judged_on_the_ratio_and_the_largest_weeks_p95() -> None:
    lines = side_by_side(
        [
            _figures("Met", 11.0, 10.0, 40.0),
            _figures("Slow", 11.0, 10.0, 60.0),
            _figures("Heavy", 13.0, 10.0, 20.0),
        ]
    )
    verdicts = {
        line.split()[2]: line.rsplit(" ", 1)[1] for line in lines if line.startswith("target on")
    }
    assert verdicts == {"Met": "met", "Slow": "MISSED", "Heavy": "MISSED"}
    assert any("1.10" in line and "1.30" in line for line in lines)  # the ratios, side by side
