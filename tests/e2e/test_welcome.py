"""Joining a server: the system channel if the bot may post there, else the owner, else nobody."""

from __future__ import annotations

from standin.interactions import wait_until
from tests.e2e.conftest import App


def dm_attempts(app: App) -> list[int]:
    """Statuses of the bot's attempts to post in a direct message channel."""
    dm_ids = {str(c.id) for c in app.standin.world.dm_channels.values()}
    return [
        r.status
        for r in app.standin.requests
        if r.method == "POST" and r.path.split("/")[2:3] and r.path.split("/")[2] in dm_ids
    ]


async def test_a_new_server_is_greeted_in_its_system_channel(app: App) -> None:
    guild = await app.standin.add_guild("Maple Street", system_channel="general")
    (note,) = await app.standin.wait_for_message(guild.channels["general"])
    assert "Experience It" in note.content
    assert "`/storymod setup`" in note.content
    assert "`/help`" in note.content
    assert not note.can_ping()
    assert app.standin.dms("owner") == []
    # The server the bot already had when it started is not greeted again.
    assert app.standin.messages("general") == []


async def test_the_owner_hears_by_dm_when_the_system_channel_is_closed_to_the_bot(
    app: App,
) -> None:
    guild = await app.standin.add_guild("Maple *Street*", system_channel="locked")
    await wait_until(
        lambda: bool(app.standin.dms("owner")), 3.0, lambda: "the owner was never told"
    )
    (note,) = app.standin.dms("owner")
    assert "added to **Maple \\*Street\\***" in note.content
    assert "`/storymod setup`" in note.content
    assert app.standin.messages(guild.channels["locked"]) == []


async def test_a_server_without_system_channel_tells_the_owner(app: App) -> None:
    await app.standin.add_guild("Quiet place")
    await wait_until(
        lambda: bool(app.standin.dms("owner")), 3.0, lambda: "the owner was never told"
    )
    assert "`/storymod setup`" in app.standin.dms("owner")[0].content


async def test_nobody_is_told_when_the_owner_closed_their_dms(app: App) -> None:
    app.standin.users["owner"].dms_closed = True
    guild = await app.standin.add_guild("Closed doors", system_channel="locked")
    await wait_until(
        lambda: 403 in dm_attempts(app), 3.0, lambda: "the bot never tried the owner's DMs"
    )
    assert app.standin.dms("owner") == []
    for channel in guild.channels.values():
        assert app.standin.messages(channel) == []
    # The bot carries on as usual in that server.
    result = await app.standin.user("alice", guild).run_command("help")
    assert "Not set up yet" in (await result.wait_for_message()).embed_text()
