"""Stand-in tests, driven by the tiny bot: messages, buttons, modals, files, channel
permissions, nonces and retries.
"""

from __future__ import annotations

import discord
import pytest

from standin import StandIn, StandInError
from tests.e2e import standin_helpers
from tests.e2e.standin_helpers import Knobs, post_route

# The tiny bot's fixtures, bound here so that pytest finds them in this module.
knobs = standin_helpers.knobs
online = standin_helpers.online


async def test_modal_round_trip(online: StandIn) -> None:
    alice = online.user("alice")
    result = await alice.run_command("story")
    assert result.kind == "modal"
    modal = result.modal
    assert modal.title == "Tell a story"
    assert [f["_label"] for f in modal.fields()] == ["Headline", "Story"]
    submitted = await alice.submit_modal(modal, {"Headline": "Lost bag", "body": "At YUL"})
    message = await submitted.wait_for_message()
    assert message.content == "Saved: Lost bag / At YUL"
    with pytest.raises(StandInError, match="required"):
        await alice.submit_modal(modal, {"Story": "no headline"})
    with pytest.raises(StandInError, match="shown to alice"):
        await online.user("bob").submit_modal(modal, {"Headline": "x"})


async def test_button_click_updates_message(online: StandIn) -> None:
    message = await (await online.user("alice").run_command("ping")).wait_for_message()
    clicked = await online.user("bob").click(message, "Relatable")
    assert clicked.kind == "update"
    assert message.content == "Thanks for voting!"
    assert message.components == []
    with pytest.raises(StandInError, match="no component"):
        await online.user("bob").click(message, "Relatable")


async def test_ephemeral_message_only_clickable_by_its_user(online: StandIn, knobs: Knobs) -> None:
    knobs.ephemeral = True
    result = await online.user("alice").run_command("ping")
    message = await result.wait_for_message()
    assert result.ephemeral
    assert message.ephemeral
    assert online.messages("general") == []
    with pytest.raises(StandInError, match="ephemeral"):
        await online.user("bob").click(message, "Relatable")
    await online.user("alice").click(message, "Relatable")
    assert message.content == "Thanks for voting!"


async def test_locked_channel_is_forbidden_and_nonce_dedupes(online: StandIn) -> None:
    alice = online.user("alice")
    denied = await alice.run_command("say", channel="locked", text="hi")
    assert (await denied.wait_for_message()).content == "Forbidden: 50013"
    ok = await alice.run_command("say", channel="stories", text="hello")
    assert (await ok.wait_for_message()).content == "Posted"
    assert [m.content for m in online.messages("stories")] == ["hello"]


async def test_nonce_duplicate_returns_first_message(online: StandIn, knobs: Knobs) -> None:
    channel = online.channels["digest"]
    body = {"content": "weekly", "nonce": "w-1", "enforce_nonce": True}
    first = await knobs.http.request(post_route(channel.id), json=body)
    second = await knobs.http.request(post_route(channel.id), json=body)
    assert first["id"] == second["id"]
    assert len(online.messages(channel)) == 1


async def test_5xx_after_accept_is_retried_without_double_post(
    online: StandIn, knobs: Knobs
) -> None:
    fault = online.fail_next("POST", "/channels/{channel_id}/messages", after_store=True)
    result = await online.user("alice").run_command("say", channel="stories", text="once")
    assert (await result.wait_for_message(within=4)).content == "Posted"
    assert fault.hits == 1
    posts = [r for r in online.requests if r.method == "POST" and r.path.endswith("/messages")]
    assert [r.status for r in posts] == [500, 200]
    assert [m.content for m in online.messages("stories")] == ["once"]


async def test_new_modal_components_round_trip(online: StandIn) -> None:
    alice = online.user("alice")
    modal = (await alice.run_command("form")).modal
    values = {"Touchpoint": ["phone"], "Mood": "bad", "tags": ["kind"], "Publish?": True}
    result = await alice.submit_modal(modal, values)
    assert (await result.wait_for_message()).content == "[['phone'], 'bad', ['kind'], True]"
    with pytest.raises(StandInError, match="no option 'meh'"):
        await alice.submit_modal(modal, {**values, "Mood": "meh"})


async def test_layout_view_button_in_section(online: StandIn) -> None:
    card = await (await online.user("alice").run_command("card")).wait_for_message()
    clicked = await online.user("bob").click(card, "Helpful")
    assert (await clicked.wait_for_message()).content == "noted"


async def test_file_upload_dm_and_closed_dms(online: StandIn) -> None:
    alice = online.user("alice")
    result = await alice.run_command("upload", in_channel="stories")
    assert (await result.wait_for_message()).content == "done"
    posted = online.messages("stories")[-1]
    assert [(a.filename, a.data) for a in posted.attachments] == [("note.txt", b"hello")]
    assert [m.content for m in online.dms("alice")] == ["thanks!"]
    online.users["bob"].dms_closed = True
    refused = await online.user("bob").run_command("upload")
    assert (await refused.wait_for_message()).content == "dm failed 50007"
    with pytest.raises(StandInError, match="not offered in DMs"):
        await alice.in_dm().run_command("upload")


async def test_interaction_response_with_file(online: StandIn, knobs: Knobs) -> None:
    knobs.attach = True
    message = await (await online.user("alice").run_command("ping")).wait_for_message()
    assert [(a.filename, a.data) for a in message.attachments] == [("chart.png", b"png")]


async def test_channel_history_edit_reactions_delete(online: StandIn, knobs: Knobs) -> None:
    assert knobs.bot is not None
    channel = knobs.bot.get_channel(online.channels["digest"].id)
    assert isinstance(channel, discord.TextChannel)
    first = await channel.send("one", allowed_mentions=discord.AllowedMentions.none())
    second = await channel.send("two", allowed_mentions=discord.AllowedMentions(users=True))
    await first.edit(content="one (edited)")
    await second.add_reaction("👍")
    history = [m.content async for m in channel.history(limit=10)]
    assert history == ["two", "one (edited)"]
    stored = online.messages("digest")
    assert stored[1].reactions == {"👍": {online.bot_user.id}}
    assert not stored[0].can_ping()
    assert stored[1].can_ping()
    await first.delete()
    assert [m.content for m in online.messages("digest")] == ["two"]
    third = await channel.send("no allowed_mentions: Discord parses everything")
    assert online.messages("digest")[-1].id == third.id
    assert online.messages("digest")[-1].can_ping()
