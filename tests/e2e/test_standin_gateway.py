"""Stand-in tests, driven by the tiny bot: logging in, the gateway and slash commands
(options, groups, guild scope, default permissions, DMs, autocomplete).
"""

from __future__ import annotations

import asyncio

import discord
import pytest

from standin import StandIn, StandInError
from tests.e2e import standin_helpers
from tests.e2e.standin_helpers import Knobs

# The tiny bot's fixtures, bound here so that pytest finds them in this module.
knobs = standin_helpers.knobs
online = standin_helpers.online


async def test_bot_logs_in_and_registers_commands(online: StandIn) -> None:
    names = sorted(c["name"] for c in online.registered_commands())
    assert names == ["brand", "card", "form", "ping", "review", "say", "story", "upload"]
    assert [c["name"] for c in online.registered_commands(online.guild.id)] == ["setup"]
    assert all(
        c["id"] and c["application_id"] == str(online.app_id) for c in online.registered_commands()
    )
    assert online.gateway.identify_count == 1


async def test_run_command_reply_is_visible(online: StandIn) -> None:
    result = await online.user("alice").run_command("ping")
    assert result.kind == "message"
    message = await result.wait_for_message()
    assert message.content == "pong"
    assert not message.ephemeral
    assert not message.can_ping()
    assert online.messages("general") == [message]


async def test_defer_then_followup_and_autocomplete(online: StandIn) -> None:
    alice = online.user("alice")
    choices = await alice.autocomplete("brand", "name", "air")
    assert [c["name"] for c in choices] == ["Air Canada", "Air France"]
    result = await alice.run_command("brand", name="Air Canada", anonymous=True)
    assert result.kind == "deferred"
    message = await result.wait_for_message()
    assert message.content == "Brand: Air Canada"
    assert message.ephemeral
    with pytest.raises(StandInError, match="no option 'colour'"):
        await alice.run_command("brand", name="x", colour="red")
    with pytest.raises(StandInError, match="requires option 'name'"):
        await alice.run_command("brand")
    with pytest.raises(StandInError, match="no /nope"):
        await alice.run_command("nope")


async def test_dm_context_payload(online: StandIn) -> None:
    result = await online.user("alice").in_dm().run_command("ping")
    message = await result.wait_for_message()
    assert message.content == "pong"
    assert online.dms("alice") == [message]


async def test_gateway_dispatch_guild_delete(online: StandIn, knobs: Knobs) -> None:
    assert knobs.bot is not None
    second = await online.add_guild("Second")
    await asyncio.sleep(0.1)
    assert knobs.bot.get_guild(second.id) is not None
    removed: asyncio.Future[discord.Guild] = asyncio.get_running_loop().create_future()

    async def on_guild_remove(guild: discord.Guild) -> None:
        removed.set_result(guild)

    knobs.bot.add_listener(on_guild_remove)
    await online.remove_bot_from_guild(second.id)
    assert (await asyncio.wait_for(removed, 2)).id == second.id


async def test_subcommand_with_member_and_choices(online: StandIn) -> None:
    alice = online.user("alice")
    result = await alice.run_command(
        "review great", brand="Air Canada", who="bob", channel_kind=2, anonymous=True
    )
    message = await result.wait_for_message()
    assert message.ephemeral
    assert message.embeds[0]["title"] == "Air Canada"
    assert message.embeds[0]["description"] == "by Bob via 2"
    with pytest.raises(StandInError, match="must be one of"):
        await alice.run_command("review great", brand="x", who="bob", channel_kind=3)
    with pytest.raises(StandInError, match="no subcommand"):
        await alice.run_command("review bad", brand="x")


async def test_guild_command_and_default_permissions(online: StandIn) -> None:
    with pytest.raises(StandInError, match="cannot see /setup"):
        await online.user("alice").run_command("setup", digest="digest")
    result = await online.user("moderator").run_command("setup", digest="digest")
    assert (await result.wait_for_message()).content == "digest -> digest"
    assert result.record.payload["data"]["guild_id"] == str(online.guild.id)
