"""The weekly digest: the scheduler, /leaderboard for everyone, /digest for moderators."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.domain.moderators import AuditEntry
from bot.domain.periods import Period
from bot.errors import UserFacingError
from bot.i18n import Lang, member_lang, server_lang, tr
from bot.services.digest import WeekDigest
from bot.services.digest_posting import DigestPoster, digest_nonce
from bot.single_flight import SingleFlight
from cogs.brands import PERIOD_CHOICES
from cogs.deferring import deferring_when_slow, send_private
from cogs.digest.period_render import period_embed
from cogs.digest.poster import DiscordDigestCourier
from cogs.digest.render import chart_files, digest_chart, digest_embed, digest_files
from cogs.moderation.checks import moderator_only

if TYPE_CHECKING:
    from bot.client import ExperienceBot

log = logging.getLogger(__name__)

Interaction = discord.Interaction["ExperienceBot"]

LEASE_MARGIN = 2.0  # seconds after a lease's end before looking again (clocks, rounding)


class Digest(commands.Cog):
    def __init__(self, bot: ExperienceBot) -> None:
        self.bot = bot
        self.courier = DiscordDigestCourier(bot)
        # A new poster (a new lease owner) per load, as a restarted process would have.
        self.poster = DigestPoster(
            bot.storage, bot.digests, bot.clock, self.courier, owns=bot.owns_guild
        )
        # One extra round when another poster's lease ends (see post_due_digests).
        self.early_round: asyncio.Task[None] | None = None
        # Members asking for the same board at the same moment share one computation.
        self._boards: SingleFlight[
            tuple[int, str | None, Lang], tuple[WeekDigest, bytes | None]
        ] = SingleFlight()

    async def cog_load(self) -> None:
        self.post_due_digests.change_interval(seconds=self.bot.digest_round_seconds)
        self.post_due_digests.start()

    async def cog_unload(self) -> None:
        self.post_due_digests.cancel()
        if self.early_round is not None:
            self.early_round.cancel()

    @tasks.loop(minutes=5)
    async def post_due_digests(self) -> None:
        """Wake often, post every server of this process's shards whose week is due.

        A week leased to another poster (a process that crashed mid-post, or one still
        posting) is looked at again just after that lease ends, not a round later: a
        crashed poster's digest follows within about a minute of its last renewal.
        """
        try:
            await self.poster.post_round([guild.id for guild in self.bot.guilds])
        except Exception:
            log.exception("Digest round failed; the next round tries again")
            return
        until = self.poster.held_until
        if until is not None and (self.early_round is None or self.early_round.done()):
            wait = max((until - self.bot.clock()).total_seconds(), 0.0) + LEASE_MARGIN
            self.early_round = asyncio.create_task(self._round_after(wait))

    async def _round_after(self, seconds: float) -> None:
        await asyncio.sleep(seconds)
        await self.post_due_digests()

    @post_due_digests.before_loop
    async def _wait_until_ready(self) -> None:
        await self.bot.wait_until_ready()

    # --- everyone --------------------------------------------------------------------

    @app_commands.command(name="leaderboard", description="Best- and worst-rated brands this week")
    @app_commands.describe(
        week="A past week, by the date it starts on (YYYY-MM-DD)",
        period="This week (default), this month, this quarter or all time",
    )
    @app_commands.choices(period=PERIOD_CHOICES)
    @app_commands.guild_only()
    async def leaderboard(
        self,
        interaction: Interaction,
        week: str | None = None,
        period: app_commands.Choice[str] | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        guild_id, lang = interaction.guild_id, member_lang(interaction)
        if period is not None and period.value != Period.WEEK:
            if week is not None:
                raise UserFacingError(tr(lang, "leaderboard-week-or-period"))
            settings = await self.bot.storage.guild_settings.get(guild_id)
            # A long period reads many more stories than a week: answer within the
            # 3 seconds first, then with the lists.
            await interaction.response.defer(ephemeral=True, thinking=True)
            result = await self.bot.period_boards.board(settings, Period(period.value))
            await interaction.followup.send(embed=period_embed(lang, result), ephemeral=True)
            return
        digest, chart = await deferring_when_slow(
            interaction,
            self._boards.run((guild_id, week, lang), lambda: self._board(lang, guild_id, week)),
        )
        await send_private(interaction, embed=digest_embed(lang, digest), files=chart_files(chart))

    async def _board(
        self, lang: Lang, guild_id: int, week: str | None
    ) -> tuple[WeekDigest, bytes | None]:
        """The week and its chart, drawn off the event loop (a few tens of ms of CPU)."""
        settings = await self.bot.storage.guild_settings.get(guild_id)
        window, in_progress = await self.bot.digests.week_for(settings, week)
        digest = await self.bot.digests.build(settings, window, in_progress=in_progress)
        return digest, await asyncio.to_thread(digest_chart, lang, digest)

    # --- moderators ------------------------------------------------------------------

    moderators = app_commands.Group(
        name="digest",
        description="Preview or re-post the weekly digest (moderators)",
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    @moderators.command(name="preview", description="Privately preview the next digest")
    @moderator_only()
    async def preview(self, interaction: Interaction) -> None:
        assert interaction.guild_id is not None
        lang = member_lang(interaction)
        settings = await self.bot.storage.guild_settings.get(interaction.guild_id)
        window, in_progress = await self.bot.digests.week_for(settings, None)
        digest = await self.bot.digests.build(settings, window, in_progress=in_progress)
        await interaction.response.send_message(
            embed=digest_embed(lang, digest), files=digest_files(lang, digest), ephemeral=True
        )

    @moderators.command(name="repost", description="Post a week's digest again, on purpose")
    @app_commands.describe(week="The week, by the date it starts on (YYYY-MM-DD)")
    @moderator_only()
    async def repost(self, interaction: Interaction, week: str) -> None:
        """Re-post a finished week; the same week rules as /leaderboard, never marked late.

        The audit entry is written before sending: a send can fail after Discord stored
        the message (a 5xx after acceptance), and a public post must never lack a record
        of who asked for it. A send that really failed leaves an entry without a message
        id, which is what happened: a moderator tried.
        """
        assert interaction.guild_id is not None
        lang = member_lang(interaction)
        settings = await self.bot.storage.guild_settings.get(interaction.guild_id)
        window, in_progress = await self.bot.digests.week_for(settings, week)
        if in_progress:
            raise UserFacingError(tr(lang, "digest-not-over"))
        if settings.digest_channel_id is None:
            raise UserFacingError(tr(lang, "digest-no-channel"))
        await interaction.response.defer(ephemeral=True, thinking=True)
        channel = await self.courier.channel(settings.digest_channel_id)
        if channel is None:
            raise UserFacingError(tr(lang, "digest-channel-unseen"))
        digest = await self.bot.digests.build(settings, window)
        await self.bot.storage.audit_log.record(
            AuditEntry(
                guild_id=interaction.guild_id,
                moderator_id=interaction.user.id,
                action="digest_repost",
                details={"week": window.key, "channel_id": str(channel.id)},
                created_at=self.bot.clock(),
            )
        )
        nonce = digest_nonce(interaction.guild_id, window.key, f"repost-{interaction.id}")
        # The post is public: the server's language; the answer is the moderator's.
        public = server_lang(interaction.guild, settings.language)
        message = await self.courier.send_to(channel, digest, nonce, public)
        await interaction.followup.send(
            tr(lang, "digest-reposted", week=window.key, link=message.jump_url), ephemeral=True
        )
