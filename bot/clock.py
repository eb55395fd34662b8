"""The one source of "now", so tests can move time instead of sleeping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class ManualClock:
    """A clock moved by hand: the demo spans weeks in seconds, tests move time at will."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


class FileClock:
    """Test-only: "now" is the ISO-8601 time written in a file (setting TEST_CLOCK_FILE).

    Crash tests run the real bot as separate processes and move time for all of them at
    once (fifty weeks of digests in a minute) by rewriting one file; a process killed
    and restarted reads the same time. An operator never sets it.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._seen: tuple[tuple[int, int], datetime] | None = None

    def __call__(self) -> datetime:
        status = self._path.stat()  # tests replace the file: a new inode each time
        stamp = (status.st_ino, status.st_mtime_ns)
        if self._seen is None or self._seen[0] != stamp:
            now = datetime.fromisoformat(self._path.read_text().strip())
            self._seen = (stamp, now if now.tzinfo else now.replace(tzinfo=UTC))
        return self._seen[1]
