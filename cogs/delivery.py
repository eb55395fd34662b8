"""The Discord side of the outbox: sending, finding, editing and deleting posts.

The delivery service (bot/services/delivery.py) decides what to deliver and when; this
courier only talks to Discord and turns its answers into the service's two failures:
permanent (403/404: the moderators must fix something) and transient (anything that may
pass). Loading this extension starts delivery, once the bot is connected.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import aiohttp
import discord
from discord.ext import commands

from bot.domain.stories import Story
from bot.i18n import DEFAULT_LANG, Lang, server_lang
from bot.i18n.outbox import carries_marker
from bot.services.delivery_kinds import Attempt, PermanentFailure, Posted, TransientFailure
from cogs.stories.post import StoryPublisher, moderation_buttons
from cogs.stories.reactions import story_post_view
from cogs.stories.render import is_story_footer, story_embed

if TYPE_CHECKING:
    from bot.client import ExperienceBot

log = logging.getLogger(__name__)

# Searched before the attempt's recorded start too: clocks of two machines disagree.
CLOCK_MARGIN_MS = 60_000
UNKNOWN_CHANNEL = 10003
UNKNOWN_MESSAGE = 10008
CANNOT_DM = 50007


def story_footer_matches(message: discord.Message, story_id: int, me: int) -> bool:
    """The bot's own post of this story (the footer is `Story #N`, maybe `· edited`, in
    any language: the server's may have changed between two attempts)."""
    if message.author.id != me:
        return False
    return any(
        (text := embed.footer.text) is not None and is_story_footer(text, story_id)
        for embed in message.embeds
    )


def as_failure(exc: Exception, channel_id: int) -> Exception:
    """Discord's answer as one of the delivery service's failures."""
    if isinstance(exc, discord.Forbidden):
        return PermanentFailure(f"forbidden:{channel_id}:{exc.code or exc.status}")
    if isinstance(exc, discord.NotFound) and exc.code == UNKNOWN_CHANNEL:
        return PermanentFailure(f"channel_gone:{channel_id}")
    if isinstance(exc, discord.HTTPException):
        return TransientFailure(f"answered:{exc.status}:{exc.code}")
    if isinstance(exc, aiohttp.ClientError | OSError | TimeoutError):
        return TransientFailure(f"unreachable:{type(exc).__name__}")
    return exc


@contextmanager
def discord_failures(channel_id: int) -> Iterator[None]:
    try:
        yield
    except (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError) as exc:
        raise as_failure(exc, channel_id) from None


class DiscordCourier:
    def __init__(self, bot: ExperienceBot) -> None:
        self._bot = bot

    async def _channel(self, channel_id: int) -> discord.TextChannel | discord.Thread:
        channel = self._bot.get_channel(channel_id)
        if channel is None:
            with discord_failures(channel_id):
                channel = await self._bot.fetch_channel(channel_id)
        if not isinstance(channel, discord.TextChannel | discord.Thread):
            raise PermanentFailure(f"not_text:{channel_id}")
        return channel

    async def _post_lang(self, guild_id: int) -> Lang:
        """Story posts are public: in the server's language."""
        settings = await self._bot.storage.guild_settings.get(guild_id)
        return server_lang(self._bot.get_guild(guild_id), settings.language)

    async def post_story(
        self, story: Story, channel_id: int, *, since_ms: int, nonce: str, recover: bool
    ) -> Posted:
        lang = await self._post_lang(story.guild_id)
        channel = await self._channel(channel_id)
        with discord_failures(channel_id):
            if recover:
                found = await self._find_story_post(channel, story.id, since_ms)
                if found is not None:
                    log.info("Story %s had been posted before a failure: not sent again", story.id)
                    return Posted(channel.id, found.id)
            message = await channel.send(
                embed=story_embed(story, lang),
                view=story_post_view(story.id, story.relatable_count, lang),
                nonce=nonce,
            )
        return Posted(channel.id, message.id)

    async def _find_story_post(
        self, channel: discord.TextChannel | discord.Thread, story_id: int, since_ms: int
    ) -> discord.Message | None:
        """The story's post (by its footer), sent since the attempt began."""
        return await self._first_since(
            channel, since_ms, lambda message, me: story_footer_matches(message, story_id, me)
        )

    async def _first_since(
        self,
        channel: discord.abc.Messageable,
        since_ms: int,
        matches: Callable[[discord.Message, int], bool],
    ) -> discord.Message | None:
        """The first message `matches` (given the bot's id) among every message since the
        attempt began, however many (pages of 100)."""
        me = self._bot.user
        assert me is not None, "delivery starts once the bot is connected"
        since = datetime.fromtimestamp((since_ms - CLOCK_MARGIN_MS) / 1000, tz=UTC)
        after = discord.Object(id=discord.utils.time_snowflake(since))
        async for message in channel.history(limit=None, after=after, oldest_first=True):
            if matches(message, me.id):
                return message
        return None

    async def edit_post(self, story: Story) -> None:
        assert story.channel_id is not None
        assert story.message_id is not None
        channel = await self._channel(story.channel_id)
        lang = await self._post_lang(story.guild_id)
        try:
            await channel.get_partial_message(story.message_id).edit(
                embed=story_embed(story, lang),
                view=story_post_view(story.id, story.relatable_count, lang),
            )
        except discord.NotFound as exc:
            if exc.code != UNKNOWN_MESSAGE:
                raise as_failure(exc, story.channel_id) from None
            log.warning("Could not update the post of story %s: it is gone", story.id)
        except (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError) as exc:
            raise as_failure(exc, story.channel_id) from None

    async def remove_post(self, channel_id: int, message_id: int) -> None:
        try:
            channel = await self._channel(channel_id)
            await channel.get_partial_message(message_id).delete()
        except discord.NotFound:
            return  # the post (or its whole channel) is gone already: as promised
        except PermanentFailure:
            raise
        except (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError) as exc:
            raise as_failure(exc, channel_id) from None

    def server_lang(self, guild_id: int, chosen: str | None) -> Lang:
        return server_lang(self._bot.get_guild(guild_id), chosen)

    async def _find_marked(
        self, channel: discord.abc.Messageable, ref: str, since_ms: int
    ) -> discord.Message | None:
        """The bot's message carrying `ref`'s marker, sent since the attempt began."""
        return await self._first_since(
            channel,
            since_ms,
            lambda message, me: message.author.id == me and carries_marker(message.content, ref),
        )

    async def note_moderators(
        self,
        channel_id: int,
        text: str,
        attempt: Attempt,
        story: Story | None = None,
        lang: Lang = DEFAULT_LANG,
    ) -> None:
        channel = await self._channel(channel_id)
        with discord_failures(channel_id):
            if attempt.recover and await self._find_marked(channel, attempt.ref, attempt.since_ms):
                log.info("Note %s had been sent before a failure: not sent again", attempt.ref)
                return
            view = None
            if story is not None:
                reports = await self._bot.storage.moderation.open_reports(story.id)
                view = moderation_buttons(story, len(reports), lang)
            if view is None:
                await channel.send(text, nonce=attempt.ref)
            else:
                await channel.send(text, view=view, nonce=attempt.ref)

    async def dm_member(self, user_id: int, text: str, attempt: Attempt) -> bool:
        try:
            channel = await self._bot.create_dm(discord.Object(id=user_id))
            if attempt.recover and await self._find_marked(channel, attempt.ref, attempt.since_ms):
                log.info("DM %s had been sent before a failure: not sent again", attempt.ref)
                return True
            await channel.send(text, nonce=attempt.ref)
        except discord.Forbidden as exc:
            log.info("DM %s refused (%s): the notice waits for a command", attempt.ref, exc.code)
            return False
        except (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError) as exc:
            raise as_failure(exc, 0) from None
        return True


class Delivery(commands.Cog):
    """Starts the outbox's loop with this courier once the bot is connected."""

    def __init__(self, bot: ExperienceBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self._starting = asyncio.create_task(self._start(), name="start deliveries")

    async def _start(self) -> None:
        await self.bot.wait_until_ready()
        self.bot.delivery.start(DiscordCourier(self.bot))

    async def cog_unload(self) -> None:
        await self.bot.delivery.close()


async def setup(bot: ExperienceBot) -> None:
    bot.publisher = StoryPublisher(bot)
    await bot.add_cog(Delivery(bot))
