"""A French member's own stories through the stand-in: /story mine, delete, export,
forget-me, a refusal and a bad input, in a server whose language is English."""

from __future__ import annotations

from tests.e2e.conftest import App
from tests.e2e.my_stories_helpers import click, labels, run, stolen, tell
from tests.e2e.test_french import english_words

HEADLINE = "Surclassés sans rien demander"
BODY = "L'agente a remarqué notre anniversaire et nous a surclassés tous les deux."


async def told_in_french(app: App, author: str = "alice", **options: object) -> int:
    story = await tell(app, author, HEADLINE, body=BODY, **options)  # type: ignore[arg-type]
    return story.id


async def test_a_french_member_lists_their_stories_in_french(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    alice = app.standin.user("alice").speaking("fr")
    empty, ephemeral = await run(alice, "story mine")
    assert ephemeral
    assert empty.content.startswith("Vous n'avez encore raconté aucune histoire")
    assert english_words(empty.content) == []

    await told_in_french(app)
    await told_in_french(app, kind="disaster", rating=1)
    mine, _ = await run(alice, "story mine")
    text = mine.embed_text()
    assert "Vos histoires sur ce serveur" in text
    assert "Page 1 sur 1 · 2 histoires" in text
    assert "🟢 publiée" in text
    assert "Super expérience" in text
    assert "Désastre" in text
    assert "[publication](https://discord.com/channels/" in text
    assert english_words(text) == []


async def test_a_french_member_deletes_a_story_in_french(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    story_id = await told_in_french(app)
    alice = app.standin.user("alice").speaking("fr")
    confirm, _ = await run(alice, "story delete", story=story_id)
    assert labels(confirm) == ["Supprimer pour de bon", "La garder"]
    assert f"« {HEADLINE} » sur **Air Canada**" in confirm.content
    assert "Cela enlève aussi sa publication dans le salon des histoires" in confirm.content
    assert english_words(confirm.content) == []

    # A refusal: someone else's buttons, answered in that someone's language.
    bob = app.standin.user("bob").speaking("fr-FR")
    refused, _ = await click(bob, stolen(confirm, bob), "Supprimer pour de bon")
    assert refused.content == (
        "Ces boutons appartiennent à quelqu'un d'autre. Lancez la commande vous-même."
    )

    done, _ = await click(alice, confirm, "Supprimer pour de bon")
    assert done.content.startswith(f"🗑️ L'histoire n° {story_id} est supprimée")
    assert english_words(done.content) == []


async def test_a_bad_story_number_is_refused_in_french_and_changes_nothing(app: App) -> None:
    story_id = await told_in_french(app, author="bob")
    alice = app.standin.user("alice").speaking("fr")
    refused, ephemeral = await run(alice, "story delete", story=story_id)
    assert ephemeral
    assert refused.content == (
        f"Vous n'avez pas d'histoire n° {story_id} sur ce serveur. `/story mine` liste les vôtres."
    )
    assert await app.storage.stories.get(story_id) is not None


async def test_export_and_forget_me_in_french_with_french_plurals(app: App) -> None:
    await told_in_french(app)
    alice = app.standin.user("alice").speaking("fr")
    export, _ = await run(alice, "story export")
    assert "1 histoire, 0 vote « ça m'est arrivé », 0 signalement" in export.content
    assert english_words(export.content) == []

    confirm, _ = await run(alice, "story forget-me")
    assert labels(confirm) == ["Tout supprimer", "Annuler"]
    assert "• 1 histoire de votre part, avec leurs publications" in confirm.content
    assert english_words(confirm.content) == []
    cancelled, _ = await click(alice, confirm, "Annuler")
    assert cancelled.content == "Annulé : rien n'a été supprimé."


async def test_an_english_member_in_a_french_server_is_answered_in_english(app: App) -> None:
    app.standin.guild.preferred_locale = "fr"
    mine, _ = await run(app.standin.user("alice"), "story mine")
    assert mine.content.startswith("You haven't shared any stories in this server yet.")


async def test_a_french_member_edits_a_story_through_a_french_form(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    story_id = await told_in_french(app)
    alice = app.standin.user("alice").speaking("fr")
    opened = await alice.run_command("story edit", story=story_id)
    assert opened.kind == "modal"
    assert opened.modal.title == f"Modifier l'histoire n° {story_id}"
    shown = [f.get("_label") for f in opened.modal.fields()]
    assert shown == ["Titre", "Votre histoire", "Note", "Étapes", "Produit ou service (facultatif)"]
    touchpoints = next(f for f in opened.modal.fields() if f.get("_label") == "Étapes")
    assert "Service client et assistance" in [o["label"] for o in touchpoints["options"]]

    # A bad input: a headline with nothing visible in it.
    rejected = await alice.submit_modal(
        opened.modal, {"Titre": "\u200b\u200b", "Note": ["3"], "Étapes": ["service"]}
    )
    refusal = await rejected.wait_for_message()
    assert refusal.content.startswith(f"L'histoire n° {story_id} n'a pas été modifiée :")
    assert labels(refusal) == ["Corriger"]
    stored = await app.storage.stories.get(story_id)
    assert stored is not None
    assert stored.headline == HEADLINE

    reopened = await alice.click(refusal, "Corriger")
    assert reopened.kind == "modal"
    submitted = await alice.submit_modal(
        reopened.modal,
        {"Titre": "Surclassés, puis rétrogradés", "Note": ["3"], "Étapes": ["service"]},
    )
    reply = await submitted.wait_for_message()
    assert reply.content.startswith(f"✏️ L'histoire n° {story_id} est à jour.")
    assert "Sa publication montre la nouvelle version" in reply.content
