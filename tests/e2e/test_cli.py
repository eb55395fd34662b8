"""The command line as an operator uses it: each command, what it prints, its exit code."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.cli import main
from bot.invite import REQUIRED_PERMISSIONS
from bot.run import ExitCode
from bot.version import __version__
from standin import StandIn
from standin.bot_process import BotProcess
from storage.maintenance import latest_schema_version
from tests.tokens import APPLICATION_ID, fake_bot_token

ROOT = Path(__file__).resolve().parents[2]
TOKEN = fake_bot_token()


def cli(
    folder: Path, *args: str, timeout: float = 60, **env: str
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` in `folder` (its .env, if any, is read), settings from `env` only."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_"))}
    clean.update(env)
    clean["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=folder,
        env=clean,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


SETTINGS = (
    "DISCORD_TOKEN",
    "DATABASE_PATH",
    "LOG_LEVEL",
    "DEV_GUILD_ID",
    "DISCORD_API_BASE",
    "DISCORD_GATEWAY_URL",
)


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def in_process(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Run]:
    """`bot.cli.main(ARGS)` in this process (quicker than a new Python), same contract."""

    def run(folder: Path, *args: str, **env: str) -> Run:
        for name in SETTINGS:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(folder)
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def make_database(path: Path, version: int) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE stories (id INTEGER PRIMARY KEY)")
        connection.executemany("INSERT INTO stories DEFAULT VALUES", [()] * 3)
        connection.execute(f"PRAGMA user_version = {version}")


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_never_starts_the_bot_even_beside_a_dotenv(tmp_path: Path, flag: str) -> None:
    (tmp_path / ".env").write_text(f"DISCORD_TOKEN={TOKEN}\n")
    result = cli(tmp_path, flag)
    assert result.returncode == 0
    for command in ("run", "demo", "invite", "check", "backup"):
        assert command in result.stdout
    assert "3  Discord rejected DISCORD_TOKEN" in result.stdout
    assert result.stderr == ""
    assert list(tmp_path.iterdir()) == [tmp_path / ".env"], "nothing may be created"


def test_version_never_starts_the_bot(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"DISCORD_TOKEN={TOKEN}\n")
    result = cli(tmp_path, "--version")
    assert (result.returncode, result.stdout) == (0, f"experience-it {__version__}\n")
    assert not (tmp_path / "data").exists()


def test_an_unknown_command_is_a_usage_error(tmp_path: Path) -> None:
    result = cli(tmp_path, "strat")
    assert result.returncode == 2
    assert "invalid choice: 'strat'" in result.stderr


def test_invite_reads_the_application_id_from_the_token(
    tmp_path: Path, in_process: Callable[..., Run]
) -> None:
    result = in_process(tmp_path, "invite", DISCORD_TOKEN=TOKEN)
    assert result.returncode == 0
    assert result.stdout == (
        f"https://discord.com/oauth2/authorize?client_id={APPLICATION_ID}"
        f"&scope=bot+applications.commands&permissions={REQUIRED_PERMISSIONS.value}\n"
    )


def test_invite_with_an_explicit_application_id_needs_no_settings(
    tmp_path: Path, in_process: Callable[..., Run]
) -> None:
    result = in_process(tmp_path, "invite", "--application-id", "42424242424242424")
    assert result.returncode == 0
    assert "client_id=42424242424242424&" in result.stdout


def test_invite_without_a_token_says_what_to_set(
    tmp_path: Path, in_process: Callable[..., Run]
) -> None:
    result = in_process(tmp_path, "invite")
    assert result.returncode == ExitCode.SETTINGS
    assert "DISCORD_TOKEN is not set" in result.stderr


def test_check_reports_settings_token_and_database_and_creates_nothing(
    tmp_path: Path, in_process: Callable[..., Run]
) -> None:
    database = tmp_path / "data" / "bot.db"
    result = in_process(tmp_path, "check", DISCORD_TOKEN=TOKEN, DATABASE_PATH=str(database))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "settings: ok (log level INFO, Discord at discord.com)"
    assert lines[1] == f"token: shaped like a bot token for application {APPLICATION_ID}"
    assert lines[2] == f"database: {database} does not exist yet; the bot creates it at start"
    assert not (tmp_path / "data").exists()


def test_check_migrates_nothing_and_reports_the_version(
    tmp_path: Path, in_process: Callable[..., Run]
) -> None:
    database = tmp_path / "bot.db"
    make_database(database, 1)
    before = database.read_bytes()
    result = in_process(tmp_path, "check", DISCORD_TOKEN=TOKEN, DATABASE_PATH=str(database))
    assert result.returncode == 0, result.stderr
    pending = latest_schema_version() - 1
    assert pending > 1
    assert (
        f"database: {database}, schema version 1 ({pending} migrations will run at the next "
        "start); 3 stories, 0 servers configured"
    ) in result.stdout
    assert database.read_bytes() == before


def test_check_lists_every_problem_on_its_own_line(
    tmp_path: Path, in_process: Callable[..., Run]
) -> None:
    result = in_process(tmp_path, "check", DISCORD_TOKEN="client-secret-pasted", LOG_LEVEL="loud")
    assert result.returncode == ExitCode.SETTINGS
    assert result.stderr.splitlines() == [
        "experience-it: DISCORD_TOKEN is invalid: it does not look like a bot token (three "
        "parts separated by dots). Copy it from the Bot page of the Discord developer portal "
        "(Reset Token), not the client secret or the public key",
        "experience-it: LOG_LEVEL is invalid: Input should be 'DEBUG', 'INFO', 'WARNING', "
        "'ERROR' or 'CRITICAL'",
        "experience-it: database: not checked until the settings above are fixed",
    ]
    assert "client-secret-pasted" not in result.stderr + result.stdout


def test_check_refuses_a_database_from_a_newer_bot(
    tmp_path: Path, in_process: Callable[..., Run]
) -> None:
    database = tmp_path / "bot.db"
    make_database(database, 999)
    result = in_process(tmp_path, "check", DISCORD_TOKEN=TOKEN, DATABASE_PATH=str(database))
    assert result.returncode == ExitCode.SETTINGS
    assert "schema version 999, newer than this bot knows" in result.stderr


def test_a_malformed_token_stops_before_the_database_is_created(tmp_path: Path) -> None:
    result = cli(tmp_path, DISCORD_TOKEN="abc.def.ghi")
    assert result.returncode == ExitCode.SETTINGS
    assert "does not look like a bot token" in result.stderr
    assert not (tmp_path / "data").exists()


def test_backup_copies_the_database_and_never_overwrites(
    tmp_path: Path, in_process: Callable[..., Run]
) -> None:
    database = tmp_path / "bot.db"
    make_database(database, 1)
    copy = tmp_path / "copy.db"
    result = in_process(
        tmp_path, "backup", str(copy), DISCORD_TOKEN=TOKEN, DATABASE_PATH=str(database)
    )
    assert result.returncode == 0, result.stderr
    assert "(schema version 1, 3 stories; integrity check ok)" in result.stdout
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT count(*) FROM stories").fetchone() == (3,)
    again = in_process(tmp_path, "backup", str(copy), "--database", str(database))
    assert again.returncode == ExitCode.FAILED
    assert "already exists" in again.stderr
    missing = in_process(
        tmp_path, "backup", str(tmp_path / "x.db"), "--database", str(tmp_path / "no")
    )
    assert missing.returncode == ExitCode.FAILED
    assert "there is no database at" in missing.stderr


async def test_a_token_discord_rejects_exits_with_its_own_code(
    standin: StandIn, tmp_path: Path
) -> None:
    bot = BotProcess(standin, tmp_path / "bot.db", env={"DISCORD_TOKEN": "not.the.token"})
    env = bot.environment()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, stderr = await process.communicate()
    assert process.returncode == ExitCode.TOKEN_REJECTED
    assert b"Discord rejected DISCORD_TOKEN" in stderr
    assert b"not.the.token" not in stderr


def test_check_says_when_the_database_cannot_be_created(
    tmp_path: Path, in_process: Callable[..., Run]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    database = blocker / "data" / "bot.db"
    result = in_process(tmp_path, "check", DISCORD_TOKEN=TOKEN, DATABASE_PATH=str(database))
    assert result.returncode == ExitCode.SETTINGS
    assert result.stderr == (
        f"experience-it: database: cannot create {database}: {blocker} is a file, not a folder\n"
    )
