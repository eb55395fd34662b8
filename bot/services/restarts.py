"""Remembering recent starts in the database, and waiting when the bot is crash-looping."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.domain.start_throttle import remember_start, start_delay
from storage.interfaces import MetaRepository

log = logging.getLogger(__name__)

STARTS_KEY = "recent_starts"


async def throttle_restarts(
    meta: MetaRepository,
    clock: Clock,
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
) -> timedelta:
    """Record this start; wait first if the process restarted too often. Returns the wait."""
    now = clock()
    raw = await meta.get(STARTS_KEY)
    try:
        starts = [datetime.fromisoformat(t) for t in json.loads(raw)] if raw else []
    except (ValueError, TypeError):
        starts = []  # a damaged record must never stop the bot from starting
    delay = start_delay(starts, now)
    kept = remember_start(starts, now)
    await meta.set(STARTS_KEY, json.dumps([t.isoformat() for t in kept]))
    if delay:
        log.warning(
            "Started %d times in the last 10 minutes: waiting %d s before connecting to "
            "Discord, to protect the daily login limit",
            len(kept),
            delay.total_seconds(),
        )
        await sleep(delay.total_seconds())
    return delay
