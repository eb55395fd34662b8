"""Per-server settings; a server with no row simply has the defaults."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

import aiosqlite

from bot.domain.guild_settings import GuildSettings
from bot.domain.moderators import AuditEntry, SettingsUpdate, apply_settings_changes
from storage.database import Database
from storage.repositories.audit_log import insert_audit_entry
from storage.repositories.promises import release_parked

_COLUMNS = tuple(name for name in GuildSettings.model_fields if name != "guild_id")
_SELECT = f"SELECT guild_id, {', '.join(_COLUMNS)} FROM guild_settings WHERE guild_id = ?"


class SqliteGuildSettingsRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def get(self, guild_id: int) -> GuildSettings:
        row = await self._db.fetch_one(_SELECT, (guild_id,))
        if row is None:
            return GuildSettings(guild_id=guild_id)
        return GuildSettings.model_validate(dict(row))

    async def save(self, settings: GuildSettings, now: datetime) -> None:
        async with self._db.transaction() as connection:
            await _upsert(connection, settings, now)
            await release_parked(connection, settings.guild_id)

    async def update(
        self, guild_id: int, changes: Mapping[str, Any], *, moderator_id: int, now: datetime
    ) -> SettingsUpdate:
        """Apply a moderator's changes and audit them, in one transaction.

        Reading, validating, writing and auditing under one lock means two moderators
        saving at once cannot undo each other's changes or log a wrong "old" value.
        A rejected change (UserFacingError) rolls back and leaves no trace.
        """
        async with self._db.transaction() as connection:
            async with connection.execute(_SELECT, (guild_id,)) as cursor:
                row = await cursor.fetchone()
            before = (
                GuildSettings(guild_id=guild_id)
                if row is None
                else GuildSettings.model_validate(dict(row))
            )
            after = apply_settings_changes(before, changes)
            update = SettingsUpdate(before=before, after=after)
            # Saving the setup is how moderators say "fixed": parked deliveries retry.
            await release_parked(connection, guild_id)
            if update.changes:
                await _upsert(connection, after, now)
                entry = AuditEntry(
                    guild_id=guild_id,
                    moderator_id=moderator_id,
                    action="settings",
                    details=update.changes,
                    created_at=now,
                )
                await insert_audit_entry(connection, entry)
            return update


async def _upsert(connection: aiosqlite.Connection, settings: GuildSettings, now: datetime) -> None:
    values: dict[str, Any] = settings.model_dump(mode="json")
    values["quiet_week_post"] = int(settings.quiet_week_post)
    values["updated_at"] = int(now.timestamp())
    columns = ("guild_id", *_COLUMNS, "updated_at")
    updates = ", ".join(f"{c} = excluded.{c}" for c in (*_COLUMNS, "updated_at"))
    await connection.execute(
        f"INSERT INTO guild_settings ({', '.join(columns)}) "
        f"VALUES ({', '.join(':' + c for c in columns)}) "
        f"ON CONFLICT (guild_id) DO UPDATE SET {updates}",
        values,
    )
