"""Which servers a sharded process serves: Discord's routing rule."""

import pytest

from bot.domain.shards import owns_guild, shard_of

# Snowflakes whose timestamp part (id >> 22) is 1000, 1001, 1002, 1003.
GUILDS = [(ms << 22) | 12345 for ms in (1000, 1001, 1002, 1003)]


def test_shard_of_is_discords_rule() -> None:
    assert [shard_of(g, 2) for g in GUILDS] == [0, 1, 0, 1]
    assert [shard_of(g, 3) for g in GUILDS] == [1, 2, 0, 1]
    assert [shard_of(g, 1) for g in GUILDS] == [0, 0, 0, 0]
    with pytest.raises(ValueError, match="at least 1"):
        shard_of(GUILDS[0], 0)


def test_each_server_is_owned_by_exactly_one_of_the_processes() -> None:
    processes = [(0,), (1, 2)]
    for guild_id in GUILDS:
        owners = [ids for ids in processes if owns_guild(guild_id, 3, ids)]
        assert len(owners) == 1


def test_without_shard_ids_a_process_owns_every_server() -> None:
    assert all(owns_guild(g, None, None) for g in GUILDS)
    assert all(owns_guild(g, 4, None) for g in GUILDS)
    assert [owns_guild(g, 2, (1,)) for g in GUILDS] == [False, True, False, True]
