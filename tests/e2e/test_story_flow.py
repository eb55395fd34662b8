"""Telling a story end to end: command, form, follow-ups, publication."""

from __future__ import annotations

import asyncio
import dataclasses
import sqlite3
from datetime import timedelta
from typing import Any

from bot.domain.stories import StoryStatus
from standin.interactions import wait_until
from tests.e2e.conftest import App
from tests.e2e.story_helpers import BAD_BODY, answer, submit_story, tell_quickly


def db_rows(app: App, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(app.db_path) as connection:
        return connection.execute(sql, params).fetchall()


async def test_a_great_story_with_every_follow_up(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    alice = app.standin.user("alice")

    _, reply = await submit_story(alice, "great", "Air Canada", product="Flight YUL-CDG")
    # Saved before the member saw anything: the draft is in the database already.
    assert db_rows(app, "SELECT status, headline FROM stories") == [("draft", "Upgraded for free")]
    assert "Air Canada** is new here" in reply.content

    reply = await answer(alice, reply, pick=("Pick an industry", "airline"))
    assert "Would you recommend **Air Canada**" in reply.content
    reply = await answer(alice, reply, pick=("0 to 10", "9"))
    assert "Publish it?" in reply.content
    assert "Upgraded for free" in reply.embed_text()
    reply = await answer(alice, reply, click="Publish")
    assert "published" in reply.content

    posts = app.standin.messages("stories")
    assert len(posts) == 1
    post = posts[0]
    assert "Upgraded for free" in post.embed_text()
    assert "Air Canada" in post.embed_text()
    assert "★★★★★" in post.embed_text()
    assert f"<@{alice.id}>" in post.embed_text()
    assert "9/10" in post.embed_text()
    assert [c.get("label") for c in post.iter_components() if c.get("type") == 2] == [
        "Relatable",
        "Report",
    ]
    assert not post.can_ping()
    assert db_rows(app, "SELECT status, recommend, message_id, product FROM stories") == [
        ("published", 9, post.id, "Flight YUL-CDG")
    ]
    assert db_rows(app, "SELECT name, industry FROM brands") == [("Air Canada", "airline")]


async def test_a_disaster_with_a_misspelt_brand_and_a_contradicting_rating(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    bob, alice = app.standin.user("bob"), app.standin.user("alice")
    await tell_quickly(bob, "great", "Air Canada")

    _, reply = await submit_story(alice, "disaster", "Air Canda", rating=5, body=BAD_BODY)
    assert "Did you mean **Air Canada** (1 story)?" in reply.content
    reply = await answer(alice, reply, click="Yes, Air Canada")
    # The brand exists, so no industry question; the rating contradicts "disaster".
    assert "disastrous experience but gave it ★★★★★" in reply.content
    reply = await answer(alice, reply, pick=("Or change the rating", "1"))
    reply = await answer(alice, reply, pick=("0 to 10", "2"))
    assert "Did **Air Canada** put it right?" in reply.content
    reply = await answer(alice, reply, click="Partly")
    reply = await answer(alice, reply, click="Publish")

    rows = db_rows(
        app,
        "SELECT b.name, s.kind, s.rating, s.recommend, s.resolution, s.status FROM stories s "
        "JOIN brands b ON b.id = s.brand_id WHERE s.author_id = ?",
        alice.id,
    )
    assert rows == [("Air Canada", "disaster", 1, 2, "partly", "published")]
    assert db_rows(app, "SELECT name FROM brands") == [("Air Canada",)]  # the typo is gone
    assert "Partly" in app.standin.messages("stories")[-1].embed_text()


async def test_switching_kind_from_the_rating_check(app: App) -> None:
    alice = app.standin.user("alice")
    _, reply = await submit_story(alice, "great", "Rogers", rating=1)
    reply = await answer(alice, reply, click="Skip")  # industry
    reply = await answer(alice, reply, click="It was a disaster")
    reply = await answer(alice, reply, click="Skip")  # recommend
    assert "put it right?" in reply.content  # disasters get the resolution question
    reply = await answer(alice, reply, click="No")
    reply = await answer(alice, reply, click="Publish")
    assert db_rows(app, "SELECT kind, rating, resolution FROM stories") == [("disaster", 1, "no")]


async def test_without_a_stories_channel_the_member_is_told_where_it_will_appear(app: App) -> None:
    reply = await tell_quickly(app.standin.user("alice"))
    assert "once the moderators choose one" in reply.content
    assert db_rows(app, "SELECT status FROM stories") == [("published",)]
    assert app.standin.messages("stories") == []


async def test_review_mode_queues_the_story_and_tells_moderators(app: App) -> None:
    await app.configure(
        stories_channel_id=app.channel_id("stories"),
        mod_channel_id=app.channel_id("mods"),
        review_mode="review",
    )
    reply = await tell_quickly(app.standin.user("alice"))
    assert "waiting for a moderator" in reply.content
    assert db_rows(app, "SELECT status FROM stories") == [("pending",)]
    assert app.standin.messages("stories") == []
    assert "waiting for review" in app.standin.messages("mods")[-1].content


async def test_anonymous_stories_never_show_the_author(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    alice = app.standin.user("alice")
    await tell_quickly(alice, anonymous=True)
    post = app.standin.messages("stories")[-1]
    assert "an anonymous member" in post.embed_text()
    assert str(alice.id) not in str(post.embeds)


async def test_abandoned_follow_ups_publish_the_story_with_the_answers_given(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    alice = app.standin.user("alice")
    _, reply = await submit_story(alice, "disaster", "Bell", rating=2, body=BAD_BODY)
    reply = await answer(alice, reply, click="Skip")  # industry
    reply = await answer(alice, reply, pick=("0 to 10", "3"))
    # The member walks away here: nothing happens until the timeout has passed.
    cog = app.bot.get_cog("Stories")
    assert cog is not None
    await cog.publish_abandoned()  # type: ignore[attr-defined]
    assert db_rows(app, "SELECT status FROM stories") == [("draft",)]

    app.clock.advance(minutes=29)
    await cog.publish_abandoned()  # type: ignore[attr-defined]
    assert db_rows(app, "SELECT status FROM stories") == [("draft",)]  # may still be answering
    app.clock.advance(minutes=2)
    await cog.publish_abandoned()  # type: ignore[attr-defined]
    assert db_rows(app, "SELECT status, recommend, resolution FROM stories") == [
        ("published", 3, None)
    ]
    # The post was promised as the story was published; the outbox delivers it.
    await wait_until(lambda: len(app.standin.messages("stories")) == 1, 5.0, lambda: "no post")
    await cog.publish_abandoned()  # type: ignore[attr-defined]
    assert len(app.standin.messages("stories")) == 1  # never twice


async def test_only_the_author_can_answer_their_follow_ups(app: App) -> None:
    alice, bob = app.standin.user("alice"), app.standin.user("bob")
    _, reply = await submit_story(alice, "great", "Air Canada")
    # A crafted interaction on alice's private message (Discord would not show it to bob).
    stolen = dataclasses.replace(reply, interaction_user_id=bob.id)
    result = await bob.click(stolen, "Skip")
    message = await result.wait_for_message()
    assert result.ephemeral
    assert "Only the author" in message.content
    assert db_rows(app, "SELECT status, recommend FROM stories") == [("draft", None)]


async def test_status_values_match_the_domain() -> None:
    assert {s.value for s in StoryStatus} == {"draft", "pending", "published", "hidden"}


async def test_the_text_suggests_touchpoints_the_member_did_not_pick(app: App) -> None:
    alice = app.standin.user("alice")
    body = "They charged me twice for one flight and the refund took three months to arrive."
    _, reply = await submit_story(alice, "disaster", "Air Canada", rating=1, body=body)
    reply = await answer(alice, reply, click="Skip")  # industry
    assert "also mentions **Billing & account**" in reply.content
    reply = await answer(alice, reply, click="Add Billing & account")
    assert "Would you recommend" in reply.content
    assert db_rows(app, "SELECT touchpoint FROM story_touchpoints ORDER BY touchpoint") == [
        ("billing",),
        ("service",),
    ]


async def test_the_questions_time_out_into_a_published_story_and_say_so(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    app.bot.followup_timeout = timedelta(seconds=0.3)
    alice = app.standin.user("alice")
    _, reply = await submit_story(alice, "great", "Air Canada")
    reply = await answer(alice, reply, pick=("Pick an industry", "airline"))
    await asyncio.sleep(0.8)  # the member walks away
    assert db_rows(app, "SELECT status FROM stories") == [("published",)]
    assert len(app.standin.messages("stories")) == 1
    edited = app.standin.world.find_message(reply.id) or reply
    assert "No more questions" in edited.content
    assert edited.components == []


async def test_questions_left_unanswered_from_the_start_time_out_the_same_way(
    app: App,
) -> None:
    # The reply to the form itself (no question answered) is the one edited on timeout.
    await app.configure(stories_channel_id=app.channel_id("stories"))
    app.bot.followup_timeout = timedelta(seconds=0.3)
    alice = app.standin.user("alice")
    submitted, reply = await submit_story(alice, "great", "Air Canada")
    assert "No more questions" not in reply.content
    await asyncio.sleep(0.8)  # the member walks away at once
    assert db_rows(app, "SELECT status FROM stories") == [("published",)]
    assert len(app.standin.messages("stories")) == 1
    edited = submitted.message  # the private reply as the member sees it now
    assert edited is not None
    assert edited.id == reply.id
    assert "No more questions" in edited.content
    assert edited.components == []


async def test_a_late_click_cannot_change_a_published_story(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    alice = app.standin.user("alice")
    _, reply = await submit_story(alice, "great", "Air Canada", rating=2)
    reply = await answer(alice, reply, click="Skip")  # industry
    # The sweep publishes it (say, after a restart) while the old reply is still open.
    app.clock.advance(minutes=31)
    cog = app.bot.get_cog("Stories")
    assert cog is not None
    await cog.publish_abandoned()  # type: ignore[attr-defined]
    late = await alice.click(reply, "It was a disaster")
    message = await late.wait_for_message()
    assert late.ephemeral
    assert "/story edit" in message.content
    assert db_rows(app, "SELECT kind, status FROM stories") == [("great", "published")]
