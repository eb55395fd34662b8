"""The story form (a modal): headline, story, rating, touchpoints, product.

The form only collects; `parse_submission` decides what is valid, whatever the client
sent, so the limits here are a courtesy to the member and the same numbers as the rules.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord

from bot.domain.submission import (
    BODY_MAX,
    HEADLINE_MAX,
    PRODUCT_MAX,
    TOUCHPOINTS_MAX,
    StoryKind,
    stars,
)
from bot.domain.touchpoints import Touchpoint
from bot.interaction_errors import ErrorReportingModal

FormHandler = Callable[[discord.Interaction[Any], dict[str, object]], Awaitable[None]]

TITLES = {StoryKind.GREAT: "A great experience", StoryKind.DISASTER: "A disastrous experience"}


class StoryForm(ErrorReportingModal):
    """One instance per member and command: discord.py gives each a random custom_id."""

    def __init__(
        self,
        *,
        kind: StoryKind,
        brand: str,
        on_submit: FormHandler,
        headline: str = "",
        body: str = "",
        rating: int | None = None,
        touchpoints: Sequence[Touchpoint] = (),
        product: str = "",
        title: str | None = None,
    ) -> None:
        super().__init__(title=title or TITLES[kind], timeout=30 * 60)
        self._handler = on_submit
        self.headline = discord.ui.TextInput[Any](
            style=discord.TextStyle.short,
            max_length=HEADLINE_MAX,
            default=headline or None,
            placeholder="In a few words",
        )
        self.body = discord.ui.TextInput[Any](
            style=discord.TextStyle.paragraph,
            max_length=BODY_MAX,
            default=body or None,
            placeholder=f"What happened with {brand[:60]}?",
        )
        self.rating = discord.ui.Select[Any](
            placeholder="How many stars for the whole experience?",
            options=[
                discord.SelectOption(label=f"{stars(n)}  {n}", value=str(n), default=n == rating)
                for n in range(5, 0, -1)
            ],
        )
        self.touchpoints = discord.ui.Select[Any](
            placeholder="Which parts of the experience?",
            min_values=1,
            max_values=TOUCHPOINTS_MAX,
            options=[
                discord.SelectOption(
                    label=t.label, value=t.value, emoji=t.emoji, default=t in touchpoints
                )
                for t in Touchpoint
            ],
        )
        self.product = discord.ui.TextInput[Any](
            style=discord.TextStyle.short,
            max_length=PRODUCT_MAX,
            required=False,
            default=product or None,
            placeholder="e.g. a flight, a phone plan, a sofa",
        )
        self.add_item(discord.ui.Label(text="Headline", component=self.headline))
        self.add_item(discord.ui.Label(text="Your story", component=self.body))
        self.add_item(discord.ui.Label(text="Rating", component=self.rating))
        self.add_item(
            discord.ui.Label(
                text="Touchpoints",
                description="One to three parts of the experience the story is about",
                component=self.touchpoints,
            )
        )
        self.add_item(
            discord.ui.Label(text="Product or service (optional)", component=self.product)
        )

    def answers(self) -> dict[str, object]:
        """What the member entered, as raw values for `parse_submission`."""
        return {
            "headline": self.headline.value,
            "body": self.body.value,
            "rating": self.rating.values[0] if self.rating.values else None,
            "touchpoints": list(self.touchpoints.values),
            "product": self.product.value,
        }

    async def on_submit(self, interaction: discord.Interaction[Any], /) -> None:
        await self._handler(interaction, self.answers())
