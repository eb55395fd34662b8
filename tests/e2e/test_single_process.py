"""SQLite serves one bot process: a second `python -m bot` on the same file refuses.

`check` and `backup` still work beside the running bot, and a SIGKILLed bot leaves no
lock behind (the kernel drops it with the process).
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from bot.run import ExitCode
from standin import StandIn
from standin.bot_process import BotProcess
from tests.tokens import fake_bot_token

ROOT = Path(__file__).resolve().parents[2]


async def command(database: Path, *args: str) -> tuple[int, str]:
    """`python -m bot ARGS` as an operator runs it beside the bot; exit code and output."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_"))}
    env.update(PYTHONPATH=str(ROOT), DATABASE_PATH=str(database))
    env["DISCORD_TOKEN"] = fake_bot_token()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        cwd=database.parent,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    assert process.returncode is not None
    return process.returncode, output.decode()


async def test_a_second_bot_on_the_same_file_refuses_with_one_line(
    standin: StandIn, tmp_path: Path
) -> None:
    database = tmp_path / "bot.db"
    first = BotProcess(standin, database)
    second = BotProcess(standin, database, log_path=tmp_path / "second.log")
    async with first:
        assert first.process is not None
        with pytest.raises(RuntimeError, match="exited with 2"):
            await second.start()
        log = second.log_text()
        refusal = [line for line in log.splitlines() if "CRITICAL" in line]
        assert len(refusal) == 1, log
        assert "Traceback" not in log
        assert f"is in use by another bot process (pid {first.process.pid})" in refusal[0]
        assert "use PostgreSQL (DATABASE_URL)" in refusal[0]
        assert second.process is not None
        assert second.process.returncode == ExitCode.SETTINGS

        # The operator's tools work beside the running bot.
        code, output = await command(database, "check")
        assert (code, "up to date" in output) == (ExitCode.OK, True), output
        code, output = await command(database, "backup", str(tmp_path / "copy.db"))
        assert (code, "integrity check ok" in output) == (ExitCode.OK, True), output

        await first.kill()  # no clean-up at all: the kernel releases the lock
        await second.start()  # raises unless it reached the gateway and became ready
        await second.stop()
