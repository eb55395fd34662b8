"""Moving the benchmark's SQLite database to PostgreSQL: time, counts, every leaderboard.

Builds the benchmark database (1,000,000 stories, 1,000 servers by default), copies it
with `python -m bot copy-to-postgres`'s own function into an empty database on a
throwaway PostgreSQL server (Debian's binaries, as the tests start it; `--dsn` uses a
server you already run), then reads every server's leaderboard rows for the last full
week and the week so far through the bot's storage on each engine and compares them
(`bench/postgres_target.py`; `bench/leaderboard.py` does the same before timing).

    python -m bench.copy_to_postgres                 # about a few minutes
    python -m bench.copy_to_postgres --stories 20000 --servers 20
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.postgres_target import copy_and_compare, copy_lines, server
from bench.story_database import Plan, build

TARGET = "copy_bench"


async def _run(path: Path, server_dsn: str) -> None:
    check = await copy_and_compare(path, server_dsn, TARGET)
    for line in copy_lines(check, per_table=True):
        print(line)
    if check.different:
        raise SystemExit(f"leaderboards differ for servers {check.different[:10]}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stories", type=int, default=1_000_000)
    parser.add_argument("--servers", type=int, default=1_000)
    parser.add_argument("--dir", type=Path, help="build here instead of a temporary folder")
    parser.add_argument("--dsn", help="a PostgreSQL server to use (default: a throwaway one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        built = build(Path(folder), Plan(stories=args.stories, servers=args.servers))
        size_mb = built.path.stat().st_size / 1e6
        print(
            f"database: {args.stories:,} stories, {args.servers:,} servers, {size_mb:,.0f} MB, "
            f"built in {built.seconds:.1f} s"
        )
        with server(args.dsn) as dsn:
            asyncio.run(_run(built.path, dsn))


if __name__ == "__main__":
    main()
