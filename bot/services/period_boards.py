"""Leaderboards for a period (week, month, quarter, all time), Discord-free.

The same ranking as the weekly digest (``rank_week``: Bayesian score, the server's
minimum stories, a brand on one list only); only the window and the prior mean C
differ by period (``bot.domain.periods``). `/leaderboard`, the brand card and the web
pages all ask this service, so they always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.domain.guild_settings import GuildSettings
from bot.domain.periods import Period, PeriodSpan, period_span
from bot.domain.ranking import Leaderboard, rank_week
from storage.interfaces import LeaderboardRepository


@dataclass(frozen=True)
class PeriodBoard:
    span: PeriodSpan
    board: Leaderboard


class PeriodBoards:
    def __init__(self, leaderboard: LeaderboardRepository, clock: Clock) -> None:
        self._repo = leaderboard
        self._clock = clock

    def span(self, settings: GuildSettings, period: Period) -> PeriodSpan:
        return period_span(
            period,
            self._clock(),
            settings.timezone,
            settings.digest_weekday,
            settings.digest_hour,
        )

    async def prior_mean(self, settings: GuildSettings, span: PeriodSpan) -> float | None:
        return await self._repo.server_mean(settings.guild_id, span.prior.start, span.prior.end)

    async def board(self, settings: GuildSettings, period: Period) -> PeriodBoard:
        """Both lists for the period in progress (no rank movement: that is the digest's)."""
        span = self.span(settings, period)
        rows = await self._repo.brand_rows(settings.guild_id, span.window.start, span.window.end)
        if span.prior == span.window:
            # The period's own mean, from the rows already read: no second scan.
            total = sum(row.count for row in rows)
            prior = sum(row.mean_rating * row.count for row in rows) / total if total else None
        else:
            prior = await self.prior_mean(settings, span)
        board = rank_week(
            rows,
            prior_mean=prior,
            prior_weight=settings.prior_weight,
            min_stories=settings.min_stories,
            size=settings.leaderboard_size,
        )
        return PeriodBoard(span=span, board=board)
