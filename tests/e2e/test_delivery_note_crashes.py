"""SIGKILL while the bot sends moderators' notes and members' DMs, then a restart.

Like tests/e2e/test_delivery_crashes.py (the bot as its own process, Discord's nonce
window switched off): each trial, members submit stories in review mode (a note to the
moderators each), the bot is killed at a random moment; then the stories are approved
(each approval promises a post and a DM to its author, in its transaction), the bot is
started, killed again at a random moment, and started once more. Afterwards the outbox
is empty and nothing arrived twice: at most one note per story (a note about a story
approved before it went out is rightly never sent), exactly one DM per approval, exactly
one post per published story with its id stored.

`NOTE_CRASH_TRIALS` (default 3 in CI) sets the number of trials.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import re
import sqlite3
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from bot.domain.curation import ModAction
from standin import StandIn
from standin.bot_process import BotProcess
from standin.interactions import wait_until
from storage.sqlite import open_storage
from tests.e2e.story_helpers import tell_quickly
from tests.e2e.test_delivery_crashes import forget_restarts, posts_by_story, published

TRIALS = int(os.environ.get("NOTE_CRASH_TRIALS", "3"))
MEMBERS = 12
NOTE = re.compile(r"Story #(\d+) is waiting for review")
DM = re.compile(r"approved your story #(\d+)")


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def counted(pattern: re.Pattern[str], texts: list[str]) -> Counter[int]:
    return Counter(int(m.group(1)) for t in texts if (m := pattern.search(t)))


async def configure(standin: StandIn, db: Path) -> None:
    storage = await open_storage(db)
    try:
        settings = await storage.guild_settings.get(standin.guild.id)
        changes = {
            "stories_channel_id": standin.channels["stories"].id,
            "mod_channel_id": standin.channels["mods"].id,
            "review_mode": "review",
            "cooldown_seconds": 0,
            "daily_cap": 50,
        }
        updated = settings.model_validate({**settings.model_dump(), **changes})
        await storage.guild_settings.save(updated, datetime.now(UTC))
    finally:
        await storage.close()


async def approve_all(standin: StandIn, db: Path) -> int:
    """A moderator approves every pending story (while the bot is down)."""
    storage = await open_storage(db)
    try:
        found = rows(db, "SELECT id FROM stories WHERE status = 'pending'")
        pending = [int(str(r[0])) for r in found]
        for story_id in pending:
            await storage.moderation.act(
                guild_id=standin.guild.id,
                story_id=story_id,
                created_at=None,
                action=ModAction.APPROVE,
                moderator_id=standin.users["moderator"].id,
                reason=None,
                server_name=standin.guild.name,
                now=datetime.now(UTC),
            )
        return len(pending)
    finally:
        await storage.close()


async def burst(standin: StandIn, trial: int) -> None:
    members = [standin.add_user(f"n{trial}m{i}") for i in range(MEMBERS)]
    await asyncio.gather(
        *(
            tell_quickly(standin.user(m.username), brand=f"Brand {i % 5}")
            for i, m in enumerate(members)
        ),
        return_exceptions=True,
    )


async def kill_at_random(
    bot: BotProcess, rng: random.Random, work: asyncio.Task[None] | None
) -> None:
    await asyncio.sleep(rng.uniform(0.05, 1.2))
    await bot.kill()
    if work is not None:
        work.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await work


async def test_sigkill_while_notes_and_dms_go_out_repeats_and_loses_none(
    standin: StandIn, tmp_path: Path
) -> None:
    standin.nonce_window = 0.0
    db = tmp_path / "bot.db"
    await configure(standin, db)
    bot = BotProcess(standin, db, env={"LOG_LEVEL": os.environ.get("CRASH_LOG_LEVEL", "INFO")})
    rng = random.Random(11)
    approved = 0
    await bot.start()
    try:
        for trial in range(TRIALS):
            await kill_at_random(bot, rng, asyncio.create_task(burst(standin, trial)))
            approved += await approve_all(standin, db)
            forget_restarts(db)
            await bot.start()
            await kill_at_random(bot, rng, None)
            forget_restarts(db)
            await bot.start()
            await wait_until(
                lambda: rows(db, "SELECT count(*) FROM deliveries") == [(0,)],
                30.0,
                lambda: f"still waiting: {rows(db, 'SELECT kind, attempts FROM deliveries')}",
            )
            notes = counted(NOTE, [m.content for m in standin.messages("mods")])
            assert [s for s, n in notes.items() if n > 1] == [], f"trial {trial}: notes twice"
            dms = Counter[int]()
            for user in standin.users.values():
                dms.update(counted(DM, [m.content for m in standin.dms(user)]))
            assert [s for s, n in dms.items() if n > 1] == [], f"trial {trial}: DMs twice"
            assert sum(dms.values()) == approved, f"trial {trial}: a DM is missing"
            assert rows(db, "SELECT count(*) FROM member_notices") == [(0,)]
            posts = posts_by_story(standin)
            assert {s: len(ids) for s, ids in posts.items() if len(ids) > 1} == {}
            assert {s: ids[0] for s, ids in posts.items()} == published(db), f"trial {trial}"
    finally:
        await bot.stop()
    assert approved > 0
