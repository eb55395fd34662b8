"""The real bot, started through discord.py against the Discord stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest_asyncio

from bot.client import ExperienceBot
from bot.domain.guild_settings import GuildSettings
from storage.sqlite import Storage, open_storage
from tests.conftest import FakeClock
from tests.standin import StandIn


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


@pytest_asyncio.fixture
async def app(standin: StandIn, tmp_path: Path, clock: FakeClock) -> AsyncIterator[App]:
    db_path = tmp_path / "bot.db"
    storage = await open_storage(db_path)
    bot = ExperienceBot(storage=storage, clock=clock)
    try:
        async with standin.running(bot):
            await standin.wait_for_commands()
            yield App(standin, bot, storage, clock, db_path)
    finally:
        await storage.close()
