"""`DATABASE_URL` end to end at the command line: run, check and backup on PostgreSQL.

On a real PostgreSQL server (tests/postgres_server.py); passwords the trusting test
server ignores are still hidden by the bot.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from bot.cli import main
from bot.run import ExitCode, open_configured_storage, run_until_stopped
from bot.settings import load_settings
from storage.postgres.migrate import bundled_migrations
from storage.sqlite import open_storage


@pytest.fixture
def operator_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env
    monkeypatch.setenv("DISCORD_TOKEN", "standin-token")
    monkeypatch.setenv("DISCORD_API_BASE", "http://127.0.0.1:9/api/v10")
    monkeypatch.setenv("DISCORD_GATEWAY_URL", "ws://127.0.0.1:9")
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "unused.db"))


def with_password(dsn: str, password: str) -> str:
    """The trusting test server ignores passwords; the bot must still hide them."""
    return dsn.replace("postgres@", f"postgres:{password}@", 1)


async def test_the_bot_opens_postgres_when_database_url_is_set(
    operator_env: None, empty_pg_database: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DATABASE_URL", empty_pg_database)
    storage = await open_configured_storage(load_settings(env_file=None))
    try:
        await storage.guild_settings.get(1)
        assert type(storage.database).__name__ == "PostgresDatabase"
    finally:
        await storage.close()
    assert not (tmp_path / "unused.db").exists()  # SQLite was not touched


async def test_without_database_url_the_bot_opens_sqlite_at_database_path(
    operator_env: None, tmp_path: Path
) -> None:
    storage = await open_configured_storage(load_settings(env_file=None))
    await storage.close()
    assert (tmp_path / "unused.db").exists()


def test_check_reports_the_postgres_schema_and_changes_nothing(
    operator_env: None,
    empty_pg_database: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", with_password(empty_pg_database, "s3cret-pw"))
    latest = len(bundled_migrations())
    assert main(["check"]) == ExitCode.OK
    first = capsys.readouterr().out
    assert f"schema version 0 ({latest} migrations will run at the next start)" in first
    assert "0 stories, 0 servers configured" in first
    assert main(["check"]) == ExitCode.OK  # still nothing migrated by the first check
    assert "schema version 0 " in capsys.readouterr().out
    assert "s3cret-pw" not in first


def test_check_after_a_start_says_up_to_date(
    operator_env: None,
    empty_pg_database: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", empty_pg_database)

    async def start_and_stop() -> None:
        storage = await open_configured_storage(load_settings(env_file=None))
        await storage.close()

    asyncio.run(start_and_stop())
    assert main(["check"]) == ExitCode.OK
    latest = len(bundled_migrations())
    assert f"schema version {latest} (up to date)" in capsys.readouterr().out


def test_check_on_an_unreachable_server_is_one_line_without_the_password(
    operator_env: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    dsn = f"postgresql://bot:pw-1234@/bot?host={tmp_path / 'nowhere'}"
    monkeypatch.setenv("DATABASE_URL", dsn)
    assert main(["check"]) == ExitCode.SETTINGS
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "cannot connect to PostgreSQL (database bot on " in err
    assert "pw-1234" not in err


def test_backup_on_postgres_refuses_and_names_pg_dump(
    operator_env: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:pw-1234@db.example.org/bot")
    assert main(["backup", str(tmp_path / "copy.db")]) == ExitCode.SETTINGS
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "pg_dump" in err
    assert "pw-1234" not in err
    assert not (tmp_path / "copy.db").exists()


async def test_backup_of_an_explicit_sqlite_file_still_works_beside_database_url(
    operator_env: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:pw-1234@db.example.org/bot")
    source = tmp_path / "old.db"
    await (await open_storage(source)).close()
    copy = ["backup", str(tmp_path / "copy.db"), "--database", str(source)]
    assert main(copy) == ExitCode.OK
    assert (tmp_path / "copy.db").exists()


def test_the_database_password_never_reaches_the_log(
    operator_env: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """A bot that cannot reach its database says so in one line, and hides the password."""
    password = "pw"  # shorter than any secret redacted by value: the DSN shape removes it
    dsn = f"postgresql://bot:{password}@/bot?host={tmp_path / 'nowhere'}"
    monkeypatch.setenv("DATABASE_URL", dsn)
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        code = run_until_stopped(load_settings(env_file=None))
        logging.getLogger("bot").warning("the address was %s", dsn)
    finally:
        for handler in root.handlers:
            if handler not in before:
                root.removeHandler(handler)
    assert code == ExitCode.FAILED
    err = capfd.readouterr().err
    assert "Using PostgreSQL (database bot on " in err
    assert "cannot connect to the PostgreSQL database" in err
    assert "the address was [redacted]" in err  # the whole DSN is a secret
    assert f":{password}@" not in err
