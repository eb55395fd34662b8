"""Bursts of members at once, the real bot against a bare discord.py bot: `python -m bench.bursts`.

Builds (or reuses, cached under bench/ by its parameters and the current week) the
benchmark database of bench/story_database.py: by default 1,000,000 stories across
1,000 servers, the largest with ~50,000 published stories in the week so far and as many
in the last full week. Then, in one run:
- two stand-ins in this process, each with the database's smallest and largest servers
  under their real ids and `max(--sizes)` members in each;
- `python -m bot` as its own process on a copy of the database, both servers set up
  through `/storymod setup` and one story published by a member;
- `python -m bench.burst_floor`, a bare discord.py bot doing the same flows with no
  database: the floor;
- for each server and burst size, each flow fired by that many members at once, the bot
  and the floor taking turns flow by flow: `/story great` -> form, form submit -> first
  response, `/brand`, `/leaderboard`, a Relatable click.
It prints per flow p50, p99, max and how many were late (> 3 s), bot against floor with
their ratios, and the CPU each process spent per member (from /proc/<pid>/stat, from the
burst's start until the process was quiet); start-to-ready and memory of both processes;
and how busy the stand-ins (this process) were, so a stand-in bottleneck shows.
`--runs N` repeats every burst N times in the same processes (bot and floor still taking
turns burst by burst) and prints medians over the runs, with each run's p99 ratio: on a
shared machine one run proves little. `--stories 100000` is a quick run.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import math
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bench.burst_flows import (
    FLOW_TITLES,
    FLOWS,
    Burst,
    Runner,
    Target,
    add_world,
    set_up_bot,
    set_up_floor,
)
from bench.story_database import BIG_GUILD, Plan, build, weeks_for
from standin import StandIn
from standin.bot_process import BotProcess

BENCH_DIR = Path(__file__).parent
SERVERS = ("small", "largest")


@dataclass(frozen=True)
class Options:
    stories: int = 1_000_000
    servers: int = 1_000
    sizes: tuple[int, ...] = (30, 100)
    cache_dir: Path = BENCH_DIR


@dataclass(frozen=True)
class Database:
    path: Path
    guilds: dict[str, int]
    brands: dict[str, str]
    big_published: int
    current_published: int
    built_seconds: float | None  # None: reused from the cache


@dataclass(frozen=True)
class Report:
    database: Database
    bursts: list[Burst]
    ready: dict[str, float]
    memory: dict[str, tuple[float, float]]
    standin_cpu_share: float
    validations: int
    validation_ms: float
    violations: dict[str, int]
    memory_by_run: dict[str, list[tuple[float, float]]] = field(default_factory=dict)

    def runs(self, target: str, server: str, size: int, flow: str) -> list[Burst]:
        """The cell's bursts, one a run, in run order."""
        return [
            b
            for b in self.bursts
            if (b.target, b.server, b.members, b.flow) == (target, server, size, flow)
        ]

    def burst(self, target: str, server: str, size: int, flow: str) -> Burst:
        return self.runs(target, server, size, flow)[0]


def cached_database(options: Options) -> Database:
    """The database for these parameters and this week, built once (bench/*.db* is
    git-ignored); a new week builds anew, as "the week so far" moved."""
    plan = Plan(stories=options.stories, servers=options.servers)
    now = datetime.now(UTC)
    _, this_week = weeks_for(now)
    name = f"bursts-{plan.stories}-{plan.servers}-{plan.seed}-{this_week.key}.db"
    path = options.cache_dir / name
    built_seconds = None
    if not path.exists():
        with tempfile.TemporaryDirectory(dir=options.cache_dir) as folder:
            built = build(Path(folder), plan, now=now)
            built.path.rename(path)
            built_seconds = built.seconds
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        small = int(connection.execute("SELECT max(guild_id) FROM brands").fetchone()[0])
        guilds = {"small": small, "largest": BIG_GUILD}
        brands = {
            server: str(
                connection.execute(
                    "SELECT name FROM brands WHERE guild_id = ? ORDER BY id LIMIT 1", (gid,)
                ).fetchone()[0]
            )
            for server, gid in guilds.items()
        }
        last_week, _ = weeks_for(datetime.now(UTC))
        counts = [
            int(
                connection.execute(
                    "SELECT count(*) FROM stories WHERE guild_id = ? AND status = 'published' "
                    "AND published_at >= ? AND published_at < ?",
                    (BIG_GUILD, int(w.start.timestamp()), int(w.end.timestamp())),
                ).fetchone()[0]
            )
            for w in (last_week, this_week)
        ]
    finally:
        connection.close()
    return Database(path, guilds, brands, counts[0], counts[1], built_seconds)


async def run_bursts(
    database: Database, sizes: Sequence[int], folder: Path, runs: int = 1
) -> Report:
    """Both bots, both servers, every size and flow, `runs` times; the bot and the floor
    alternate burst by burst, so both see the same moment of a shared machine."""
    bot_db = folder / "bot.db"
    shutil.copyfile(database.path, bot_db)
    standins = {"bot": StandIn(), "floor": StandIn()}
    for standin in standins.values():
        await standin.start()
    targets = {
        "bot": Target("bot", standins["bot"], BotProcess(standins["bot"], bot_db)),
        "floor": Target(
            "floor",
            standins["floor"],
            BotProcess(
                standins["floor"],
                folder / "floor.db",
                module="bench.burst_floor",
                env={"PYTHONPATH": str(BENCH_DIR.parent)},  # bench/ is not installed
            ),
        ),
    }
    try:
        for target in targets.values():
            target.servers, target.members = await add_world(
                target.standin, database.guilds, database.brands, max(sizes)
            )
            await target.start()
        await set_up_bot(targets["bot"])
        await set_up_floor(targets["floor"])
        bursts: list[Burst] = []
        cpu, wall = time.process_time(), time.perf_counter()
        validated = {
            n: (s.rest.validations, s.rest.validation_seconds) for n, s in standins.items()
        }
        memory_by_run: dict[str, list[tuple[float, float]]] = {name: [] for name in targets}
        for run in range(runs):
            for server in SERVERS:
                for size in sizes:
                    runners = [Runner(t, server, size, run) for t in targets.values()]
                    for flow in FLOWS:
                        for runner in runners:
                            bursts.append(await runner.run(flow))
            for name, target in targets.items():
                memory_by_run[name].append(target.memory_mb())
        cpu_share = (time.process_time() - cpu) / (time.perf_counter() - wall)
        validations = sum(s.rest.validations - validated[n][0] for n, s in standins.items())
        validation_s = sum(s.rest.validation_seconds - validated[n][1] for n, s in standins.items())
        memory = {name: t.memory_mb() for name, t in targets.items()}
        return Report(
            database,
            bursts,
            {name: t.ready_seconds for name, t in targets.items()},
            memory,
            cpu_share,
            validations,
            validation_s * 1000 / max(1, validations),
            {name: len(s.violations) for name, s in standins.items()},
            memory_by_run,
        )
    finally:
        for target in targets.values():
            await target.process.stop()
        for standin in standins.values():
            await standin.stop()


def _ms(seconds: float) -> str:
    return "never" if seconds == float("inf") else f"{seconds * 1000:.0f}"


def _ratio(bot: float, floor: float) -> str:
    if floor <= 0 or float("inf") in (bot, floor):
        return "-"
    return f"{bot / floor:.1f}x"


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _p99_ratio(bot: Burst, floor: Burst) -> float:
    b, f = bot.percentile(0.99), floor.percentile(0.99)
    return b / f if f > 0 and math.isfinite(b) and math.isfinite(f) else float("inf")


def _median_p(bursts: Sequence[Burst], share: float) -> float:
    return _median([b.percentile(share) for b in bursts])


def _cells(bursts: Sequence[Burst], p50: int, rest: int) -> str:
    """p50, p99, max (medians over runs), late (total) and CPU per member (median)."""
    return (
        f"{_ms(_median_p(bursts, 0.5)):>{p50}}"
        f"{_ms(_median_p(bursts, 0.99)):>{rest + 1}}"
        f"{_ms(_median([max(b.latencies) for b in bursts])):>{rest + 1}}"
        f"{sum(b.late for b in bursts):>5}"
        f"{_median([b.cpu_ms_per_member for b in bursts]):>6.1f}"
    )


def format_report(report: Report, sizes: Sequence[int]) -> list[str]:
    d = report.database
    runs = 1 + max(b.run for b in report.bursts)
    lines = [
        f"database: {d.path.name}, {d.path.stat().st_size / 1e6:,.0f} MB, "
        + ("reused" if d.built_seconds is None else f"built in {d.built_seconds:.0f} s"),
        f"largest server (id {d.guilds['largest']}): {d.big_published:,} published stories "
        f"in the last full week, {d.current_published:,} in the week so far; small server "
        f"id {d.guilds['small']}",
        "first response after INTERACTION_CREATE, ms; late = over 3 s "
        '("The application did not respond"); cpu = ms of the process\'s CPU per member',
        f"medians over {runs} run(s); late = total; x p99 = median of each run's bot/floor "
        "p99 ratio (each run's in brackets)"
        if runs > 1
        else "one run",
        "",
        f"{'server':<8}{'n':>4}  {'flow':<31}{'bot p50':>8}{'p99':>7}{'max':>7}{'late':>5}"
        f"{'cpu':>6}{'floor p50':>11}{'p99':>6}{'max':>6}{'late':>5}{'cpu':>6}"
        f"{'x p50':>7}{'x p99':>7}",
    ]
    for server in SERVERS:
        for size in sizes:
            for flow in FLOWS:
                bots = report.runs("bot", server, size, flow)
                floors = report.runs("floor", server, size, flow)
                ratios = [_p99_ratio(b, f) for b, f in zip(bots, floors, strict=True)]

                line = (
                    f"{server:<8}{size:>4}  {FLOW_TITLES[flow]:<31}"
                    f"{_cells(bots, 8, 6)}{_cells(floors, 11, 5)}"
                    f"{_ratio(_median_p(bots, 0.5), _median_p(floors, 0.5)):>7}"
                    f"{_median(ratios):>6.1f}x"
                )
                if runs > 1:
                    line += " (" + " ".join(f"{r:.1f}" for r in ratios) + ")"
                lines.append(line)
    lines += [
        f"  run {b.run + 1}: {b.target} {b.server} {b.members}: {len(b.latencies)} forms "
        f"opened, so {len(b.latencies)} submits"
        for b in report.bursts
        if len(b.latencies) < b.members
    ]
    bot_ready, floor_ready = report.ready["bot"], report.ready["floor"]
    (bot_hwm, bot_rss), (floor_hwm, floor_rss) = report.memory["bot"], report.memory["floor"]
    lines += [
        "",
        f"start to ready (process start -> gateway READY): bot {bot_ready * 1000:.0f} ms, "
        f"floor {floor_ready * 1000:.0f} ms ({_ratio(bot_ready, floor_ready)})",
        f"memory after the bursts, MB (VmHWM peak / VmRSS now): bot {bot_hwm:.1f} / "
        f"{bot_rss:.1f}, floor {floor_hwm:.1f} / {floor_rss:.1f} "
        f"({_ratio(bot_hwm, floor_hwm)} peak)",
        "memory after each run, MB (VmHWM / VmRSS): "
        + "; ".join(
            f"{name} " + ", ".join(f"{hwm:.1f} / {rss:.1f}" for hwm, rss in runs_)
            for name, runs_ in report.memory_by_run.items()
        ),
        f"stand-ins (this process): {report.standin_cpu_share:.0%} of one core during the "
        f"bursts; {report.validations:,} bodies checked against the OpenAPI spec, "
        f"{report.validation_ms:.2f} ms each",
        f"stand-in violations (late answers included): bot {report.violations['bot']}, "
        f"floor {report.violations['floor']}",
    ]
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stories", type=int, default=1_000_000)
    parser.add_argument("--servers", type=int, default=1_000)
    parser.add_argument(
        "--sizes", default="30,100", help="members at once, comma-separated (default 30,100)"
    )
    parser.add_argument("--dir", type=Path, default=BENCH_DIR, help="where databases are cached")
    parser.add_argument(
        "--runs", type=int, default=1, help="rounds of every burst, medians printed (default 1)"
    )
    args = parser.parse_args(argv)
    sizes = tuple(int(s) for s in args.sizes.split(",") if s.strip())
    if args.stories < 1_000 or args.servers < 2 or not sizes or min(sizes) < 1 or args.runs < 1:
        parser.error("need at least 1,000 stories, 2 servers, a burst of 1 and 1 run")
    # Late answers are the figures, not news: the stand-in counts them (see the table).
    logging.getLogger("standin").setLevel(logging.ERROR)
    options = Options(args.stories, args.servers, sizes, args.dir)
    database = cached_database(options)
    with tempfile.TemporaryDirectory() as folder:
        report = asyncio.run(run_bursts(database, sizes, Path(folder), args.runs))
    print("\n".join(format_report(report, sizes)))


if __name__ == "__main__":
    main()
