"""The bot process end to end: start, register commands, answer, survive errors."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.logging_setup import install_redaction
from standin import StandIn
from tests.conftest import FakeClock
from tests.e2e.conftest import App, bot_process


async def test_bot_registers_its_commands_and_answers_help(app: App) -> None:
    names = {c["name"] for c in app.standin.registered_commands()}
    assert {"help", "story"} <= names
    story = next(c for c in app.standin.registered_commands() if c["name"] == "story")
    assert story["contexts"] == [0] or story.get("dm_permission") is False

    result = await app.standin.user("alice").run_command("help")
    message = await result.wait_for_message()
    assert result.ephemeral
    assert "/story great" in message.embed_text()


async def test_commands_are_synced_only_when_they_changed(
    standin: StandIn, tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "bot.db"
    uploads = []
    for _ in range(2):
        async with bot_process(standin, path, clock):
            uploads.append(
                sum(1 for r in standin.requests if r.method == "PUT" and "commands" in r.path)
            )
    assert uploads == [1, 1]


async def test_tokens_never_reach_the_logs_even_at_debug(
    standin: StandIn, tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.handler.setLevel(logging.DEBUG)
    install_redaction((standin.token,))
    root = logging.getLogger()
    root.addHandler(caplog.handler)
    try:
        with caplog.at_level(logging.DEBUG):
            async with bot_process(standin, tmp_path / "bot.db", clock):
                result = await standin.user("alice").run_command("help")
                await result.wait_for_message()
                interaction_token = result.record.token
    finally:
        root.removeHandler(caplog.handler)
        for handler in root.handlers:
            handler.filters.clear()
    assert "help" in caplog.text
    assert "INTERACTION_CREATE" in caplog.text  # the gateway event really was logged...
    assert standin.token not in caplog.text
    assert interaction_token not in caplog.text  # ...without its token
