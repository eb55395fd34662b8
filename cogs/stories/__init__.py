"""Stories: the /story commands, the form, the follow-ups and the channel posts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.stories.cog import Stories

if TYPE_CHECKING:
    from bot.client import ExperienceBot


async def setup(bot: ExperienceBot) -> None:
    await bot.add_cog(Stories(bot))
