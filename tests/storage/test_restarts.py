from datetime import timedelta

from bot.services.restarts import STARTS_KEY, starts_key, throttle_restarts
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


async def test_each_group_of_shards_counts_its_own_starts(
    storage: Storage, clock: FakeClock
) -> None:
    """Processes of other shards on a shared database do not make this one wait."""
    assert starts_key(None) == STARTS_KEY
    assert starts_key((1, 0)) == starts_key((0, 1)) != starts_key((2,))

    async def sleep(seconds: float) -> None:
        pass

    for _ in range(3):  # a rolling restart of three processes, one shard each
        for shard in (0, 1, 2):
            key = starts_key((shard,))
            assert await throttle_restarts(storage.meta, clock, sleep, key=key) == timedelta(0)
        clock.advance(seconds=20)
    crash_loop = await throttle_restarts(storage.meta, clock, sleep, key=starts_key((1,)))
    assert crash_loop == timedelta(seconds=30)  # the fourth start of shard 1 alone
