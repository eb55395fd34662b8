"""Tests of the Discord stand-in itself, driven by a tiny throwaway discord.py bot."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
import pytest_asyncio
from discord import app_commands
from discord.ext import commands

from tests.standin import StandIn, StandInError
from tests.standin import spec as standin_spec
from tests.standin.fixtures import standin  # noqa: F401  (fixture)

_log = logging.getLogger(__name__)


class Knobs:
    """Per-test switches the tiny bot reads, so one bot can misbehave on demand."""

    def __init__(self) -> None:
        self.modal_title = "Tell a story"
        self.custom_id = "relatable"
        self.rows = 1
        self.content = "pong"
        self.delay = 0.0
        self.respond_twice = False
        self.ephemeral = False


class StoryModal(discord.ui.Modal):
    headline: discord.ui.Label[Any] = discord.ui.Label(
        text="Headline", component=discord.ui.TextInput(custom_id="headline", max_length=100)
    )
    body: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Story", custom_id="body", style=discord.TextStyle.long, required=False
    )

    def __init__(self, knobs: Knobs) -> None:
        super().__init__(title=knobs.modal_title, custom_id="story-modal")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        text_input = self.headline.component
        assert isinstance(text_input, discord.ui.TextInput)
        await interaction.response.send_message(
            f"Saved: {text_input.value} / {self.body.value or '-'}",
            allowed_mentions=discord.AllowedMentions.none(),
        )


class VoteView(discord.ui.View):
    def __init__(self, knobs: Knobs) -> None:
        super().__init__(timeout=30)
        for row in range(knobs.rows):
            custom_id = knobs.custom_id if row == 0 else f"{knobs.custom_id}-{row}"
            button: discord.ui.Button[VoteView] = discord.ui.Button(
                label="Relatable" if row == 0 else f"Row {row}", custom_id=custom_id, row=row
            )
            button.callback = self.on_click  # type: ignore[method-assign]
            self.add_item(button)

    async def on_click(self, interaction: discord.Interaction) -> None:
        await interaction.response.edit_message(content="Thanks for voting!", view=None)


def make_bot(knobs: Knobs) -> commands.Bot:
    intents = discord.Intents.none()
    intents.guilds = True
    bot = commands.Bot(command_prefix="!", intents=intents, help_command=None)

    @bot.tree.command(name="ping", description="Reply with pong")
    async def ping(interaction: discord.Interaction) -> None:
        if knobs.delay:
            await asyncio.sleep(knobs.delay)
        await interaction.response.send_message(
            knobs.content,
            view=VoteView(knobs),
            ephemeral=knobs.ephemeral,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        if knobs.respond_twice:
            try:
                await interaction.response.send_message("again")
            except discord.InteractionResponded:
                # discord.py guards this locally; go around it like a buggy bot would
                adapter = discord.webhook.async_.async_context.get()
                params = discord.webhook.async_.interaction_response_params(4, {"content": "x"})
                await adapter.create_interaction_response(
                    interaction.id,
                    interaction.token,
                    session=interaction._session,
                    params=params,
                )

    @bot.tree.command(name="story", description="Share a story")
    async def story(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(StoryModal(knobs))

    @bot.tree.command(name="brand", description="Look up a brand")
    @app_commands.describe(name="Brand name")
    async def brand(interaction: discord.Interaction, name: str, anonymous: bool = False) -> None:
        await interaction.response.defer(thinking=True, ephemeral=anonymous)
        await interaction.followup.send(f"Brand: {name}")

    @brand.autocomplete("name")
    async def brand_autocomplete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        brands = ["Air Canada", "Air France", "Bell"]
        return [app_commands.Choice(name=b, value=b) for b in brands if current.lower() in b.lower()]

    @bot.tree.command(name="say", description="Post in a channel")
    async def say(interaction: discord.Interaction, channel: discord.TextChannel, text: str) -> None:
        try:
            await channel.send(text, nonce=f"say-{interaction.id}")
        except discord.Forbidden as exc:
            await interaction.response.send_message(f"Forbidden: {exc.code}", ephemeral=True)
            return
        except discord.HTTPException as exc:
            await interaction.response.send_message(f"Error: {exc.status}", ephemeral=True)
            return
        await interaction.response.send_message("Posted", ephemeral=True)

    async def setup_hook() -> None:
        await bot.tree.sync()

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    return bot


@pytest_asyncio.fixture
async def knobs() -> Knobs:
    return Knobs()


@pytest_asyncio.fixture
async def online(standin: StandIn, knobs: Knobs) -> AsyncIterator[StandIn]:  # noqa: F811
    bot = make_bot(knobs)
    async with standin.running(bot):
        await standin.wait_for_commands()
        yield standin


async def test_bot_logs_in_and_registers_commands(online: StandIn) -> None:
    names = sorted(c["name"] for c in online.registered_commands())
    assert names == ["brand", "ping", "say", "story"]
    assert all(c["id"] and c["application_id"] == str(online.app_id) for c in online.registered_commands())
    assert online.gateway.identify_count == 1


async def test_run_command_reply_is_visible(online: StandIn) -> None:
    result = await online.user("alice").run_command("ping")
    assert result.kind == "message"
    message = await result.wait_for_message()
    assert message.content == "pong"
    assert not message.ephemeral
    assert not message.can_ping()
    assert online.messages("general") == [message]
