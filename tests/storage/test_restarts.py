from datetime import timedelta

from bot.services.restarts import STARTS_KEY, throttle_restarts
from storage.sqlite import Storage
from tests.conftest import FakeClock


async def test_a_crash_loop_is_slowed_down(storage: Storage, clock: FakeClock) -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    delays = []
    for _ in range(5):
        delays.append(await throttle_restarts(storage.meta, clock, sleep))
        clock.advance(seconds=20)
    assert delays[:3] == [timedelta(0)] * 3
    assert delays[3:] == [timedelta(seconds=30), timedelta(seconds=60)]
    assert slept == [30.0, 60.0]

    clock.advance(minutes=15)
    assert await throttle_restarts(storage.meta, clock, sleep) == timedelta(0)


async def test_a_damaged_record_does_not_stop_the_bot(storage: Storage, clock: FakeClock) -> None:
    await storage.meta.set(STARTS_KEY, "not json")
    assert await throttle_restarts(storage.meta, clock) == timedelta(0)
