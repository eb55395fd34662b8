"""What the read-only web pages show, Discord-free: the web layer only renders it.

Everything here is what a reader of the server can already see in Discord: posted
digests, published stories, leaderboards of published stories. Nothing is returned for
a server whose page is off or for an address that is not the current one, so the web
layer answers 404 for both alike (an old address reveals nothing, not even that a
server exists). No author is ever part of a page: the bot keeps no member names, and
a Discord user id would identify an anonymous author.
"""

from __future__ import annotations

import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from bot.clock import Clock
from bot.domain.brand_card import BrandSummary, prior_mean, summarise
from bot.domain.guild_settings import GuildSettings
from bot.domain.monthly_chart import Bar, chart_bars, monthly_scores
from bot.domain.periods import Period
from bot.domain.ranking import Leaderboard
from bot.domain.stories import BrandStats, Story
from bot.domain.web_access import WebAccess, looks_like_token
from bot.services.period_boards import PeriodBoard, PeriodBoards
from storage.records import PostedDigest
from storage.sqlite import Storage

T = TypeVar("T")

PAGE_SIZE = 20
# Leaderboards and a brand's figures (aggregates, never a story's text) are kept this
# long: a page viewed 50 times a second on a big server then costs one computation per
# period and brand every half minute. Story lists are always read fresh, so a story a
# moderator hides disappears from the pages at once; access is checked on every request.
CACHE_SECONDS = 30.0
PAST_DIGESTS = 60  # about a year of weeks on the digests page


@dataclass(frozen=True)
class DigestView:
    week: str
    start: date
    board: Leaderboard


@dataclass(frozen=True)
class Overview:
    board: PeriodBoard
    latest: DigestView | None


@dataclass(frozen=True)
class BrandPage:
    stats: BrandStats
    summary: BrandSummary
    stories: list[Story]
    page: int
    pages: int
    bars: list[Bar]


def _digest_view(posted: PostedDigest) -> DigestView | None:
    if not posted.leaderboard:
        return None
    return DigestView(
        week=posted.week,
        start=date.fromisoformat(posted.week),
        board=Leaderboard.model_validate_json(posted.leaderboard),
    )


@dataclass(frozen=True)
class BrandFigures:
    stats: BrandStats
    summary: BrandSummary
    bars: list[Bar]


class _Cache:
    """A small time-limited memo; `seconds` 0 turns it off (tests)."""

    def __init__(self, seconds: float, limit: int = 2048) -> None:
        self._seconds = seconds
        self._limit = limit
        self._entries: dict[object, tuple[float, object]] = {}

    async def get(self, key: object, compute: Callable[[], Awaitable[T]]) -> T:
        now = time.monotonic()
        hit = self._entries.get(key)
        if hit is not None and now - hit[0] < self._seconds:
            return hit[1]  # type: ignore[return-value]
        value = await compute()
        if self._seconds > 0:
            if len(self._entries) >= self._limit:
                self._entries.clear()
            self._entries[key] = (now, value)
        return value


class WebPageService:
    def __init__(
        self,
        storage: Storage,
        boards: PeriodBoards,
        clock: Clock,
        *,
        cache_seconds: float = CACHE_SECONDS,
    ) -> None:
        self._storage = storage
        self._boards = boards
        self._clock = clock
        self._cache = _Cache(cache_seconds)

    async def server(self, token: str) -> WebAccess | None:
        """The server behind a current address whose page is on; None otherwise."""
        if not looks_like_token(token):
            return None
        access = await self._storage.web_pages.by_token(token)
        return access if access is not None and access.enabled else None

    async def settings(self, access: WebAccess) -> GuildSettings:
        return await self._storage.guild_settings.get(access.guild_id)

    async def overview(self, access: WebAccess, period: Period) -> Overview:
        settings = await self.settings(access)
        board = await self._cache.get(
            ("board", settings, period), lambda: self._boards.board(settings, period)
        )
        posted = await self._storage.web_reads.posted_digests(access.guild_id, limit=1)
        latest = _digest_view(posted[0]) if posted else None
        return Overview(board=board, latest=latest)

    async def digests(self, access: WebAccess) -> list[PostedDigest]:
        return await self._storage.web_reads.posted_digests(access.guild_id, PAST_DIGESTS)

    async def digest(self, access: WebAccess, week: str) -> DigestView | None:
        for posted in await self._storage.web_reads.posted_digests(access.guild_id, PAST_DIGESTS):
            if posted.week == week:
                return _digest_view(posted)
        return None

    async def brand(self, access: WebAccess, brand_id: int, page: int) -> BrandPage | None:
        """A brand of this server with published stories, one page of them; else None.

        A brand without a published story is not shown at all: its name may come only
        from a pending or hidden story (or be a merged-away one) that readers never saw.
        """
        settings = await self.settings(access)
        figures = await self._cache.get(
            ("brand", settings, brand_id), lambda: self._figures(settings, brand_id)
        )
        if figures is None or figures.stats.brand.guild_id != access.guild_id:
            return None
        pages = max(1, math.ceil(figures.stats.story_count / PAGE_SIZE))
        if page < 1 or page > pages:
            return None
        stories = await self._storage.web_reads.brand_stories(
            brand_id, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE
        )
        return BrandPage(
            stats=figures.stats,
            summary=figures.summary,
            stories=stories,
            page=page,
            pages=pages,
            bars=figures.bars,
        )

    async def _figures(self, settings: GuildSettings, brand_id: int) -> BrandFigures | None:
        stats = await self._storage.brands.stats(brand_id, self._clock(), recent=0)
        if stats is None or stats.brand.guild_id != settings.guild_id or not stats.story_count:
            return None
        points = await self._storage.web_reads.brand_ratings(brand_id)
        scores = monthly_scores(
            points,
            settings.timezone,
            prior_mean(stats.server_mean_rating),
            settings.prior_weight,
        )
        return BrandFigures(
            stats=stats, summary=summarise(stats, settings.prior_weight), bars=chart_bars(scores)
        )
