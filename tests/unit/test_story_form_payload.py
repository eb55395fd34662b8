"""The story form is built from per-language fixed parts: each member's copy is their own."""

from __future__ import annotations

from typing import Any

from bot.domain.submission import StoryKind
from bot.domain.touchpoints import Touchpoint
from cogs.stories.form import FIELDS, StoryForm


async def _ignore(_interaction: Any, _answers: dict[str, object]) -> None:
    return None


def _form(**defaults: Any) -> StoryForm:
    return StoryForm(kind=StoryKind.GREAT, brand="Via Rail", on_submit=_ignore, **defaults)


def _field(form: StoryForm, name: str) -> dict[str, Any]:
    return next(
        c["component"] for c in form.to_dict()["components"] if c["component"]["custom_id"] == name
    )


def _defaults(form: StoryForm, name: str) -> list[str]:
    return [o["value"] for o in _field(form, name)["options"] if o["default"]]


def test_one_member_s_defaults_never_show_in_another_s_form() -> None:
    filled = _form(
        headline="Late train",
        body="Fed and informed.",
        rating=4,
        touchpoints=[Touchpoint.SERVICE, Touchpoint.DELIVERY],
        product="Corridor",
        lang="fr",
    )
    blank = _form(lang="fr")
    assert _field(filled, "headline")["value"] == "Late train"
    assert _field(filled, "product")["value"] == "Corridor"
    assert _defaults(filled, "rating") == ["4"]
    assert sorted(_defaults(filled, "touchpoints")) == ["delivery", "service"]
    assert "value" not in _field(blank, "headline")
    assert "value" not in _field(blank, "product")
    assert _defaults(blank, "rating") == []
    assert _defaults(blank, "touchpoints") == []
    assert filled.custom_id != blank.custom_id  # a modal's id is still its own
    assert "Via Rail" in _field(blank, "body")["placeholder"]
    assert _form(lang="en").title != blank.title  # in the member's language


def test_the_submitted_values_are_read_from_labels_and_rows() -> None:
    form = _form()
    submitted = [
        {"type": 18, "component": {"type": 4, "custom_id": "headline", "value": "Late train"}},
        {"type": 18, "component": {"type": 4, "custom_id": "body", "value": "Fed."}},
        {"type": 18, "component": {"type": 3, "custom_id": "rating", "values": ["5"]}},
        {"type": 1, "components": [{"type": 3, "custom_id": "touchpoints", "values": ["buying"]}]},
        {"type": 18, "component": {"type": 4, "custom_id": "elsewhere", "value": "ignored"}},
    ]
    form._refresh(None, submitted, {})  # type: ignore[arg-type]  # as discord.py calls it
    assert form.answers() == {
        "headline": "Late train",
        "body": "Fed.",
        "rating": "5",
        "touchpoints": ["buying"],
        "product": "",  # optional and not sent
    }
    assert set(FIELDS) == {"headline", "body", "rating", "touchpoints", "product"}


def test_nothing_submitted_reads_as_empty_answers() -> None:
    form = _form()
    form._refresh(None, [], {})  # type: ignore[arg-type]
    assert form.answers() == {
        "headline": "",
        "body": "",
        "rating": None,
        "touchpoints": [],
        "product": "",
    }
