"""The web pages at scale: `python -m bench.web_pages`.

Builds the leaderboard benchmark's database (bench/story_database.py: by default
1,000,000 stories across 1,000 servers, the largest with ~100,000 published stories),
turns the largest server's page on, and starts the real bot (`python -m bot`, its own
process, WEB_PORT set) against the Discord stand-in. Then, in one run:

1. page latency: every page of the largest server (each period's overview, past
   digests, its biggest brand's first and a deep page), requested one at a time;
   p50 and p95 per page, and p95 over all of them;
2. interactions with and without web load: `/help` and `/leaderboard` answered to a
   member (in the stand-in's own server: they share the bot's event loop, database
   connection and CPU with the pages), timed from the interaction to the answer, in
   alternating blocks while a second process requests the pages at 50 per second and
   while it does not; the medians, p95s and their ratio.

`--stories/--servers` make a quicker run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import aiohttp

from bench.story_database import BIG_GUILD, Plan, build
from bot.services.web_pages import CACHE_SECONDS
from standin import StandIn
from standin.bot_process import BotProcess
from standin.errors import StandInError

TOKEN = "benchmarkbenchmark0123"  # 22 URL-safe characters, like a real address part
LOAD_RATE = 50.0


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _prepare(path: Path) -> tuple[list[int], int]:
    """Turn the largest server's page on; its 21 biggest brands, and the biggest's pages."""
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO web_pages (guild_id, token, enabled, indexable, updated_at) "
            "VALUES (?, ?, 1, 0, 0)",
            (BIG_GUILD, TOKEN),
        )
        rows = connection.execute(
            "SELECT brand_id, count(*) AS n FROM stories WHERE guild_id = ? "
            "AND status = 'published' GROUP BY brand_id ORDER BY n DESC LIMIT 21",
            (BIG_GUILD,),
        ).fetchall()
    return [int(r[0]) for r in rows], max(1, -(-int(rows[0][1]) // 20))


def _pages(base: str, brand: int, pages: int) -> dict[str, str]:
    root = f"{base}/s/{TOKEN}/"
    return {
        "overview, week": f"{root}?period=week",
        "overview, month": f"{root}?period=month",
        "overview, quarter": f"{root}?period=quarter",
        "overview, all time": f"{root}?period=all",
        "past digests": f"{root}digests/",
        f"brand (biggest), page 1 of {pages}": f"{root}brands/{brand}",
        f"brand (biggest), page {pages // 2}": f"{root}brands/{brand}?page={max(1, pages // 2)}",
    }


def _p95(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


async def _page_latency(pages: dict[str, str], runs: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {name: [] for name in pages}
    async with aiohttp.ClientSession() as session:
        for _ in range(runs):
            for name, url in pages.items():
                began = time.perf_counter()
                async with session.get(url) as response:
                    await response.read()
                    if response.status != 200:
                        raise SystemExit(f"{name}: HTTP {response.status}")
                timings[name].append((time.perf_counter() - began) * 1000)
    return timings


async def _interaction_ms(standin: StandIn, command: str) -> float:
    """Until the member sees the answer; a missed 3 s deadline counts as 4,000 ms."""
    began = time.perf_counter()
    try:
        result = await standin.user("alice").run_command(command)
        await result.wait_for_message()
    except StandInError:
        return 4000.0
    return (time.perf_counter() - began) * 1000


async def _interactions(
    standin: StandIn, pages: dict[str, str], rounds: int, per_block: int
) -> tuple[list[float], list[float], dict[str, float]]:
    quiet: list[float] = []
    loaded: list[float] = []
    served: dict[str, float] = {"requests": 0.0, "errors": 0.0, "seconds": 0.0}
    for _ in range(rounds):
        for block in ("quiet", "loaded"):
            load = None
            if block == "loaded":
                load = subprocess.Popen(  # noqa: ASYNC220 (started once per block, not awaited)
                    [sys.executable, "-m", "bench.web_pages", "--load", *pages.values()],
                    stdout=subprocess.PIPE,
                )
                await asyncio.sleep(1.0)  # let the load reach its pace
            for index in range(per_block):
                if index % 2:
                    ms = await _interaction_ms(standin, "leaderboard")
                else:
                    ms = await _interaction_ms(standin, "help")
                (loaded if load else quiet).append(ms)
                await asyncio.sleep(0.05)
            if load is not None:
                load.terminate()
                out, _ = load.communicate(timeout=30)
                figures = json.loads(out.decode().strip().splitlines()[-1])
                for key in served:
                    served[key] += figures[key]
    return quiet, loaded, served


def _run_load(urls: list[str]) -> None:
    """Request `urls` in turn at LOAD_RATE per second until terminated; print the tally."""
    import signal

    tally: dict[str, float] = {"requests": 0.0, "errors": 0.0, "seconds": 0.0}
    began = time.perf_counter()

    async def one(session: aiohttp.ClientSession, url: str) -> None:
        try:
            async with session.get(url) as response:
                await response.read()
                tally["requests"] += 1
                tally["errors"] += response.status != 200
        except aiohttp.ClientError:
            tally["errors"] += 1

    async def pace() -> None:
        stop = asyncio.Event()
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
        tasks: set[asyncio.Task[None]] = set()
        async with aiohttp.ClientSession() as session:
            index = 0
            while not stop.is_set():
                task = asyncio.create_task(one(session, urls[index % len(urls)]))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
                index += 1
                next_at = began + index / LOAD_RATE
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), max(0.0, next_at - time.perf_counter()))
            if tasks:
                await asyncio.wait(tasks, timeout=5)
        tally["seconds"] = time.perf_counter() - began

    asyncio.run(pace())
    print(json.dumps(tally))


def _print_pages(first: dict[str, list[float]], timings: dict[str, list[float]], runs: int) -> None:
    print(
        f"pages of the largest server, one request at a time (ms): the first request "
        f"computes the figures (cached {CACHE_SECONDS:g} s), then {runs} requests each:"
    )
    print(f"  {'page':<36}{'first':>8}{'p50':>8}{'p95':>8}")
    everything: list[float] = []
    for name, values in timings.items():
        everything += values
        print(
            f"  {name:<36}{first[name][0]:>8.1f}"
            f"{statistics.median(values):>8.1f}{_p95(values):>8.1f}"
        )
    cold = [v[0] for v in first.values()]
    print(
        f"  {'all pages':<36}{max(cold):>8.1f}"
        f"{statistics.median(everything):>8.1f}{_p95(everything):>8.1f}"
    )


async def _bench(path: Path, runs: int, rounds: int, per_block: int) -> None:
    brands, brand_pages = _prepare(path)
    brand = brands[0]
    port = _free_port()
    standin = StandIn()
    await standin.start()
    try:
        env = {"WEB_PORT": str(port), "LOG_LEVEL": "WARNING"}
        async with BotProcess(standin, path, env=env):
            await standin.wait_for_commands()
            pages = _pages(f"http://127.0.0.1:{port}", brand, brand_pages)
            first = await _page_latency(pages, 1)  # computes what the pages cache
            timings = await _page_latency(pages, runs)
            _print_pages(first, timings, runs)
            others = {
                str(other): f"http://127.0.0.1:{port}/s/{TOKEN}/brands/{other}"
                for other in brands[1:]
            }
            cold = [v[0] for v in (await _page_latency(others, 1)).values()]
            print(
                f"  {'brand pages, first request, ' + str(len(cold)) + ' next brands':<44}"
                f"{statistics.median(cold):>8.1f}{_p95(cold):>8.1f}  (p50, p95)"
            )
            print(flush=True)
            quiet, loaded, served = await _interactions(standin, pages, rounds, per_block)
    finally:
        await standin.stop()
    rate = served["requests"] / served["seconds"] if served["seconds"] else 0.0
    print()
    print(
        f"interactions (/help and /leaderboard, {len(quiet)} + {len(loaded)}, alternating "
        f"blocks of {per_block}); the load served {rate:.1f} pages/s, "
        f"{served['errors']:.0f} errors:"
    )
    print(f"  {'':<36}{'median':>8}{'p95':>8}")
    print(f"  {'without web load':<36}{statistics.median(quiet):>8.1f}{_p95(quiet):>8.1f}")
    print(f"  {'with 50 pages/s':<36}{statistics.median(loaded):>8.1f}{_p95(loaded):>8.1f}")
    print(
        f"  {'ratio (with / without)':<36}"
        f"{statistics.median(loaded) / statistics.median(quiet):>8.2f}"
        f"{_p95(loaded) / _p95(quiet):>8.2f}"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stories", type=int, default=1_000_000)
    parser.add_argument("--servers", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=40, help="requests per page")
    parser.add_argument("--rounds", type=int, default=3, help="quiet/loaded block pairs")
    parser.add_argument("--per-block", type=int, default=20, help="interactions per block")
    parser.add_argument("--dir", type=Path, help="build here instead of a temporary folder")
    parser.add_argument("--load", nargs="+", help=argparse.SUPPRESS)  # the load process
    args = parser.parse_args(argv)
    if args.load:
        _run_load(args.load)
        return
    plan = Plan(stories=args.stories, servers=args.servers)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        built = build(Path(folder), plan)
        print(
            f"database: {plan.stories:,} stories, {plan.servers:,} servers, built in "
            f"{built.seconds:.1f} s; the largest server has {built.big_brands} brands"
        )
        asyncio.run(_bench(built.path, args.runs, args.rounds, args.per_block))


if __name__ == "__main__":
    main()
