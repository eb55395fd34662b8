"""Starting and stopping the web pages inside the bot process (only when WEB_PORT is set)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiohttp import web

from bot.services.web_pages import WebPageService
from bot.web.app import GuildName, build_app

log = logging.getLogger(__name__)


@dataclass
class WebServer:
    runner: web.AppRunner
    port: int  # the real one: port 0 asks the OS for a free port (tests, benchmarks)

    async def stop(self) -> None:
        await self.runner.cleanup()


async def start_web_server(
    service: WebPageService, guild_name: GuildName, host: str, port: int
) -> WebServer:
    """Serve the pages on host:port until `stop()`; runs on the bot's event loop."""
    runner = web.AppRunner(build_app(service, guild_name), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    sockets = getattr(site._server, "sockets", None) or []
    bound = int(sockets[0].getsockname()[1]) if sockets else port
    log.info("Web pages served on %s:%d", host, bound)
    return WebServer(runner, bound)
