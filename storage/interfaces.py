"""What the bot needs from storage, independent of the database engine.

Cogs and the bot depend on these protocols only, so a PostgreSQL backend can be added
beside the SQLite one without touching them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.domain.guild_settings import GuildSettings


class MetaRepository(Protocol):
    async def get(self, key: str) -> str | None: ...

    async def set(self, key: str, value: str) -> None: ...


class GuildSettingsRepository(Protocol):
    async def get(self, guild_id: int) -> GuildSettings: ...

    async def save(self, settings: GuildSettings, now: datetime) -> None: ...
