from pathlib import Path

import pytest


def test_storage_burst_benchmark_smoke_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The burst benchmark still runs (the full one is far too slow for the suite)."""
    from bench.storage_bursts import main

    main(["--stories", "3000", "--servers", "5", "--dir", str(tmp_path)])
    printed = capsys.readouterr().out
    for label in ("form pre-selection", "brand card", "leaderboard (shared)", "story write"):
        assert label in printed
