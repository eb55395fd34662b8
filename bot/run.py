"""Running the bot for real: settings in, an exit code out.

Exit codes are a contract with supervisors (systemd's `RestartPreventExitStatus=`):
a code that a restart cannot fix must not be restarted forever.
"""

from __future__ import annotations

import asyncio
import logging
from enum import IntEnum

import aiohttp
import discord

from bot.clock import utc_now
from bot.discord_endpoint import use_discord_at
from bot.logging_setup import setup_logging
from bot.services.restarts import throttle_restarts
from bot.settings import Settings
from bot.sharding import create_bot
from storage.errors import StorageError
from storage.process_lock import DatabaseInUse, only_process
from storage.sqlite import open_storage

log = logging.getLogger("bot")


class ExitCode(IntEnum):
    """What `python -m bot` returns; documented in the README and the systemd unit."""

    OK = 0
    FAILED = 1  # the network, the database or a bug: a restart may help
    # A setting is missing or malformed, or another bot process has the SQLite file:
    # a person must act, a restart cannot help.
    SETTINGS = 2
    TOKEN_REJECTED = 3  # Discord refused the token: reset it in the portal, do not restart


async def run(settings: Settings) -> None:
    if settings.discord_api_base and settings.discord_gateway_url:
        use_discord_at(settings.discord_api_base, settings.discord_gateway_url)
        log.info("Using the Discord at %s", settings.discord_api_base)
    with only_process(settings.database_path):
        await _run_on(settings)


async def _run_on(settings: Settings) -> None:
    storage = await open_storage(settings.database_path)
    try:
        await throttle_restarts(storage.meta, utc_now)
        bot = create_bot(
            storage=storage,
            dev_guild_id=settings.dev_guild_id,
            public_url=settings.web_address,
            shard_count=settings.shard_count,
            shard_ids=settings.shard_ids,
        )
        async with bot:
            web = None
            if settings.web_port is not None:
                # Imported only when asked for: its web framework and templates cost
                # ~5 MB of memory that a bot without web pages does not need.
                from bot.web.server import start_web_server

                web = await start_web_server(
                    settings.database_path, bot.guild_name, settings.web_host, settings.web_port
                )
            try:
                await bot.start(settings.discord_token.get_secret_value())
            finally:
                if web is not None:
                    await web.stop()
    finally:
        await storage.close()


def run_until_stopped(settings: Settings) -> ExitCode:
    """Log in and serve until stopped; every ending is one log line and an exit code."""
    token = settings.discord_token.get_secret_value()
    setup_logging(settings.log_level_number, secrets=(token,))
    try:
        asyncio.run(run(settings))
    except DatabaseInUse as exc:
        log.critical("%s (exit code %d: not restarting)", exc, ExitCode.SETTINGS)
        return ExitCode.SETTINGS
    except StorageError as exc:
        log.critical("%s", exc)
        return ExitCode.FAILED
    except discord.LoginFailure:
        log.critical(
            "Discord rejected DISCORD_TOKEN: reset the token on the Bot page of the developer "
            "portal and copy it into .env (exit code %d: not restarting)",
            ExitCode.TOKEN_REJECTED,
        )
        return ExitCode.TOKEN_REJECTED
    except (aiohttp.ClientConnectionError, OSError) as exc:
        log.critical("Cannot reach Discord (%s); check the network and try again", exc)
        return ExitCode.FAILED
    except KeyboardInterrupt:
        log.info("Stopped")
    return ExitCode.OK
