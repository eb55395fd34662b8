"""Which language to answer in.

Private answers follow the member's Discord language (`interaction.locale`); public
posts follow the server's: the moderators' choice (`/storymod language`, stored in
`guild_settings.language`), else the server's preferred locale on Discord. Any French
variant (fr, fr-FR, a future fr-CA) is French; every other language, and no language at
all, is English: the only other catalog there is.
"""

from __future__ import annotations

from typing import Any

import discord

from bot.i18n.catalog import Lang

LANGS: tuple[Lang, ...] = ("en", "fr")
DEFAULT_LANG: Lang = "en"


def lang_of(locale: discord.Locale | str | None) -> Lang:
    """The catalog for a Discord locale: `fr`, `fr-FR` → fr; anything else → en."""
    if locale is None:
        return DEFAULT_LANG
    code = locale.value if isinstance(locale, discord.Locale) else str(locale)
    return "fr" if code.lower().split("-")[0] == "fr" else DEFAULT_LANG


def member_lang(interaction: discord.Interaction[Any]) -> Lang:
    """The language of an answer only this member sees."""
    return lang_of(interaction.locale)


def server_lang(guild: discord.Guild | None, chosen: str | None = None) -> Lang:
    """The language of what everyone in the server reads; `chosen` is the server's
    language setting (None: follow the server's preferred locale)."""
    if chosen is not None:
        return lang_of(chosen)
    return DEFAULT_LANG if guild is None else lang_of(guild.preferred_locale)
