"""French through the stand-in: commands registered with their French names and
descriptions (checked against Discord's rules by the stand-in), and the converted
flows answering a French member entirely in French, whatever the server's language."""

from __future__ import annotations

import re
from typing import Any

from bot.i18n.catalog import catalog_files
from tests.e2e.conftest import App

# Sentences of the English catalogs a French member must never see (a few words each,
# so that brand or command names shared by both languages do not count).
ENGLISH_MARKERS = re.compile(
    r"\b(the|this|your|you|is|are|not|yet|and|with|stories|needs?|channel|server|posted|"
    r"story|delete|keep|cancel|previous|next|published|hidden|reports?)\b",
    re.IGNORECASE,
)


def english_words(text: str) -> list[str]:
    """English words left in `text`, leaving out command names and links."""
    shown = re.sub(r"`[^`]*`|\(https?://[^)]*\)|/[\w-]+(?: [a-z-]+)?", "", text)
    return ENGLISH_MARKERS.findall(shown)


def walk(command: dict[str, Any], prefix: str = "") -> list[tuple[str, dict[str, Any]]]:
    """(catalog key, definition) of a command and everything in it."""
    key = f"{prefix}-{command['name']}" if prefix else f"cmd-{command['name']}"
    found = [(key, command)]
    for option in command.get("options") or []:
        if option.get("type") in (1, 2):
            found += walk(option, key)
        else:
            found.append((f"{key}-opt-{option['name']}", option))
    return found


async def test_every_command_and_option_has_a_french_description(app: App) -> None:
    found = [pair for command in app.standin.registered_commands() for pair in walk(command)]
    untranslated = [key for key, c in found if "fr" not in c.get("description_localizations", {})]
    assert not untranslated, untranslated
    names = {c["name"]: c for c in app.standin.registered_commands()}
    assert names["help"]["name_localizations"] == {"fr": "aide"}
    assert names["leaderboard"]["name_localizations"] == {"fr": "classement"}
    # Every French command entry is about a command that exists (no stale keys).
    keys = {key for key, _ in found}
    catalog = catalog_files("fr")["commands.ftl"]
    stale = set(re.findall(r"^(cmd-[\w-]+) =", catalog, re.MULTILINE)) - keys
    assert not stale, stale


async def test_a_french_member_gets_help_in_french(app: App) -> None:
    result = await app.standin.user("alice").speaking("fr").run_command("help")
    text = (await result.wait_for_message()).embed_text()
    assert result.ephemeral
    assert "rassemble les histoires" in text
    assert "Pas encore configuré" in text
    assert english_words(text) == []


async def test_a_french_moderator_sees_what_needs_fixing_in_french(app: App) -> None:
    result = await app.standin.user("moderator").speaking("fr-FR").run_command("help")
    text = (await result.wait_for_message()).embed_text()
    assert "⚠️ Pas prêt : 3 points demandent votre attention" in text
    assert "Salon des histoires, Salon du résumé, Salon des modérateurs" in text
    assert "Outils de modération" in text
    assert english_words(text) == []


async def test_mixed_a_french_member_in_an_english_server_and_the_reverse(app: App) -> None:
    assert app.standin.guild.preferred_locale == "en-US"
    french = await app.standin.user("alice").speaking("fr").run_command("help")
    assert "Ce serveur" in (await french.wait_for_message()).embed_text()
    app.standin.guild.preferred_locale = "fr"
    english = await app.standin.user("bob").run_command("help")
    text = (await english.wait_for_message()).embed_text()
    assert "This server" in text
    assert "Ce serveur" not in text


async def test_a_french_server_is_greeted_in_french(app: App) -> None:
    guild = await app.standin.add_guild(
        "Rue Érable", system_channel="general", preferred_locale="fr"
    )
    (note,) = await app.standin.wait_for_message(guild.channels["general"])
    assert "Merci de m'avoir ajouté" in note.content
    assert "`/storymod setup`" in note.content
    assert english_words(note.content) == []


async def test_a_server_in_another_language_is_greeted_in_english(app: App) -> None:
    guild = await app.standin.add_guild(
        "Ahornstraße", system_channel="general", preferred_locale="de"
    )
    (note,) = await app.standin.wait_for_message(guild.channels["general"])
    assert "Thanks for adding me!" in note.content
