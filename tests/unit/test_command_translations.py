"""Slash commands in French: keys from command names, and a changed translation changes
the fingerprint (so it is uploaded once, like any change)."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.command_sync import command_payload, fingerprint
from bot.i18n.commands import CatalogTranslator
from standin import limits


def tree_with_help() -> app_commands.CommandTree[Any]:
    tree: app_commands.CommandTree[Any] = app_commands.CommandTree(
        discord.Client(intents=discord.Intents.none())
    )

    @tree.command(name="help", description="What Experience It does and how to use it")
    async def help_command(interaction: discord.Interaction[Any]) -> None:
        """Never called."""

    story = app_commands.Group(name="story", description="Tell and manage stories")

    @story.command(name="edit", description="Edit one of your stories")
    @app_commands.describe(story="The story's number (see /story mine)")
    async def edit(interaction: discord.Interaction[Any], story: int) -> None:
        """Never called."""

    tree.add_command(story)
    return tree


class OtherWording(CatalogTranslator):
    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContextTypes,
    ) -> str | None:
        found = await super().translate(string, locale, context)
        return None if found is None else found + " !"


async def test_french_names_descriptions_and_options_come_from_the_catalog() -> None:
    tree = tree_with_help()
    await tree.set_translator(CatalogTranslator())
    payload = {c["name"]: c for c in await command_payload(tree)}
    assert payload["help"]["name_localizations"] == {"fr": "aide"}
    assert payload["help"]["description_localizations"]["fr"].startswith("Ce que fait")
    assert "en-US" not in payload["help"]["description_localizations"]
    edit = payload["story"]["options"][0]
    assert edit["description_localizations"] == {"fr": "Modifier une de vos histoires"}
    option = edit["options"][0]
    assert option["name_localizations"] == {"fr": "histoire"}
    assert option["description_localizations"]["fr"].startswith("Le numéro")
    # A command without a French name keeps its English one in French.
    assert payload["story"]["name_localizations"] == {}
    assert limits.check_commands(list(payload.values())) == []


async def test_a_changed_translation_changes_the_fingerprint() -> None:
    tree = tree_with_help()
    untranslated = fingerprint(await command_payload(tree))
    await tree.set_translator(CatalogTranslator())
    translated = fingerprint(await command_payload(tree))
    await tree.set_translator(OtherWording())
    reworded = fingerprint(await command_payload(tree))
    assert len({untranslated, translated, reworded}) == 3


def test_the_standin_refuses_localisations_discord_would_refuse() -> None:
    command = {
        "name": "help",
        "description": "Help",
        "type": 1,
        "name_localizations": {"fr": "Aide Moi", "xx": "aide"},
        "description_localizations": {"fr": "x" * 101},
    }
    problems = [message for _, message in limits.check_command(command)]
    assert any("invalid localised name 'Aide Moi'" in p for p in problems)
    assert any("'xx' is not a Discord locale" in p for p in problems)
    assert any("localised description must be 1-100" in p for p in problems)


def test_the_standin_counts_the_longest_localisation_towards_4000_characters() -> None:
    option = {"name": "o", "description": "d", "type": 3}
    command = {
        "name": "c",
        "description": "short",
        "description_localizations": {"fr": "x" * 100},
        "type": 1,
        "options": [
            {**option, "name": f"o{i}", "description_localizations": {"fr": "y" * 100}}
            for i in range(25)
        ],
    }
    # 82 characters in English; the longer French counts instead: 2,651, still allowed.
    problems = [message for _, message in limits.check_command(command)]
    assert problems == []
    command["options"][0]["choices"] = [  # type: ignore[index]
        {"name": "n", "name_localizations": {"fr": "z" * 100}, "value": "v" * 100}
    ] * 25  # 2,525 more in English, but 5,000 more counting the French names
    problems = [message for _, message in limits.check_command(command)]
    assert any("> 4000 characters" in p for p in problems)
