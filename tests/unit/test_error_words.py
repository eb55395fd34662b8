"""discord.py's expected command failures, worded in the member's language."""

from __future__ import annotations

import pytest
from discord import app_commands

from bot.i18n import Lang
from bot.interaction_errors import describe_check_failure, permission_names
from tests.e2e.language_helpers import english_in


def failures() -> list[app_commands.AppCommandError]:
    cooldown = app_commands.Cooldown(1, 60)
    return [
        app_commands.NoPrivateMessage(),
        app_commands.MissingPermissions(["manage_guild", "manage_messages"]),
        app_commands.BotMissingPermissions(["embed_links"]),
        app_commands.CommandOnCooldown(cooldown, 1.2),
        app_commands.CheckFailure(),
    ]


def test_each_failure_reads_in_french_without_english() -> None:
    worded = [describe_check_failure("fr", error) for error in failures()]
    assert worded == [
        "Cette commande ne fonctionne que dans un serveur.",
        "Il vous faut les permissions Gérer le serveur et Gérer les messages pour faire cela.",
        "J'ai besoin de la permission Intégrer des liens ici pour faire cela. "
        "Demandez à un administrateur du serveur.",
        "Doucement : réessayez dans 1 seconde.",
        "Vous ne pouvez pas utiliser ceci ici.",
    ]
    assert all(english_in(text or "") == [] for text in worded)


def test_the_same_failures_in_english() -> None:
    worded = [describe_check_failure("en", error) for error in failures()]
    assert worded[1] == "You need the Manage Server and Manage Messages permissions to do that."
    assert worded[3] == "Slow down: try again in 1 second."
    assert all(english_in(text or "") for text in worded)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_check_of_our_own_keeps_its_worded_text(lang: Lang) -> None:
    # moderator_only raises its refusal already worded in the member's language.
    class Refused(app_commands.CheckFailure):
        pass

    assert describe_check_failure(lang, Refused("Réservé aux modérateurs.")) == (
        "Réservé aux modérateurs."
    )


def test_an_unknown_permission_is_shown_by_its_name() -> None:
    assert permission_names("fr", ["use_soundboard"]) == "use soundboard"
