"""What a member's private story answers share: their buttons, confirmations, wording.

Every reply is ephemeral and every button answers only the member who ran the command
(checked, not assumed), in that member's language. Used by `my_stories` (list, edit,
delete) and `my_data` (export, forget-me).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import discord

from bot.errors import UserFacingError
from bot.i18n import Lang, member_lang, tr
from bot.i18n.refusals import refusal_text
from bot.interaction_errors import ErrorReportingView
from bot.services.member_stories import MemberStoryService

if TYPE_CHECKING:
    from bot.client import ExperienceBot  # noqa: F401 (used in a string annotation)

log = logging.getLogger(__name__)

Interaction = discord.Interaction["ExperienceBot"]

# Confirmations expire quickly: an old "Delete" button should not act days later.
CONFIRM_TIMEOUT_SECONDS = 120.0
# Under Discord's 15 minutes, so the list can still be edited when it expires.
LIST_TIMEOUT_SECONDS = 10 * 60.0
FIX_TIMEOUT_SECONDS = 14 * 60.0
HEADLINE_SHOWN = 80
BRAND_SHOWN = 40


def service_for(interaction: Interaction) -> MemberStoryService:
    return MemberStoryService(interaction.client.storage, interaction.client.clock)


def guild_id_of(interaction: Interaction) -> int:
    if interaction.guild_id is None:
        raise UserFacingError(tr(member_lang(interaction), "mine-server-only"))
    return interaction.guild_id


@contextmanager
def in_words(lang: Lang) -> Iterator[None]:
    """The service's refusals are facts (`NoSuchStory`, `ExportTooLarge`…): worded here,
    in the member's language, for the replies that show `error.message` in place."""
    try:
        yield
    except UserFacingError as refused:
        raise UserFacingError(refusal_text(lang, refused)) from None


async def expire(origin: Interaction, text: str | None) -> None:
    """Take the buttons off an expired message; a message already gone is fine."""
    try:
        if text is None:
            await origin.edit_original_response(view=None)
        else:
            await origin.edit_original_response(content=text, embed=None, view=None)
    except discord.HTTPException as exc:
        log.info("Could not tidy an expired message (%s)", exc.status)


class OwnerView(ErrorReportingView):
    """Buttons on an ephemeral reply that only its member may use (checked, not assumed)."""

    def __init__(self, origin: Interaction, timeout: float) -> None:
        super().__init__(timeout=timeout)
        self.origin = origin
        self.owner_id = origin.user.id
        self.lang = member_lang(origin)

    async def interaction_check(self, interaction: discord.Interaction[Any], /) -> bool:
        if interaction.user.id != self.owner_id:
            raise UserFacingError(tr(member_lang(interaction), "mine-not-your-buttons"))
        return True


class ConfirmView(OwnerView):
    """Two buttons that act once; after the timeout they do nothing at all."""

    def __init__(self, origin: Interaction) -> None:
        super().__init__(origin, CONFIRM_TIMEOUT_SECONDS)
        self.done = False

    def claim(self) -> None:
        # Set before any await: a second click racing the first is refused, not repeated.
        # The view is not stopped, so that such a click still gets an answer.
        if self.done:
            raise UserFacingError(tr(self.lang, "confirm-already-done"))
        self.done = True

    async def on_timeout(self) -> None:
        if not self.done:
            self.done = True
            await expire(self.origin, tr(self.lang, "confirm-expired"))
