"""A bot in no server logs the link that invites it, once it is connected."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.client import ExperienceBot
from bot.invite import invite_url
from standin import StandIn
from standin.interactions import wait_until
from storage.sqlite import open_storage
from tests.conftest import FakeClock


async def run_once(
    standin: StandIn, tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    """Start the bot, wait for its on_ready log line, stop it."""
    storage = await open_storage(tmp_path / "bot.db")
    try:
        async with standin.running(ExperienceBot(storage=storage, clock=clock)):
            await wait_until(
                lambda: any("Connected as" in m for m in caplog.messages),
                3.0,
                lambda: "on_ready never logged",
            )
    finally:
        await storage.close()


async def test_the_invite_link_is_logged_while_the_bot_is_in_no_server(
    standin: StandIn, tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    del standin.world.guilds[standin.guild.id]
    with caplog.at_level(logging.INFO, logger="bot.client"):
        await run_once(standin, tmp_path, clock, caplog)
    expected = f"I am in no server yet. Invite me: {invite_url(standin.app_id)}"
    assert expected in caplog.messages


async def test_no_invite_link_once_the_bot_is_in_a_server(
    standin: StandIn, tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="bot.client"):
        await run_once(standin, tmp_path, clock, caplog)
    assert "Connected as experience-it to 1 servers" in caplog.messages
    assert not any("Invite me" in m for m in caplog.messages)
