"""Per-server settings; a server with no row simply has the defaults."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.domain.guild_settings import GuildSettings
from storage.database import Database

_COLUMNS = tuple(name for name in GuildSettings.model_fields if name != "guild_id")


class SqliteGuildSettingsRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def get(self, guild_id: int) -> GuildSettings:
        row = await self._db.fetch_one(
            f"SELECT guild_id, {', '.join(_COLUMNS)} FROM guild_settings WHERE guild_id = ?",
            (guild_id,),
        )
        if row is None:
            return GuildSettings(guild_id=guild_id)
        return GuildSettings.model_validate(dict(row))

    async def save(self, settings: GuildSettings, now: datetime) -> None:
        values: dict[str, Any] = settings.model_dump(mode="json")
        values["quiet_week_post"] = int(settings.quiet_week_post)
        values["updated_at"] = int(now.timestamp())
        columns = ("guild_id", *_COLUMNS, "updated_at")
        updates = ", ".join(f"{c} = excluded.{c}" for c in (*_COLUMNS, "updated_at"))
        async with self._db.transaction() as connection:
            await connection.execute(
                f"INSERT INTO guild_settings ({', '.join(columns)}) "
                f"VALUES ({', '.join(':' + c for c in columns)}) "
                f"ON CONFLICT (guild_id) DO UPDATE SET {updates}",
                values,
            )
