import asyncio

import pytest

from bot.single_flight import SingleFlight


async def test_concurrent_callers_share_one_computation_and_nothing_is_kept() -> None:
    flight: SingleFlight[str, int] = SingleFlight()
    calls = 0
    release = asyncio.Event()

    async def compute() -> int:
        nonlocal calls
        calls += 1
        mine = calls
        await release.wait()
        return mine

    waiting = [asyncio.create_task(flight.run("week", compute)) for _ in range(100)]
    await asyncio.sleep(0)
    other = asyncio.create_task(flight.run("other week", compute))
    await asyncio.sleep(0)
    release.set()
    results = await asyncio.gather(*waiting)
    assert set(results) == {results[0]}
    assert await other != results[0]
    assert calls == 2
    assert flight.in_flight() == 0
    # Once it ended, the next caller computes afresh (no stale result).
    assert await flight.run("week", compute) == 3


async def test_a_failure_reaches_every_caller_and_a_cancelled_caller_cancels_nobody() -> None:
    flight: SingleFlight[str, int] = SingleFlight()
    release = asyncio.Event()

    async def compute() -> int:
        await release.wait()
        raise ValueError("boom")

    first = asyncio.create_task(flight.run("k", compute))
    second = asyncio.create_task(flight.run("k", compute))
    await asyncio.sleep(0)
    first.cancel()
    await asyncio.sleep(0)
    release.set()
    with pytest.raises(ValueError, match="boom"):
        await second
    assert first.cancelled()
