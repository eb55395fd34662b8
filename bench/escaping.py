"""Escaping member text for embeds: ours against discord.utils.escape_markdown.

`python -m bench.escaping` prints, side by side and measured in one run, the median time
of both escapers on adversarial input ("[](" repeated, which makes discord.py's regex
backtrack) and on ordinary prose, at story sizes up to the 4,000-character limit.
A member's interaction has 3 seconds in all, so escaping must stay far below that.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import discord

from bot.domain.markdown import escape_markdown

PROSE = "The agent was *really* kind; she re-booked us on the 7:40 (gate 12) for free. "


def median_ms(escape: Callable[[str], str], text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        escape(text)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{'input':<28}{'chars':>7}{'ours ms':>10}{'discord.py ms':>15}{'ratio':>9}")
    for label, unit in (("adversarial '[]('", "[]("), ("ordinary prose", PROSE)):
        for size in (1000, 2000, 4000):
            text = (unit * (size // len(unit) + 1))[:size]
            ours = median_ms(escape_markdown, text, args.runs)
            theirs = median_ms(discord.utils.escape_markdown, text, args.runs)
            print(f"{label:<28}{size:>7}{ours:>10.3f}{theirs:>15.3f}{theirs / ours:>9.0f}x")


if __name__ == "__main__":
    main()
