"""The story form (a modal): headline, story, rating, touchpoints, product.

The form only collects; `parse_submission` decides what is valid, whatever the client
sent, so the limits here are a courtesy to the member and the same numbers as the rules.
Its words are in the member's language (`lang`, catalog `form.ftl`): only they see it.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
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
from bot.i18n.figures import touchpoint_name
from bot.interaction_errors import ErrorReportingModal

FormHandler = Callable[[discord.Interaction[Any], dict[str, object]], Awaitable[None]]


# The fields' ids inside the form: fixed names (the modal's own id is what is unique).
FIELDS = ("headline", "body", "rating", "touchpoints", "product")


@dataclass(frozen=True)
class _FixedParts:
    """What every story form of one language and kind shares, built once."""

    title: str
    components: tuple[dict[str, Any], ...]  # one label per field, in FIELDS order


@functools.cache  # two languages x two kinds: a handful of entries
def _fixed_parts(lang: Lang, kind: StoryKind) -> _FixedParts:
    """Discord's payload of the form's five labelled fields, built with discord.py's own
    items once; each form then only copies what varies (defaults, the brand)."""
    items: list[discord.ui.Item[Any]] = [
        discord.ui.Label(
            text=tr(lang, "form-headline"),
            component=discord.ui.TextInput[Any](
                style=discord.TextStyle.short,
                max_length=HEADLINE_MAX,
                placeholder=tr(lang, "form-headline-placeholder"),
            ),
        ),
        discord.ui.Label(
            text=tr(lang, "form-body"),
            component=discord.ui.TextInput[Any](
                style=discord.TextStyle.paragraph, max_length=BODY_MAX
            ),
        ),
        discord.ui.Label(
            text=tr(lang, "form-rating"),
            component=discord.ui.Select[Any](
                placeholder=tr(lang, "form-rating-placeholder"),
                options=[
                    discord.SelectOption(label=f"{stars(n)}  {n}", value=str(n))
                    for n in range(5, 0, -1)
                ],
            ),
        ),
        discord.ui.Label(
            text=tr(lang, "form-touchpoints"),
            description=tr(lang, "form-touchpoints-description"),
            component=discord.ui.Select[Any](
                placeholder=tr(lang, "form-touchpoints-placeholder"),
                min_values=1,
                max_values=TOUCHPOINTS_MAX,
                options=[
                    discord.SelectOption(
                        label=touchpoint_name(lang, t), value=t.value, emoji=t.emoji
                    )
                    for t in Touchpoint
                ],
            ),
        ),
        discord.ui.Label(
            text=tr(lang, "form-product"),
            component=discord.ui.TextInput[Any](
                style=discord.TextStyle.short,
                max_length=PRODUCT_MAX,
                required=False,
                placeholder=tr(lang, "form-product-placeholder"),
            ),
        ),
    ]
    components = []
    for name, item in zip(FIELDS, items, strict=True):
        label = item.to_component_dict()
        label["component"] = {**label["component"], "custom_id": name}
        components.append(label)
    return _FixedParts(tr(lang, f"form-title-{kind.value}"), tuple(components))


@functools.lru_cache(maxsize=256)
def _body_placeholder(lang: Lang, brand: str) -> str:
    return tr(lang, "form-body-placeholder", brand=brand[:60])


def _field(fixed: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of a fixed label whose field has `changes` (None: left out)."""
    field = {**fixed["component"]}
    for key, value in changes.items():
        if value is None:
            field.pop(key, None)
        else:
            field[key] = value
    return {**fixed, "component": field}


def _picked(fixed: dict[str, Any], chosen: set[str]) -> dict[str, Any]:
    options = [{**o, "default": o["value"] in chosen} for o in fixed["component"]["options"]]
    return _field(fixed, options=options)


class StoryForm(ErrorReportingModal):
    """One instance per member and command, with a random custom_id (discord.py's).

    Its payload is the language's fixed parts (built once, `_fixed_parts`) with this
    member's defaults: no discord.py items are built per form, which was about a
    quarter of the event loop's time per form in a burst. On submit, `_refresh` keeps
    the raw values Discord sent, by field name.
    """

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
        fixed = _fixed_parts(lang, kind)
        super().__init__(title=title or fixed.title, timeout=30 * 60)
        self._handler = on_submit
        head, story, stars_, points, prod = fixed.components
        self._components = [
            _field(head, value=headline or None),
            _field(story, value=body or None, placeholder=_body_placeholder(lang, brand)),
            _picked(stars_, {str(rating)} if rating is not None else set()),
            _picked(points, {t.value for t in touchpoints}),
            _field(prod, value=product or None),
        ]
        self._values: dict[str, Any] = {}

    def to_components(self) -> list[dict[str, Any]]:
        return self._components

    def _refresh(  # type: ignore[override]  # discord.py's stubs show View's signature
        self, interaction: discord.Interaction[Any], components: Sequence[Any], resolved: Any
    ) -> None:
        """Keep what Discord sent for each field (labels wrap one, rows several)."""
        for component in components:
            if component["type"] == 1:
                self._refresh(interaction, component["components"], resolved)
            elif component["type"] == 18:
                self._refresh(interaction, [component["component"]], resolved)
            elif component.get("custom_id") in FIELDS:
                self._values[component["custom_id"]] = component.get(
                    "values", component.get("value")
                )

    def answers(self) -> dict[str, object]:
        """What the member entered, as raw values for `parse_submission`."""
        rating = self._values.get("rating") or []
        return {
            "headline": self._values.get("headline") or "",
            "body": self._values.get("body") or "",
            "rating": rating[0] if isinstance(rating, list) and rating else None,
            "touchpoints": list(self._values.get("touchpoints") or []),
            "product": self._values.get("product") or "",
        }

    async def on_submit(self, interaction: discord.Interaction[Any], /) -> None:
        await self._handler(interaction, self.answers())
