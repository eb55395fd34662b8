"""Moderator tools under `/storymod`: setup now; queue, brands and digest reuse its checks.

Reuse `cogs.moderation.checks` (`moderator_only`, `ModeratorView`, `ModeratorModal`,
`ensure_moderator`) for every new moderator command, button, select or modal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.moderation.cog import Moderation
from cogs.moderation.lifecycle import DataLifecycle
from cogs.moderation.queue_items import QUEUE_ITEMS

if TYPE_CHECKING:
    from bot.client import ExperienceBot


async def setup(bot: ExperienceBot) -> None:
    bot.add_dynamic_items(*QUEUE_ITEMS)  # the queue's buttons, also after a restart
    await bot.add_cog(Moderation(bot))
    await bot.add_cog(DataLifecycle(bot))
