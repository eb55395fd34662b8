"""`python -m bot`: read settings, open the database, run until stopped."""

from __future__ import annotations

import asyncio
import logging
import sys

import aiohttp
import discord

from bot.client import ExperienceBot
from bot.clock import utc_now
from bot.discord_endpoint import use_discord_at
from bot.logging_setup import setup_logging
from bot.services.restarts import throttle_restarts
from bot.settings import Settings, SettingsError, load_settings
from bot.web.server import start_web_server
from storage.errors import StorageError
from storage.sqlite import open_storage

log = logging.getLogger("bot")


async def run(settings: Settings) -> None:
    if settings.discord_api_base and settings.discord_gateway_url:
        use_discord_at(settings.discord_api_base, settings.discord_gateway_url)
        log.info("Using the Discord at %s", settings.discord_api_base)
    storage = await open_storage(settings.database_path)
    try:
        await throttle_restarts(storage.meta, utc_now)
        bot = ExperienceBot(
            storage=storage,
            dev_guild_id=settings.dev_guild_id,
            public_url=settings.web_address,
        )
        async with bot:
            web = None
            if settings.web_port is not None:
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


def main() -> int:
    try:
        settings = load_settings()
    except SettingsError as exc:
        for problem in exc.problems:
            sys.stderr.write(f"experience-it: {problem}\n")
        return 2
    token = settings.discord_token.get_secret_value()
    setup_logging(settings.log_level_number, secrets=(token,))
    try:
        asyncio.run(run(settings))
    except StorageError as exc:
        log.critical("%s", exc)
        return 1
    except discord.LoginFailure:
        log.critical("Discord rejected DISCORD_TOKEN: copy the bot token again into .env")
        return 1
    except (aiohttp.ClientConnectionError, OSError) as exc:
        log.critical("Cannot reach Discord (%s); check the network and try again", exc)
        return 1
    except KeyboardInterrupt:
        log.info("Stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
