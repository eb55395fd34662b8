"""The story form (a modal): headline, story, rating, touchpoints, product.

The form only collects; `parse_submission` decides what is valid, whatever the client
sent, so the limits here are a courtesy to the member and the same numbers as the rules.
Its words are in the member's language (`lang`, catalog `form.ftl`): only they see it.
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
from bot.i18n import Lang, tr
from bot.interaction_errors import ErrorReportingModal

FormHandler = Callable[[discord.Interaction[Any], dict[str, object]], Awaitable[None]]


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
        lang: Lang = "en",
    ) -> None:
        # `lang` is the member's language (private: only they see the form).
        super().__init__(title=title or tr(lang, f"form-title-{kind.value}"), timeout=30 * 60)
        self._handler = on_submit
        self.headline = discord.ui.TextInput[Any](
            style=discord.TextStyle.short,
            max_length=HEADLINE_MAX,
            default=headline or None,
            placeholder=tr(lang, "form-headline-placeholder"),
        )
        self.body = discord.ui.TextInput[Any](
            style=discord.TextStyle.paragraph,
            max_length=BODY_MAX,
            default=body or None,
            placeholder=tr(lang, "form-body-placeholder", brand=brand[:60]),
        )
        self.rating = discord.ui.Select[Any](
            placeholder=tr(lang, "form-rating-placeholder"),
            options=[
                discord.SelectOption(label=f"{stars(n)}  {n}", value=str(n), default=n == rating)
                for n in range(5, 0, -1)
            ],
        )
        self.touchpoints = discord.ui.Select[Any](
            placeholder=tr(lang, "form-touchpoints-placeholder"),
            min_values=1,
            max_values=TOUCHPOINTS_MAX,
            options=[
                discord.SelectOption(
                    label=tr(lang, f"touchpoint-{t.value}"),
                    value=t.value,
                    emoji=t.emoji,
                    default=t in touchpoints,
                )
                for t in Touchpoint
            ],
        )
        self.product = discord.ui.TextInput[Any](
            style=discord.TextStyle.short,
            max_length=PRODUCT_MAX,
            required=False,
            default=product or None,
            placeholder=tr(lang, "form-product-placeholder"),
        )
        self.add_item(discord.ui.Label(text=tr(lang, "form-headline"), component=self.headline))
        self.add_item(discord.ui.Label(text=tr(lang, "form-body"), component=self.body))
        self.add_item(discord.ui.Label(text=tr(lang, "form-rating"), component=self.rating))
        self.add_item(
            discord.ui.Label(
                text=tr(lang, "form-touchpoints"),
                description=tr(lang, "form-touchpoints-description"),
                component=self.touchpoints,
            )
        )
        self.add_item(discord.ui.Label(text=tr(lang, "form-product"), component=self.product))

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
