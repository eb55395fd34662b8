"""A member's own stories: list, edit, delete, export, forget-me."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.errors import UserFacingError

if TYPE_CHECKING:
    from bot.client import ExperienceBot  # noqa: F401 (used in a string annotation)

Interaction = discord.Interaction["ExperienceBot"]

NOT_YET = "This part of the bot is not ready yet."


async def show_mine(interaction: Interaction) -> None:
    raise UserFacingError(NOT_YET)


async def edit_story(interaction: Interaction, story_id: int) -> None:
    raise UserFacingError(NOT_YET)


async def delete_story(interaction: Interaction, story_id: int) -> None:
    raise UserFacingError(NOT_YET)


async def export_data(interaction: Interaction) -> None:
    raise UserFacingError(NOT_YET)


async def forget_me(interaction: Interaction) -> None:
    raise UserFacingError(NOT_YET)
