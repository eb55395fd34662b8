"""The real bot, started through discord.py against the Discord stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest_asyncio

from bot.client import ExperienceBot
from bot.domain.guild_settings import GuildSettings
from standin import StandIn
from storage.sqlite import Storage, open_storage
from tests.conftest import FakeClock


@dataclass
class App:
    standin: StandIn
    bot: ExperienceBot
    storage: Storage
    clock: FakeClock
    db_path: Path

    @property
    def guild_id(self) -> int:
        return self.standin.guild.id

    def channel_id(self, name: str) -> int:
        return self.standin.channels[name].id

    async def configure(self, **changes: object) -> GuildSettings:
        """Set the server's settings directly (the setup command has its own tests)."""
        current = await self.storage.guild_settings.get(self.guild_id)
        updated = GuildSettings.model_validate({**current.model_dump(), **changes})
        await self.storage.guild_settings.save(updated, self.clock())
        return updated


@asynccontextmanager
async def bot_process(
    standin: StandIn, db_path: Path, clock: FakeClock
) -> AsyncIterator[tuple[ExperienceBot, Storage]]:
    """One run of the bot process on `db_path`: start it twice to test a restart."""
    storage = await open_storage(db_path)
    try:
        bot = ExperienceBot(storage=storage, clock=clock)
        async with standin.running(bot):
            # The bot's own storage: tests write through its settings cache, as the bot does.
            yield bot, bot.storage
    finally:
        await storage.close()


@pytest_asyncio.fixture
async def app(standin: StandIn, tmp_path: Path, clock: FakeClock) -> AsyncIterator[App]:
    db_path = tmp_path / "bot.db"
    async with bot_process(standin, db_path, clock) as (bot, storage):
        await standin.wait_for_commands()
        yield App(standin, bot, storage, clock, db_path)
