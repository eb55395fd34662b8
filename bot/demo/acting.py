"""The demo's people, acting through Discord's UI as the stand-in lets a real person.

Every story goes through `/story`, its form and its follow-up buttons; every vote,
report and highlight through the buttons the bot showed. Nothing is written to the
database behind the bot's back.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime

from bot.clock import ManualClock
from bot.demo.community import PlannedStory
from bot.demo.transcript import Shown
from bot.i18n import tr
from standin import Message, StandIn
from standin.actors import Actor

FORM_LABELS = ("Headline", "Your story", "Rating", "Touchpoints")
_MAX_FOLLOWUPS = 10


class DemoError(RuntimeError):
    """The bot did not answer as a person would expect; the demo stops and says where."""


@dataclass
class Stage:
    """The stand-in, the clock, and what was seen when (for the transcript)."""

    standin: StandIn
    clock: ManualClock
    first_seen: dict[int, datetime] = field(default_factory=dict)
    private: list[Shown] = field(default_factory=list)

    def actor(self, name: str) -> Actor:
        return self.standin.user(name)

    def stamp(self) -> None:
        """Note the demo time of every message not seen before (as a reader would)."""
        now = self.clock()
        for messages in self.standin.world.messages.values():
            for message in messages:
                self.first_seen.setdefault(message.id, now)

    def keep_private(self, caption: str, message: Message, viewer: str) -> None:
        """A copy of a private answer as it looks now (later edits do not change it)."""
        self.private.append(Shown(copy.deepcopy(message), self.clock(), caption, viewer))

    def shown(self, channel: str) -> list[Shown]:
        self.stamp()
        return [
            Shown(message, self.first_seen[message.id])
            for message in self.standin.messages(channel)
        ]


def _labels(message: Message) -> list[str]:
    return [str(c.get("label")) for c in message.iter_components() if c.get("label")]


def _placeholders(message: Message) -> list[str]:
    return [str(c.get("placeholder")) for c in message.iter_components() if c.get("placeholder")]


async def tell(stage: Stage, plan: PlannedStory, *, captions: bool = False) -> Message:
    """Run /story, fill the form, answer the follow-ups like this member; the final reply."""
    actor = stage.actor(plan.member)
    kind = "great" if plan.great else "disaster"
    opened = await actor.run_command(f"story {kind}", brand=plan.typed_brand)
    if opened.kind != "modal":
        raise DemoError(f"/story {kind} did not open the form: {opened.content}")
    values = dict(
        zip(
            FORM_LABELS,
            (plan.headline, plan.body, [str(plan.rating)], list(plan.touchpoints)),
            strict=True,
        )
    )
    submitted = await actor.submit_modal(opened.modal, values)
    reply = await submitted.wait_for_message()
    for _ in range(_MAX_FOLLOWUPS):
        labels, placeholders = _labels(reply), _placeholders(reply)
        if captions:
            stage.keep_private(f"{plan.member} answers the follow-ups", reply, plan.member)
        if "Publish" in labels:
            result = await actor.click(reply, "Publish")
            return await result.wait_for_message()
        if any(label.startswith("Yes, ") for label in labels):
            choice = next(label for label in labels if label.startswith("Yes, "))
            result = await actor.click(reply, choice)
        elif "Pick an industry" in placeholders:
            result = await actor.select(reply, "Pick an industry", [plan.brand.industry.value])
        elif "0 to 10" in placeholders:
            result = await actor.select(reply, "0 to 10", [str(plan.recommend)])
        elif plan.resolution is not None and tr("en", plan.resolution.key) in labels:
            result = await actor.click(reply, tr("en", plan.resolution.key))
        else:
            skip = next(
                (x for x in labels if x in ("Skip", "No, that's all") or x.startswith("Keep ")),
                None,
            )
            if skip is None:
                raise DemoError(f"no way forward in the follow-ups: {labels} {placeholders}")
            result = await actor.click(reply, skip)
        reply = await result.wait_for_message()
    raise DemoError(f"the follow-ups never reached Publish: {reply.content}")


def story_id_of(post: Message) -> int:
    for component in post.iter_components():
        custom_id = str(component.get("custom_id", ""))
        if custom_id.startswith("story:relatable:"):
            return int(custom_id.rsplit(":", 1)[1])
    raise DemoError("a story post without its Relatable button")


async def relate(stage: Stage, reader: str, post: Message) -> None:
    result = await stage.actor(reader).click(post, f"story:relatable:{story_id_of(post)}")
    await result.wait_for_response()


async def report(stage: Stage, reader: str, post: Message, reason: str) -> Message:
    opened = await stage.actor(reader).click(post, f"story:report:{story_id_of(post)}")
    if opened.kind != "modal":
        raise DemoError(f"Report did not open its form: {opened.content}")
    submitted = await stage.actor(reader).submit_modal(opened.modal, {"Reason": reason})
    return await submitted.wait_for_message()
