"""/story: tell a great or a disastrous experience, and manage your own stories."""

from __future__ import annotations

import functools
import logging
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import commands, tasks

from bot.domain.brands import brand_name_problem, display_name
from bot.domain.stories import StoryStatus
from bot.domain.submission import StoryKind, SubmissionInvalid, parse_submission
from bot.domain.touchpoints import Touchpoint
from bot.errors import UserFacingError
from bot.i18n import Lang, member_lang, tr, words
from bot.i18n.refusals import refusal_text
from bot.interaction_errors import ErrorReportingView
from cogs.brand_choices import brand_choices
from cogs.deferring import send_private
from cogs.stories import my_stories
from cogs.stories.followups import FollowUpView
from cogs.stories.form import StoryForm
from storage.errors import DatabaseBusyError

if TYPE_CHECKING:
    from bot.client import ExperienceBot

log = logging.getLogger(__name__)

Interaction = discord.Interaction["ExperienceBot"]


@app_commands.guild_only()
class Stories(commands.GroupCog, group_name="story", group_description="Tell and manage stories"):
    def __init__(self, bot: ExperienceBot) -> None:
        self.bot = bot

    async def cog_load(self) -> None:
        self.publish_abandoned.start()

    async def cog_unload(self) -> None:
        self.publish_abandoned.cancel()

    # --- telling a story -------------------------------------------------------------

    @app_commands.command(name="great", description="Tell the story of a great experience")
    @app_commands.describe(brand="The brand or company", anonymous="Hide your name from readers")
    async def great(self, interaction: Interaction, brand: str, anonymous: bool = False) -> None:
        await self._open_form(interaction, StoryKind.GREAT, brand, anonymous)

    @app_commands.command(name="disaster", description="Tell the story of a disastrous experience")
    @app_commands.describe(brand="The brand or company", anonymous="Hide your name from readers")
    async def disaster(self, interaction: Interaction, brand: str, anonymous: bool = False) -> None:
        await self._open_form(interaction, StoryKind.DISASTER, brand, anonymous)

    @great.autocomplete("brand")
    @disaster.autocomplete("brand")
    async def brand_autocomplete(
        self, interaction: Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await brand_choices(interaction, current, offer_new=True)

    async def _open_form(
        self, interaction: Interaction, kind: StoryKind, brand: str, anonymous: bool
    ) -> None:
        assert interaction.guild_id is not None
        problem = brand_name_problem(brand)
        if problem:
            raise UserFacingError(problem)
        await self.bot.stories.ensure_can_post(interaction.guild_id, interaction.user.id)
        name = display_name(brand)
        form = StoryForm(
            kind=kind,
            brand=name,
            touchpoints=await self.bot.stories.usual_touchpoints(interaction.guild_id, name),
            on_submit=functools.partial(self._on_form, kind=kind, brand=name, anonymous=anonymous),
            lang=member_lang(interaction),
        )
        await interaction.response.send_modal(form)

    async def _on_form(
        self,
        interaction: Interaction,
        answers: dict[str, object],
        *,
        kind: StoryKind,
        brand: str,
        anonymous: bool,
    ) -> None:
        try:
            await self._save_form(interaction, answers, kind=kind, brand=brand, anonymous=anonymous)
        finally:  # other members' saves stop waiting for this one
            self.bot.stories.submission_ended(interaction.id)

    async def _save_form(
        self,
        interaction: Interaction,
        answers: dict[str, object],
        *,
        kind: StoryKind,
        brand: str,
        anonymous: bool,
    ) -> None:
        """Save a submitted form; the member is told "saved" only once it is committed.

        In a burst the save queues behind other members' writes: then the member sees a
        private "thinking" state at once and the answer follows once the story is
        committed. When nothing is queued it answers in one message, as the floor does.
        """
        assert interaction.guild_id is not None
        lang = member_lang(interaction)
        await self._think_if_saving_waits(interaction)
        if await self.bot.storage.stories.by_interaction(interaction.id) is not None:
            # The same submission delivered twice: it is saved; limits don't apply to it.
            await send_private(interaction, content=tr(lang, "story-already-saved"))
            return
        raw = {**answers, "kind": kind, "brand": brand, "anonymous": anonymous}
        retry = RetryFormView(
            interaction.user.id,
            functools.partial(
                self._reopen_form, kind=kind, brand=brand, anonymous=anonymous, answers=answers
            ),
            lang,
        )
        try:
            submission = parse_submission(raw)
        except SubmissionInvalid as invalid:
            problems = "\n".join(f"• {words(lang, p)}" for p in invalid.problems)
            await send_private(
                interaction,
                content=tr(lang, "story-not-saved-problems", problems=problems),
                view=retry,
            )
            return
        try:
            await self.bot.stories.ensure_can_post(interaction.guild_id, interaction.user.id)
        except UserFacingError as limit:
            # Keep what they wrote: the button reopens the form filled in, once allowed.
            await send_private(
                interaction,
                content=tr(lang, "story-not-saved-because", reason=refusal_text(lang, limit)),
                view=retry,
            )
            return
        await self._think_if_saving_waits(interaction)
        try:
            submitted = await self.bot.stories.submit(
                guild_id=interaction.guild_id,
                author_id=interaction.user.id,
                submission=submission,
                interaction_id=interaction.id,
            )
        except DatabaseBusyError:
            # Answered in time, and what they wrote is kept behind the button.
            await send_private(interaction, content=tr(lang, "story-not-saved-busy"), view=retry)
            return
        if not submitted.is_new_story:
            await send_private(interaction, content=tr(lang, "story-already-saved"))
            return
        view = FollowUpView(
            self.bot,
            submitted.story,
            submitted.steps,
            submitted.similar,
            submitted.suggested_touchpoints,
            lang=lang,
        )
        view.replying_to(interaction)
        await send_private(interaction, content=view.prompt(), embeds=view.embeds(), view=view)

    async def _think_if_saving_waits(self, interaction: Interaction) -> None:
        """Show "thinking" at once when the save would queue (never twice)."""
        if not interaction.response.is_done() and self.bot.stories.saving_would_wait(
            interaction.id
        ):
            await interaction.response.defer(ephemeral=True, thinking=True)
            await self.bot.stories.let_the_burst_answer_first()

    async def _reopen_form(
        self,
        interaction: Interaction,
        *,
        kind: StoryKind,
        brand: str,
        anonymous: bool,
        answers: dict[str, object],
    ) -> None:
        rating = answers.get("rating")
        known = {t.value: t for t in Touchpoint}
        picked = answers.get("touchpoints")
        touchpoints = [known[t] for t in picked if t in known] if isinstance(picked, list) else []
        form = StoryForm(
            kind=kind,
            brand=brand,
            headline=str(answers.get("headline") or ""),
            body=str(answers.get("body") or ""),
            rating=int(rating) if isinstance(rating, str) and rating.isdigit() else None,
            touchpoints=touchpoints,
            product=str(answers.get("product") or ""),
            on_submit=functools.partial(self._on_form, kind=kind, brand=brand, anonymous=anonymous),
            lang=member_lang(interaction),
        )
        await interaction.response.send_modal(form)

    @tasks.loop(minutes=1)
    async def publish_abandoned(self) -> None:
        """Publish drafts whose member walked away, including across restarts.

        `tasks.loop` ends for good on any exception it does not expect, so nothing may
        escape this body: one bad round is logged and the next one tries again.
        """
        try:
            drafts = await self.bot.stories.abandoned_drafts(self.bot.owns_guild)
        except Exception:
            log.exception("Could not look for abandoned drafts")
            return
        for story in drafts:
            try:
                finished, moved = await self.bot.stories.finish(story.id)
                if moved and finished.status is StoryStatus.PENDING:
                    await self.bot.publisher.publish(finished)  # tells the moderators
                elif moved:
                    self.bot.delivery.wake()  # its post was promised as it was published
            except Exception:
                log.exception("Could not finish abandoned story %s", story.id)

    @publish_abandoned.before_loop
    async def _wait_until_ready(self) -> None:
        await self.bot.wait_until_ready()

    # --- a member's own stories ------------------------------------------------------

    @app_commands.command(name="mine", description="List your stories in this server")
    async def mine(self, interaction: Interaction) -> None:
        await my_stories.show_mine(interaction)

    @app_commands.command(name="edit", description="Edit one of your stories")
    @app_commands.describe(story="The story's number (see /story mine)")
    async def edit(self, interaction: Interaction, story: app_commands.Range[int, 1]) -> None:
        await my_stories.edit_story(interaction, story)

    @app_commands.command(name="delete", description="Delete one of your stories")
    @app_commands.describe(story="The story's number (see /story mine)")
    async def delete(self, interaction: Interaction, story: app_commands.Range[int, 1]) -> None:
        await my_stories.delete_story(interaction, story)

    @app_commands.command(name="export", description="Download everything stored about you")
    async def export(self, interaction: Interaction) -> None:
        await my_stories.export_data(interaction)

    @app_commands.command(
        name="forget-me", description="Delete all your stories, votes and reports"
    )
    async def forget_me(self, interaction: Interaction) -> None:
        await my_stories.forget_me(interaction)


class RetryFormView(ErrorReportingView):
    """Lets a member fix a rejected form without retyping it (in their language)."""

    def __init__(self, author_id: int, reopen: Any, lang: Lang) -> None:
        super().__init__(timeout=15 * 60)
        self.author_id = author_id
        self.reopen = reopen
        self.fix.label = tr(lang, "story-fix-button")

    @discord.ui.button(style=discord.ButtonStyle.primary)
    async def fix(self, interaction: Interaction, button: discord.ui.Button[Any]) -> None:
        await self.reopen(interaction)
