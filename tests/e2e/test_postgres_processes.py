"""Two real bot processes, one shard each, on one PostgreSQL database, killed at random.

`SHARD_COUNT=2`, `SHARD_IDS=0` and `SHARD_IDS=1`: each `python -m bot` serves the servers
of its shard (the stand-in routes them) and posts only their digests. Every process reads
"now" from one clock file (the test-only TEST_CLOCK_FILE setting), so weeks pass in
fractions of a second for all of them at once, and a restarted process reads the same
time. Discord's nonce de-duplication is off in the stand-in: only the database's leases
and fencing tokens keep each digest single.

CI runs `WEEKS` weeks; `PG_PROCESS_WEEKS=50` runs the issue's fifty by hand.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import pytest_asyncio

from standin import Guild, StandIn
from standin.bot_process import BotProcess
from standin.gateway import shard_of
from standin.interactions import wait_until
from storage.postgres.assemble import open_postgres_storage
from tests.e2e.story_helpers import tell_quickly

WEEKS = int(os.environ.get("PG_PROCESS_WEEKS", "4"))
KILL_CHANCE = 0.5  # per week: one of the two processes is SIGKILLed at a random moment
FIRST_MONDAY = datetime(2027, 1, 4, tzinfo=UTC)
STEP = timedelta(minutes=2)  # simulated time per tick while a week's digests are due
TICK_S = 0.05
FOOTER = re.compile(r"Story #(\d+)")
log = logging.getLogger(__name__)


class SharedClock:
    """The file every bot process reads "now" from; replaced whole, never half-written."""

    def __init__(self, path: Path, start: datetime) -> None:
        self.path = path
        self.now = start
        self.set(start)

    def set(self, now: datetime) -> None:
        self.now = now
        scratch = self.path.with_suffix(".new")
        scratch.write_text(now.isoformat())
        os.replace(scratch, self.path)

    def advance(self, delta: timedelta) -> None:
        self.set(self.now + delta)


@dataclass
class Fleet:
    standin: StandIn
    dsn: str
    clock: SharedClock
    folder: Path
    guilds: dict[int, Guild]  # shard -> its server
    processes: dict[int, BotProcess] = field(default_factory=dict)
    started: int = 0

    def process(self, shard: int) -> BotProcess:
        self.started += 1
        return BotProcess(
            self.standin,
            self.folder / "bot.db",  # unused on PostgreSQL: only the working folder
            log_path=self.folder / f"shard{shard}-{self.started}.log",
            env={
                "DATABASE_URL": self.dsn,
                "SHARD_COUNT": "2",
                "SHARD_IDS": str(shard),
                "TEST_CLOCK_FILE": str(self.clock.path),
            },
        )

    def digests(self, shard: int) -> list[int]:
        return [m.id for m in self.standin.messages(self.guilds[shard].channels["digest"])]

    def logs(self) -> str:
        return "".join(p.read_text(errors="replace") for p in self.folder.glob("shard*.log"))


async def configure(dsn: str, guilds: list[Guild]) -> None:
    """Both servers: a stories and a digest channel, no cooldown (set once, up front)."""
    storage = await open_postgres_storage(dsn)
    try:
        for guild in guilds:
            settings = await storage.guild_settings.get(guild.id)
            changes = {
                "stories_channel_id": guild.channels["stories"].id,
                "digest_channel_id": guild.channels["digest"].id,
                "cooldown_seconds": 0,
                "daily_cap": 50,
            }
            updated = settings.model_validate({**settings.model_dump(), **changes})
            await storage.guild_settings.save(updated, datetime.now(UTC))
    finally:
        await storage.close()


@pytest_asyncio.fixture
async def fleet(standin: StandIn, empty_pg_database: str, tmp_path: Path) -> AsyncIterator[Fleet]:
    standin.nonce_window = 0.0  # Discord's de-duplication must not be what saves us
    first = shard_of(standin.guild.id, 2)
    other = await standin.add_guild("Second", guild_id=standin.ids.next_on_shard(1 - first, 2))
    guilds = {first: standin.guild, 1 - first: other}
    await configure(empty_pg_database, list(guilds.values()))
    clock = SharedClock(tmp_path / "clock.txt", FIRST_MONDAY + timedelta(hours=9))
    crew = Fleet(standin, empty_pg_database, clock, tmp_path, guilds)
    try:
        yield crew
    finally:
        for process in crew.processes.values():
            await process.stop()


def story_posts(fleet: Fleet, shard: int) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for message in fleet.standin.messages(fleet.guilds[shard].channels["stories"]):
        match = FOOTER.search(message.embed_text())
        if match is not None:
            found.setdefault(int(match.group(1)), []).append(message.id)
    return found


async def stored_digests(dsn: str) -> list[tuple[int, str, str, int | None]]:
    connection = await asyncpg.connect(dsn)
    try:
        rows = await connection.fetch(
            "SELECT guild_id, week_start, status, message_id FROM digest_posts "
            "ORDER BY guild_id, week_start"
        )
    finally:
        await connection.close()
    return [(r["guild_id"], r["week_start"], r["status"], r["message_id"]) for r in rows]


async def forget_restarts(dsn: str) -> None:
    """Kills every week would (rightly) trip the crash-loop back-off."""
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute("DELETE FROM meta WHERE key LIKE 'recent_starts%'")
    finally:
        await connection.close()


async def mid_post(fleet: Fleet, shard: int, week: int, moment: str) -> None:
    """Return the moment the shard's digest of `week` is claimed (or sent), not yet done."""
    guild_id = fleet.guilds[shard].id
    connection = await asyncpg.connect(fleet.dsn)
    try:
        for _ in range(400):
            if moment == "once sent" and len(fleet.digests(shard)) >= week:
                return
            status = await connection.fetchval(
                "SELECT status FROM digest_posts WHERE guild_id = $1 "
                "ORDER BY week_start DESC LIMIT 1",
                guild_id,
            )
            if moment == "once claimed" and status == "claimed":
                return
            await asyncio.sleep(0.005)
    finally:
        await connection.close()


async def run_week(fleet: Fleet, week: int, rng: random.Random) -> str:
    """Move to the week's Monday and on, killing or rolling a process mid-post."""
    fleet.clock.set(FIRST_MONDAY + timedelta(weeks=week, minutes=1))
    event = "calm"
    victim = rng.choice((0, 1))
    if week % 5 == 2:  # a rolling restart: the new process joins before the old one leaves
        event = f"rolling restart of shard {victim}"
        newcomer = fleet.process(victim)
        await asyncio.sleep(rng.uniform(0.0, 0.3))
        await newcomer.start()
        await asyncio.sleep(rng.uniform(0.0, 0.3))
        await fleet.processes[victim].stop()
        fleet.processes[victim] = newcomer
    elif rng.random() < KILL_CHANCE:
        moment = rng.choice(("at random", "once claimed", "once sent"))
        event = f"SIGKILL of shard {victim} {moment}"
        if moment == "at random":
            await asyncio.sleep(rng.uniform(0.0, 0.6))
        else:
            await mid_post(fleet, victim, week, moment)
        await fleet.processes[victim].kill()
        await forget_restarts(fleet.dsn)
        fleet.processes[victim] = fleet.process(victim)
        await fleet.processes[victim].start()

    async def ticking() -> None:
        while True:
            await asyncio.sleep(TICK_S)
            fleet.clock.advance(STEP)

    ticker = asyncio.create_task(ticking())
    try:
        await wait_until(
            lambda: all(len(fleet.digests(s)) >= week for s in (0, 1)),
            60.0,
            lambda: f"week {week} ({event}): digests {[fleet.digests(s) for s in (0, 1)]}",
        )
        # A poster killed between its send and its record: its restart (or the other
        # lease's expiry) finds the message and records it, with time moving on.
        for _ in range(600):
            if await posted_count(fleet.dsn) == 2 * week:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)  # a double would arrive now
    finally:
        ticker.cancel()
    return event


async def posted_count(dsn: str) -> int:
    connection = await asyncpg.connect(dsn)
    try:
        return int(
            await connection.fetchval("SELECT count(*) FROM digest_posts WHERE status = 'posted'")
        )
    finally:
        await connection.close()


async def test_two_processes_on_one_postgres_post_each_digest_once_through_kills(
    fleet: Fleet,
) -> None:
    for shard in (0, 1):
        fleet.processes[shard] = fleet.process(shard)
        await fleet.processes[shard].start()
    # Stories told on both servers, each answered and posted by its own shard's process.
    for shard in (0, 1):
        for i in range(3):
            member = fleet.standin.add_user(f"s{shard}m{i}", guild=fleet.guilds[shard])
            await tell_quickly(
                fleet.standin.user(member.username, fleet.guilds[shard]), brand=f"Brand {i}"
            )
    await wait_until(
        lambda: all(len(story_posts(fleet, s)) == 3 for s in (0, 1)), 20.0, lambda: "stories posted"
    )
    rng = random.Random(10)
    events = [await run_week(fleet, week, rng) for week in range(1, WEEKS + 1)]

    for shard in (0, 1):
        assert len(fleet.digests(shard)) == WEEKS, f"shard {shard}: {events}"
        assert all(len(ids) == 1 for ids in story_posts(fleet, shard).values())
    stored = await stored_digests(fleet.dsn)
    assert len(stored) == 2 * WEEKS
    assert {status for _, _, status, _ in stored} == {"posted"}
    posted = {message for _, _, _, message in stored}
    assert posted == {m for s in (0, 1) for m in fleet.digests(s)}
    assert fleet.standin.deduplicated == 0
    logs = fleet.logs()
    log.info(
        "%d weeks, 2 servers: %d digests, %d kills (%d of them mid-post), "
        "%d rolling restarts, %d process starts; posters that lost their lease: %d, "
        "digests recovered from history: %d",
        WEEKS,
        len(stored),
        sum("SIGKILL" in e for e in events),
        sum("once" in e for e in events),
        sum("rolling" in e for e in events),
        fleet.started,
        logs.count("was taken over by another poster"),
        logs.count("was already posted"),
    )
