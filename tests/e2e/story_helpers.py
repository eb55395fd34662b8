"""Acting out the story flow as a member would, for the e2e tests."""

from __future__ import annotations

from typing import Any

from standin.actors import Actor
from standin.interactions import InteractionResult
from standin.state import Message

GOOD_BODY = "The gate agent noticed our anniversary and upgraded us both without asking."
BAD_BODY = "They lost my bag on the way out, and then again on the way home, in one week."


def form_values(
    *,
    headline: str = "Upgraded for free",
    body: str = GOOD_BODY,
    rating: int = 5,
    touchpoints: tuple[str, ...] = ("service",),
    product: str | None = None,
) -> dict[str, Any]:
    values: dict[str, Any] = {
        "Headline": headline,
        "Your story": body,
        "Rating": [str(rating)],
        "Touchpoints": list(touchpoints),
    }
    if product is not None:
        values["Product or service (optional)"] = product
    return values


async def submit_story(
    actor: Actor,
    kind: str = "great",
    brand: str = "Air Canada",
    anonymous: bool = False,
    **form: Any,
) -> tuple[InteractionResult, Message]:
    """Run /story <kind>, fill the form; returns the submit result and the private reply."""
    opened = await actor.run_command(f"story {kind}", brand=brand, anonymous=anonymous)
    assert opened.kind == "modal", f"expected the form, got {opened!r}: {opened.content}"
    submitted = await actor.submit_modal(opened.modal, form_values(**form))
    reply = await submitted.wait_for_message()
    assert submitted.ephemeral
    return submitted, reply


async def answer(
    actor: Actor, reply: Message, *, click: str | None = None, pick: tuple[str, str] | None = None
) -> Message:
    """Answer one follow-up (a click or a select) and return the updated private reply."""
    if click is not None:
        result = await actor.click(reply, click)
    else:
        assert pick is not None
        result = await actor.select(reply, pick[0], [pick[1]])
    updated = await result.wait_for_message()
    assert updated.id == reply.id, "the follow-ups must edit the same private reply"
    return updated


async def tell_quickly(
    actor: Actor,
    kind: str = "great",
    brand: str = "Air Canada",
    anonymous: bool = False,
    **form: Any,
) -> Message:
    """The whole flow, skipping every optional question, ending with Publish."""
    _, reply = await submit_story(actor, kind, brand, anonymous, **form)
    for _ in range(6):
        labels = [c.get("label") for c in reply.iter_components()]
        if "Publish" in labels:
            return await answer(actor, reply, click="Publish")
        if "Skip" in labels:
            reply = await answer(actor, reply, click="Skip")
        elif any(str(label).startswith("No, ") for label in labels):
            reply = await answer(
                actor, reply, click=next(str(x) for x in labels if str(x).startswith("No, "))
            )
        elif any(str(label).startswith("Keep ") for label in labels):
            reply = await answer(
                actor, reply, click=next(str(x) for x in labels if str(x).startswith("Keep "))
            )
        else:
            reply = await answer(actor, reply, click="I didn't contact them")
    raise AssertionError(f"the follow-ups never reached Publish: {reply.content}")
