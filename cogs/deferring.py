"""Answer in time when the work may be slow: defer ("thinking…") after about a second.

Discord gives an interaction 3 seconds for its first response. A command whose work is
usually quick (a brand card, the leaderboard) answers in one message; when the work has
not finished after `DEFER_AFTER` (a burst, a busy database), the member sees a private
"thinking" state at once and the answer follows when it is ready. Errors still reach the
single error path, which answers with a follow-up once the interaction is deferred.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, TypeVar

import discord

T = TypeVar("T")

DEFER_AFTER = 1.0


async def deferring_when_slow(
    interaction: discord.Interaction[Any], work: Awaitable[T], *, after: float = DEFER_AFTER
) -> T:
    """The result of `work`; the interaction is deferred (privately) if it takes longer."""
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=after)
    if not done and not interaction.response.is_done():
        await interaction.response.defer(ephemeral=True, thinking=True)
    return await task


async def send_private(interaction: discord.Interaction[Any], **message: Any) -> None:
    """A private answer, as the first response or, after a deferral, as the follow-up."""
    if interaction.response.is_done():
        await interaction.followup.send(ephemeral=True, **message)
    else:
        await interaction.response.send_message(ephemeral=True, **message)
