"""The bot's own process freezes its start-up objects once ready (see bot/gc_tuning.py)."""

from __future__ import annotations

import re
from pathlib import Path

from standin import StandIn
from standin.bot_process import BotProcess
from standin.interactions import wait_until


async def test_the_bot_process_freezes_its_start_up_objects_once_ready(
    standin: StandIn, tmp_path: Path
) -> None:
    bot = BotProcess(standin, tmp_path / "bot.db")
    async with bot:
        await wait_until(lambda: "Froze" in bot.log_text(), 10.0, bot.log_text)
        result = await standin.user("alice").run_command("help")
        assert "/story great" in (await result.wait_for_message()).embed_text()
    frozen = re.findall(r"Froze (\d+) start-up objects", bot.log_text())
    assert len(frozen) == 1  # once, not at every reconnect
    assert int(frozen[0]) > 10_000
