"""Concurrent callers asking for the same thing share one computation.

A hundred members running `/leaderboard` in the same second on the same server would
otherwise compute (and draw) the same week a hundred times, one after the other on two
cores. Nothing is kept once the computation ends, so there is nothing to invalidate:
a caller never gets a result that began before it asked *and* ended before it asked.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class SingleFlight(Generic[K, V]):
    def __init__(self) -> None:
        self._running: dict[K, asyncio.Future[V]] = {}

    async def run(self, key: K, compute: Callable[[], Awaitable[V]]) -> V:
        """The result of `compute()`, shared with every caller of the same key meanwhile."""
        shared = self._running.get(key)
        if shared is None:
            shared = asyncio.ensure_future(compute())
            self._running[key] = shared
            shared.add_done_callback(lambda done: self._finished(key, done))
        # A caller that gives up (cancelled) must not cancel the others' computation.
        return await asyncio.shield(shared)

    def _finished(self, key: K, done: asyncio.Future[V]) -> None:
        if self._running.get(key) is done:
            del self._running[key]
        if not done.cancelled():
            done.exception()  # retrieved: every waiter may have gone away meanwhile

    def in_flight(self) -> int:
        return len(self._running)
