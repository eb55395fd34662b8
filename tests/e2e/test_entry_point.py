"""`python -m bot` as an operator runs it: bad set-ups end with one clear line."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.tokens import fake_bot_token

ROOT = Path(__file__).resolve().parents[2]


def run_bot(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DISCORD_TOKEN", "DATABASE_PATH"}}
    clean.update(env)
    clean["PYTHONPATH"] = str(ROOT)
    # Run from an empty folder so no developer's .env is read.
    return subprocess.run(
        [sys.executable, "-m", "bot"],
        cwd=tmp_path,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_missing_token_is_one_line_and_a_non_zero_exit(tmp_path: Path) -> None:
    result = run_bot(tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [
        "experience-it: DISCORD_TOKEN is not set: put DISCORD_TOKEN=<your bot token> in .env "
        "(see .env.example) or in the environment"
    ]
    assert "Traceback" not in result.stderr + result.stdout


def test_token_from_dotenv_is_used(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"DISCORD_TOKEN={fake_bot_token()}\nLOG_LEVEL=loud\n")
    result = run_bot(tmp_path)
    assert result.returncode == 2
    assert "LOG_LEVEL is invalid" in result.stderr
    assert "DISCORD_TOKEN" not in result.stderr


def test_a_database_from_a_newer_bot_is_refused_untouched(tmp_path: Path) -> None:
    database = tmp_path / "bot.db"
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA user_version = 99")
    before = database.read_bytes()
    result = run_bot(tmp_path, DISCORD_TOKEN=fake_bot_token(), DATABASE_PATH=str(database))
    assert result.returncode == 1
    assert "schema version 99" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert database.read_bytes() == before


def test_an_unwritable_database_path_is_one_clear_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = run_bot(
        tmp_path, DISCORD_TOKEN=fake_bot_token(), DATABASE_PATH=str(blocker / "bot.db")
    )
    assert result.returncode == 1
    assert "cannot open the database" in result.stderr
    assert "Traceback" not in result.stderr
