"""Stories: the /story commands, the form, the follow-ups and the channel posts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.stories.cog import Stories
from cogs.stories.reactions import PERSISTENT_ITEMS

if TYPE_CHECKING:
    from bot.client import ExperienceBot


async def setup(bot: ExperienceBot) -> None:
    # Buttons under story posts carry their story id: they work after a restart.
    bot.add_dynamic_items(*PERSISTENT_ITEMS)
    await bot.add_cog(Stories(bot))
