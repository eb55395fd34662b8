"""A kept result lives while nothing was written and the TTL holds; a burst computes once."""

from __future__ import annotations

import asyncio

from bot.versioned_cache import VersionedCache


class Source:
    """A data version and a clock moved by hand, and a computation that counts its runs."""

    def __init__(self) -> None:
        self.version = 0
        self.now = 0.0
        self.runs = 0
        self.gate: asyncio.Event | None = None

    async def compute(self) -> int:
        self.runs += 1
        if self.gate is not None:
            await self.gate.wait()
        return self.runs

    def cache(self, max_entries: int = 4) -> VersionedCache[str, int]:
        return VersionedCache(
            lambda: self.version, ttl=60.0, max_entries=max_entries, monotonic=lambda: self.now
        )


async def test_a_burst_computes_once_and_later_callers_reuse_it() -> None:
    source = Source()
    cache = source.cache()
    source.gate = asyncio.Event()
    waiting = [asyncio.ensure_future(cache.get("board", source.compute)) for _ in range(50)]
    await asyncio.sleep(0)
    source.gate.set()
    assert await asyncio.gather(*waiting) == [1] * 50
    assert await cache.get("board", source.compute) == 1
    assert source.runs == 1


async def test_a_write_or_the_ttl_drops_it() -> None:
    source = Source()
    cache = source.cache()
    assert await cache.get("board", source.compute) == 1
    source.version += 2  # a write began and ended
    assert await cache.get("board", source.compute) == 2
    source.now += 61
    assert await cache.get("board", source.compute) == 3
    assert await cache.get("board", source.compute) == 3


async def test_a_result_computed_during_a_write_is_given_but_never_kept() -> None:
    source = Source()
    cache = source.cache()
    source.version = 1  # a write transaction is open
    assert await cache.get("board", source.compute) == 1
    assert await cache.get("board", source.compute) == 2
    source.version = 2
    source.gate = asyncio.Event()
    pending = asyncio.ensure_future(cache.get("board", source.compute))
    await asyncio.sleep(0)
    source.version = 3  # a write began while it computed
    source.gate.set()
    assert await pending == 3
    assert len(cache) == 0


async def test_it_keeps_a_bounded_number_of_entries() -> None:
    source = Source()
    cache = source.cache(max_entries=2)
    for key in ("a", "b", "c"):
        await cache.get(key, source.compute)
    assert len(cache) == 2
    assert await cache.get("a", source.compute) == 4  # the oldest went first
