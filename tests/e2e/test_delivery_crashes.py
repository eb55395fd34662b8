"""SIGKILL while 40 members publish at once, then a restart: every post exactly once.

The bot runs as its own process (`standin.bot_process.BotProcess`) and is killed at a
random moment of a burst. Discord's nonce de-duplication is switched off in the stand-in
here, as it is in effect after a few minutes of downtime: only the outbox and its
history search keep a post from going missing or arriving twice.

`TRIALS` runs in CI; set `DELIVERY_CRASH_TRIALS` for more by hand.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from standin import StandIn
from standin.bot_process import BotProcess
from standin.interactions import wait_until
from storage.sqlite import open_storage
from tests.e2e.story_helpers import tell_quickly

TRIALS = int(os.environ.get("DELIVERY_CRASH_TRIALS", "20"))
MEMBERS = 40
FOOTER = re.compile(r"Story #(\d+)")


def published(db: Path) -> dict[int, int | None]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT id, message_id FROM stories WHERE status = 'published'"
        ).fetchall()
    return {int(story): message for story, message in rows}


def posts_by_story(standin: StandIn) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for message in standin.messages("stories"):
        match = FOOTER.search(message.embed_text())
        if match is not None:
            found.setdefault(int(match.group(1)), []).append(message.id)
    return found


def forget_restarts(db: Path) -> None:
    """Twenty restarts in a minute would (rightly) trip the crash-loop back-off."""
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM meta WHERE key = 'recent_starts'")


def unposted(db: Path) -> list[int]:
    return sorted(s for s, m in published(db).items() if m is None)


async def configure(standin: StandIn, db: Path) -> None:
    storage = await open_storage(db)
    try:
        settings = await storage.guild_settings.get(standin.guild.id)
        changes = {
            "stories_channel_id": standin.channels["stories"].id,
            "cooldown_seconds": 0,
            "daily_cap": 50,
        }
        updated = settings.model_validate({**settings.model_dump(), **changes})
        await storage.guild_settings.save(updated, datetime.now(UTC))
    finally:
        await storage.close()


async def burst(standin: StandIn, trial: int) -> None:
    members = [standin.add_user(f"t{trial}m{i}") for i in range(MEMBERS)]
    await asyncio.gather(
        *(
            tell_quickly(standin.user(m.username), brand=f"Brand {i % 7}")
            for i, m in enumerate(members)
        ),
        return_exceptions=True,
    )


async def test_sigkill_during_a_burst_of_publishing_loses_and_doubles_no_post(
    standin: StandIn, tmp_path: Path
) -> None:
    standin.nonce_window = 0.0
    db = tmp_path / "bot.db"
    await configure(standin, db)
    bot = BotProcess(standin, db, env={"LOG_LEVEL": os.environ.get("CRASH_LOG_LEVEL", "INFO")})
    rng = random.Random(8)
    await bot.start()
    try:
        for trial in range(TRIALS):
            members = asyncio.create_task(burst(standin, trial))
            await asyncio.sleep(rng.uniform(0.05, 1.5))
            await bot.kill()
            members.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await members
            forget_restarts(db)
            await bot.start()
            await wait_until(
                lambda: not unposted(db),
                20.0,
                lambda: f"published stories without a post: {unposted(db)}",
            )
            stored = published(db)
            posts = posts_by_story(standin)
            doubled = {s: ids for s, ids in posts.items() if len(ids) > 1}
            assert doubled == {}, f"trial {trial}: posted more than once: {doubled}"
            assert {s: ids[0] for s, ids in posts.items()} == stored, f"trial {trial}"
    finally:
        await bot.stop()
    assert sum(1 for _ in published(db)) > 0
