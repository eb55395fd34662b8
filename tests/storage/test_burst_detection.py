"""A story's save answers "thinking" at once when other members' saves are under way."""

from __future__ import annotations

import asyncio
import itertools
import time
from datetime import UTC, datetime

from bot.services.stories import BURST_ARRIVAL_WAIT, FORGET_SUBMIT_AFTER, StoryService
from storage.sqlite import Storage

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


async def test_a_lone_submission_answers_in_one_message(storage: Storage) -> None:
    clock = [100.0]
    stories = StoryService(storage, lambda: NOW, monotonic=lambda: clock[0])
    assert not stories.saving_would_wait(1)
    clock[0] += 0.2
    assert not stories.saving_would_wait(1)  # asked again: its own arrival does not count


async def test_submissions_under_way_together_are_a_burst(storage: Storage) -> None:
    stories = StoryService(storage, lambda: NOW)
    assert not stories.saving_would_wait(1)  # the first of a burst cannot know yet...
    assert stories.saving_would_wait(2)
    assert stories.saving_would_wait(1)  # ...but sees it before its save
    stories.submission_ended(1)
    stories.submission_ended(2)
    assert not stories.saving_would_wait(3)  # the burst is over


async def test_a_submission_never_said_to_end_is_forgotten(storage: Storage) -> None:
    clock = [100.0]
    stories = StoryService(storage, lambda: NOW, monotonic=lambda: clock[0])
    assert not stories.saving_would_wait(1)
    clock[0] += FORGET_SUBMIT_AFTER + 1
    assert not stories.saving_would_wait(2)


async def test_a_queued_write_counts_even_for_a_lone_submission(storage: Storage) -> None:
    stories = StoryService(storage, lambda: NOW)
    async with storage.database.transaction():
        # Another coroutine asking now would wait for this write.
        assert stories.saving_would_wait(1)


async def test_a_member_shown_thinking_saves_after_the_burst_has_arrived(
    storage: Storage,
) -> None:
    stories = StoryService(storage, lambda: NOW)
    arrived: list[int] = []

    async def arrivals() -> None:
        for i in range(2, 7):  # the rest of the burst, still being parsed
            await asyncio.sleep(0.005)
            stories.saving_would_wait(i)
            arrived.append(i)

    assert not stories.saving_would_wait(1)
    burst = asyncio.create_task(arrivals())
    await asyncio.sleep(0)
    await stories.let_the_burst_answer_first()
    assert arrived == [2, 3, 4, 5, 6]  # it waited for the last one
    await burst


async def test_the_wait_for_a_burst_is_bounded(storage: Storage) -> None:
    stories = StoryService(storage, lambda: NOW)
    stop = asyncio.Event()

    async def endless() -> None:
        for i in itertools.count():
            if stop.is_set():
                return
            stories.saving_would_wait(i)
            await asyncio.sleep(0.002)

    arriving = asyncio.create_task(endless())
    began = time.monotonic()
    await asyncio.wait_for(stories.let_the_burst_answer_first(), BURST_ARRIVAL_WAIT * 10)
    assert time.monotonic() - began >= BURST_ARRIVAL_WAIT
    stop.set()
    await arriving


async def test_nothing_under_way_means_no_wait(storage: Storage) -> None:
    stories = StoryService(storage, lambda: NOW, monotonic=lambda: 100.0)
    await asyncio.wait_for(stories.let_the_burst_answer_first(), 1.0)  # never sleeps
