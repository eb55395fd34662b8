"""`python -m bot` with WEB_PORT set: the pages are served by the bot process itself."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import aiohttp

from standin import StandIn
from standin.bot_process import BotProcess


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_the_bot_process_serves_a_page_a_moderator_turned_on(
    standin: StandIn, tmp_path: Path
) -> None:
    port = _free_port()
    env = {"WEB_PORT": str(port), "PUBLIC_URL": f"http://127.0.0.1:{port}/"}
    async with BotProcess(standin, tmp_path / "bot.db", env=env) as bot:
        result = await standin.user("moderator").run_command("storymod web", action="on")
        message = await result.wait_for_message()
        match = re.search(r"<(http://127\.0\.0\.1:\d+/s/([A-Za-z0-9_-]{22})/)>", message.content)
        assert match, message.content
        async with aiohttp.ClientSession() as session:
            async with session.get(match.group(1)) as response:
                assert response.status == 200
                assert standin.guild.name in await response.text()
            async with session.get(f"http://127.0.0.1:{port}/s/{'B' * 22}/") as response:
                assert response.status == 404
    # The address is a key: it is never written to the log (no access log).
    assert match.group(2) not in bot.log_text()
    assert f"Web pages served on 127.0.0.1:{port}" in bot.log_text()
