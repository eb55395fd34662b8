"""The services' refusals reach a French moderator in French, through the stand-in: a web
page change that changes nothing and an export of a server with no story, in a server
whose language is English. Nothing is stored or audited. A French member's export file
opens with a French line; a French server's web pages say "not found" in French."""

from __future__ import annotations

import json

from bot.i18n import tr
from tests.e2e.conftest import App
from tests.e2e.language_helpers import english_in, english_seen_by
from tests.e2e.my_stories_helpers import run, tell
from tests.e2e.web_helpers import serving, turn_on


async def test_a_french_moderator_is_refused_in_french_and_nothing_changes(app: App) -> None:
    moderator = app.standin.user("moderator").speaking("fr")

    off = await moderator.run_command("storymod web", action="off")
    refused = await off.wait_for_message()
    assert off.ephemeral
    assert refused.content == "La page web est déjà désactivée ; rien n'a changé."

    rotate = await moderator.run_command("storymod web", action="new-address")
    assert (await rotate.wait_for_message()).content == (
        "Ce serveur n'a pas encore de page web : activez-la avec `/storymod web action:on`."
    )

    export, ephemeral = await run(moderator, "storymod export")
    assert ephemeral
    assert export.content == "Ce serveur n'a encore aucune histoire : rien à exporter."
    assert export.attachments == []

    assert english_seen_by(app.standin, "moderator") == {}
    assert await app.storage.web_pages.get(app.guild_id) is None
    assert await app.storage.audit_log.recent(app.guild_id) == []


def test_the_detector_finds_the_english_of_these_refusals() -> None:
    """The check above can fail: the same refusals in English are caught."""
    for key in ("web-already-off", "web-no-page-yet", "server-export-nothing"):
        assert english_in(tr("en", key)), key
        assert not english_in(tr("fr", key)), key


async def test_an_english_moderator_still_reads_english(app: App) -> None:
    off = await app.standin.user("moderator").run_command("storymod web", action="off")
    assert (await off.wait_for_message()).content == (
        "The web page is already off; nothing changed."
    )


async def test_a_french_members_export_file_opens_in_french(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    await tell(app, "alice", "Surclassés sans rien demander")
    alice = app.standin.user("alice").speaking("fr")
    message, _ = await run(alice, "story export")
    [attachment] = message.attachments
    data = json.loads(attachment.data.decode("utf-8"))
    assert data["about"] == "Tout ce qu'Experience It conserve sur vous, sur tous les serveurs."
    assert english_in(data["about"]) == []


async def test_a_french_servers_web_pages_say_not_found_in_french(app: App) -> None:
    await app.configure(language="fr")
    token = await turn_on(app)
    async with serving(app) as site:
        status, body, _ = await site.get(f"/s/{token}/brands/999999")
        assert (status, body) == (404, "Page introuvable.")
        status, body, _ = await site.get(f"/s/{token}/?period=decade")
        assert (status, body) == (404, "Page introuvable.")
        # An address that leads to no server has no language: both.
        status, body, _ = await site.get("/s/" + "A" * 22 + "/")
        assert (status, body) == (404, "Not found. / Page introuvable.")
