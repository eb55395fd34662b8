"""One cog per area of the product; each does Discord I/O only.

`EXTENSIONS` is the explicit, ordered list the bot loads: a cog that is not listed here
is not part of the bot.
"""

EXTENSIONS: tuple[str, ...] = (
    "cogs.help",
    "cogs.stories",
    "cogs.brands",
    "cogs.moderation",
    "cogs.digest",
    "cogs.notices",
    "cogs.welcome",
)
