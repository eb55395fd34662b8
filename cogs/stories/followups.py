"""The guided follow-up questions, asked in the member's private reply after saving.

One view walks through the planned steps, editing the same ephemeral message. The story
is already stored; every answer is saved as it is given, and walking away publishes the
story with the answers given so far (here on timeout, and by the cog's sweep after a
restart). Everything here is private: in the member's language (`lang`, catalog
`followups.ftl`), the preview too (it shows their story with the words they read).
"""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING, Any

import discord

from bot.domain.brands import BrandMatch, Industry
from bot.domain.followups import FollowUp
from bot.domain.markdown import escape_markdown
from bot.domain.stories import Story, StoryStatus
from bot.domain.submission import Resolution, StoryKind, stars
from bot.domain.touchpoints import MAX_TOUCHPOINTS, Touchpoint
from bot.errors import UserFacingError
from bot.i18n import Lang, count, tr
from bot.i18n.catalog import listed
from bot.i18n.figures import touchpoint_name
from bot.interaction_errors import ErrorReportingView
from cogs.original_reply import OriginalReply
from cogs.stories.post import outcome_words
from cogs.stories.render import story_embed

if TYPE_CHECKING:
    from bot.client import ExperienceBot

log = logging.getLogger(__name__)


def _name(text: str) -> str:
    return escape_markdown(text)[:80]


class FollowUpView(ErrorReportingView):
    def __init__(
        self,
        bot: ExperienceBot,
        story: Story,
        steps: list[FollowUp],
        similar: list[BrandMatch],
        suggested_touchpoints: list[Touchpoint] | None = None,
        *,
        lang: Lang,
    ) -> None:
        super().__init__(timeout=bot.followup_timeout.total_seconds())
        self.bot = bot
        self.lang = lang
        self.story = story
        self.steps = list(steps)
        self.similar = similar
        self.suggested = list(suggested_touchpoints or [])
        self.finished = False
        # The private reply, as of the latest interaction on it: on timeout it is edited
        # to say what happened (a token stays valid 15 minutes, longer than the wait).
        # Only a handle, not the Interaction: thousands of views may wait at once.
        self.reply: OriginalReply | None = None
        self.render()

    @property
    def step(self) -> FollowUp:
        return self.steps[0]

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        if interaction.user.id != self.story.author_id:
            raise UserFacingError.of("followup-only-author")
        return True

    # --- rendering -------------------------------------------------------------------

    def prompt(self) -> str:
        lang, brand = self.lang, _name(self.story.brand_name)
        if self.step is FollowUp.PREVIEW:
            return tr(lang, "followup-preview")
        return tr(lang, "followup-saved") + " " + self._question(lang, brand)

    def _question(self, lang: Lang, brand: str) -> str:
        match self.step:
            case FollowUp.BRAND_MATCH:
                options = [
                    tr(
                        lang,
                        "followup-brand-option",
                        brand=_name(m.name),
                        stories=count(lang, "n-stories", m.story_count),
                    )
                    for m in self.similar
                ]
                return tr(lang, "followup-did-you-mean", options=listed(lang, options))
            case FollowUp.INDUSTRY:
                return tr(lang, "followup-industry", brand=brand)
            case FollowUp.TOUCHPOINTS:
                mentioned = ", ".join(f"**{touchpoint_name(lang, t)}**" for t in self.suggested)
                return tr(lang, "followup-touchpoints", mentioned=mentioned)
            case FollowUp.RATING_CHECK:
                return tr(
                    lang,
                    "followup-rating-check",
                    kind=self.story.kind.value,
                    stars=stars(self.story.rating),
                )
            case FollowUp.RECOMMEND:
                return tr(lang, "followup-recommend", brand=brand)
            case FollowUp.RESOLUTION:
                return tr(lang, "followup-resolution", brand=brand)
            case FollowUp.PREVIEW:
                return tr(lang, "followup-preview")

    def render(self) -> None:
        self.clear_items()
        lang = self.lang
        match self.step:
            case FollowUp.BRAND_MATCH:
                for match in self.similar:
                    self.add_item(_BrandChoice(match, lang))
                keep = tr(lang, "followup-keep-brand", brand=self.story.brand_name[:40])
                self.add_item(_Button(keep, self._keep_brand))
            case FollowUp.INDUSTRY:
                self.add_item(_IndustrySelect(lang))
                self.add_item(_Button(tr(lang, "followup-skip"), self._skip))
            case FollowUp.TOUCHPOINTS:
                for touchpoint in self.suggested:
                    self.add_item(_TouchpointButton(touchpoint, lang))
                self.add_item(_Button(tr(lang, "followup-thats-all"), self._skip))
            case FollowUp.RATING_CHECK:
                keep = tr(lang, "followup-keep-rating", rating=self.story.rating)
                self.add_item(_Button(keep, self._skip))
                other = (
                    StoryKind.DISASTER if self.story.kind is StoryKind.GREAT else StoryKind.GREAT
                )
                switch = tr(lang, "followup-switch-kind", kind=other.value)
                self.add_item(_Button(switch, self._switch_kind))
                self.add_item(_RatingSelect(self.story.rating, lang))
            case FollowUp.RECOMMEND:
                self.add_item(_RecommendSelect(lang))
                self.add_item(_Button(tr(lang, "followup-skip"), self._skip))
            case FollowUp.RESOLUTION:
                for resolution in Resolution:
                    self.add_item(_ResolutionButton(resolution, lang))
            case FollowUp.PREVIEW:
                publish = tr(lang, "followup-publish")
                self.add_item(_Button(publish, self._publish, discord.ButtonStyle.success))

    def embeds(self) -> list[discord.Embed]:
        if self.step is not FollowUp.PREVIEW:
            return []
        return [story_embed(self.story, self.lang)]

    def replying_to(self, interaction: discord.Interaction[Any]) -> None:
        """Edit this interaction's reply when the questions time out."""
        self.reply = OriginalReply(interaction)

    async def show(self, interaction: discord.Interaction[Any]) -> None:
        self.replying_to(interaction)
        self.render()
        await interaction.response.edit_message(
            content=self.prompt(), embeds=self.embeds(), view=self
        )

    # --- answers ---------------------------------------------------------------------

    async def advance(
        self, interaction: discord.Interaction[Any], story: Story | None = None
    ) -> None:
        if story is not None:
            self.story = story
        self.steps.pop(0)
        await self.show(interaction)

    async def _skip(self, interaction: discord.Interaction[Any]) -> None:
        await self.advance(interaction)

    async def _keep_brand(self, interaction: discord.Interaction[Any]) -> None:
        await self.advance(interaction)

    async def choose_brand(self, interaction: discord.Interaction[Any], match: BrandMatch) -> None:
        story = await self.bot.stories.use_existing_brand(self.story.id, match.brand_id)
        # The brand already exists, so it needs no industry question.
        self.steps = [s for s in self.steps if s is not FollowUp.INDUSTRY]
        await self.advance(interaction, story)

    async def set_industry(self, interaction: discord.Interaction[Any], industry: Industry) -> None:
        await self.bot.stories.set_industry(self.story, industry)
        await self.advance(interaction)

    async def add_touchpoint(
        self, interaction: discord.Interaction[Any], touchpoint: Touchpoint
    ) -> None:
        story = await self.bot.stories.add_touchpoint(self.story.id, touchpoint)
        self.suggested = [t for t in self.suggested if t is not touchpoint]
        room = len(story.touchpoints) < MAX_TOUCHPOINTS
        if self.suggested and room:
            self.story = story
            await self.show(interaction)
        else:
            await self.advance(interaction, story)

    async def _switch_kind(self, interaction: discord.Interaction[Any]) -> None:
        other = StoryKind.DISASTER if self.story.kind is StoryKind.GREAT else StoryKind.GREAT
        story = await self.bot.stories.answer_followup(self.story.id, kind=other)
        if other is StoryKind.DISASTER and FollowUp.RESOLUTION not in self.steps:
            self.steps.insert(self.steps.index(FollowUp.PREVIEW), FollowUp.RESOLUTION)
        if other is StoryKind.GREAT:
            self.steps = [s for s in self.steps if s is not FollowUp.RESOLUTION]
        await self.advance(interaction, story)

    async def set_rating(self, interaction: discord.Interaction[Any], rating: int) -> None:
        await self.advance(
            interaction, await self.bot.stories.answer_followup(self.story.id, rating=rating)
        )

    async def set_recommend(self, interaction: discord.Interaction[Any], score: int) -> None:
        story = await self.bot.stories.answer_followup(self.story.id, recommend=score)
        await self.advance(interaction, story)

    async def set_resolution(
        self, interaction: discord.Interaction[Any], value: Resolution
    ) -> None:
        story = await self.bot.stories.answer_followup(self.story.id, resolution=value)
        await self.advance(interaction, story)

    async def _publish(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.defer()
        note = await self.complete()
        await interaction.edit_original_response(content=note, embeds=[], view=None)

    async def complete(self) -> str:
        """Leave the draft state and post; safe to call from a click and a timeout."""
        self.finished = True
        self.stop()
        story, moved = await self.bot.stories.finish(self.story.id)
        if not moved:
            return tr(self.lang, "followup-already-published")
        outcome = await self.bot.publisher.publish(story)
        if story.status is StoryStatus.PENDING:
            return tr(self.lang, "followup-waiting-review")
        return tr(self.lang, "followup-published", where=outcome_words(self.lang, outcome))

    async def on_timeout(self) -> None:
        if self.finished:
            return
        try:
            note = await self.complete()
        except UserFacingError:
            return  # deleted meanwhile (by its author or a moderator): nothing to publish
        except Exception:
            log.exception(
                "Could not publish story %s after its follow-ups timed out", self.story.id
            )
            return
        if self.reply is not None:
            try:
                await self.reply.edit(
                    content=tr(self.lang, "followup-timed-out", note=note), embeds=[], view=None
                )
            except discord.HTTPException as exc:
                log.info("Could not update the follow-up reply (%s)", exc.status)


class _Button(discord.ui.Button[FollowUpView]):
    def __init__(
        self, label: str, handler: Any, style: discord.ButtonStyle = discord.ButtonStyle.secondary
    ) -> None:
        super().__init__(label=label[:80], style=style)
        self._handler = handler

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        await self._handler(interaction)


class _BrandChoice(discord.ui.Button[FollowUpView]):
    def __init__(self, match: BrandMatch, lang: Lang) -> None:
        label = tr(lang, "followup-yes-brand", brand=match.name)
        super().__init__(label=label[:80], style=discord.ButtonStyle.primary)
        self.match = match

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        assert self.view is not None
        await self.view.choose_brand(interaction, self.match)


class _TouchpointButton(discord.ui.Button[FollowUpView]):
    def __init__(self, touchpoint: Touchpoint, lang: Lang) -> None:
        name = touchpoint_name(lang, touchpoint)
        super().__init__(
            label=tr(lang, "followup-add-touchpoint", touchpoint=name)[:80],
            emoji=touchpoint.emoji,
            style=discord.ButtonStyle.primary,
        )
        self.touchpoint = touchpoint

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        assert self.view is not None
        await self.view.add_touchpoint(interaction, self.touchpoint)


class _ResolutionButton(discord.ui.Button[FollowUpView]):
    def __init__(self, resolution: Resolution, lang: Lang) -> None:
        super().__init__(label=tr(lang, resolution.key), style=discord.ButtonStyle.secondary)
        self.resolution = resolution

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        assert self.view is not None
        await self.view.set_resolution(interaction, self.resolution)


# The select menus' options, built once and shared by every waiting view (discord.py
# never changes an option it was given): per view they cost ~2 KB (issue 9).
@functools.cache
def _industry_options(lang: Lang) -> tuple[discord.SelectOption, ...]:
    return tuple(
        discord.SelectOption(label=tr(lang, f"industry-{i.value}"), value=i.value) for i in Industry
    )


@functools.cache
def _rating_options(current: int) -> tuple[discord.SelectOption, ...]:
    return tuple(
        discord.SelectOption(label=f"{stars(n)} {n}", value=str(n))
        for n in range(5, 0, -1)
        if n != current
    )


_RECOMMEND_OPTIONS = tuple(
    discord.SelectOption(label=str(n), value=str(n)) for n in range(10, -1, -1)
)


class _IndustrySelect(discord.ui.Select[FollowUpView]):
    def __init__(self, lang: Lang) -> None:
        super().__init__(
            placeholder=tr(lang, "followup-pick-industry"),
            options=list(_industry_options(lang)),
        )

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        assert self.view is not None
        await self.view.set_industry(interaction, Industry(self.values[0]))


class _RatingSelect(discord.ui.Select[FollowUpView]):
    def __init__(self, current: int, lang: Lang) -> None:
        super().__init__(
            placeholder=tr(lang, "followup-change-rating"),
            options=list(_rating_options(current)),
        )

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        assert self.view is not None
        await self.view.set_rating(interaction, int(self.values[0]))


class _RecommendSelect(discord.ui.Select[FollowUpView]):
    def __init__(self, lang: Lang) -> None:
        super().__init__(
            placeholder=tr(lang, "followup-zero-to-ten"),
            options=list(_RECOMMEND_OPTIONS),
        )

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        assert self.view is not None
        await self.view.set_recommend(interaction, int(self.values[0]))
