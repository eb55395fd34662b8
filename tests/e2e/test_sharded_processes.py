"""The real bot split into shards: two `python -m bot` processes, each its own shard."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.sharding import ShardedExperienceBot, create_bot
from standin import Guild, StandIn, StandInError
from standin.bot_process import BotProcess
from standin.gateway import shard_of
from storage.sqlite import open_storage


async def help_answered(standin: StandIn, guild: Guild) -> bool:
    result = await standin.user("alice", guild).run_command("help")
    message = await result.wait_for_message()
    return "/story great" in message.embed_text()


async def test_two_processes_each_answer_only_the_servers_of_their_shard(
    standin: StandIn, tmp_path: Path
) -> None:
    default_shard = shard_of(standin.guild.id, 2)
    other = await standin.add_guild(
        "Second", guild_id=standin.ids.next_on_shard(1 - default_shard, 2)
    )
    guild_of_shard = {default_shard: standin.guild, 1 - default_shard: other}
    processes = {
        shard: BotProcess(
            standin,
            tmp_path / f"shard{shard}" / "bot.db",
            env={"SHARD_COUNT": "2", "SHARD_IDS": str(shard)},
        )
        for shard in (0, 1)
    }
    for process in processes.values():
        process.database.parent.mkdir()
    async with processes[0], processes[1]:
        assert standin.gateway.connected_shards() == {0: 2, 1: 2}
        for shard in (0, 1):
            assert await help_answered(standin, guild_of_shard[shard])
            assert standin.gateway.delivered[(shard, "INTERACTION_CREATE")] == 1
            assert standin.gateway.delivered[(shard, "GUILD_CREATE")] == 1

        # With shard 1's process gone, its server gets no answer; shard 0's still does.
        await processes[1].kill()
        with pytest.raises(StandInError, match="not connected to the gateway for guild"):
            await help_answered(standin, guild_of_shard[1])
        assert await help_answered(standin, guild_of_shard[0])
        await processes[1].start()
        assert await help_answered(standin, guild_of_shard[1])
        assert standin.gateway.delivered[(1, "INTERACTION_CREATE")] == 2
        assert standin.gateway.delivered[(0, "INTERACTION_CREATE")] == 2
    for shard, process in processes.items():
        log = process.log_text()
        assert f"Running shards {shard} of 2" in log
        assert f"Shard ID {shard} has connected" in log
        assert f"Shard ID {1 - shard} has" not in log
        assert standin.token not in log


async def test_a_count_without_ids_runs_every_shard_in_one_process(
    standin: StandIn, tmp_path: Path
) -> None:
    other = await standin.add_guild(
        "Second", guild_id=standin.ids.next_on_shard(1 - shard_of(standin.guild.id, 2), 2)
    )
    # discord.py waits 5 s before its second shard's IDENTIFY (Discord's rate for most bots).
    async with BotProcess(standin, tmp_path / "bot.db", env={"SHARD_COUNT": "2"}) as process:
        assert standin.gateway.connected_shards() == {0: 2, 1: 2}
        for guild in (standin.guild, other):
            assert await help_answered(standin, guild)
        assert standin.gateway.delivered[(0, "INTERACTION_CREATE")] == 1
        assert standin.gateway.delivered[(1, "INTERACTION_CREATE")] == 1
    assert "Running shards 0,1 of 2" in process.log_text()


async def test_the_settings_pick_a_plain_or_a_sharded_bot(tmp_path: Path) -> None:
    storage = await open_storage(tmp_path / "bot.db")
    try:
        plain = create_bot(storage=storage, dev_guild_id=None, shard_count=None, shard_ids=None)
        assert not isinstance(plain, ShardedExperienceBot)
        sharded = create_bot(storage=storage, dev_guild_id=None, shard_count=2, shard_ids=(1,))
        assert isinstance(sharded, ShardedExperienceBot)
        assert (sharded.shard_count, sharded.shard_ids) == (2, [1])
        ids = [(ms << 22) | 7 for ms in (10, 11)]
        assert [plain.owns_guild(g) for g in ids] == [True, True]
        assert [sharded.owns_guild(g) for g in ids] == [False, True]
    finally:
        await storage.close()
