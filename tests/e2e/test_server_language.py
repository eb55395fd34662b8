"""/storymod language: public posts in the server's language, private answers in each
member's (the mixed case: an English member in a French server, and the reverse)."""

from __future__ import annotations

from bot.domain.guild_settings import ReviewMode
from bot.domain.stories import StoryStatus
from tests.e2e.bypass import overridden
from tests.e2e.conftest import App
from tests.e2e.my_stories_helpers import rows, run, tell
from tests.e2e.test_french import english_words


async def test_moderators_choose_french_and_it_is_stored_and_audited(app: App) -> None:
    moderator = app.standin.user("moderator")
    reply, ephemeral = await run(moderator, "storymod language", language="fr")
    assert ephemeral
    assert reply.content.startswith(
        "Public posts in this server (stories, the weekly digest, notes to moderators) are "
        "now in French."
    )
    assert (await app.storage.guild_settings.get(app.guild_id)).language == "fr"
    assert rows(app, "SELECT action FROM audit_log") == [("settings",)]

    back, _ = await run(moderator.speaking("fr"), "storymod language", language="discord")
    assert back.content.startswith(
        "Les publications de ce serveur suivent sa langue sur Discord : anglais"
    )
    assert (await app.storage.guild_settings.get(app.guild_id)).language is None


async def test_an_english_member_edits_and_the_french_server_hears_in_french(app: App) -> None:
    await app.configure(
        stories_channel_id=app.channel_id("stories"),
        mod_channel_id=app.channel_id("mods"),
        review_mode=ReviewMode.REVIEW,
        language="fr",
    )
    story = await tell(app, "alice", "Upgraded for free")
    # Approved: an edit sends a published story back to review (a pending one stays put).
    await app.storage.stories.update(story.id, status=StoryStatus.PUBLISHED)
    alice = app.standin.user("alice")
    opened = await alice.run_command("story edit", story=story.id)
    assert opened.modal.title == f"Edit story #{story.id}"
    submitted = await alice.submit_modal(
        opened.modal,
        {"Headline": "Upgraded, then not", "Rating": ["4"], "Touchpoints": ["service"]},
    )
    reply = await submitted.wait_for_message()
    assert reply.content.startswith(f"✏️ Story #{story.id} is updated. This server reviews")
    # Each note ends with its marker line (crash recovery), in the server's language too.
    notes = [m.content.rsplit("\n-# ", 1)[0] for m in app.standin.messages("mods")]
    assert (
        f"✏️ L'histoire n° {story.id} a été modifiée par son auteur et attend de nouveau "
        "une relecture."
    ) in notes
    assert all(english_words(note) == [] for note in notes if "L'histoire" in note)


async def test_a_french_member_past_discords_gate_is_refused_in_french(app: App) -> None:
    alice = overridden(app, "alice")
    alice.locale = "fr"
    reply, ephemeral = await run(alice, "storymod language", language="en")
    assert ephemeral
    assert reply.content == (
        "Seuls les modérateurs peuvent faire cela : il faut la permission Gérer le serveur "
        "ou Gérer les messages, ou le rôle de modérateur du serveur."
    )
    assert (await app.storage.guild_settings.get(app.guild_id)).language is None
    assert rows(app, "SELECT action FROM audit_log") == []


async def test_a_french_moderator_turns_the_web_page_on_and_off_in_french(app: App) -> None:
    moderator = app.standin.user("moderator").speaking("fr")
    on, _ = await run(moderator, "storymod web", action="on")
    assert on.content.startswith("La page web est **activée**.")
    assert "Les moteurs de recherche sont priés de ne pas les lister (noindex)." in on.content
    off, _ = await run(moderator, "storymod web", action="off")
    assert off.content.startswith("La page web est **désactivée**")
    for reply in (on, off):
        assert english_words(reply.content) == []
    stored = await app.storage.web_pages.get(app.guild_id)
    assert stored is not None
    assert not stored.enabled
