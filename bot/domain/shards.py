"""Which servers a process is responsible for when the bot is split into shards.

Discord routes every server to exactly one shard: ``(guild_id >> 22) % shard_count``.
A process started with ``SHARD_IDS`` only receives the events of its own shards, and its
scheduled work (digests, sweeps, purges, deliveries) must likewise touch only the servers
of those shards: each loop's service takes an `Owns` test (the bot's `owns_guild`) and
leaves every other server to the process of its shard. A shared database is no reason
for two processes to do one server's work; the digest's lease is the second guard.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

# Whether this process handles a server's scheduled work (see `owns_guild`).
Owns = Callable[[int], bool]


def every_guild(guild_id: int) -> bool:
    """One process for everything: the default, and what tests of a single bot use."""
    return True


def shard_of(guild_id: int, shard_count: int) -> int:
    """The shard Discord delivers this server's events to."""
    if shard_count < 1:
        raise ValueError(f"shard_count must be at least 1, not {shard_count}")
    return (guild_id >> 22) % shard_count


def owns_guild(guild_id: int, shard_count: int | None, shard_ids: Collection[int] | None) -> bool:
    """Whether a process running `shard_ids` of `shard_count` shards serves this server.

    No count means one process for everything (the default); a count without ids means
    this process runs every shard of that count (discord.py's AutoShardedBot does so).
    """
    if shard_count is None:
        return True
    if shard_ids is None:
        return True
    return shard_of(guild_id, shard_count) in shard_ids


def shard_settings_problem(
    shard_count: int | None, shard_ids: Collection[int] | None
) -> str | None:
    """One line saying what is wrong with SHARD_COUNT / SHARD_IDS, or None if they fit."""
    if shard_ids is None:
        return None
    if shard_count is None:
        return (
            "SHARD_IDS needs SHARD_COUNT: set SHARD_COUNT to the total number of shards "
            "across every process"
        )
    if not shard_ids:
        return "SHARD_IDS is empty: list this process's shards, e.g. SHARD_IDS=0,1"
    seen: set[int] = set()
    for shard_id in shard_ids:
        if not 0 <= shard_id < shard_count:
            return (
                f"SHARD_IDS lists shard {shard_id}, but with SHARD_COUNT={shard_count} "
                f"shards are numbered 0 to {shard_count - 1}"
            )
        if shard_id in seen:
            return f"SHARD_IDS lists shard {shard_id} twice: list each shard once"
        seen.add(shard_id)
    return None
