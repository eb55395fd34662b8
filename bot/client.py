"""The bot: wires storage, cogs, persistent components and command sync in one place."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import discord
from discord.ext import commands

from bot.clock import Clock, utc_now
from bot.command_sync import sync_if_changed
from bot.domain.shards import owns_guild
from bot.i18n.commands import CatalogTranslator
from bot.interaction_errors import ErrorReportingTree
from bot.invite import invite_url
from bot.services.delivery import DeliveryService, process_owner
from bot.services.digest import DigestService
from bot.services.period_boards import PeriodBoards
from bot.services.settings_cache import with_settings_cache
from bot.services.stories import FOLLOWUP_TIMEOUT, StoryService
from bot.services.web_access import WebAccessService
from storage.sqlite import Storage

if TYPE_CHECKING:
    from cogs.stories.post import StoryPublisher

log = logging.getLogger(__name__)


def minimal_intents() -> discord.Intents:
    """Guilds only: channels, roles and our own member for permission checks.

    Slash commands and components arrive as interactions, which need no intent; no
    privileged intent (members, presences, message content) is requested.
    """
    return discord.Intents(guilds=True)


# The bot never joins voice: silence discord.py's start-up warnings about voice libraries.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False


# The digest round: often enough that a due digest goes out within minutes.
DIGEST_ROUND_SECONDS = 300.0


class ExperienceBot(commands.Bot):
    def __init__(
        self,
        *,
        storage: Storage,
        dev_guild_id: int | None = None,
        clock: Clock = utc_now,
        public_url: str | None = None,
        extensions: tuple[str, ...] = ("cogs",),
        **options: Any,
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=minimal_intents(),
            # Nothing the bot sends can ping anyone unless a send opts in explicitly.
            allowed_mentions=discord.AllowedMentions.none(),
            tree_cls=ErrorReportingTree,
            help_command=None,
            **options,
        )
        # Servers' settings are read from memory, kept correct by every write through it.
        self.storage = with_settings_cache(storage)
        self.dev_guild_id = dev_guild_id
        self.clock = clock
        self._extensions = extensions
        # How long the follow-up questions wait for an answer (tests shorten it).
        self.followup_timeout = FOLLOWUP_TIMEOUT
        # How often the digest round wakes (crash tests with a file clock shorten it).
        self.digest_round_seconds = DIGEST_ROUND_SECONDS
        self.stories = StoryService(self.storage, clock)
        self.digests = DigestService(self.storage, clock)
        self.period_boards = PeriodBoards(self.storage.leaderboard, clock)
        self.web_access = WebAccessService(self.storage.web_pages, self.storage.audit_log, clock)
        # Where the operator's web server is reached (None: no web server runs).
        self.public_url = public_url
        self.delivery = DeliveryService(
            self.storage, owns=self.owns_guild, owner=process_owner(options.get("shard_ids"))
        )
        # Set by the cogs.delivery extension: the core does not import cogs.
        self.publisher: StoryPublisher

    async def setup_hook(self) -> None:
        for extension in self._extensions:
            await self.load_extension(extension)
        assert self.application_id is not None, "discord.py sets it during login"
        await self.tree.set_translator(CatalogTranslator())
        await sync_if_changed(self.tree, self.application_id, self.storage.meta, self.dev_guild_id)

    def owns_guild(self, guild_id: int) -> bool:
        """Whether this process's shards include the server (always, unsharded)."""
        return owns_guild(guild_id, self.shard_count, None)

    def guild_name(self, guild_id: int) -> str | None:
        """A server's name as Discord last told us (the web pages' title)."""
        guild = self.get_guild(guild_id)
        return None if guild is None else guild.name

    def guild_locale(self, guild_id: int) -> str | None:
        """A server's preferred locale on Discord (the web pages' language by default)."""
        guild = self.get_guild(guild_id)
        return None if guild is None else guild.preferred_locale.value

    async def on_ready(self) -> None:
        # May fire again after reconnects: nothing but a log line belongs here.
        log.info("Connected as %s to %d servers", self.user, len(self.guilds))
        if not self.guilds and self.application_id is not None:
            log.info("I am in no server yet. Invite me: %s", invite_url(self.application_id))
