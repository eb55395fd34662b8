"""The outbox: promises to Discord, claimed under leases and recorded once."""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from storage.records import (
    Delivery,
    DeliveryKind,
    ParkedDeliveries,
)


class DeliveryRepository(Protocol):
    """The outbox (storage/repositories/deliveries.py; bot/services/delivery.py).

    Records take the claimed `Delivery` and check its fencing token in the same
    statement; a claim taken over raises `storage.records.LeaseLost`.
    """

    async def enqueue_story(
        self, kind: DeliveryKind, guild_id: int, story_id: int, created_at: int
    ) -> int: ...

    async def enqueue_removal(
        self, guild_id: int, channel_id: int, message_id: int, created_at: int
    ) -> int: ...

    async def pending_for_story(self, kind: DeliveryKind, story_id: int) -> Delivery | None: ...

    async def pending_removal(self, message_id: int) -> Delivery | None: ...

    async def pending_notes(self, story_id: int) -> list[Delivery]: ...

    async def pending_notice(self, notice_id: int) -> Delivery | None: ...

    async def get(self, delivery_id: int) -> Delivery | None: ...

    async def waiting(self, limit: int = 1000) -> list[Delivery]: ...

    async def drop_if_unchanged(self, delivery_id: int, version: int) -> bool: ...

    async def claim(
        self, delivery: Delivery, owner: str, now_ms: int, lease_ms: int
    ) -> Delivery | None: ...

    async def holds(self, delivery: Delivery, now_ms: int) -> bool: ...

    async def start_attempt(self, delivery: Delivery, now_ms: int) -> Delivery: ...

    async def complete(self, delivery: Delivery) -> bool: ...

    async def complete_story_post(
        self, delivery: Delivery, channel_id: int, message_id: int
    ) -> None: ...

    async def complete_notice(self, delivery: Delivery, *, shown: bool) -> None: ...

    async def retry_later(self, delivery: Delivery, due_at_ms: int, error: str) -> None: ...

    async def park(
        self, delivery: Delivery, kinds: Collection[DeliveryKind], reason: str, *, note: bool
    ) -> None: ...

    async def parked(self, guild_id: int) -> list[ParkedDeliveries]: ...

    async def release(self, guild_id: int) -> None: ...
