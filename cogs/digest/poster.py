"""Posting each server's weekly digest exactly once.

For every server whose week is due: claim the (server, week) row, post with a nonce
derived from (server, week) so Discord drops a retried duplicate, then record the
message id. A claim left unfinished by a crash is recovered by looking for the posted
digest in the channel before anything is sent again. One server's failure is recorded
with its reason and retried later with back-off; it never stops the others.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

import discord

from bot.domain.guild_settings import GuildSettings
from bot.domain.weeks import Window, after_previous
from bot.i18n import Lang, server_lang
from bot.services.digest import WeekDigest, due_window
from cogs.digest.render import digest_embed, digest_files, is_marker
from storage.records import Claim

if TYPE_CHECKING:
    from bot.client import ExperienceBot

log = logging.getLogger(__name__)

# A claim older than this was abandoned by a crashed poster (posting takes seconds).
STALE_CLAIM = timedelta(minutes=10)
RECOVERY_SCAN = 50  # latest messages searched, for claims from before `since_ms` existed
CLOCK_MARGIN_MS = 60_000  # searched before the attempt too: two machines' clocks differ


class PostResult(StrEnum):
    NOT_DUE = "not due"
    POSTED = "posted"
    RECOVERED = "recovered"  # it had been posted before a crash; not sent again
    SKIPPED = "skipped"
    FAILED = "failed"


def digest_nonce(guild_id: int, week: str, attempt: str = "") -> str:
    """At most 25 characters (Discord's limit), the same for every retry of one post."""
    digest = hashlib.sha256(f"{guild_id}:{week}:{attempt}".encode()).hexdigest()
    return "dg" + digest[:23]


class DigestPoster:
    def __init__(self, bot: ExperienceBot) -> None:
        self._bot = bot

    async def post_due(self, guild_id: int, *, stale_after: timedelta = STALE_CLAIM) -> PostResult:
        """Post the server's last full week if it is due and not posted yet."""
        bot = self._bot
        settings = await bot.storage.guild_settings.get(guild_id)
        if settings.digest_channel_id is None:
            return PostResult.NOT_DUE
        now = bot.clock()
        window = after_previous(
            due_window(settings, now), await bot.storage.digests.covered_until(guild_id)
        )
        if window is None:
            return PostResult.NOT_DUE  # what is left of this week joins the next digest
        first = await bot.storage.week_summary.first_story_at(guild_id)
        if first is None or first >= window.end:
            return PostResult.NOT_DUE  # nothing ever happened before this week ended
        claim = await bot.storage.digests.claim(
            guild_id, window.key, now, stale_after, start=window.start, end=window.end
        )
        if claim is None:
            return PostResult.NOT_DUE
        try:
            return await self._post_claimed(claim, settings, window)
        except discord.HTTPException as exc:
            reason = f"Discord refused the post ({exc.status} {exc.text or exc.code})"
            await bot.storage.digests.fail(claim, reason)
            log.warning("Digest for guild %s week %s failed: %s", guild_id, window.key, reason)
            return PostResult.FAILED
        except Exception:
            await bot.storage.digests.fail(claim, "an internal error; see the bot's log")
            log.exception("Digest for guild %s week %s failed", guild_id, window.key)
            return PostResult.FAILED

    async def _post_claimed(
        self, claim: Claim, settings: GuildSettings, window: Window
    ) -> PostResult:
        bot = self._bot
        channel = await self.channel(settings.digest_channel_id)
        if channel is None:
            await bot.storage.digests.fail(
                claim, "the digest channel is gone or I cannot see it; pick another in setup"
            )
            return PostResult.FAILED
        digest = await bot.digests.build(settings, window, scheduled=True)
        # Stored either way: next week's rank movement is measured against it.
        board = digest.board.model_dump_json()
        if claim.recovering:
            existing = await self._find_posted(channel, claim.week, claim.since_ms)
            if existing is not None:
                await bot.storage.digests.complete(
                    claim, channel_id=channel.id, message_id=existing.id, leaderboard=board
                )
                log.info(
                    "Digest for guild %s week %s was already posted", claim.guild_id, claim.week
                )
                return PostResult.RECOVERED
        if digest.board.is_empty and not settings.quiet_week_post:
            await bot.storage.digests.skip(claim, "not enough stories to rank")
            return PostResult.SKIPPED
        if not await bot.storage.digests.show_highlights(
            claim, [story.id for story in digest.highlights]
        ):
            log.warning(
                "Digest for guild %s week %s was taken over by another poster",
                claim.guild_id,
                claim.week,
            )
            return PostResult.NOT_DUE
        lang = server_lang(channel.guild, settings.language)
        message = await self.send(channel, digest, digest_nonce(claim.guild_id, claim.week), lang)
        recorded = await bot.storage.digests.complete(
            claim, channel_id=channel.id, message_id=message.id, leaderboard=board
        )
        if not recorded:
            log.warning(
                "Digest for guild %s week %s was taken over by another poster while sending",
                claim.guild_id,
                claim.week,
            )
        return PostResult.POSTED

    async def send(
        self, channel: discord.TextChannel, digest: WeekDigest, nonce: str, lang: Lang
    ) -> discord.Message:
        return await channel.send(
            embed=digest_embed(lang, digest), files=digest_files(lang, digest), nonce=nonce
        )

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

    async def _find_posted(
        self, channel: discord.TextChannel, week: str, since_ms: int | None
    ) -> discord.Message | None:
        """The week's digest among every message since the first attempt began.

        Discord's nonce de-duplication lasts minutes: after downtime it cannot help, and a
        busy channel pushes the post out of any fixed number of latest messages. Claims
        made before the attempt time was recorded fall back to the latest messages.
        """
        me = self._bot.user
        if since_ms is None:
            history = channel.history(limit=RECOVERY_SCAN)
        else:
            since = datetime.fromtimestamp((since_ms - CLOCK_MARGIN_MS) / 1000, tz=UTC)
            after = discord.Object(id=discord.utils.time_snowflake(since))
            history = channel.history(limit=None, after=after, oldest_first=True)
        async for message in history:
            mine = me is not None and message.author.id == me.id
            if mine and any(is_marker(embed.footer.text, week) for embed in message.embeds):
                return message
        return None
