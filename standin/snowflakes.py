"""Snowflakes and timestamps the way Discord formats them, plus the JSON alias.

Shared by every module of the stand-in's world model (guilds, messages, the world itself).
"""

from __future__ import annotations

import itertools
import time
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1420070400000

JSON = dict[str, Any]


class SnowflakeGenerator:
    """Makes realistic, strictly increasing snowflakes (timestamp + increment)."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)
        self._last = 0

    def next(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        value = (ms << 22) | (1 << 17) | (next(self._counter) & 0xFFF)
        if value <= self._last:
            value = self._last + 1
        self._last = value
        return value

    def next_on_shard(self, shard_id: int, shard_count: int) -> int:
        """A new id that Discord routes to shard `shard_id` of `shard_count` (its
        timestamp moved at most `shard_count - 1` ms ahead; later ids stay larger)."""
        value = self.next()
        ms = value >> 22
        ms += (shard_id - ms) % shard_count
        value = (ms << 22) | (value & ((1 << 22) - 1))
        self._last = max(self._last, value)
        return value


def iso_now() -> str:
    return datetime.now(UTC).isoformat()


def snowflake_time(snowflake: int) -> str:
    ms = (snowflake >> 22) + DISCORD_EPOCH_MS
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat()


def opt_str(value: int | None) -> str | None:
    return None if value is None else str(value)
