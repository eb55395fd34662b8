"""Telling a story, from the saved form to the published post, without Discord.

Cogs translate clicks into calls here; this module decides what is stored and in which
state, using the domain rules and the storage interfaces.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.clock import Clock
from bot.domain.brands import BrandMatch, Industry, brand_key, similar_brands
from bot.domain.followups import FollowUp, missing_touchpoints, plan_followups
from bot.domain.guild_settings import ReviewMode
from bot.domain.posting_limits import DAY, limits_phrase, next_allowed_post
from bot.domain.reports import clean_report_reason
from bot.domain.shards import Owns, every_guild
from bot.domain.stories import Story, StoryStatus
from bot.domain.submission import StorySubmission
from bot.domain.touchpoints import MAX_TOUCHPOINTS, Touchpoint
from bot.errors import UserFacingError
from bot.services.form_facts import FormFacts
from storage.records import Vote
from storage.sqlite import Storage

log = logging.getLogger(__name__)

# How long the follow-up buttons wait after the last answer; then the story is
# published as it is.
FOLLOWUP_TIMEOUT = timedelta(minutes=10)
# Drafts older than this are published by the sweep: it catches what a restart left
# behind, and stays well clear of a member still answering (each answer resets the wait).
ABANDONED_AFTER = timedelta(minutes=30)
# A submission still counted as under way after this long (seconds) was never said to
# have ended: forgotten, so it cannot make every later one think first.
FORGET_SUBMIT_AFTER = 30.0
# A burst has finished arriving when no submission came for this long (seconds); a
# member shown "thinking" waits for that, at most BURST_ARRIVAL_WAIT, before saving.
BURST_QUIET = 0.02
BURST_ARRIVAL_WAIT = 0.5


@dataclass(frozen=True)
class SubmittedStory:
    story: Story
    steps: list[FollowUp]
    similar: list[BrandMatch]
    is_new_story: bool
    suggested_touchpoints: list[Touchpoint]


@dataclass(frozen=True)
class ReportOutcome:
    story: Story
    open_reports: int
    hidden_now: bool
    removed_message_id: int | None = None  # the post whose removal hiding it promised


def discord_time(moment: datetime) -> str:
    """A timestamp every member sees in their own time zone ("in 4 minutes")."""
    return f"<t:{int(moment.timestamp())}:R>"


class StoryService:
    def __init__(
        self, storage: Storage, clock: Clock, *, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self._storage = storage
        self._clock = clock
        self._monotonic = monotonic
        self._form_facts = FormFacts(storage, clock, monotonic=monotonic)
        # Form submissions being handled: interaction id -> arrival (monotonic).
        self._submits_under_way: dict[int, float] = {}

    def saving_would_wait(self, submit_id: int) -> bool:
        """Whether saving this form submission now would queue behind other members' (a burst).

        Saving reads first (a repeated delivery, the posting limits), then writes, so
        either queue counts. So does another member's submission still being handled:
        at a burst's start both queues are still empty (the others' submissions are
        only being parsed), yet every save will wait for those before it. The first
        call counts this submission as under way until `submission_ended`; asked again,
        its own does not count.
        """
        now = self._monotonic()
        under_way = self._submits_under_way
        while under_way and now - next(iter(under_way.values())) > FORGET_SUBMIT_AFTER:
            del under_way[next(iter(under_way))]  # a handler that never said it ended
        under_way.setdefault(submit_id, now)
        database = self._storage.database
        return len(under_way) > 1 or database.writes_queued or database.reads_queued

    def submission_ended(self, submit_id: int) -> None:
        """The submission's handler is done (saved, refused or failed)."""
        self._submits_under_way.pop(submit_id, None)

    async def let_the_burst_answer_first(self) -> None:
        """Wait (a little) until a burst's submissions have stopped arriving.

        For a member already shown "thinking": their save would otherwise compete for
        the event loop with the others' first responses, still to be sent. Saves then
        run after the burst's last arrival (at most `BURST_ARRIVAL_WAIT` later), one
        after the other as they would anyway; "saved" still follows each commit.
        """
        deadline = self._monotonic() + BURST_ARRIVAL_WAIT
        while self._monotonic() < deadline:
            latest = max(self._submits_under_way.values(), default=0.0)
            quiet_for = self._monotonic() - latest
            if quiet_for >= BURST_QUIET:
                return
            await asyncio.sleep(BURST_QUIET - quiet_for)

    async def ensure_can_post(self, guild_id: int, author_id: int) -> None:
        """Raise a friendly error if the member hit the cooldown or the daily cap.

        Before the form opens: a member who posted nothing here today costs no read
        (`FormFacts.may_have_posted`, from memory).
        """
        settings = await self._storage.guild_settings.get(guild_id)
        now = self._clock()
        times = (
            await self._storage.stories.posting_times(guild_id, author_id, now - DAY)
            if await self._form_facts.may_have_posted(guild_id, author_id)
            else []
        )
        cooldown = timedelta(seconds=settings.cooldown_seconds)
        allowed_at = next_allowed_post(times, now, cooldown, settings.daily_cap)
        if allowed_at is not None:
            raise UserFacingError.of(
                "post-wait",
                when=discord_time(allowed_at),
                limits=limits_phrase(cooldown, settings.daily_cap),
            )

    async def submit(
        self, *, guild_id: int, author_id: int, submission: StorySubmission, interaction_id: int
    ) -> SubmittedStory:
        """Save the story as a draft before anything else happens, then plan follow-ups."""
        key = brand_key(submission.brand)
        try:
            created = await self._storage.stories.create(
                guild_id=guild_id,
                author_id=author_id,
                submission=submission,
                brand_key=key,
                status=StoryStatus.DRAFT,
                interaction_id=interaction_id,
                now=self._clock(),
            )
        finally:  # saved or not (a failed COMMIT may have saved it): their limits count
            self._form_facts.noted_post(guild_id, author_id)
        similar: list[BrandMatch] = []
        if created.is_new_brand:
            # Only brands readers can already see: an unpublished name is not suggested.
            candidates = [
                c
                for c in await self._storage.brands.candidates(guild_id)
                if c.brand_id != created.story.brand_id and c.story_count > 0
            ]
            similar = similar_brands(submission.brand, candidates, limit=3)
        suggested = missing_touchpoints(
            f"{submission.headline}\n{submission.body}", submission.touchpoints
        )
        steps = plan_followups(
            kind=created.story.kind,
            rating=created.story.rating,
            is_new_brand=created.is_new_brand,
            has_similar_brand=bool(similar),
            has_touchpoint_suggestions=bool(suggested),
        )
        return SubmittedStory(created.story, steps, similar, created.is_new_story, suggested)

    async def usual_touchpoints(self, guild_id: int, brand: str) -> list[Touchpoint]:
        """What the story form pre-selects: what most of the brand's stories were about.

        From memory while nothing was written (`FormFacts`): the form opens at once,
        whatever the brand's size, and a new story, merge or deletion shows at once.
        """
        return await self._form_facts.usual_touchpoints(guild_id, brand)

    async def add_touchpoint(self, story_id: int, touchpoint: Touchpoint) -> Story:
        story = await self._draft(story_id)
        if touchpoint in story.touchpoints or len(story.touchpoints) >= MAX_TOUCHPOINTS:
            return story
        await self._storage.stories.set_touchpoints(story_id, (*story.touchpoints, touchpoint))
        return await self._get(story_id)

    async def own_draft(self, story_id: int, author_id: int) -> Story:
        story = await self._storage.stories.get(story_id)
        if story is None or story.author_id != author_id:
            raise UserFacingError.of("story-gone")
        return story

    async def use_existing_brand(self, story_id: int, brand_id: int) -> Story:
        await self._draft(story_id)
        story = await self._storage.stories.move_to_brand(story_id, brand_id)
        if story is None:
            raise UserFacingError.of("story-gone")
        return story

    async def set_industry(self, story: Story, industry: Industry) -> None:
        """The member's answer for their new brand; kept to that brand.

        If a moderator merged the brand away while the question was open, the story is
        on the surviving brand now: the answer only fills an industry it lacks, never
        overrides the one it has.
        """
        current = await self._get(story.id)
        brand = await self._storage.brands.get(current.brand_id)
        if brand is None:
            return
        if brand.id == story.brand_id or brand.industry is None:
            await self._storage.brands.set_industry(brand.id, industry)

    async def answer(self, story_id: int, **answers: object) -> Story:
        story = await self._storage.stories.update(story_id, **answers)
        if story is None:
            raise UserFacingError.of("story-gone")
        return story

    async def answer_followup(self, story_id: int, **answers: object) -> Story:
        """A follow-up answer: only while the story is a draft (its post is not out yet)."""
        if not await self._storage.stories.update_draft(story_id, **answers):
            await self._draft(story_id)  # raises the right explanation
        return await self._get(story_id)

    async def _draft(self, story_id: int) -> Story:
        story = await self._get(story_id)
        if story.status is not StoryStatus.DRAFT:
            raise UserFacingError.of("story-left-questions")
        return story

    async def finish(self, story_id: int) -> tuple[Story, bool]:
        """Leave the draft state: published at once, or queued in review mode.

        Returns the story and whether this call moved it. The move is atomic in storage,
        so a timeout racing a click (or a second process) cannot publish it twice.
        """
        story = await self._get(story_id)
        settings = await self._storage.guild_settings.get(story.guild_id)
        if settings.review_mode is ReviewMode.REVIEW:
            moved = await self._storage.stories.leave_draft(story_id, StoryStatus.PENDING, None)
        else:
            moved = await self._storage.stories.leave_draft(
                story_id, StoryStatus.PUBLISHED, self._clock()
            )
        return await self._get(story_id), moved

    async def _get(self, story_id: int) -> Story:
        story = await self._storage.stories.get(story_id)
        if story is None:
            raise UserFacingError.of("story-gone")
        return story

    async def toggle_relatable(self, story_id: int, reader_id: int) -> Vote:
        """Add or remove the reader's vote; the new count, and the post edit promised."""
        story = await self._get(story_id)
        if story.author_id == reader_id:
            raise UserFacingError.of("relatable-own-story")
        if story.status is not StoryStatus.PUBLISHED:
            raise UserFacingError.of("story-not-published")
        return await self._storage.stories.vote(story_id, reader_id, self._clock())

    async def ensure_can_report(self, story_id: int, reader_id: int) -> Story:
        story = await self._get(story_id)
        if story.author_id == reader_id:
            raise UserFacingError.of("report-own-story")
        if await self._storage.stories.has_reported(story_id, reader_id):
            raise UserFacingError.of("report-already")
        return story

    async def report(self, story_id: int, reader_id: int, reason: str) -> ReportOutcome:
        """Record a report; enough open reports hide the story until a moderator decides.

        One transaction, safe against a double submit and two readers crossing the
        threshold at once: a repeated report adds nothing, and only the report that
        actually moves the story from published to hidden says so. The moderators' note
        (and the post's removal) are promised in that transaction.
        """
        before = await self.ensure_can_report(story_id, reader_id)
        settings = await self._storage.guild_settings.get(before.guild_id)
        added, open_reports, hidden_now = await self._storage.stories.report(
            story_id,
            reader_id,
            clean_report_reason(reason),
            self._clock(),
            hide_at=settings.report_threshold,
        )
        if not added:
            raise UserFacingError.of("report-already")
        story = await self._get(story_id)
        removed = before.message_id if hidden_now else None
        return ReportOutcome(story, open_reports, hidden_now, removed)

    async def abandoned_drafts(self, owns: Owns = every_guild) -> list[Story]:
        """Drafts whose follow-ups timed out (also across a restart), of servers it `owns`."""
        drafts = await self._storage.stories.drafts_created_before(self._clock() - ABANDONED_AFTER)
        return [story for story in drafts if owns(story.guild_id)]
