"""The stand-in's own clock: real monotonic time plus an offset that tests can move.

Discord's time-limited behaviour (the nonce de-duplication window, "500s for 30 s") is
measured on this clock, so a test can model "after an hour of downtime" without waiting.
"""

from __future__ import annotations

import time


class StandInClock:
    """Monotonic seconds; ``advance`` jumps forward (never back: Discord's time only grows)."""

    def __init__(self) -> None:
        self._offset = 0.0

    def now(self) -> float:
        return time.monotonic() + self._offset

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("the stand-in clock only moves forward")
        self._offset += seconds
