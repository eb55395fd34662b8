"""A story's save answers "thinking" at once when other members' saves are under way."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.services.stories import FORGET_SUBMIT_AFTER, StoryService
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
