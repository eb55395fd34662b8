"""The weekly digest's content, computed the same way for the post, /leaderboard and
the moderators' preview. Discord-free: the cog renders and posts what this returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.domain.guild_settings import GuildSettings
from bot.domain.ranking import Leaderboard, Mover, PreviousRanks, disaster_movers, rank_week
from bot.domain.stories import Story
from bot.domain.submission import StoryKind
from bot.domain.touchpoints import Touchpoint
from bot.domain.weeks import (
    ScheduleError,
    Window,
    current_week,
    trailing_window,
    week_window,
    window_for_week,
)
from storage.records import DigestStatus
from storage.sqlite import Storage

# A digest posted this long after its time says that it is late.
LATE_AFTER = timedelta(hours=1)


@dataclass(frozen=True)
class WeekDigest:
    guild_id: int
    window: Window
    board: Leaderboard
    movers: tuple[Mover, ...]
    new_brands: list[str]
    most_relatable: Story | None
    highlights: list[Story]
    praised: tuple[Touchpoint, int] | None
    criticised: tuple[Touchpoint, int] | None
    in_progress: bool = False
    late: bool = False


def due_window(settings: GuildSettings, now: datetime) -> Window:
    """The last full week: the one a digest posted now is about."""
    return week_window(now, settings.timezone, settings.digest_weekday, settings.digest_hour)


def _top(counts: dict[Touchpoint, int]) -> tuple[Touchpoint, int] | None:
    if not counts:
        return None
    order = list(Touchpoint)
    best = max(counts.items(), key=lambda item: (item[1], -order.index(item[0])))
    return best


class DigestService:
    def __init__(self, storage: Storage, clock: Clock) -> None:
        self._storage = storage
        self._clock = clock

    async def week_for(self, settings: GuildSettings, week: str | None) -> tuple[Window, bool]:
        """The window /leaderboard shows: the week so far, or a past week by its start date.

        Returns the window and whether it is still in progress.
        """
        now = self._clock()
        zone, weekday, hour = settings.timezone, settings.digest_weekday, settings.digest_hour
        if week is None:
            return current_week(now, zone, weekday, hour), True
        window = window_for_week(week, zone, weekday, hour, now=now)
        first = await self._storage.week_summary.first_story_at(settings.guild_id)
        if first is None:
            raise ScheduleError("week-no-stories-yet")
        if window.end <= first:
            raise ScheduleError("week-before-first-story", week=window.key)
        return window, window.end > now

    async def build(
        self,
        settings: GuildSettings,
        window: Window,
        *,
        in_progress: bool = False,
        scheduled: bool = False,
    ) -> WeekDigest:
        """The digest of `window`; `scheduled` is the weekly post, the only one that can be late.

        Highlights: a posted week shows what its digest featured; any other week shows
        what the next digest will feature (highlighted stories not featured yet).
        """
        guild_id = settings.guild_id
        repo = self._storage.leaderboard
        rows = await repo.brand_rows(guild_id, window.start, window.end)
        prior = trailing_window(window, settings.timezone, settings.digest_hour)
        prior_mean = await repo.server_mean(guild_id, prior.start, prior.end)
        previous_window = window_for_week(
            window.week_start - timedelta(days=7),
            settings.timezone,
            settings.digest_weekday,
            settings.digest_hour,
        )
        previous = await self._storage.digests.get(guild_id, previous_window.key)
        ranks = (
            Leaderboard.model_validate_json(previous.leaderboard).posted_ranks()
            if previous is not None
            and previous.status is DigestStatus.POSTED
            and previous.leaderboard
            else PreviousRanks()
        )
        board = rank_week(
            rows,
            prior_mean=prior_mean,
            prior_weight=settings.prior_weight,
            min_stories=settings.min_stories,
            size=settings.leaderboard_size,
            previous=ranks,
        )
        last_rows = await repo.brand_rows(guild_id, previous_window.start, previous_window.end)
        summary = self._storage.week_summary
        this_week = await self._storage.digests.get(guild_id, window.key)
        if this_week is not None and this_week.status is DigestStatus.POSTED:
            highlights = await summary.featured_highlights(guild_id, window.key)
        else:
            highlights = await summary.pending_highlights(guild_id)
        counts = await summary.touchpoint_counts(guild_id, window.start, window.end)
        return WeekDigest(
            guild_id=guild_id,
            window=window,
            board=board,
            movers=disaster_movers(rows, last_rows)[:5],
            new_brands=await summary.new_brands(guild_id, window.start, window.end),
            most_relatable=await summary.most_relatable(guild_id, window.start, window.end),
            highlights=highlights,
            praised=_top({t: n for (k, t), n in counts.items() if k is StoryKind.GREAT}),
            criticised=_top({t: n for (k, t), n in counts.items() if k is StoryKind.DISASTER}),
            in_progress=in_progress,
            late=scheduled and not in_progress and self._clock() - window.end > LATE_AFTER,
        )
