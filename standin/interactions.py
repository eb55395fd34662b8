"""Interaction bookkeeping: what was dispatched, how the bot answered, what the user sees."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import StandInError
from .state import JSON, Message, User

PING, APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 1, 2, 3, 4, 5

CHANNEL_MESSAGE = 4
DEFERRED_CHANNEL_MESSAGE = 5
DEFERRED_UPDATE_MESSAGE = 6
UPDATE_MESSAGE = 7
AUTOCOMPLETE_RESULT = 8
MODAL = 9

RESPONSE_KINDS = {
    CHANNEL_MESSAGE: "message",
    DEFERRED_CHANNEL_MESSAGE: "deferred",
    DEFERRED_UPDATE_MESSAGE: "deferred_update",
    UPDATE_MESSAGE: "update",
    AUTOCOMPLETE_RESULT: "autocomplete",
    MODAL: "modal",
}

POLL_INTERVAL = 0.01


@dataclass
class InteractionRecord:
    """Server-side state of one interaction the stand-in dispatched."""

    id: int
    token: str
    type: int
    user: User
    channel_id: int
    guild_id: int | None
    payload: JSON
    source_message: Message | None = None
    dispatched_at: float = field(default_factory=time.monotonic)
    first_callback_at: float | None = None
    """When the first callback request reached the stand-in (time.monotonic), before its
    checks, even one then refused as late."""
    response_type: int | None = None
    callback_body: JSON | None = None
    original: Message | None = None
    followups: list[Message] = field(default_factory=list)
    modal: JSON | None = None
    choices: list[JSON] | None = None
    original_edits: int = 0

    @property
    def responded(self) -> bool:
        return self.response_type is not None


@dataclass
class Modal:
    """A modal the bot showed to ``user`` in answer to ``interaction``."""

    custom_id: str
    title: str
    components: list[JSON]
    interaction: InteractionRecord

    @property
    def user(self) -> User:
        return self.interaction.user

    def fields(self) -> list[JSON]:
        """The fillable components, each with the label a person would see (if any)."""
        out: list[JSON] = []
        for comp in self.components:
            if comp.get("type") == 18 and isinstance(comp.get("component"), dict):
                out.append({**comp["component"], "_label": comp.get("label")})
            elif comp.get("type") == 1:
                for inner in comp.get("components") or []:
                    out.append({**inner, "_label": inner.get("label")})
        return out


async def wait_until(
    predicate: Callable[[], bool], within: float, failure: Callable[[], str]
) -> None:
    deadline = time.monotonic() + within
    while not predicate():
        if time.monotonic() >= deadline:
            raise StandInError(failure())
        await asyncio.sleep(POLL_INTERVAL)


class InteractionResult:
    """What the acting user sees after an interaction, and ways to wait for it to settle."""

    def __init__(self, record: InteractionRecord) -> None:
        self.record = record

    def __repr__(self) -> str:
        return f"<InteractionResult {self.kind} content={self.content!r}>"

    @property
    def type(self) -> int | None:
        return self.record.response_type

    @property
    def kind(self) -> str | None:
        """message | deferred | deferred_update | update | autocomplete | modal | None."""
        rtype = self.record.response_type
        return None if rtype is None else RESPONSE_KINDS.get(rtype, str(rtype))

    @property
    def message(self) -> Message | None:
        """The interaction's visible message now (@original, or the clicked message)."""
        return self.record.original

    @property
    def content(self) -> str | None:
        msg = self.record.original
        return None if msg is None else msg.content

    @property
    def ephemeral(self) -> bool:
        msg = self.record.original
        return bool(msg and msg.ephemeral)

    @property
    def followups(self) -> list[Message]:
        return list(self.record.followups)

    @property
    def choices(self) -> list[JSON]:
        return list(self.record.choices or [])

    @property
    def modal(self) -> Modal:
        data = self.record.modal
        if data is None:
            raise StandInError(f"the bot answered with {self.kind!r}, not a modal")
        return Modal(
            str(data["custom_id"]), str(data["title"]), list(data["components"]), self.record
        )

    async def wait_for_response(self, within: float = 3.0) -> InteractionResult:
        await wait_until(
            lambda: self.record.responded,
            within,
            lambda: f"the bot never responded to interaction {self.record.id} within {within}s",
        )
        return self

    async def wait_for_message(self, within: float = 3.0) -> Message:
        """The final visible message: waits past "thinking…" and deferred updates."""
        await self.wait_for_response(within)

        def settled() -> bool:
            rtype = self.record.response_type
            if rtype == DEFERRED_UPDATE_MESSAGE:
                return self.record.original_edits > 0 or bool(self.record.followups)
            msg = self.record.original
            return msg is not None and not msg.loading

        await wait_until(
            settled,
            within,
            lambda: (
                f"interaction {self.record.id} still shows no final message after {within}s "
                f"(response {self.kind!r})"
            ),
        )
        if self.record.response_type == DEFERRED_UPDATE_MESSAGE and not self.record.original_edits:
            return self.record.followups[-1]
        msg = self.record.original
        assert msg is not None
        return msg

    async def wait_for_followups(self, count: int = 1, within: float = 3.0) -> list[Message]:
        await wait_until(
            lambda: len(self.record.followups) >= count,
            within,
            lambda: (
                f"expected {count} followup(s) to interaction {self.record.id}, "
                f"got {len(self.record.followups)} after {within}s"
            ),
        )
        return self.followups

    def extra(self) -> dict[str, Any]:
        """The raw callback body the bot sent, for unusual assertions."""
        return dict(self.record.callback_body or {})
