"""`python -m bot` as its own process against the stand-in: what crash tests build on."""

from __future__ import annotations

from pathlib import Path

from standin import StandIn
from standin.bot_process import BotProcess


async def test_the_bot_process_answers_survives_sigkill_and_restarts(
    standin: StandIn, tmp_path: Path
) -> None:
    bot = BotProcess(standin, tmp_path / "bot.db")
    async with bot:
        result = await standin.user("alice").run_command("help")
        message = await result.wait_for_message()
        assert "/story great" in message.embed_text()
        await bot.kill()
        assert bot.process is not None
        assert bot.process.returncode == -9
        await bot.start()
        again = await standin.user("bob").run_command("help")
        assert "/story great" in (await again.wait_for_message()).embed_text()
    assert bot.process is not None
    assert bot.process.returncode == 0
    assert standin.token not in bot.log_text()
    assert "Using the Discord at http://127.0.0.1:" in bot.log_text()
