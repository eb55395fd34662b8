"""The PostgreSQL server goes away under a running bot process, then comes back.

What members see meanwhile: a private "I'm very busy" within Discord's 3 seconds, never
"The application did not respond", and nothing is half-saved. When the server is back the
same process answers again by itself: no restart (storage/postgres/database.py replaces
dropped connections). The outage lasts `OUTAGE_S` seconds in CI;
`PG_OUTAGE_SECONDS=60` measures the README's minute by hand.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.i18n import tr
from bot.interaction_errors import BUSY
from standin import StandIn
from standin.bot_process import BotProcess
from standin.interactions import wait_until
from storage.postgres.assemble import open_postgres_storage
from tests.e2e.story_helpers import tell_quickly
from tests.postgres_server import PostgresCluster, require_postgres_bin_dir

OUTAGE_S = float(os.environ.get("PG_OUTAGE_SECONDS", "4"))
log = logging.getLogger(__name__)


@pytest.fixture
def cluster() -> Iterator[PostgresCluster]:
    """A server of its own: stopping it must not touch the session's."""
    with PostgresCluster(require_postgres_bin_dir()) as server:
        yield server


async def reply(standin: StandIn, command: str, **options: Any) -> tuple[str, float]:
    """What a member sees after a command, and how long it took."""
    began = time.monotonic()
    result = await standin.user("alice").run_command(command, **options)
    message = await result.wait_for_message(within=3.0)
    return f"{message.content or ''}{message.embed_text()}", time.monotonic() - began


async def brand_reply(standin: StandIn) -> tuple[str, float]:
    """/brand reads the database every time (a /leaderboard shown recently is kept)."""
    return await reply(standin, "brand", name="Air Canada")


async def test_a_lost_database_answers_busy_and_recovers_without_a_restart(
    standin: StandIn, cluster: PostgresCluster, tmp_path: Path
) -> None:
    storage = await open_postgres_storage(cluster.dsn)
    try:
        settings = await storage.guild_settings.get(standin.guild.id)
        changes = {"stories_channel_id": standin.channels["stories"].id, "cooldown_seconds": 0}
        updated = settings.model_validate({**settings.model_dump(), **changes})
        await storage.guild_settings.save(updated, datetime.now(UTC))
    finally:
        await storage.close()
    bot = BotProcess(standin, tmp_path / "bot.db", env={"DATABASE_URL": cluster.dsn})
    async with bot:
        await tell_quickly(standin.user("alice"))
        await wait_until(lambda: len(standin.messages("stories")) == 1, 10.0, lambda: "first post")
        healthy, _ = await reply(standin, "leaderboard")
        assert "Air Canada" in healthy
        healthy, _ = await brand_reply(standin)
        assert "Air Canada" in healthy

        cluster.pause()
        began = time.monotonic()
        answers: list[float] = []
        while time.monotonic() - began < OUTAGE_S:
            seen, took = await brand_reply(standin)
            assert seen == tr("en", BUSY), seen
            answers.append(took)
            await asyncio.sleep(0.5)
        cluster.resume()
        back = time.monotonic()
        await wait_until(
            lambda: bot.process is not None and bot.process.returncode is None, 1.0, lambda: "alive"
        )
        recovered = None
        while recovered is None and time.monotonic() - back < 15:
            seen, _ = await brand_reply(standin)
            if "Air Canada" in seen:
                recovered = time.monotonic() - back
        assert recovered is not None, "the bot did not answer again within 15 s"
        await tell_quickly(standin.user("alice"), brand="Via Rail")
        await wait_until(lambda: len(standin.messages("stories")) == 2, 10.0, lambda: "second post")
        assert bot.starts == 1
        assert bot.process is not None
        assert bot.process.returncode is None
    log.info(
        "PostgreSQL down %.0f s: %d /brand answered busy, slowest in %.2f s; "
        "answering again %.2f s after the server was back, same process",
        OUTAGE_S,
        len(answers),
        max(answers),
        recovered,
    )
    assert max(answers) < 3.0
