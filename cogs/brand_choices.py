"""Autocomplete of a server's brands, shared by every command with a brand option."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.domain.brands import rank_autocomplete

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
    return [
        app_commands.Choice(name=choice.name, value=choice.value)
        for choice in rank_autocomplete(current, candidates, offer_new=offer_new)
    ]
