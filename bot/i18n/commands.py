"""Slash commands in French: discord.py's `Translator`, reading the `commands.ftl` catalog.

A command's key comes from its full name, so no cog has to mark its strings:
`/story mine` is `cmd-story-mine` (its value is the description, `.name` an optional
French name) and its option `brand` is `cmd-story-mine-opt-brand` (same shape). A
choice's context names no command, so a choice carries its key itself:
`Choice(name=locale_str("this week", key="choice-period-week"), …)`.
Anything without a French entry keeps its English text.
English itself is never "translated": the code's strings are the English catalog for
commands (Discord needs them as the defaults anyway).
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands
from discord.app_commands import TranslationContextLocation as Where

from bot.i18n.catalog import bundle, has, tr
from bot.i18n.language import LANGS, lang_of


def command_key(qualified_name: str) -> str:
    return "cmd-" + qualified_name.replace(" ", "-")


def key_for(context: app_commands.TranslationContextTypes) -> tuple[str, bool] | None:
    """(catalog key, whether the name rather than the description is wanted)."""
    data: Any = context.data
    location = context.location
    if location in (Where.command_name, Where.group_name):
        return command_key(data.qualified_name), True
    if location in (Where.command_description, Where.group_description):
        return command_key(data.qualified_name), False
    if location in (Where.parameter_name, Where.parameter_description):
        key = f"{command_key(data.command.qualified_name)}-opt-{data.display_name}"
        return key, location is Where.parameter_name
    return None


def choice_key(string: app_commands.locale_str) -> str | None:
    key = string.extras.get("key")
    return key if isinstance(key, str) else None


class CatalogTranslator(app_commands.Translator):
    async def load(self) -> None:
        """Read every catalog now (set_translator calls this in setup_hook): a broken
        catalog stops the start, before any member meets it."""
        for lang in LANGS:
            bundle(lang)

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        lang = lang_of(locale)
        if lang == "en":
            return None
        if context.location is Where.choice_name:
            key = choice_key(string)
            return tr(lang, key) if key is not None and has(lang, key) else None
        found = key_for(context)
        if found is None:
            return None
        key, wants_name = found
        # Only some commands have a French name: the others keep the English one.
        wanted = f"{key}.name" if wants_name else key
        return tr(lang, wanted) if has(lang, wanted) else None
