"""The stand-in routes like a sharded Discord: several gateway connections at once, each
given only the guilds, events and interactions of its shard ((guild_id >> 22) % count).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import discord
import pytest
from discord.ext import commands

from standin import Guild, StandIn, StandInError
from standin.gateway import shard_of
from standin.interactions import wait_until

IDENTIFY = 2
WAIT = 3.0


@dataclass
class RawShard:
    """A bare gateway client: what arrived on one connection, in order."""

    ws: aiohttp.ClientWebSocketResponse
    events: list[tuple[str, Any]] = field(default_factory=list)
    reader: asyncio.Task[None] | None = None

    async def read(self) -> None:
        async for msg in self.ws:
            if msg.type is aiohttp.WSMsgType.TEXT:
                frame = msg.json()
                if frame["op"] == 0:
                    self.events.append((frame["t"], frame["d"]))

    def guild_ids(self, event: str) -> list[int]:
        key = "id" if event.startswith("GUILD_") else "guild_id"
        return [int(d[key]) for t, d in self.events if t == event]

    def named(self, event: str) -> list[Any]:
        return [d for t, d in self.events if t == event]

    async def wait_for(self, check: Callable[[], bool]) -> None:
        await wait_until(check, WAIT, lambda: f"not seen within {WAIT}s; got {self.events!r}")


@asynccontextmanager
async def gateway_client(standin: StandIn, shard: object = None) -> AsyncIterator[RawShard]:
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(standin.gateway_url + "?v=10&encoding=json") as ws,
    ):
        hello = await ws.receive_json()
        assert hello["op"] == 10
        data: dict[str, Any] = {"token": standin.token, "intents": 1, "properties": {}}
        if shard is not None:
            data["shard"] = shard
        await ws.send_json({"op": IDENTIFY, "d": data})
        client = RawShard(ws)
        client.reader = asyncio.create_task(client.read())
        try:
            yield client
        finally:
            await ws.close()
            await client.reader


async def guild_on_other_shard(standin: StandIn, count: int = 2) -> Guild:
    """A second server, on the shard the default one is not on."""
    other = (shard_of(standin.guild.id, count) + 1) % count
    return await standin.add_guild("Second", guild_id=standin.ids.next_on_shard(other, count))


async def test_each_connection_gets_only_the_guilds_and_events_of_its_shard(
    standin: StandIn,
) -> None:
    first = standin.guild
    second = await guild_on_other_shard(standin)
    by_shard = {shard_of(g.id, 2): g for g in (first, second)}
    assert sorted(by_shard) == [0, 1]

    async with gateway_client(standin, [0, 2]) as zero:
        await zero.wait_for(lambda: len(zero.named("GUILD_CREATE")) == 1)
        assert not standin.gateway.ready.is_set(), "shard 1 of 2 is still missing"
        with pytest.raises(
            StandInError, match=f"not connected to the gateway for guild {by_shard[1].id}"
        ):
            await standin.dispatch("GUILD_UPDATE", {"id": str(by_shard[1].id)})

        async with gateway_client(standin, [1, 2]) as one:
            await one.wait_for(lambda: len(one.named("GUILD_CREATE")) == 1)
            assert standin.gateway.ready.is_set()
            assert standin.gateway.connected_shards() == {0: 2, 1: 2}
            for shard, client in ((0, zero), (1, one)):
                ready = client.named("READY")[0]
                assert ready["shard"] == [shard, 2]
                assert [int(g["id"]) for g in ready["guilds"]] == [by_shard[shard].id]
                assert client.guild_ids("GUILD_CREATE") == [by_shard[shard].id]

            # Events of a guild reach its shard only; events outside guilds go to shard 0.
            for guild in (first, second):
                channel = next(iter(guild.channels.values()))
                await standin.dispatch("CHANNEL_UPDATE", channel.payload(standin.world.users))
            await standin.dispatch("USER_UPDATE", standin.bot_user.payload())
            third = await standin.add_guild("Third", guild_id=standin.ids.next_on_shard(1, 2))
            await one.wait_for(lambda: len(one.named("GUILD_CREATE")) == 2)
            await zero.wait_for(lambda: len(zero.named("USER_UPDATE")) == 1)
            await asyncio.sleep(0.05)
            assert zero.guild_ids("CHANNEL_UPDATE") == [by_shard[0].id]
            assert one.guild_ids("CHANNEL_UPDATE") == [by_shard[1].id]
            assert one.named("USER_UPDATE") == []
            assert one.guild_ids("GUILD_CREATE") == [by_shard[1].id, third.id]
            assert zero.guild_ids("GUILD_CREATE") == [by_shard[0].id]
        await asyncio.sleep(0.05)
        assert not standin.gateway.ready.is_set()
        assert standin.gateway.connected_shards() == {0: 2}


@pytest.mark.parametrize("shard", [[2, 2], [0, 0], [-1, 2], [1], "0,2", [True, 2]])
async def test_an_invalid_shard_is_closed_with_4010(standin: StandIn, shard: object) -> None:
    async with gateway_client(standin, shard) as client:
        await client.reader  # type: ignore[misc]
        assert client.ws.close_code == 4010
        assert client.events == []
    assert standin.gateway.identify_count == 0
    assert "invalid shard" in standin.take_violations()[0]


async def test_a_new_connection_for_a_shard_replaces_the_older_one(standin: StandIn) -> None:
    other = await guild_on_other_shard(standin)
    shard = shard_of(other.id, 2)
    async with gateway_client(standin, [shard, 2]) as old:
        await old.wait_for(lambda: len(old.named("GUILD_CREATE")) == 1)
        async with gateway_client(standin, [shard, 2]) as new:
            await new.wait_for(lambda: len(new.named("GUILD_CREATE")) == 1)
            await old.reader  # type: ignore[misc]
            assert old.ws.close_code == 4000
            assert standin.gateway.connected_shards() == {shard: 2}
            await standin.dispatch("GUILD_UPDATE", {"id": str(other.id)})
            await new.wait_for(lambda: len(new.named("GUILD_UPDATE")) == 1)


async def test_a_second_identify_on_one_connection_is_closed_with_4005(standin: StandIn) -> None:
    async with gateway_client(standin, [0, 1]) as client:
        await client.wait_for(lambda: len(client.named("GUILD_CREATE")) == 1)
        await client.ws.send_json({"op": IDENTIFY, "d": {"token": standin.token, "intents": 1}})
        await client.reader  # type: ignore[misc]
        assert client.ws.close_code == 4005
    assert standin.take_violations() == ["gateway: IDENTIFY sent twice on one connection"]
    assert standin.gateway.identify_count == 1


def sharded_bot() -> commands.AutoShardedBot:
    """A tiny AutoShardedBot: no shard_count, so it asks GET /gateway/bot, as in production."""
    bot = commands.AutoShardedBot(
        command_prefix="!", intents=discord.Intents(guilds=True), help_command=None
    )

    @bot.tree.command(name="ping", description="Say which shard answered")
    async def ping(interaction: discord.Interaction) -> None:
        shard = interaction.guild.shard_id if interaction.guild else None
        await interaction.response.send_message(
            f"pong from shard {shard}", allowed_mentions=discord.AllowedMentions.none()
        )

    async def setup_hook() -> None:
        await bot.tree.sync()

    async def before_identify_hook(shard_id: int | None, *, initial: bool = False) -> None:
        """discord.py waits 5 s between IDENTIFYs (Discord's max_concurrency of 1); the
        stand-in does not enforce that rate, so the test does not wait."""

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    bot.before_identify_hook = before_identify_hook  # type: ignore[method-assign]
    return bot


async def test_discord_py_auto_sharded_bot_runs_both_shards(standin: StandIn) -> None:
    standin.gateway.recommended_shards = 2
    second = await guild_on_other_shard(standin)
    bot = sharded_bot()
    async with standin.running(bot):
        await standin.wait_for_commands()
        assert bot.shard_count == 2
        assert any(r.path.endswith("/gateway/bot") for r in standin.requests)
        assert standin.gateway.connected_shards() == {0: 2, 1: 2}
        for guild in (standin.guild, second):
            shard = shard_of(guild.id, 2)
            found = bot.get_guild(guild.id)
            assert found is not None
            assert found.shard_id == shard
            result = await standin.user("alice", guild).run_command("ping")
            message = await result.wait_for_message()
            assert message.content == f"pong from shard {shard}"
