"""/storymod web: off by default, on with an unguessable address, rotation, audit."""

from __future__ import annotations

import re

from bot.domain.web_access import looks_like_token
from tests.e2e.bypass import overridden
from tests.e2e.conftest import App

ADDRESS = re.compile(r"<https://stories\.example/s/([A-Za-z0-9_-]+)/>")


async def test_moderators_turn_the_page_on_rotate_it_and_turn_it_off(app: App) -> None:
    app.bot.public_url = "https://stories.example/"
    assert await app.storage.web_pages.get(app.guild_id) is None  # off by default
    moderator = app.standin.user("moderator")

    on = await moderator.run_command("storymod web", action="on")
    message = await on.wait_for_message()
    assert on.ephemeral
    match = ADDRESS.search(message.content)
    assert match, message.content
    first = match.group(1)
    assert looks_like_token(first)
    assert "noindex" in message.content
    stored = await app.storage.web_pages.get(app.guild_id)
    assert stored is not None
    assert (stored.enabled, stored.indexable, stored.token) == (True, False, first)

    rotated = await moderator.run_command("storymod web", action="new-address")
    match = ADDRESS.search((await rotated.wait_for_message()).content)
    assert match
    assert match.group(1) != first
    assert await app.storage.web_pages.by_token(first) is None

    indexed = await moderator.run_command("storymod web", action="on", search_engines=True)
    assert "Search engines may list" in (await indexed.wait_for_message()).content

    off = await moderator.run_command("storymod web", action="off")
    assert "**off**" in (await off.wait_for_message()).content
    stored = await app.storage.web_pages.get(app.guild_id)
    assert stored is not None
    assert not stored.enabled

    entries = await app.storage.audit_log.recent(app.guild_id)
    changes = [e.details["change"] for e in entries if e.action == "web_page" and e.details]
    assert sorted(changes) == sorted(["on", "new-address", "on", "off"])
    assert all(first not in str(e.details) for e in entries)


async def test_changes_that_change_nothing_are_refused_privately(app: App) -> None:
    moderator = app.standin.user("moderator")
    off = await moderator.run_command("storymod web", action="off")
    assert "already off" in (await off.wait_for_message()).content
    rotate = await moderator.run_command("storymod web", action="new-address")
    assert "no web page yet" in (await rotate.wait_for_message()).content
    assert await app.storage.web_pages.get(app.guild_id) is None
    assert await app.storage.audit_log.recent(app.guild_id) == []


async def test_without_a_web_server_the_moderator_is_told_so(app: App) -> None:
    result = await app.standin.user("moderator").run_command("storymod web", action="on")
    assert "has not started the web server" in (await result.wait_for_message()).content


async def test_non_moderators_are_refused(app: App) -> None:
    alice = overridden(app, "alice")
    result = await alice.run_command("storymod web", action="on")
    message = await result.wait_for_message()
    assert "Only moderators" in message.content
    assert await app.storage.web_pages.get(app.guild_id) is None
