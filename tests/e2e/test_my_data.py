"""A member's own data end to end: /story export and /story forget-me."""

from __future__ import annotations

import asyncio
import json

from standin.state import Guild
from tests.e2e.conftest import App
from tests.e2e.my_stories_helpers import (
    click,
    labels,
    rows,
    run,
    stolen,
    tell,
)

# --- /story export --------------------------------------------------------------------


async def second_server(app: App) -> Guild:
    guild = await app.standin.add_guild("Elsewhere")
    await asyncio.sleep(0.1)  # let the bot take in GUILD_CREATE
    settings = await app.storage.guild_settings.get(guild.id)
    channel = guild.channels["stories"].id
    await app.storage.guild_settings.save(
        settings.model_copy(update={"stories_channel_id": channel}), app.clock()
    )
    return guild


async def test_export_sends_everything_about_the_member_as_stable_json(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    elsewhere = await second_server(app)
    here = await tell(app, "alice", "Ünïcode headline ✈️")
    there = await tell(app, "alice", "Far away", guild=elsewhere)
    bobs = await tell(app, "bob", "Bob's story")
    alice_id, bob_id = app.standin.users["alice"].id, app.standin.users["bob"].id
    await app.storage.stories.toggle_vote(bobs.id, alice_id, app.clock())
    await app.storage.stories.add_report(bobs.id, alice_id, "Looks like an advert", app.clock())
    await app.storage.stories.toggle_vote(here.id, bob_id, app.clock())

    message, ephemeral = await run(app.standin.user("alice"), "story export")
    assert ephemeral
    assert "all servers" in message.content
    assert "2 stories" in message.content
    [attachment] = message.attachments
    assert attachment.filename.endswith(".json")
    text = attachment.data.decode("utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    assert "Ünïcode headline ✈️" in text  # readable, not \u-escaped

    assert data["user_id"] == str(alice_id)
    assert [s["id"] for s in data["stories"]] == [here.id, there.id]
    assert {s["guild_id"] for s in data["stories"]} == {str(app.guild_id), str(elsewhere.id)}
    assert data["stories"][0]["relatable_count"] == 1
    assert [v["story_id"] for v in data["relatable_votes"]] == [bobs.id]
    assert data["reports"][0]["reason"] == "Looks like an advert"
    assert data["reports"][0]["created_at"].endswith("Z")
    assert "Bob's story" not in text  # what alice voted on, not bob's words
    assert data["notices"] == []


# --- /story forget-me -----------------------------------------------------------------


async def test_forget_me_cancelled_keeps_everything(app: App) -> None:
    story = await tell(app, "alice")
    alice = app.standin.user("alice")
    confirm, ephemeral = await run(alice, "story forget-me")
    assert ephemeral
    assert labels(confirm) == ["Delete everything", "Cancel"]
    done, _ = await click(alice, confirm, "Cancel")
    assert "nothing was deleted" in done.content
    assert done.components == []
    assert rows(app, "SELECT id FROM stories") == [(story.id,)]


async def test_forget_me_with_nothing_stored_says_so(app: App) -> None:
    message, ephemeral = await run(app.standin.user("alice"), "story forget-me")
    assert ephemeral
    assert "stores nothing about you" in message.content
    assert message.components == []


async def test_forget_me_erases_everything_everywhere_and_spares_others(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    elsewhere = await second_server(app)
    marker = "Zanzibar-forget-me-marker happened at the counter"
    here = await tell(app, "alice", "Here", body=marker)
    there = await tell(app, "alice", "There", guild=elsewhere, body=marker)
    bobs = await tell(app, "bob", "Bob's story")
    alice_id, bob_id = app.standin.users["alice"].id, app.standin.users["bob"].id
    await app.storage.stories.toggle_vote(bobs.id, alice_id, app.clock())
    await app.storage.stories.add_report(bobs.id, alice_id, "Quokka-report-marker", app.clock())
    await app.storage.stories.toggle_vote(here.id, bob_id, app.clock())
    alice, bob = app.standin.user("alice"), app.standin.user("bob")

    confirm, ephemeral = await run(alice, "story forget-me")
    assert ephemeral
    assert "every server" in confirm.content
    assert "your 2 stories" in confirm.content
    assert "your 1 relatable vote" in confirm.content
    assert "your 1 report" in confirm.content

    refused, _ = await click(bob, stolen(confirm, bob), "Delete everything")
    assert "belong to someone else" in refused.content
    assert len(rows(app, "SELECT id FROM stories WHERE author_id = ?", alice_id)) == 2

    done, _ = await click(alice, confirm, "Delete everything")
    assert "Deleted 2 stories" in done.content
    assert "1 relatable vote" in done.content
    assert "1 report" in done.content
    assert done.components == []

    assert rows(app, "SELECT id FROM stories") == [(bobs.id,)]
    assert rows(app, "SELECT count(*) FROM story_votes") == [(0,)]
    assert rows(app, "SELECT count(*) FROM story_reports") == [(0,)]
    assert [m.id for m in app.standin.messages("stories")] == [bobs.message_id]
    assert app.standin.messages(elsewhere.channels["stories"]) == []
    assert here.message_id
    assert there.message_id
    raw = b"".join(p.read_bytes() for p in app.db_path.parent.glob(app.db_path.name + "*"))
    assert b"Zanzibar-forget-me-marker" not in raw
    assert b"Quokka-report-marker" not in raw

    mine, _ = await run(alice, "story mine")
    assert "/story great" in mine.content
    bobs_view, _ = await run(bob, "story mine")
    assert f"#{bobs.id}" in bobs_view.embed_text()
