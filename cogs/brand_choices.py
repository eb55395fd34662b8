"""Autocomplete of a server's brands, shared by every command with a brand option.

The choices are worded in the member's language ("Air Canada · 12 histoires",
"➕ Nouvelle marque : …"; catalog `story.ftl`); the brand name itself is member text,
shortened (never the count) to fit Discord's 100 characters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.domain.brands import AUTOCOMPLETE_NAME_MAX, AutocompleteChoice, fit, rank_autocomplete
from bot.i18n import Lang, count, member_lang, tr

if TYPE_CHECKING:
    from bot.client import ExperienceBot


async def brand_choices(
    interaction: discord.Interaction[ExperienceBot],
    current: str,
    *,
    offer_new: bool,
    published_only: bool = True,
) -> list[app_commands.Choice[str]]:
    """Best matches first among names and aliases; `offer_new` adds what was typed.

    Members only see brands with a published story: a name typed into a story that is
    still waiting for review (or was hidden) must not be shown to everyone. Moderators'
    commands pass `published_only=False`.
    """
    if interaction.guild_id is None:
        return []
    candidates = await interaction.client.storage.brands.candidates(interaction.guild_id)
    if published_only:
        candidates = [c for c in candidates if c.story_count > 0]
    lang = member_lang(interaction)
    return [
        app_commands.Choice(name=choice_name(lang, choice), value=choice.value)
        for choice in rank_autocomplete(current, candidates, offer_new=offer_new)
    ]


def choice_name(lang: Lang, choice: AutocompleteChoice) -> str:
    """What the member reads in the list, at most Discord's 100 characters."""
    if choice.brand_id is None:
        room = AUTOCOMPLETE_NAME_MAX - len(tr(lang, "brand-choice-new", brand=""))
        return tr(lang, "brand-choice-new", brand=fit(choice.brand, room))
    suffix = tr(lang, "brand-choice-stories", stories=count(lang, "n-stories", choice.story_count))
    return fit(choice.brand, AUTOCOMPLETE_NAME_MAX - len(suffix)) + suffix
