"""The weekly digest and leaderboards: ranking in bot/, posting and rendering here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.digest.cog import Digest

if TYPE_CHECKING:
    from bot.client import ExperienceBot


async def setup(bot: ExperienceBot) -> None:
    await bot.add_cog(Digest(bot))
