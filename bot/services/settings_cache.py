"""Servers' settings kept in memory: the first response of a command reads none.

Nearly every interaction needs its server's settings (the posting limits before the
story form opens, the channels, the review mode), and they change a few times in a
server's life. Reading them from the database cost every member a trip to SQLite's
thread before their answer; in a burst of a hundred that is a queue. So the bot reads
them through `CachedGuildSettings`, which answers from memory and is kept correct by
every write the process makes:
- the settings' own writes (`save`, `update`) go through it and drop the entry;
- a server's departure, return and purge (`CachedGuildData`) drop it too (the purge
  deletes the settings' row);
- a read that began before a write never stores what it read (a generation count), so
  a slow read cannot put the old settings back after the write dropped them.
Another process could still change the table (an operator's tool, a second bot during
a rolling restart): entries are read again after `TTL_SECONDS`, so such a change shows
within a minute. `with_settings_cache` wraps a `Storage` of any engine; the cache lives
here, in the services, never in a backend.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from bot.domain.guild_export import ExportedStory
from bot.domain.guild_settings import Departure, GuildSettings
from bot.domain.moderators import SettingsUpdate
from storage.interfaces import GuildDataRepository, GuildSettingsRepository
from storage.sqlite import Storage

# How long an entry is trusted without a write of this process saying otherwise.
TTL_SECONDS = 60.0
# Servers kept at once (the oldest entry goes first): a minute's active servers fit.
MAX_ENTRIES = 2_000


class CachedGuildSettings:
    """A `GuildSettingsRepository` answering reads from memory, dropped on every write."""

    def __init__(
        self,
        inner: GuildSettingsRepository,
        *,
        ttl: float = TTL_SECONDS,
        max_entries: int = MAX_ENTRIES,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._inner = inner
        self._ttl = ttl
        self._max_entries = max_entries
        self._monotonic = monotonic
        self._entries: dict[int, tuple[float, GuildSettings]] = {}
        # Bumped by every drop: a read that saw another value began before a write.
        self._generation = 0

    async def get(self, guild_id: int) -> GuildSettings:
        now = self._monotonic()
        entry = self._entries.get(guild_id)
        if entry is not None and now - entry[0] < self._ttl:
            return entry[1]
        generation = self._generation
        settings = await self._inner.get(guild_id)  # frozen: safe to share
        if generation == self._generation:
            self._entries.pop(guild_id, None)  # re-inserted last: the newest
            self._entries[guild_id] = (now, settings)
            while len(self._entries) > self._max_entries:
                del self._entries[next(iter(self._entries))]
        return settings

    async def save(self, settings: GuildSettings, now: datetime) -> None:
        try:
            await self._inner.save(settings, now)
        finally:  # failed or not: the stored value is not known for certain
            self.forget(settings.guild_id)

    async def update(
        self, guild_id: int, changes: Mapping[str, Any], *, moderator_id: int, now: datetime
    ) -> SettingsUpdate:
        try:
            return await self._inner.update(guild_id, changes, moderator_id=moderator_id, now=now)
        finally:
            self.forget(guild_id)

    def forget(self, guild_id: int) -> None:
        """Drop a server's entry: its settings changed (or may have)."""
        self._generation += 1
        self._entries.pop(guild_id, None)

    def __len__(self) -> int:
        return len(self._entries)


class CachedGuildData:
    """A `GuildDataRepository` that drops a server's cached settings when it writes them."""

    def __init__(self, inner: GuildDataRepository, settings: CachedGuildSettings) -> None:
        self._inner = inner
        self._settings = settings

    async def mark_left(self, guild_id: int, now: datetime) -> None:
        try:
            await self._inner.mark_left(guild_id, now)
        finally:
            self._settings.forget(guild_id)

    async def mark_returned(self, guild_id: int) -> bool:
        try:
            return await self._inner.mark_returned(guild_id)
        finally:
            self._settings.forget(guild_id)

    async def left_at(self, guild_id: int) -> datetime | None:
        return await self._inner.left_at(guild_id)

    async def departures(self) -> list[Departure]:
        return await self._inner.departures()

    async def known_guild_ids(self) -> set[int]:
        return await self._inner.known_guild_ids()

    async def export_stories(self, guild_id: int) -> list[ExportedStory]:
        return await self._inner.export_stories(guild_id)

    async def purge(self, guild_id: int, now: datetime) -> dict[str, int] | None:
        try:
            return await self._inner.purge(guild_id, now)
        finally:  # the settings' row is gone: defaults from now on
            self._settings.forget(guild_id)


def with_settings_cache(storage: Storage) -> Storage:
    """The same storage, its servers' settings read through one in-memory cache.

    Applied once, by the bot (an already cached storage is returned as it is): everyone
    holding the bot's `storage` writes through the cache, so nobody sees a stale value.
    """
    if isinstance(storage.guild_settings, CachedGuildSettings):
        return storage
    settings = CachedGuildSettings(storage.guild_settings)
    return dataclasses.replace(
        storage,
        guild_settings=settings,
        guild_data=CachedGuildData(storage.guild_data, settings),
    )
