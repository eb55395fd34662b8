"""A French moderator refused by the domain, through the stand-in: the refusals are facts
(`CurationRefused`, `SettingsRefused`) worded by the bot's one error path in the
moderator's language; nothing changes, and nothing the moderator saw is English."""

from __future__ import annotations

import copy

from bot.domain.guild_settings import GuildSettings
from bot.domain.stories import StoryStatus
from bot.i18n import tr
from tests.e2e.conftest import App
from tests.e2e.digest_helpers import add_story
from tests.e2e.language_helpers import english_in, english_seen_by
from tests.e2e.queue_helpers import audit, refused, rows

BODY = "A story that is long enough to pass the rules of the form."  # the author's words


async def test_a_french_moderator_acting_on_a_deleted_story_is_refused_in_french(
    app: App,
) -> None:
    alice = app.standin.users["alice"].id
    story_id = await add_story(
        app, "Bell", 2, headline="Attente", status=StoryStatus.PENDING, author=alice
    )
    moderator = app.standin.user("moderator").speaking("fr")
    card = await (await moderator.run_command("storymod story", id=story_id)).wait_for_message()
    stale = copy.deepcopy(card)  # the same card, still open in another window

    opened = await moderator.click(card, tr("fr", "queue-button-delete"))
    assert opened.kind == "modal"
    deleted = await moderator.submit_modal(
        opened.modal, {tr("fr", "queue-form-reason"): "Histoire inventée"}
    )
    await deleted.wait_for_message()
    assert rows(app, "SELECT count(*) FROM stories") == [(0,)]
    logged = audit(app)

    gone = f"L'histoire n° {story_id} n'existe plus sur ce serveur (supprimée entre-temps ?). "
    gone += "Rien n'a été changé."
    # Hiding asks for a reason first, unless the story is gone: refused before the form.
    assert await refused(moderator.click(stale, "Masquer")) == gone
    assert await refused(moderator.click(stale, "Approuver")) == gone
    assert await refused(moderator.run_command("storymod story", id=story_id)) == gone
    assert audit(app) == logged  # nothing was done twice

    seen = english_seen_by(app.standin, "moderator", theirs=["Attente", "Bell", BODY])
    assert seen == {}


async def test_a_french_moderator_approving_twice_is_refused_in_french(app: App) -> None:
    alice = app.standin.users["alice"].id
    story_id = await add_story(
        app, "Bell", 2, headline="Attente", status=StoryStatus.PENDING, author=alice
    )
    moderator = app.standin.user("moderator").speaking("fr")
    card = await (await moderator.run_command("storymod story", id=story_id)).wait_for_message()
    stale = copy.deepcopy(card)
    await (await moderator.click(card, "Approuver")).wait_for_message()
    text = await refused(moderator.click(stale, "Approuver"))
    assert text == f"L'histoire n° {story_id} est déjà publiée : rien à approuver."
    assert english_in(text) == []
    assert [(a, s) for a, s, _, _ in audit(app)] == [("approve", story_id)]


async def test_a_french_moderators_bad_setup_changes_nothing_and_says_why_in_french(
    app: App,
) -> None:
    moderator = app.standin.user("moderator").speaking("fr")
    result = await moderator.run_command(
        "storymod setup", timezone="Mars/Olympus_Mons", digest_hour=5, stories_channel="stories"
    )
    message = await result.wait_for_message()
    assert result.ephemeral
    assert message.content == (
        "Rien n'a été changé :\n"
        "• « Mars/Olympus\\_Mons » n'est pas un fuseau horaire que je connais. Utilisez un nom "
        "IANA comme `Europe/Paris` ou `America/Toronto` (l'option en propose pendant la saisie)."
    )
    assert await app.storage.guild_settings.get(app.guild_id) == GuildSettings(
        guild_id=app.guild_id
    )
    assert await app.storage.audit_log.recent(app.guild_id) == []

    # The same through the panel's time zone form.
    panel = await (await moderator.run_command("storymod setup")).wait_for_message()
    opened = await moderator.click(panel, tr("fr", "setup-time-zone-button"))
    assert opened.kind == "modal"
    bad = await moderator.submit_modal(opened.modal, {tr("fr", "setup-zone-label"): "Atlantide"})
    text = (await bad.wait_for_message()).content
    assert text.startswith("Rien n'a été changé :\n• « Atlantide » n'est pas un fuseau horaire")
    assert (await app.storage.guild_settings.get(app.guild_id)).timezone == "UTC"
    assert await app.storage.audit_log.recent(app.guild_id) == []

    seen = english_seen_by(app.standin, "moderator", theirs=["Mars/Olympus", "Atlantide"])
    assert seen == {}
