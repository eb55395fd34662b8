"""Storage under a burst, in one process: `python -m bench.storage_bursts`.

Builds the benchmark database (bench/story_database.py: 1,000,000 stories by default,
the largest server ~50,000 in the week), opens it as the bot does (migrations, the
writer and its readers), then lets 100 coroutines at once do what 100 members' first
responses need on the largest server: the story form's pre-selection, a brand card,
the leaderboard (computed and drawn once for everyone asking at the same moment, as the
cog does), story writes, and writes mixed with cards. Prints p50 / p99 / max per burst.
The end-to-end figures (the bot as its own process against the stand-in, with a bare
discord.py floor) are bench/bursts.py's; this one isolates the storage and the work.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import resource
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from bench.story_database import BIG_GUILD, Plan, build
from bot.domain.stories import StoryStatus
from bot.domain.submission import StoryKind, StorySubmission
from bot.services.digest import DigestService, WeekDigest
from bot.single_flight import SingleFlight
from cogs.digest.render import digest_chart
from storage.sqlite import Storage, open_storage

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)  # inside the benchmark week
AT_ONCE = 100
_interactions = itertools.count(10**12)


def _p99(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


async def _burst(label: str, one: Callable[[int], Awaitable[object]]) -> None:
    times: list[float] = []

    async def timed(i: int) -> None:
        began = time.perf_counter()
        await one(i)
        times.append((time.perf_counter() - began) * 1000)

    await asyncio.gather(*(timed(i) for i in range(AT_ONCE)))
    print(
        f"{label:28s} p50 {statistics.median(times):7.1f}  p99 {_p99(times):7.1f}  "
        f"max {max(times):7.1f} ms",
        flush=True,
    )


async def _largest_brand_key(storage: Storage) -> str:
    row = await storage.database.fetch_one(
        "SELECT name_key FROM brands WHERE guild_id = ? ORDER BY id LIMIT 1", (BIG_GUILD,)
    )
    assert row is not None
    return str(row[0])


async def _run(path: Path) -> None:
    began = time.perf_counter()
    storage = await open_storage(path)
    print(f"open and migrate: {(time.perf_counter() - began) * 1000:.0f} ms")
    try:
        key = await _largest_brand_key(storage)
        digests = DigestService(storage, lambda: NOW)
        boards: SingleFlight[int, tuple[WeekDigest, bytes | None]] = SingleFlight()
        submission = StorySubmission.model_validate(
            {
                "kind": StoryKind.GREAT,
                "brand": "Brand 1",
                "headline": "A burst",
                "body": "A story long enough to be a real one about what happened that day.",
                "rating": 4,
                "touchpoints": ("service",),
            }
        )

        async def form(_: int) -> None:
            brand = await storage.brands.find(BIG_GUILD, key)
            assert brand is not None
            await storage.brands.touchpoint_history(brand.id)

        async def card(_: int) -> None:
            brand = await storage.brands.find(BIG_GUILD, key)
            assert brand is not None
            await storage.brands.stats(brand.id, NOW)
            await storage.guild_settings.get(BIG_GUILD)

        async def compute_board() -> tuple[WeekDigest, bytes | None]:
            settings = await storage.guild_settings.get(BIG_GUILD)
            window, in_progress = await digests.week_for(settings, None)
            digest = await digests.build(settings, window, in_progress=in_progress)
            return digest, await asyncio.to_thread(digest_chart, "en", digest)

        async def board(_: int) -> None:
            await boards.run(BIG_GUILD, compute_board)

        async def write(i: int) -> None:
            await storage.stories.create(
                guild_id=BIG_GUILD,
                author_id=i,
                submission=submission,
                brand_key=key,
                status=StoryStatus.PUBLISHED,
                interaction_id=next(_interactions),
                now=NOW,
            )

        async def mixed(i: int) -> None:
            await (write(i) if i % 2 else card(i))

        print(f"{AT_ONCE} at once on the largest server:")
        await _burst("form pre-selection", form)
        await _burst("brand card", card)
        await _burst("leaderboard (shared)", board)
        await _burst("story write", write)
        await _burst("half writes, half cards", mixed)
        # Linux reports kilobytes; the whole process (the builder ran in it before).
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of this process: {peak:.0f} MB")
    finally:
        await storage.close()


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stories", type=int, default=1_000_000)
    parser.add_argument("--servers", type=int, default=1_000)
    parser.add_argument("--dir", type=Path, help="build here instead of a temporary folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        built = build(Path(folder), Plan(args.stories, args.servers))
        print(
            f"built {args.stories:,} stories in {built.seconds:.0f} s; the largest server "
            f"has {built.big_published:,} published this week"
        )
        asyncio.run(_run(built.path))


if __name__ == "__main__":
    main()
