"""The Discord side of posting a digest: resolving the channel, finding, sending.

What to post and when, the claim and its lease, recovery and back-off are decided by
`bot.services.digest_posting.DigestPoster`; this courier only talks to Discord. The post
is in the server's language; a posted digest is recognised by its footer in any
language (the server's language may change between a crash and the recovery).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import discord

from bot.i18n import Lang, server_lang
from bot.services.digest import WeekDigest
from bot.services.digest_posting import CHANNEL_GONE, PostRefused
from cogs.digest.render import digest_embed, digest_files, is_marker

if TYPE_CHECKING:
    from bot.client import ExperienceBot

RECOVERY_SCAN = 50  # latest messages searched, for claims from before `since_ms` existed
CLOCK_MARGIN_MS = 60_000  # searched before the attempt too: two machines' clocks differ


def refused(exc: discord.HTTPException) -> PostRefused:
    return PostRefused(f"refused:{exc.status}:{exc.code}")


class DiscordDigestCourier:
    def __init__(self, bot: ExperienceBot) -> None:
        self._bot = bot

    async def channel(self, channel_id: int | None) -> discord.TextChannel | None:
        if channel_id is None:
            return None
        channel = self._bot.get_channel(channel_id)
        if channel is None:
            try:
                channel = await self._bot.fetch_channel(channel_id)
            except discord.HTTPException:
                return None
        return channel if isinstance(channel, discord.TextChannel) else None

    async def can_post_in(self, channel_id: int) -> bool:
        return await self.channel(channel_id) is not None

    async def send(self, channel_id: int, digest: WeekDigest, nonce: str) -> int:
        channel = await self.channel(channel_id)
        if channel is None:
            raise PostRefused(CHANNEL_GONE)
        lang = await self.public_lang(channel)
        try:
            message = await self.send_to(channel, digest, nonce, lang)
        except discord.HTTPException as exc:
            raise refused(exc) from exc
        return message.id

    async def public_lang(self, channel: discord.TextChannel) -> Lang:
        """The server's language, as its public posts use it."""
        settings = await self._bot.storage.guild_settings.get(channel.guild.id)
        return server_lang(channel.guild, settings.language)

    async def send_to(
        self, channel: discord.TextChannel, digest: WeekDigest, nonce: str, lang: Lang
    ) -> discord.Message:
        return await channel.send(
            embed=digest_embed(lang, digest), files=digest_files(lang, digest), nonce=nonce
        )

    async def find_posted(self, channel_id: int, week: str, since_ms: int | None) -> int | None:
        """The week's digest among every message since the first attempt began.

        Discord's nonce de-duplication lasts minutes: after downtime it cannot help, and a
        busy channel pushes the post out of any fixed number of latest messages. Claims
        made before the attempt time was recorded fall back to the latest messages.
        """
        channel = await self.channel(channel_id)
        if channel is None:
            return None
        me = self._bot.user
        if since_ms is None:
            history = channel.history(limit=RECOVERY_SCAN)
        else:
            since = datetime.fromtimestamp((since_ms - CLOCK_MARGIN_MS) / 1000, tz=UTC)
            after = discord.Object(id=discord.utils.time_snowflake(since))
            history = channel.history(limit=None, after=after, oldest_first=True)
        try:
            async for message in history:
                mine = me is not None and message.author.id == me.id
                if mine and any(is_marker(embed.footer.text, week) for embed in message.embeds):
                    return message.id
        except discord.HTTPException as exc:
            raise refused(exc) from exc
        return None
