"""Remembering recent starts in the database, and waiting when the bot is crash-looping."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.domain.start_throttle import remember_start, start_delay
from storage.interfaces import MetaRepository

log = logging.getLogger(__name__)

STARTS_KEY = "recent_starts"


def starts_key(shard_ids: Sequence[int] | None) -> str:
    """Where a process keeps its starts: per group of shards on a shared database.

    Processes of other shards on the same PostgreSQL database start on their own
    schedule (a rolling restart of every process is no crash loop of any one of them).
    """
    if shard_ids is None:
        return STARTS_KEY
    return f"{STARTS_KEY}:shards={','.join(str(i) for i in sorted(shard_ids))}"


async def throttle_restarts(
    meta: MetaRepository,
    clock: Clock,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    *,
    key: str = STARTS_KEY,
) -> timedelta:
    """Record this start; wait first if the process restarted too often. Returns the wait."""
    now = clock()
    raw = await meta.get(key)
    try:
        starts = [datetime.fromisoformat(t) for t in json.loads(raw)] if raw else []
    except (ValueError, TypeError):
        starts = []  # a damaged record must never stop the bot from starting
    delay = start_delay(starts, now)
    kept = remember_start(starts, now)
    await meta.set(key, json.dumps([t.isoformat() for t in kept]))
    if delay:
        log.warning(
            "Started %d times in the last 10 minutes: waiting %d s before connecting to "
            "Discord, to protect the daily login limit",
            len(kept),
            delay.total_seconds(),
        )
        await sleep(delay.total_seconds())
    return delay
