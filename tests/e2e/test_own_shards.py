"""Scheduled work touches only the servers of the process's own shards.

The bot runs shard S of 2 against the stand-in, on a database that also holds a server
of the other shard (a database shared with that shard's process, or one kept from before
the bot was split): the other server's digest, abandoned drafts, outbox and purge are
left to its own process.
"""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta
from pathlib import Path

from bot.domain.shards import owns_guild
from bot.domain.stories import StoryStatus
from bot.services.lifecycle import LifecycleService
from bot.sharding import ShardedExperienceBot
from standin import Guild, StandIn
from standin.gateway import shard_of
from storage.records import DeliveryKind
from storage.sqlite import open_storage
from tests.conftest import FakeClock
from tests.e2e.conftest import App
from tests.e2e.digest_helpers import IN_WEEK, a_week_of_stories, add_story
from tests.e2e.server_data_helpers import eventually


def posts_in(standin: StandIn, guild: Guild, channel: str) -> int:
    return len([m for m in standin.messages(guild.channels[channel]) if m.embeds])


async def configure(app: App, guild: Guild) -> None:
    settings = await app.storage.guild_settings.get(guild.id)
    changes = {
        "digest_channel_id": guild.channels["digest"].id,
        "stories_channel_id": guild.channels["stories"].id,
    }
    await app.storage.guild_settings.save(settings.model_copy(update=changes), app.clock())


async def test_a_shard_process_leaves_other_shards_servers_alone(
    standin: StandIn, tmp_path: Path, clock: FakeClock
) -> None:
    mine = standin.guild
    shard = shard_of(mine.id, 2)
    other = await standin.add_guild("Second", guild_id=standin.ids.next_on_shard(1 - shard, 2))
    storage = await open_storage(tmp_path / "bot.db")
    try:
        bot = ShardedExperienceBot(storage=storage, clock=clock, shard_count=2, shard_ids=[shard])
        app = App(standin, bot, storage, clock, tmp_path / "bot.db")
        drafts = {}
        for guild in (mine, other):
            await configure(app, guild)
            await a_week_of_stories(app, guild_id=guild.id)
            # A member walked away from the follow-ups days ago.
            drafts[guild.id] = await add_story(
                app, "Bell", 4, guild_id=guild.id, status=StoryStatus.DRAFT, when=IN_WEEK
            )
        waiting = await storage.deliveries.enqueue_story(
            DeliveryKind.STORY_POST, other.id, drafts[other.id] - 1, int(time.time())
        )
        async with standin.running(bot):

            async def own_work_done() -> bool:
                return posts_in(standin, mine, "digest") + posts_in(standin, mine, "stories") >= 2

            await eventually(own_work_done, "the own server's digest and abandoned story", 10)
            await asyncio.sleep(0.3)  # what a loop would do for the other server, it did now
        assert posts_in(standin, mine, "digest") == 1
        assert posts_in(standin, other, "digest") == 0
        assert posts_in(standin, other, "stories") == 0
        assert await storage.digests.last_attempt(other.id) is None
        published = await storage.stories.get(drafts[mine.id])
        untouched = await storage.stories.get(drafts[other.id])
        assert published is not None
        assert published.status is StoryStatus.PUBLISHED
        assert untouched is not None
        assert untouched.status is StoryStatus.DRAFT
        assert await storage.deliveries.get(waiting) is not None
    finally:
        await storage.close()


async def test_a_purge_round_purges_only_its_own_shards_servers(
    tmp_path: Path, clock: FakeClock
) -> None:
    storage = await open_storage(tmp_path / "bot.db")
    try:
        ids = [(ms << 22) | 7 for ms in (10, 11)]  # shards 0 and 1 of 2
        for guild_id in ids:
            await storage.guild_data.mark_left(guild_id, clock() - timedelta(days=31))
        purged = await LifecycleService(storage, clock).purge_due(
            lambda guild_id: owns_guild(guild_id, 2, [1])
        )
        assert list(purged.purged) == [ids[1]]
        assert [d.guild_id for d in await storage.guild_data.departures()] == [ids[0]]
    finally:
        await storage.close()
