"""The floor of `bench/bursts.py`: a bare discord.py bot doing the same flows, no database.

`python -m bench.burst_floor`, with DISCORD_TOKEN, DISCORD_API_BASE and
DISCORD_GATEWAY_URL set (as `standin.bot_process.BotProcess(module=...)` does). It
answers as fast as discord.py itself can on this machine, so the bot's figures divided
by these are what our own code costs:
- `/story great` opens the bot's form as a member sees it in English (the same five
  fields, labels, placeholders, options and emoji), built with discord.py's items per
  member as a bare bot would: the stand-in's work per callback (parsing, checking it
  against Discord's OpenAPI description: 3.6 vs 2.2 ms for the bot's and the old,
  smaller floor form on a loaded machine) grows with the payload and lands in the
  measured latency, so a smaller floor form made the bot look slower than its code;
- submitting it answers with a private message;
- `/brand` and `/leaderboard` answer with a private embed;
- `/post` (for the benchmark's set-up) posts a message with a Relatable button, and a
  click edits it with a new count, as the bot's Relatable does.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import discord
from discord import app_commands

from bot.discord_endpoint import use_discord_at

log = logging.getLogger("bench.burst_floor")
_TOUCHPOINTS = (
    ("Finding & researching", "finding", "\N{RIGHT-POINTING MAGNIFYING GLASS}"),
    ("Buying", "buying", "\N{SHOPPING TROLLEY}"),
    ("Delivery & unboxing", "delivery", "\N{PACKAGE}"),
    ("Using the product", "using", "\N{TOOLBOX}"),
    ("Customer service & support", "service", "\N{HEADPHONE}"),
    ("Billing & account", "billing", "\N{RECEIPT}"),
    (
        "Follow-up & loyalty",
        "follow_up",
        "\N{CLOCKWISE RIGHTWARDS AND LEFTWARDS OPEN CIRCLE ARROWS}",
    ),
)
_STARS = {n: "\N{BLACK STAR}" * n + "\N{WHITE STAR}" * (5 - n) for n in range(1, 6)}


class FloorForm(discord.ui.Modal):
    """The bot's story form, in English, with the brand in the story's placeholder."""

    def __init__(self, user_id: int, brand: str) -> None:
        super().__init__(title="A great experience", custom_id=f"floor:form:{user_id}")
        field = discord.ui.TextInput[Any]
        self.add_item(
            discord.ui.Label(
                text="Headline",
                component=field(max_length=100, placeholder="In a few words"),
            )
        )
        body = field(
            style=discord.TextStyle.long,
            max_length=4000,
            placeholder=f"What happened with {brand[:60]}?",
        )
        self.add_item(discord.ui.Label(text="Your story", component=body))
        rating = discord.ui.Select[Any](
            placeholder="How many stars for the whole experience?",
            options=[
                discord.SelectOption(label=f"{_STARS[n]}  {n}", value=str(n))
                for n in range(5, 0, -1)
            ],
        )
        self.add_item(discord.ui.Label(text="Rating", component=rating))
        touchpoints = discord.ui.Select[Any](
            placeholder="Which parts of the experience?",
            options=[
                discord.SelectOption(label=label, value=value, emoji=emoji)
                for label, value, emoji in _TOUCHPOINTS
            ],
            min_values=1,
            max_values=3,
        )
        self.add_item(
            discord.ui.Label(
                text="Touchpoints",
                description="One to three parts of the experience the story is about",
                component=touchpoints,
            )
        )
        product = field(
            max_length=100, required=False, placeholder="e.g. a flight, a phone plan, a sofa"
        )
        self.add_item(discord.ui.Label(text="Product or service (optional)", component=product))

    async def on_submit(self, interaction: discord.Interaction[Any], /) -> None:
        await interaction.response.send_message("Saved.", ephemeral=True)


class RelatableView(discord.ui.View):
    """A Relatable button; the count lives in memory (the floor stores nothing)."""

    def __init__(self) -> None:
        super().__init__(timeout=None)
        self.count = 0

    @discord.ui.button(label="Relatable", custom_id="floor:relatable")
    async def relatable(
        self, interaction: discord.Interaction[Any], button: discord.ui.Button[Any]
    ) -> None:
        self.count += 1
        button.label = f"Relatable ({self.count})"
        await interaction.response.edit_message(view=self)


def _embed(title: str) -> discord.Embed:
    return discord.Embed(title=title, description="Nothing stored: this is the floor.")


def make_floor() -> discord.Client:
    client = discord.Client(
        intents=discord.Intents.none() | discord.Intents(guilds=True),
        allowed_mentions=discord.AllowedMentions.none(),
    )
    tree = app_commands.CommandTree(client)
    story = app_commands.Group(name="story", description="Tell a story", guild_only=True)

    @story.command(name="great", description="Tell the story of a great experience")
    async def great(interaction: discord.Interaction, brand: str, anonymous: bool = False) -> None:
        await interaction.response.send_modal(FloorForm(interaction.user.id, brand))

    @tree.command(name="brand", description="See a brand's card")
    async def brand(interaction: discord.Interaction, name: str) -> None:
        await interaction.response.send_message(embed=_embed(name), ephemeral=True)

    @tree.command(name="leaderboard", description="Best- and worst-rated brands this week")
    async def leaderboard(interaction: discord.Interaction, week: str | None = None) -> None:
        await interaction.response.send_message(embed=_embed("This week"), ephemeral=True)

    @tree.command(name="post", description="Post a message with a Relatable button")
    async def post(interaction: discord.Interaction) -> None:
        channel = interaction.channel
        assert isinstance(channel, discord.TextChannel)
        # A view of its own per message: discord.py forgets a view instance's buttons
        # when the same instance is stored again for a second message.
        await channel.send("A story", view=RelatableView())  # as the bot posts a story
        await interaction.response.send_message("Posted.", ephemeral=True)

    tree.add_command(story)

    async def setup_hook() -> None:
        await tree.sync()

    client.setup_hook = setup_hook  # type: ignore[method-assign]
    return client


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    use_discord_at(os.environ["DISCORD_API_BASE"], os.environ["DISCORD_GATEWAY_URL"])
    client = make_floor()
    client.run(os.environ["DISCORD_TOKEN"], log_handler=None)


if __name__ == "__main__":
    main()
