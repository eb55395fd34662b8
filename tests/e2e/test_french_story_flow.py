"""The story flow in French through the stand-in: a French member tells a story through
every follow-up, is refused (cooldown) and corrected (bad input) without one English
word; a French server's post; French and English members and servers mixed.

The server is set up the way moderators do it, through `/storymod setup` (and
`/storymod language`) before anyone tells a story.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from bot.domain.brands import Industry
from bot.domain.stories import StoryStatus
from bot.domain.submission import Resolution, StoryKind
from bot.domain.touchpoints import Touchpoint
from standin.actors import Actor
from standin.interactions import wait_until
from standin.state import Message
from tests.e2e.conftest import App
from tests.e2e.language_helpers import english_in, english_seen_by
from tests.e2e.story_helpers import GOOD_BODY, answer, tell_quickly
from tests.e2e.test_delivery import db_rows

HEADLINE = "Bagage perdu, puis retrouvé"
BODY = (
    "Ma valise a disparu à Montréal. L'agente au comptoir a tout noté, "
    "et on m'a remboursé les frais trois jours plus tard."
)
FRENCH_FORM = {"Titre": HEADLINE, "Votre histoire": BODY, "Note": ["2"], "Étapes": ["service"]}


async def set_up(app: App, **more: Any) -> None:
    moderator = app.standin.user("moderator")
    panel = await moderator.run_command("storymod setup", stories_channel="stories", **more)
    await panel.wait_for_message()


def labels(message: Message) -> list[str]:
    return [str(c.get("label")) for c in message.iter_components() if c.get("label")]


def post_text(post: Message) -> str:
    return post.embed_text() + "\n" + "\n".join(labels(post))


async def tell_in_french(alice: Actor, brand: str = "Air Canada") -> Message:
    opened = await alice.run_command("story great", brand=brand)
    assert opened.kind == "modal"
    submitted = await alice.submit_modal(opened.modal, FRENCH_FORM)
    reply = await submitted.wait_for_message()
    for _ in range(8):
        shown = labels(reply)
        if "Publier" in shown:
            return await answer(alice, reply, click="Publier")
        if "Passer" in shown:
            reply = await answer(alice, reply, click="Passer")
        elif "Non, c'est tout" in shown:
            reply = await answer(alice, reply, click="Non, c'est tout")
        elif "Garder 2 ★" in shown:
            reply = await answer(alice, reply, click="Garder 2 ★")
        else:
            reply = await answer(alice, reply, click=shown[-1])
    raise AssertionError(f"the follow-ups never reached Publier: {reply.content}")


async def test_a_french_member_goes_through_every_follow_up_in_french(app: App) -> None:
    await set_up(app)
    await tell_quickly(app.standin.user("bob"), brand="Air Canada")  # an existing brand
    alice = app.standin.user("alice").speaking("fr")

    choices = await alice.autocomplete("story great", "brand", "Air Canda")
    assert choices
    opened = await alice.run_command("story great", brand="Air Canda")
    assert opened.modal.title == "Une expérience réussie"
    submitted = await alice.submit_modal(opened.modal, FRENCH_FORM)
    reply = await submitted.wait_for_message()
    assert submitted.ephemeral

    # Did you mean the existing brand? No: a new one, so its industry is asked.
    assert reply.content == (
        "✅ Votre histoire est enregistrée. Vouliez-vous dire **Air Canada** (1 histoire) ?"
    )
    reply = await answer(alice, reply, click="Non, « Air Canda » est une autre marque")
    assert "C'est la première fois qu'on parle de **Air Canda** ici." in reply.content
    reply = await answer(alice, reply, pick=("Choisissez un secteur", "airline"))
    # The French text mentions a refund: billing is offered.
    assert "Votre histoire parle aussi de **Facturation et compte**" in reply.content
    reply = await answer(alice, reply, click="Ajouter « Facturation et compte »")
    # A "great" story with two stars: which is right?
    assert "Vous décrivez une expérience réussie, mais vous lui donnez ★★☆☆☆" in reply.content
    assert labels(reply) == ["Garder 2 ★", "C'était un désastre"]
    reply = await answer(alice, reply, click="C'était un désastre")
    assert "Recommanderiez-vous **Air Canda** à un proche ?" in reply.content
    reply = await answer(alice, reply, pick=("De 0 à 10", "3"))
    assert "La marque **Air Canda** a-t-elle réglé le problème ?" in reply.content
    assert labels(reply) == ["Oui", "En partie", "Non", "Je ne les ai pas contactés"]
    reply = await answer(alice, reply, click="En partie")
    assert reply.content == "Voici à quoi ressemblera votre histoire. La publier ?"
    preview = reply.embed_text()
    for shown in ("Marque", "Étapes", "Recommandation", "Problème réglé par la marque ?"):
        assert shown in preview
    assert "Désastre" in preview
    assert "Facturation et compte" in preview
    done = await answer(alice, reply, click="Publier")
    assert done.content.startswith("🎉 Votre histoire est publiée. Elle est en ligne : https://")

    # Nothing English anywhere alice looked: every state of every reply, the form, the
    # autocomplete choices.
    theirs = [HEADLINE, BODY, "Air Canda", "Air Canada"]
    assert english_seen_by(app.standin, "alice", theirs=theirs) == {}

    # Stored as answered.
    (story,), _ = await app.storage.stories.by_author(app.guild_id, alice.user.id)
    assert story.status is StoryStatus.PUBLISHED
    assert story.kind is StoryKind.DISASTER
    assert story.rating == 2
    assert story.touchpoints == (Touchpoint.SERVICE, Touchpoint.BILLING)
    assert (story.recommend, story.resolution) == (3, Resolution.PARTLY)
    brand = await app.storage.brands.get(story.brand_id)
    assert brand is not None
    assert (brand.name, brand.industry) == ("Air Canda", Industry.AIRLINE)

    # Mixed: the server is English, so the public post is English.
    posts = app.standin.messages("stories")
    post = next(p for p in posts if f"Story #{story.id}" in p.embed_text())
    assert "Told by" in post.embed_text()
    assert labels(post) == ["Relatable", "Report"]


async def test_a_french_member_is_refused_and_corrected_in_french(app: App) -> None:
    await set_up(app, cooldown_minutes=90, daily_cap=5)
    alice = app.standin.user("alice").speaking("fr")

    # A bad input: nothing visible in the headline, a story too short.
    opened = await alice.run_command("story great", brand="Air Canada")
    rejected = await alice.submit_modal(
        opened.modal,
        {
            "Titre": "\u200b\u200b",
            "Votre histoire": "Trop court",
            "Note": ["4"],
            "Étapes": ["service"],
        },
    )
    refusal = await rejected.wait_for_message()
    assert rejected.ephemeral
    assert refusal.content == (
        "Votre histoire n'est pas encore enregistrée :\n"
        "• Le titre doit compter au moins 3 caractères visibles (vous en avez écrit 0).\n"
        "• L'histoire doit compter au moins 20 caractères visibles (vous en avez écrit 9)."
    )
    assert labels(refusal) == ["Corriger"]
    assert await app.storage.stories.by_author(app.guild_id, alice.user.id) == ([], 0)
    reopened = await alice.click(refusal, "Corriger")
    assert reopened.kind == "modal"
    assert reopened.modal.title == "Une expérience réussie"

    # A brand name with nothing to read in it.
    bad_brand = await alice.run_command("story great", brand="???")
    assert (await bad_brand.wait_for_message()).content == (
        "Le nom de la marque doit contenir au moins une lettre ou un chiffre."
    )

    # A second form opened before the first story was told: refused when it is sent,
    # with what was written kept behind the button.
    early = await alice.run_command("story great", brand="Air Canada")
    await tell_in_french(alice)
    late = await alice.submit_modal(early.modal, FRENCH_FORM)
    kept = await late.wait_for_message()
    assert kept.content.startswith(
        "Votre histoire n'est pas encore enregistrée. Vous pourrez raconter une autre histoire <t:"
    )
    assert labels(kept) == ["Corriger"]

    # Then the cooldown, as soon as the command is run.
    refused = await alice.run_command("story disaster", brand="Air Canada")
    message = await refused.wait_for_message()
    assert refused.ephemeral
    assert message.content.startswith("Vous pourrez raconter une autre histoire <t:")
    assert message.content.endswith(
        ":R> (ce serveur permet 5 histoires par jour, espacées d'au moins 1 h 30 min)."
    )
    _, total = await app.storage.stories.by_author(app.guild_id, alice.user.id)
    assert total == 1

    theirs = [HEADLINE, BODY, "Trop court", "Air Canada"]
    assert english_seen_by(app.standin, "alice", theirs=theirs) == {}


async def test_a_french_server_posts_in_french_and_answers_each_member_in_theirs(
    app: App,
) -> None:
    await set_up(app)
    moderator = app.standin.user("moderator")
    await (await moderator.run_command("storymod language", language="fr")).wait_for_message()

    # An English member in a French server: English answers, a French post.
    bob = app.standin.user("bob")
    done = await tell_quickly(bob, brand="Rogers", headline="Fixed in one call")
    assert done.content.startswith("🎉 Your story is published. It is live: https://")
    (post,) = app.standin.messages("stories")
    text = post.embed_text()
    for shown in ("Marque", "Note", "Étapes", "Racontée par", "Histoire n° "):
        assert shown in text
    assert labels(post) == ["Ça m'est arrivé", "Signaler"]
    assert english_in(post_text(post), theirs=["Fixed in one call", GOOD_BODY, "Rogers"]) == []
    assert "Fixed in one call" in post.embed_text()  # member text is never translated

    # Readers: the button stays in the server's language, the report form is the reader's.
    alice = app.standin.user("alice").speaking("fr")
    voted = await alice.click(post, "Ça m'est arrivé")
    await voted.wait_for_response()
    (post,) = app.standin.messages("stories")
    assert labels(post) == ["Ça m'est arrivé (1)", "Signaler"]
    report = await alice.click(post, "Signaler")
    assert report.kind == "modal"
    assert report.modal.title == "Signaler cette histoire"
    thanks = await alice.submit_modal(report.modal, {"Motif": "Cela nomme une personne privée."})
    assert (await thanks.wait_for_message()).content == (
        "Merci. Les modérateurs examineront cette histoire."
    )
    # What she saw includes the post she clicked: bob's words are his, not the bot's.
    theirs = ["Fixed in one call", GOOD_BODY, "Rogers", "Cela nomme une personne privée."]
    assert english_seen_by(app.standin, "alice", theirs=theirs) == {}

    reader = app.standin.user("moderator")  # a reader whose Discord is in English
    english_report = await reader.click(post, "Signaler")
    assert english_report.modal.title == "Report this story"


async def test_a_french_member_who_walks_away_is_told_in_french(app: App) -> None:
    await set_up(app, review_mode="review")
    app.bot.followup_timeout = timedelta(seconds=0.3)
    alice = app.standin.user("alice").speaking("fr")
    opened = await alice.run_command("story great", brand="Air Canada")
    submitted = await alice.submit_modal(opened.modal, {**FRENCH_FORM, "Note": ["5"]})
    reply = await submitted.wait_for_message()
    reply = await answer(alice, reply, pick=("Choisissez un secteur", "airline"))
    await asyncio.sleep(0.8)  # the member walks away
    edited = app.standin.world.find_message(reply.id) or reply
    assert edited.content == (
        "⏱️ Plus de questions. 📝 Merci ! Votre histoire attend la relecture d'un modérateur."
    )
    assert edited.components == []
    assert english_seen_by(app.standin, "alice", theirs=[HEADLINE, BODY, "Air Canada"]) == {}


async def test_a_french_post_accepted_then_answered_503_is_found_not_sent_again(
    app: App,
) -> None:
    # The outbox finds a post it already made by its footer: in French here. Discord's
    # nonce would hide a second send for a few minutes; switched off, only the search of
    # the channel's history keeps the post single.
    await set_up(app)
    await app.configure(language="fr")
    app.standin.nonce_window = 0.0
    app.standin.fail_next("POST", "/channels/{channel_id}/messages", status=503, after_store=True)
    await tell_quickly(app.standin.user("bob"), brand="Rogers")
    await wait_until(
        lambda: db_rows(app, "SELECT count(*) FROM deliveries") == [(0,)],
        10.0,
        lambda: "the post was never recorded",
    )
    (post,) = app.standin.messages("stories")
    story_id, message_id = db_rows(app, "SELECT id, message_id FROM stories")[0]
    assert f"Histoire n° {story_id}" in post.embed_text()
    assert message_id == post.id


async def test_a_french_servers_report_note_and_its_buttons_are_in_french(app: App) -> None:
    await set_up(app, mod_channel="mods", report_threshold=1)
    moderator = app.standin.user("moderator")
    await (await moderator.run_command("storymod language", language="fr")).wait_for_message()
    await tell_quickly(app.standin.user("bob"), brand="Rogers", headline="Fixed in one call")
    (post,) = app.standin.messages("stories")

    # An English reader's report hides the story (threshold 1): the note is the server's.
    report = await app.standin.user("alice").click(post, "Signaler")
    thanks = await app.standin.user("alice").submit_modal(
        report.modal, {"Reason": "It names a private person."}
    )
    await thanks.wait_for_message()
    await wait_until(
        lambda: any(labels(m) for m in app.standin.messages("mods")),
        5.0,
        lambda: f"no note with buttons: {app.standin.messages('mods')}",
    )
    (note,) = [m for m in app.standin.messages("mods") if labels(m)]
    shown = note.content + "\n" + "\n".join(labels(note))
    theirs = ["Fixed in one call", "Rogers", "It names a private person."]
    assert english_in(shown, theirs=theirs) == []
    assert "Rétablir" in labels(note), labels(note)

    # The queue card names why it is hidden in the moderator's language, from a code.
    stored = await app.storage.stories.get(1)
    assert stored is not None
    assert stored.status is StoryStatus.HIDDEN
    card = await moderator.speaking("fr").run_command("storymod queue")
    text = (await card.wait_for_message()).embed_text()
    assert "signalée par les lecteurs" in text
    assert "reported by readers" not in text
