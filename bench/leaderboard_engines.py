"""The leaderboard's timings on one engine: the repository against its raw driver.

The same code times SQLite and PostgreSQL (`bench/leaderboard.py` runs both in one run):
the bot's `LeaderboardRepository` (engine-neutral storage, as the services call it) and
the very same statement (`BRAND_ROWS_SQL`, translated for PostgreSQL as the storage
translates it) through the raw driver. Each run calls them in alternation, so all see
the same cache and the same load on a shared machine; a ratio of medians taken minutes
apart would measure the neighbours.

The raw baselines, precisely:

* SQLite, "sqlite3": the standard library's `sqlite3` module called synchronously in the
  event loop, plain tuples, SQLite's default 2 MB page cache. The hardest baseline: no
  thread hand-over at all (a bot would never do this: it stops the event loop for the
  whole query). The target is judged against it.
* SQLite, "aiosqlite": the driver library the storage uses, as a bare connection
  (`execute_fetchall`, plain tuples, default page cache): the same one hand-over to
  SQLite's thread and back that every storage read pays. Printed beside it, never
  instead of it.
* PostgreSQL, "asyncpg": a bare `asyncpg.connect()` connection's `fetch` with the
  translated SQL; asyncpg's prepared-statement cache serves it after the warm-up call,
  as it serves the storage's reader connections (same SQL text, same default cache).

`--rounds` repeats the alternation: each round's ratios are printed, and the medians
and p95 are taken over every round's samples.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from bench.story_database import BIG_GUILD, WEEK
from bot.domain.ranking import rank_week
from bot.domain.weeks import trailing_window
from storage.interfaces import LeaderboardRepository

# The raw driver's rows of BRAND_ROWS_SQL for one server's benchmark week (their number).
RawRows = Callable[[int], Awaitable[int]]


@dataclass(frozen=True)
class Timing:
    median_ms: float
    p95_ms: float

    @classmethod
    def of(cls, samples: Sequence[float]) -> Timing:
        if len(samples) < 2:
            return cls(samples[0], samples[0])
        return cls(statistics.median(samples), statistics.quantiles(samples, n=20)[18])


@dataclass(frozen=True)
class EngineFigures:
    engine: str
    driver: str
    repository: Timing  # brand_rows, the largest server's week
    raw: Timing  # the same SQL through the raw driver
    storage_fetch: Timing  # the same SQL through the storage's database, rows unbuilt
    servers: int
    all_rows_ms: float  # brand_rows of every server with stories in the week, in turn
    all_raw_ms: float
    all_ranked_ms: float  # + the 12-week server mean + rank_week, every server
    server_mean: Timing  # the largest server's 12-week mean
    # The same SQL through the driver library the storage uses, as a bare connection,
    # when that is not already `raw` (SQLite: aiosqlite, one thread hand-over).
    threaded_driver: str | None = None
    threaded: Timing | None = None
    # Each round's repository / raw and repository / threaded (medians of the round).
    rounds: tuple[tuple[float, float], ...] = ()
    all_threaded_ms: float | None = None  # every server's rows through `threaded`

    @property
    def ratio(self) -> float:
        return self.repository.median_ms / self.raw.median_ms

    @property
    def threaded_ratio(self) -> float:
        baseline = self.raw if self.threaded is None else self.threaded
        return self.repository.median_ms / baseline.median_ms

    @property
    def fetch_ratio(self) -> float:
        return self.storage_fetch.median_ms / self.raw.median_ms

    @property
    def all_ratio(self) -> float:
        return self.all_rows_ms / self.all_raw_ms


async def _alternating(
    calls: Sequence[Callable[[], Awaitable[object]]], runs: int
) -> list[list[float]]:
    """Samples (ms) of calls made in turn (the order rotates each run, so none always
    goes first or follows the same neighbour)."""
    for call in calls:  # warm-up: caches and prepared statements, not the query
        await call()
    samples: list[list[float]] = [[] for _ in calls]
    for run in range(runs):
        for offset in range(len(calls)):
            index = (run + offset) % len(calls)
            began = time.perf_counter()
            await calls[index]()
            samples[index].append((time.perf_counter() - began) * 1000)
    return samples


async def _every_server(
    calls: Sequence[Callable[[int], Awaitable[object]]], guilds: Sequence[int]
) -> list[float]:
    """Total ms of each call over every server's week, the calls taking turns on each
    server (rotating), so none meets the server's pages first: run one after another,
    the first pass warmed the caches for the next and the repository looked 1.4x slower
    on PostgreSQL for it (the calls alternated per server measured 1.0-1.1x)."""
    totals = [0.0] * len(calls)
    for turn, guild in enumerate(guilds):
        for offset in range(len(calls)):
            index = (turn + offset) % len(calls)
            began = time.perf_counter()
            await calls[index](guild)
            totals[index] += (time.perf_counter() - began) * 1000
    return totals


async def _median(call: Callable[[], Awaitable[object]], runs: int) -> Timing:
    await call()
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - began) * 1000)
    return Timing.of(samples)


async def measure(
    engine: str,
    driver: str,
    repo: LeaderboardRepository,
    raw_rows: RawRows,
    storage_rows: RawRows,
    runs: int,
    *,
    threaded: tuple[str, RawRows] | None = None,
    rounds: int = 1,
) -> EngineFigures:
    """Times the largest server's week three ways (four with `threaded`), in `rounds`
    rounds of `runs` alternations, then every server's in turn.

    `storage_rows` runs the statement through the storage's database object (readers,
    threads, translation) without building the domain rows: what the repository adds
    on top of the driver splits into the storage's share and the BrandWeek objects'.
    """
    trailing = trailing_window(WEEK, "UTC")

    async def largest() -> None:
        await repo.brand_rows(BIG_GUILD, WEEK.start, WEEK.end)

    async def largest_raw() -> None:
        await raw_rows(BIG_GUILD)

    async def largest_fetched() -> None:
        await storage_rows(BIG_GUILD)

    async def mean() -> None:
        await repo.server_mean(BIG_GUILD, trailing.start, trailing.end)

    calls = [largest, largest_raw, largest_fetched]
    if threaded is not None:
        threaded_rows = threaded[1]

        async def largest_threaded() -> None:
            await threaded_rows(BIG_GUILD)

        calls.append(largest_threaded)
    samples: list[list[float]] = [[] for _ in calls]
    per_round = []
    for _ in range(rounds):
        medians = []
        for into, got in zip(samples, await _alternating(calls, runs), strict=True):
            into.extend(got)
            medians.append(statistics.median(got))
        bare = medians[1] if threaded is None else medians[3]
        per_round.append((medians[0] / medians[1], medians[0] / bare))
    repository, raw, fetched = (Timing.of(s) for s in samples[:3])
    server_mean = await _median(mean, runs)

    guilds = await repo.guild_ids_with_stories(WEEK.start, WEEK.end)
    every = [
        lambda guild: repo.brand_rows(guild, WEEK.start, WEEK.end),
        raw_rows,
        *([] if threaded is None else [threaded[1]]),
    ]
    totals = await _every_server(every, guilds)

    began = time.perf_counter()
    for guild in await repo.guild_ids_with_stories(WEEK.start, WEEK.end):
        rows = await repo.brand_rows(guild, WEEK.start, WEEK.end)
        prior = await repo.server_mean(guild, trailing.start, trailing.end)
        rank_week(rows, prior_mean=prior)
    all_ranked_ms = (time.perf_counter() - began) * 1000
    return EngineFigures(
        engine,
        driver,
        repository,
        raw,
        fetched,
        len(guilds),
        totals[0],
        totals[1],
        all_ranked_ms,
        server_mean,
        None if threaded is None else threaded[0],
        None if threaded is None else Timing.of(samples[3]),
        tuple(per_round),
        None if threaded is None else totals[2],
    )


# The targets, on both engines.
MAX_RATIO = 1.2
MAX_LARGEST_MS = 50.0


def _row(label: str, *cells: str) -> str:
    return f"{label:<30}" + "".join(f"{cell:>13}" for cell in cells)


def side_by_side(figures: Sequence[EngineFigures]) -> list[str]:
    """One column per engine, one line per figure, then the targets."""
    lines = [_row("", *(f.engine for f in figures))]

    def line(label: str, cell: Callable[[EngineFigures], str]) -> None:
        lines.append(_row(label, *(cell(f) for f in figures)))

    lines.append("largest server's week, brand_rows (ms):")
    line("  repository median", lambda f: f"{f.repository.median_ms:.2f}")
    line("  repository p95", lambda f: f"{f.repository.p95_ms:.2f}")
    line("  raw driver", lambda f: f.driver)
    line("  raw median", lambda f: f"{f.raw.median_ms:.2f}")
    line("  raw p95", lambda f: f"{f.raw.p95_ms:.2f}")
    line("  repository / raw (medians)", lambda f: f"{f.ratio:.2f}")
    line("  storage's driver, bare", lambda f: f.threaded_driver or "same as raw")
    line(
        "  bare median",
        lambda f: f"{(f.threaded or f.raw).median_ms:.2f}",
    )
    line("  repository / bare (medians)", lambda f: f"{f.threaded_ratio:.2f}")
    line("  storage fetch, no rows built", lambda f: f"{f.storage_fetch.median_ms:.2f}")
    line("  storage fetch / raw (medians)", lambda f: f"{f.fetch_ratio:.2f}")
    lines.append("every server with stories in the week, taking turns (total ms):")
    line("  servers", lambda f: f"{f.servers:,}")
    line("  brand_rows, repository", lambda f: f"{f.all_rows_ms:.0f}")
    line("  brand_rows, raw driver", lambda f: f"{f.all_raw_ms:.0f}")
    line("  repository / raw", lambda f: f"{f.all_ratio:.2f}")
    line(
        "  brand_rows, storage's driver",
        lambda f: "same as raw" if f.all_threaded_ms is None else f"{f.all_threaded_ms:.0f}",
    )
    line("  + 12-week mean + rank_week", lambda f: f"{f.all_ranked_ms:.0f}")
    line("server_mean 12 weeks, largest", lambda f: f"{f.server_mean.median_ms:.2f}")
    rounds = max(len(f.rounds) for f in figures)
    if rounds > 1:
        lines.append("each round's repository / raw (repository / bare):")
        for index in range(rounds):
            cells = [
                f"{f.rounds[index][0]:.2f} ({f.rounds[index][1]:.2f})"
                if index < len(f.rounds)
                else ""
                for f in figures
            ]
            lines.append(_row(f"  round {index + 1}", *cells))
    for f in figures:
        fast = f.repository.p95_ms < MAX_LARGEST_MS
        if f.threaded_driver is not None:
            met = f.threaded_ratio <= MAX_RATIO and fast
            lines.append(
                f"against {f.threaded_driver} on {f.engine} (the storage's own driver, "
                f"bare): {'met' if met else 'MISSED'}"
            )
        met = f.ratio <= MAX_RATIO and fast
        lines.append(
            f"target on {f.engine} (repository within {MAX_RATIO}x of raw, largest week's "
            f"p95 under {MAX_LARGEST_MS:.0f} ms): {'met' if met else 'MISSED'}"
        )
    return lines
