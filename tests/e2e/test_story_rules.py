"""Bad input, limits and safety around telling a story."""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

import pytest

from tests.e2e.conftest import App
from tests.e2e.story_helpers import answer, form_values, submit_story, tell_quickly


def stories(app: App) -> list[tuple[Any, ...]]:
    with sqlite3.connect(app.db_path) as connection:
        return connection.execute("SELECT headline, status FROM stories").fetchall()


@pytest.mark.parametrize(
    ("brand", "message"),
    [("!!!", "letter or digit"), ("\u200b\u3164", "letter or digit"), ("x" * 81, "80")],
)
async def test_a_bad_brand_is_refused_before_the_form(app: App, brand: str, message: str) -> None:
    result = await app.standin.user("alice").run_command("story great", brand=brand)
    reply = await result.wait_for_message()
    assert result.kind != "modal"
    assert result.ephemeral
    assert message in reply.content
    assert stories(app) == []


@pytest.mark.parametrize(
    ("form", "problem"),
    [
        ({"headline": "\u200b\u2800\u3164"}, "headline"),
        ({"headline": "ok"}, "at least 3"),
        ({"body": "too short"}, "story"),
        ({"body": "\u200b" * 40}, "story"),
    ],
)
async def test_an_invalid_form_says_what_to_fix_and_saves_nothing(
    app: App, form: dict[str, Any], problem: str
) -> None:
    alice = app.standin.user("alice")
    opened = await alice.run_command("story great", brand="Air Canada")
    values = form_values(**form)
    result = await alice.submit_modal(opened.modal, values)
    reply = await result.wait_for_message()
    assert result.ephemeral
    assert "not saved yet" in reply.content
    assert problem in reply.content.lower()
    assert stories(app) == []

    # "Fix it" reopens the form with what the member typed, so nothing is retyped.
    fix = await alice.click(reply, "Fix it")
    assert fix.kind == "modal"
    prefilled = {f.get("_label"): f.get("value") for f in fix.modal.fields()}
    assert prefilled.get("Your story") == values["Your story"]


async def test_control_characters_and_bidi_overrides_are_removed(app: App) -> None:
    await tell_quickly(
        app.standin.user("alice"), headline="Fine\u202e flight\x00", body="A" * 10 + "\x07 ok " * 5
    )
    ((headline, _),) = stories(app)
    assert headline == "Fine flight"


async def test_the_same_form_delivered_twice_stores_one_story(app: App) -> None:
    await app.configure(cooldown_seconds=0)  # only the duplicate check can stop it
    alice = app.standin.user("alice")
    opened = await alice.run_command("story great", brand="Air Canada")
    # Discord delivers the same submission twice (same interaction id), at once: both
    # reach the form's handler before either has answered.
    first = await alice.submit_modal(opened.modal, form_values(), wait=False)
    await app.standin.send_interaction(first.record)
    await asyncio.sleep(0.3)
    # The bot's second answer to one interaction is refused by Discord (and the stand-in).
    assert all("already" in v for v in app.standin.take_violations())
    callbacks = [
        r.body for r in app.standin.requests if f"/interactions/{first.record.id}/" in r.path
    ]
    assert len(callbacks) == 2
    # The answer is the callback, or a follow-up after a "thinking" callback when the
    # second delivery found the first one's save under way (a queued write).
    answers = callbacks + [
        r.body
        for r in app.standin.requests
        if "/webhooks/" in r.path and first.record.token in r.path
    ]
    assert any("This story is already saved." in str(body) for body in answers)
    assert len(stories(app)) == 1


async def test_cooldown_and_daily_cap_say_when_to_come_back(app: App) -> None:
    await app.configure(cooldown_seconds=300, daily_cap=2)
    alice = app.standin.user("alice")
    await tell_quickly(alice)

    refused = await alice.run_command("story great", brand="Bell")
    reply = await refused.wait_for_message()
    assert refused.ephemeral
    expected = int(app.clock().timestamp()) + 300
    assert f"<t:{expected}:R>" in reply.content

    app.clock.advance(minutes=6)
    await tell_quickly(alice, brand="Bell")
    app.clock.advance(minutes=6)
    capped = await alice.run_command("story great", brand="Rogers")
    reply = await capped.wait_for_message()
    assert "(this server allows 2 stories a day, at least 5 minutes apart)." in reply.content
    assert len(stories(app)) == 2

    # Another member is not affected.
    await tell_quickly(app.standin.user("bob"), brand="Rogers")
    assert len(stories(app)) == 3


async def test_no_cooldown_and_one_a_day_reads_naturally(app: App) -> None:
    setup = await app.standin.user("moderator").run_command(
        "storymod setup", stories_channel="stories", cooldown_minutes=0, daily_cap=1
    )
    panel = await setup.wait_for_message()
    assert "Cooldown between stories: 5 minutes → none" in panel.embed_text()
    assert "Each member: one story a day" in panel.embed_text()
    alice = app.standin.user("alice")
    await tell_quickly(alice)

    refused = await alice.run_command("story great", brand="Bell")
    reply = await refused.wait_for_message()
    expected = int(app.clock().timestamp()) + 24 * 3600
    assert reply.content == (
        f"You can share another story <t:{expected}:R> (this server allows one story a day)."
    )
    assert "every 0" not in reply.content
    assert len(stories(app)) == 1


async def test_nothing_a_member_writes_can_ping_anyone(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    moderator_role = app.standin.roles["moderator"].id
    bob = app.standin.user("bob")
    pings = f"@everyone @here <@{bob.id}> <@&{moderator_role}>"
    alice = app.standin.user("alice")
    _, reply = await submit_story(
        alice,
        brand=f"Pingy {pings}"[:80],
        headline=f"Hi {pings}"[:100],
        body=f"Story text long enough {pings} **bold** [link](https://x.y)",
        product=pings,
    )
    assert not reply.can_ping()
    while "Publish" not in [c.get("label") for c in reply.iter_components()]:
        reply = await answer(alice, reply, click="Skip")
    reply = await answer(alice, reply, click="Publish")
    post = app.standin.messages("stories")[-1]
    assert not post.can_ping()
    assert not reply.can_ping()
    text = post.embed_text()
    assert "@everyone" not in text  # neutralised with a zero-width space
    assert "\\*\\*bold\\*\\*" in text


async def test_autocomplete_offers_existing_brands_and_the_typed_text(app: App) -> None:
    await tell_quickly(app.standin.user("bob"), brand="Air Canada")
    choices = await app.standin.user("alice").autocomplete("story great", "brand", "air can")
    names = [c["name"] for c in choices]
    assert names[0].startswith("Air Canada")
    assert names[-1] == "➕ New brand: air can"
    typo = await app.standin.user("alice").autocomplete("story disaster", "brand", "aircanda")
    assert typo[0]["value"] == "Air Canada"


async def test_story_commands_are_refused_in_direct_messages(app: App) -> None:
    commands = {c["name"]: c for c in app.standin.registered_commands()}
    story = commands["story"]
    assert story.get("contexts") == [0]


async def test_brands_waiting_for_review_are_not_suggested_to_others(app: App) -> None:
    await app.configure(review_mode="review")
    await tell_quickly(app.standin.user("bob"), brand="Shady Name Corp")
    choices = await app.standin.user("alice").autocomplete("story great", "brand", "shady")
    assert [c["value"] for c in choices] == ["shady"]  # only what alice typed
    _, reply = await submit_story(app.standin.user("alice"), brand="Shady Nme Corp")
    assert "Did you mean" not in reply.content


async def test_a_form_sent_past_the_limit_keeps_the_members_words(app: App) -> None:
    await app.configure(cooldown_seconds=300, daily_cap=5)
    alice = app.standin.user("alice")
    first = await alice.run_command("story great", brand="Bell")
    second = await alice.run_command("story great", brand="Rogers")  # two forms open at once
    await (await alice.submit_modal(first.modal, form_values())).wait_for_message()
    late = await alice.submit_modal(second.modal, form_values(headline="The second one"))
    reply = await late.wait_for_message()
    assert "not saved yet" in reply.content
    assert len(stories(app)) == 1
    app.clock.advance(minutes=6)
    reopened = await alice.click(reply, "Fix it")
    prefilled = {f.get("_label"): f.get("value") for f in reopened.modal.fields()}
    assert prefilled["Headline"] == "The second one"
