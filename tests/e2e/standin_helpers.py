"""The tiny throwaway discord.py bot the stand-in's own tests drive, and its fixtures.

``knobs`` switches let one bot misbehave on demand; ``online`` runs it against the stand-in.
Test modules bind the fixtures as module attributes (``online = standin_helpers.online``).
"""

from __future__ import annotations

import asyncio
import io
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest_asyncio
from discord import app_commands
from discord.ext import commands

from standin import StandIn


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
        self.attach = False
        self.bot: commands.Bot | None = None
        self.guild_id: int | None = None
        self.stories_id = 0

    @property
    def http(self) -> discord.http.HTTPClient:
        assert self.bot is not None
        return self.bot.http


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
        files = [discord.File(io.BytesIO(b"png"), "chart.png")] if knobs.attach else []
        await interaction.response.send_message(
            knobs.content,
            files=files,
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
        return [
            app_commands.Choice(name=b, value=b) for b in brands if current.lower() in b.lower()
        ]

    @bot.tree.command(name="say", description="Post in a channel")
    async def say(
        interaction: discord.Interaction, channel: discord.TextChannel, text: str
    ) -> None:
        try:
            await channel.send(text, nonce=f"say-{interaction.id}")
        except discord.Forbidden as exc:
            await interaction.response.send_message(f"Forbidden: {exc.code}", ephemeral=True)
            return
        except discord.HTTPException as exc:
            await interaction.response.send_message(f"Error: {exc.status}", ephemeral=True)
            return
        await interaction.response.send_message("Posted", ephemeral=True)

    add_rich_commands(bot, knobs)

    async def setup_hook() -> None:
        await bot.tree.sync()
        if knobs.guild_id is not None:
            await bot.tree.sync(guild=discord.Object(knobs.guild_id))

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    return bot


class FormModal(discord.ui.Modal, title="Details"):
    intro: discord.ui.TextDisplay[Any] = discord.ui.TextDisplay("Tell us more")
    touchpoint: discord.ui.Label[Any] = discord.ui.Label(
        text="Touchpoint",
        component=discord.ui.Select(
            custom_id="touchpoint",
            options=[discord.SelectOption(label=x, value=x.lower()) for x in ("Phone", "Store")],
        ),
    )
    mood: discord.ui.Label[Any] = discord.ui.Label(
        text="Mood",
        component=discord.ui.RadioGroup(
            custom_id="mood",
            options=[discord.RadioGroupOption(label=x, value=x) for x in ("good", "bad")],
        ),
    )
    tags: discord.ui.Label[Any] = discord.ui.Label(
        text="Tags",
        component=discord.ui.CheckboxGroup(
            custom_id="tags",
            required=False,
            options=[discord.CheckboxGroupOption(label=x, value=x) for x in ("fast", "kind")],
        ),
    )
    consent: discord.ui.Label[Any] = discord.ui.Label(
        text="Publish?", component=discord.ui.Checkbox(custom_id="consent")
    )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        parts = [
            self.touchpoint.component.values,  # type: ignore[attr-defined]
            self.mood.component.value,  # type: ignore[attr-defined]
            self.tags.component.values,  # type: ignore[attr-defined]
            self.consent.component.value,  # type: ignore[attr-defined]
        ]
        await interaction.response.send_message(repr(parts), ephemeral=True)


class CardView(discord.ui.LayoutView):
    def __init__(self) -> None:
        super().__init__(timeout=30)
        button: discord.ui.Button[CardView] = discord.ui.Button(
            label="Helpful", custom_id="helpful"
        )
        button.callback = self.on_click  # type: ignore[method-assign]
        section = discord.ui.Section(discord.ui.TextDisplay("A story card"), accessory=button)
        self.add_item(discord.ui.Container(section))

    async def on_click(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("noted", ephemeral=True)


def add_rich_commands(bot: commands.Bot, knobs: Knobs) -> None:
    """Commands exercising groups, guild scope, files, DMs, new modal and layout components."""
    review = app_commands.Group(name="review", description="Reviews")

    @review.command(name="great", description="A great experience")
    @app_commands.choices(
        channel_kind=[
            app_commands.Choice(name="Phone", value=1),
            app_commands.Choice(name="Web", value=2),
        ]
    )
    async def great(
        interaction: discord.Interaction,
        brand: str,
        who: discord.Member,
        channel_kind: int = 1,
        anonymous: bool = False,
    ) -> None:
        embed = discord.Embed(title=brand, description=f"by {who.display_name} via {channel_kind}")
        await interaction.response.send_message(embed=embed, ephemeral=anonymous)

    bot.tree.add_command(review)

    @bot.tree.command(name="form", description="Fill the details form")
    async def form(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(FormModal())

    @bot.tree.command(name="card", description="Post a layout card")
    async def card(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(view=CardView())

    @bot.tree.command(name="upload", description="Post a file and DM the user")
    @app_commands.guild_only()
    async def upload(interaction: discord.Interaction) -> None:
        assert interaction.guild is not None
        channel = interaction.guild.get_channel(knobs.stories_id)
        assert isinstance(channel, discord.TextChannel)
        await channel.send("file", file=discord.File(io.BytesIO(b"hello"), "note.txt"))
        try:
            await interaction.user.send("thanks!")
        except discord.Forbidden as exc:
            await interaction.response.send_message(f"dm failed {exc.code}", ephemeral=True)
            return
        await interaction.response.send_message("done", ephemeral=True)

    if knobs.guild_id is not None:

        @bot.tree.command(
            name="setup", description="Guild setup", guild=discord.Object(knobs.guild_id)
        )
        @app_commands.default_permissions(manage_guild=True)
        async def setup(interaction: discord.Interaction, digest: discord.TextChannel) -> None:
            await interaction.response.send_message(f"digest -> {digest.name}", ephemeral=True)


@pytest_asyncio.fixture
async def knobs() -> Knobs:
    return Knobs()


@pytest_asyncio.fixture
async def online(standin: StandIn, knobs: Knobs) -> AsyncIterator[StandIn]:
    knobs.guild_id = standin.guild.id
    knobs.stories_id = standin.channels["stories"].id
    bot = make_bot(knobs)
    knobs.bot = bot
    async with standin.running(bot):
        await standin.wait_for_commands()
        yield standin


def post_route(channel_id: int) -> discord.http.Route:
    return discord.http.Route("POST", "/channels/{channel_id}/messages", channel_id=channel_id)


async def wait_for_violations(server: StandIn) -> list[str]:
    await server.wait_for_violation()
    return server.take_violations()
