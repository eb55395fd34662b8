"""/help for members and moderators, before and after the server is set up."""

from __future__ import annotations

from bot.version import __version__
from standin import Message
from tests.e2e.conftest import App


async def ask_help(app: App, who: str) -> Message:
    result = await app.standin.user(who).run_command("help")
    message = await result.wait_for_message()
    assert result.ephemeral
    return message


async def set_up_through_the_command(app: App) -> None:
    channels = app.standin.channels
    result = await app.standin.user("moderator").run_command(
        "storymod setup",
        stories_channel=channels["stories"],
        digest_channel=channels["digest"],
        mod_channel=channels["mods"],
    )
    panel = await result.wait_for_message()
    assert "Nothing: everything is set up" in panel.embed_text()


async def test_a_member_learns_the_server_is_not_set_up_yet(app: App) -> None:
    text = (await ask_help(app, "alice")).embed_text()
    assert "/story great" in text
    assert "Not set up yet: stories are saved but not posted" in text
    assert "Moderator tools" not in text
    assert f"Experience It {__version__}" in text


async def test_a_moderator_sees_the_setup_step_and_what_is_missing(app: App) -> None:
    text = (await ask_help(app, "moderator")).embed_text()
    assert "This server (you moderate it)" in text
    assert "⚠️ Not ready: 3 things need attention" in text
    assert "Stories channel, Digest channel, Moderators' channel" in text
    assert "Run `/storymod setup`" in text
    assert "`/storymod queue`" in text
    assert f"Experience It {__version__}" in text


async def test_after_setup_members_see_where_stories_go_and_moderators_that_all_is_well(
    app: App,
) -> None:
    await set_up_through_the_command(app)
    member = await ask_help(app, "bob")
    stories, digest = app.channel_id("stories"), app.channel_id("digest")
    assert f"Stories are posted in <#{stories}>; the weekly digest in <#{digest}>." in (
        member.embed_text()
    )
    assert not member.can_ping()
    moderator = (await ask_help(app, "moderator")).embed_text()
    assert "✅ Set up: everything works as configured." in moderator
    assert "Not ready" not in moderator


async def test_the_owner_counts_as_a_moderator(app: App) -> None:
    text = (await ask_help(app, "owner")).embed_text()
    assert "Moderator tools" in text


async def test_help_in_a_direct_message_has_no_server_part(app: App) -> None:
    result = await app.standin.user("alice").in_dm().run_command("help")
    text = (await result.wait_for_message()).embed_text()
    assert "/story great" in text
    assert "This server" not in text
    assert f"Experience It {__version__}" in text
