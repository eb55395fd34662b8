"""Results kept while the data they came from cannot have changed; a burst computes once.

`SingleFlight` shares one computation among concurrent callers; this keeps its result
for the callers that come after, for as long as the storage's `data_version` has not
moved (no write transaction of this process began or ended since before the
computation) and for at most `ttl` seconds (a write by another process, or time moving
on, shows within that). A result whose computation overlapped a write is handed to its
callers but never kept. Entries are few and bounded: the bot's memory budget is tight.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

from bot.single_flight import SingleFlight

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class VersionedCache(Generic[K, V]):
    def __init__(
        self,
        version: Callable[[], int],
        *,
        ttl: float,
        max_entries: int,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._version = version  # even and unchanged: nothing was written meanwhile
        self._ttl = ttl
        self._max_entries = max_entries
        self._monotonic = monotonic
        self._entries: dict[K, tuple[float, int, V]] = {}
        self._flights: SingleFlight[tuple[K, int], V] = SingleFlight()

    async def get(self, key: K, compute: Callable[[], Awaitable[V]]) -> V:
        """The kept result for `key`, or `compute()`'s (shared with concurrent callers)."""
        version = self._version()
        entry = self._entries.get(key)
        if entry is not None and entry[1] == version and self._fresh(entry[0]):
            return entry[2]
        return await self._flights.run((key, version), lambda: self._compute(key, compute))

    async def _compute(self, key: K, compute: Callable[[], Awaitable[V]]) -> V:
        before, started = self._version(), self._monotonic()
        value = await compute()
        if before % 2 == 0 and self._version() == before:
            self._entries.pop(key, None)  # re-inserted last: the newest
            self._entries[key] = (started, before, value)
            while len(self._entries) > self._max_entries:
                del self._entries[next(iter(self._entries))]
        return value

    def _fresh(self, computed_at: float) -> bool:
        return self._monotonic() - computed_at < self._ttl

    def __len__(self) -> int:
        return len(self._entries)
