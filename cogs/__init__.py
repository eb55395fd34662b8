"""One cog per area of the product; each does Discord I/O only.

`EXTENSIONS` is the explicit, ordered list the bot loads: a cog that is not listed here
is not part of the bot. The core loads this package as one extension (`"cogs"`), whose
`setup` loads each listed area in order: `bot/` names the package by string and never
imports a cog.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.client import ExperienceBot

EXTENSIONS: tuple[str, ...] = (
    "cogs.help",
    "cogs.stories",
    "cogs.brands",
    "cogs.moderation",
    "cogs.digest",
    "cogs.notices",
    "cogs.delivery",
    "cogs.welcome",
)


async def setup(bot: ExperienceBot) -> None:
    for extension in EXTENSIONS:
        await bot.load_extension(extension)
