"""`deferring_when_slow` through discord.py and the stand-in: quick work answers in one
message; slow work shows a private "thinking…" within a second, then the answer follows,
and the 3-second deadline is never missed (the stand-in fails any test that misses it)."""

from __future__ import annotations

import asyncio
import time

import discord
from discord.ext import commands

from cogs.deferring import deferring_when_slow, send_private
from standin import StandIn


def make_bot() -> commands.Bot:
    bot = commands.Bot(command_prefix="!", intents=discord.Intents.none(), help_command=None)

    async def work(seconds: float) -> str:
        await asyncio.sleep(seconds)
        return f"done after {seconds} s"

    @bot.tree.command(name="work", description="Work for a while, then answer")
    async def run(interaction: discord.Interaction, seconds: float) -> None:
        text = await deferring_when_slow(interaction, work(seconds), after=0.5)
        await send_private(interaction, content=text)

    async def setup_hook() -> None:
        await bot.tree.sync()

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    return bot


async def test_quick_work_answers_at_once_and_slow_work_defers_first(standin: StandIn) -> None:
    async with standin.running(make_bot()):
        await standin.wait_for_commands()
        alice = standin.user("alice")

        quick = await alice.run_command("work", seconds=0.05)
        message = await quick.wait_for_message()
        assert quick.kind == "message"
        assert message.content == "done after 0.05 s"
        assert message.ephemeral

        began = time.monotonic()
        slow = await alice.run_command("work", seconds=3.5, wait=False)
        await slow.wait_for_response(within=2.0)
        assert slow.kind == "deferred"  # "thinking…", privately, well inside 3 s
        assert time.monotonic() - began < 1.5
        answer = await slow.wait_for_message(within=6.0)
        assert answer.content == "done after 3.5 s"
        assert answer.ephemeral
