"""The servers' settings cache: read from memory, and never stale after a write through it."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.domain.guild_settings import GuildSettings
from bot.domain.moderators import SettingsUpdate
from bot.services.settings_cache import CachedGuildSettings, with_settings_cache
from storage.interfaces import GuildSettingsRepository
from storage.sqlite import Storage

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
GUILD = 501


class CountedReads:
    """The real repository, counting its reads and able to hold one back."""

    def __init__(self, inner: GuildSettingsRepository) -> None:
        self.inner = inner
        self.reads = 0
        self.hold: asyncio.Event | None = None
        self.reading = asyncio.Event()

    async def get(self, guild_id: int) -> GuildSettings:
        self.reads += 1
        settings = await self.inner.get(guild_id)
        self.reading.set()
        if self.hold is not None:
            await self.hold.wait()  # what it read is now old
        return settings

    async def save(self, settings: GuildSettings, now: datetime) -> None:
        await self.inner.save(settings, now)

    async def update(
        self, guild_id: int, changes: Mapping[str, Any], *, moderator_id: int, now: datetime
    ) -> SettingsUpdate:
        return await self.inner.update(guild_id, changes, moderator_id=moderator_id, now=now)


async def test_a_second_read_comes_from_memory(storage: Storage) -> None:
    counted = CountedReads(storage.guild_settings)
    cache = CachedGuildSettings(counted)
    first = await cache.get(GUILD)
    assert await cache.get(GUILD) is first
    assert counted.reads == 1


async def test_a_save_or_an_update_through_it_is_seen_at_once(storage: Storage) -> None:
    cache = CachedGuildSettings(storage.guild_settings)
    assert (await cache.get(GUILD)).daily_cap == 5

    await cache.save(GuildSettings(guild_id=GUILD, daily_cap=1), NOW)
    assert (await cache.get(GUILD)).daily_cap == 1

    await cache.update(GUILD, {"daily_cap": 3, "cooldown_seconds": 0}, moderator_id=9, now=NOW)
    seen = await cache.get(GUILD)
    assert (seen.daily_cap, seen.cooldown_seconds) == (3, 0)


async def test_a_read_that_began_before_a_write_does_not_bring_the_old_value_back(
    storage: Storage,
) -> None:
    counted = CountedReads(storage.guild_settings)
    cache = CachedGuildSettings(counted)
    counted.hold = asyncio.Event()
    slow = asyncio.create_task(cache.get(GUILD))  # reads the defaults, then waits
    await counted.reading.wait()
    await cache.save(GuildSettings(guild_id=GUILD, daily_cap=1), NOW)
    counted.hold.set()
    assert (await slow).daily_cap == 5  # it answers what it read...
    assert (await cache.get(GUILD)).daily_cap == 1  # ...but does not keep it


async def test_another_process_s_change_shows_after_the_ttl(storage: Storage) -> None:
    clock = [1000.0]
    cache = CachedGuildSettings(storage.guild_settings, ttl=60, monotonic=lambda: clock[0])
    assert (await cache.get(GUILD)).daily_cap == 5
    # Written beside the cache (as another process would).
    await storage.guild_settings.save(GuildSettings(guild_id=GUILD, daily_cap=2), NOW)
    clock[0] += 59
    assert (await cache.get(GUILD)).daily_cap == 5
    clock[0] += 2
    assert (await cache.get(GUILD)).daily_cap == 2


async def test_the_oldest_server_goes_when_the_cache_is_full(storage: Storage) -> None:
    counted = CountedReads(storage.guild_settings)
    cache = CachedGuildSettings(counted, max_entries=2)
    for guild in (1, 2, 3):
        await cache.get(guild)
    assert len(cache) == 2
    await cache.get(3)
    await cache.get(2)
    assert counted.reads == 3
    await cache.get(1)  # it was dropped: read again
    assert counted.reads == 4


async def test_a_purged_server_is_back_to_the_defaults_at_once(storage: Storage) -> None:
    cached = with_settings_cache(storage)
    await cached.guild_settings.save(
        GuildSettings(guild_id=GUILD, daily_cap=1, retention_days=1), NOW
    )
    assert (await cached.guild_settings.get(GUILD)).daily_cap == 1
    await cached.guild_data.mark_left(GUILD, NOW)
    assert await cached.guild_data.purge(GUILD, NOW + timedelta(days=2)) is not None
    assert (await cached.guild_settings.get(GUILD)).daily_cap == 5


async def test_the_cache_is_applied_once(storage: Storage) -> None:
    cached = with_settings_cache(storage)
    assert with_settings_cache(cached) is cached
    assert cached.stories is storage.stories
