"""Running the bot for real: settings in, an exit code out.

Exit codes are a contract with supervisors (systemd's `RestartPreventExitStatus=`):
a code that a restart cannot fix must not be restarted forever.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from enum import IntEnum

import aiohttp
import discord

from bot.clock import Clock, FileClock, utc_now
from bot.discord_endpoint import use_discord_at
from bot.gc_tuning import freeze_when_ready
from bot.logging_setup import setup_logging
from bot.services.restarts import starts_key, throttle_restarts
from bot.settings import Settings
from bot.sharding import create_bot
from storage.errors import StorageError
from storage.postgres import dsn_password, place_of
from storage.process_lock import DatabaseInUse, only_process
from storage.sqlite import Storage, open_storage

log = logging.getLogger("bot")

# With a test clock, time jumps by days between checks: the rounds look every 0.2 s.
TEST_ROUND_SECONDS = 0.2


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
    # PostgreSQL is shared by design (leases keep the work single); the SQLite file is
    # this process's alone.
    lock = (
        contextlib.nullcontext() if settings.database_url else only_process(settings.database_path)
    )
    with lock:
        await _run_on(settings)


async def open_configured_storage(settings: Settings) -> Storage:
    """PostgreSQL at DATABASE_URL when it is set, else the SQLite file at DATABASE_PATH."""
    if settings.database_url is None:
        return await open_storage(settings.database_path)
    from storage.postgres.assemble import open_postgres_storage  # asyncpg only when used

    dsn = settings.database_url.get_secret_value()
    log.info("Using PostgreSQL (%s)", place_of(dsn))
    return await open_postgres_storage(dsn)


async def _run_on(settings: Settings) -> None:
    storage = await open_configured_storage(settings)
    clock: Clock = utc_now
    if settings.test_clock_file is not None:
        clock = FileClock(settings.test_clock_file)
        log.warning("Test clock from %s: not for production", settings.test_clock_file)
    try:
        await throttle_restarts(storage.meta, clock, key=starts_key(settings.shard_ids))
        bot = create_bot(
            storage=storage,
            dev_guild_id=settings.dev_guild_id,
            public_url=settings.web_address,
            shard_count=settings.shard_count,
            shard_ids=settings.shard_ids,
            clock=clock,
        )
        if settings.test_clock_file is not None:
            bot.digest_round_seconds = TEST_ROUND_SECONDS
        async with bot:
            web = None
            if settings.web_port is not None:
                # Imported only when asked for: its web framework and templates cost
                # ~5 MB of memory that a bot without web pages does not need.
                from bot.web.server import start_web_server

                web = await start_web_server(
                    storage if settings.database_url else settings.database_path,
                    bot.guild_name,
                    settings.web_host,
                    settings.web_port,
                    guild_locale=bot.guild_locale,
                    clock=clock,
                )
            freezing = asyncio.create_task(freeze_when_ready(bot))
            try:
                await bot.start(settings.discord_token.get_secret_value())
            finally:
                freezing.cancel()
                if web is not None:
                    await web.stop()
    finally:
        await storage.close()


def run_until_stopped(settings: Settings) -> ExitCode:
    """Log in and serve until stopped; every ending is one log line and an exit code."""
    token = settings.discord_token.get_secret_value()
    secrets = [token]
    if settings.database_url is not None:
        password = dsn_password(settings.database_url.get_secret_value())
        secrets += [settings.database_url.get_secret_value()] + ([password] if password else [])
    setup_logging(settings.log_level_number, secrets=tuple(secrets))
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
