"""Starting and stopping the web pages inside the bot process (only when WEB_PORT is set).

The pages read through a database connection of their own: the bot's connection
serialises every statement under one lock, and a burst of page views on a big server
would otherwise make members' interactions queue behind them (measured by
`bench/web_pages.py`: an interaction waited 11.7 s behind pages on the shared
connection). WAL lets this connection read beside the bot's writes; it never writes.

On PostgreSQL the pages share the bot's storage: its reads already run on a pool of
reader connections beside the writer (storage/postgres/database.py), so a second pool
would only hold more server connections.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from bot.clock import Clock, utc_now
from bot.services.period_boards import PeriodBoards
from bot.services.web_pages import CACHE_SECONDS, WebPageService
from bot.web.app import GuildLocale, GuildName, build_app, no_locale
from storage.sqlite import Storage, open_storage

log = logging.getLogger(__name__)


@dataclass
class WebServer:
    runner: web.AppRunner
    storage: Storage
    port: int  # the real one: port 0 asks the OS for a free port (tests, benchmarks)
    owns_storage: bool = True  # False when it shares the bot's (PostgreSQL)

    async def stop(self) -> None:
        await self.runner.cleanup()
        if self.owns_storage:
            await self.storage.close()


async def start_web_server(
    database: Path | Storage,
    guild_name: GuildName,
    host: str,
    port: int,
    *,
    guild_locale: GuildLocale = no_locale,
    clock: Clock = utc_now,
    cache_seconds: float = CACHE_SECONDS,
) -> WebServer:
    """Serve the pages on host:port until `stop()`; runs on the bot's event loop.

    `database` is the SQLite file (the pages open their own connections to it) or a
    storage to share (PostgreSQL), which `stop()` leaves open for its owner.
    """
    owns_storage = isinstance(database, Path)
    storage = await open_storage(database) if isinstance(database, Path) else database
    try:
        service = WebPageService(
            storage, PeriodBoards(storage.leaderboard, clock), clock, cache_seconds=cache_seconds
        )
        runner = web.AppRunner(build_app(service, guild_name, guild_locale), access_log=None)
        await runner.setup()
        await web.TCPSite(runner, host, port).start()
    except BaseException:
        if owns_storage:
            await storage.close()
        raise
    addresses = runner.addresses
    bound = int(addresses[0][1]) if addresses else port
    log.info("Web pages served on %s:%d", host, bound)
    return WebServer(runner, storage, bound, owns_storage)
