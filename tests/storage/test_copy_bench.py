"""The copy benchmark still runs (the 1,000,000-story run is far too slow for the suite)."""

from pathlib import Path

import pytest

from bench.copy_to_postgres import main


@pytest.mark.sqlite_only("builds its own SQLite source and PostgreSQL target")
def test_copy_benchmark_smoke_run(
    tmp_path: Path, postgres_dsn: str, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["--stories", "2000", "--servers", "5", "--dir", str(tmp_path), "--dsn", postgres_dsn])
    printed = capsys.readouterr().out
    assert (
        "leaderboards compared: 5 servers x 2 weeks (rows and server mean); different: 0" in printed
    )
    assert "stories" in printed
