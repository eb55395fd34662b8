"""The bot split into shards (`SHARD_COUNT`, `SHARD_IDS`), or not.

Unset, the bot is a plain `commands.Bot` on one gateway connection: what Discord asks of
a bot in fewer than 2,500 servers, what every test and the stand-in exercise, and no
`GET /gateway/bot` nor 5-second waits between connections. With `SHARD_COUNT` it is the
same bot on discord.py's `AutoShardedBot`, running `SHARD_IDS` (or every shard of the
count): one process per group of shards, on one machine or several. We never let
discord.py pick the count itself (`AutoShardedBot` without a count): processes that each
asked Discord could disagree about the count, and a server would then belong to two
processes or to none.

Scheduled work asks `bot.owns_guild(guild_id)`; see `bot.domain.shards`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from discord.ext import commands

from bot.client import ExperienceBot
from bot.clock import Clock, utc_now
from bot.domain.shards import owns_guild
from storage.sqlite import Storage

log = logging.getLogger(__name__)


class ShardedExperienceBot(ExperienceBot, commands.AutoShardedBot):
    """`ExperienceBot` on several gateway connections (discord.py opens one per shard).

    Between two of its own shards discord.py waits 5 s before IDENTIFY, as Discord's
    `max_concurrency` of 1 requires of most bots; processes started with one shard each
    do not wait.
    """

    def owns_guild(self, guild_id: int) -> bool:
        return owns_guild(guild_id, self.shard_count, self.shard_ids)


def create_bot(
    *,
    storage: Storage,
    dev_guild_id: int | None,
    public_url: str | None = None,
    shard_count: int | None,
    shard_ids: Sequence[int] | None,
    clock: Clock = utc_now,
) -> ExperienceBot:
    """The bot the settings ask for: plain, or sharded (settings validated the ids)."""
    if shard_count is None:
        return ExperienceBot(
            storage=storage, dev_guild_id=dev_guild_id, public_url=public_url, clock=clock
        )
    ids = range(shard_count) if shard_ids is None else shard_ids
    log.info("Running shards %s of %d", ",".join(str(i) for i in ids), shard_count)
    return ShardedExperienceBot(
        storage=storage,
        dev_guild_id=dev_guild_id,
        public_url=public_url,
        clock=clock,
        shard_count=shard_count,
        shard_ids=None if shard_ids is None else list(shard_ids),
    )
