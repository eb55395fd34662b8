"""Every promised post arrives exactly once: before setup, through 5xx, after a 403 is fixed."""

from __future__ import annotations

import sqlite3
from itertools import pairwise
from typing import Any

from standin.guilds import Perm
from standin.interactions import wait_until
from standin.state import Message
from tests.e2e.conftest import App
from tests.e2e.story_helpers import tell_quickly

POSTS = "/channels/{channel_id}/messages"


def db_rows(app: App, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(app.db_path) as connection:
        return connection.execute(sql, params).fetchall()


def story_posts(app: App) -> list[Message]:
    return [m for m in app.standin.messages("stories") if "Story #" in m.embed_text()]


def outbox_size(app: App) -> int:
    return int(db_rows(app, "SELECT count(*) FROM deliveries")[0][0])


async def wait_for_posts(app: App, count: int, within: float = 10.0) -> list[Message]:
    """Until `count` posts are in the channel and the bot has recorded them."""
    await wait_until(
        lambda: len(story_posts(app)) >= count and outbox_size(app) == 0,
        within,
        lambda: f"expected {count} posts, saw {len(story_posts(app))}; {outbox_size(app)} waiting",
    )
    return story_posts(app)


async def setup(app: App, **options: Any) -> str:
    result = await app.standin.user("moderator").run_command("storymod setup", **options)
    message = await result.wait_for_message()
    assert result.ephemeral
    return message.embed_text()


def assert_stored_once(app: App) -> None:
    """Each published story has exactly one post, and that post's id is stored."""
    posts = story_posts(app)
    stored = db_rows(app, "SELECT id, message_id FROM stories WHERE status = 'published'")
    assert len(posts) == len(stored)
    by_story = {int(p.embed_text().split("Story #")[1].split()[0]): p.id for p in posts}
    assert dict(stored) == by_story
    assert db_rows(app, "SELECT count(*) FROM deliveries") == [(0,)]


async def test_a_story_published_before_setup_is_posted_once_a_channel_is_chosen(
    app: App,
) -> None:
    reply = await tell_quickly(app.standin.user("alice"))
    assert "once the moderators choose one" in reply.content
    assert "It is live" not in reply.content
    assert story_posts(app) == []

    panel = await setup(app)
    assert "1 delivery: no stories channel is chosen" in panel
    await setup(app, stories_channel="stories")
    await wait_for_posts(app, 1)
    assert_stored_once(app)
    await setup(app, stories_channel="stories")  # saving again posts nothing twice
    assert len(story_posts(app)) == 1


async def test_a_503_once_then_the_post_arrives_once(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    app.standin.fail_next("POST", POSTS, status=503)  # discord.py does not retry a 503

    reply = await tell_quickly(app.standin.user("alice"))
    assert "It will appear in <#" in reply.content
    assert "shortly" in reply.content
    assert "moderators were told" not in reply.content
    await wait_for_posts(app, 1)
    assert_stored_once(app)


async def test_a_post_accepted_then_answered_503_is_found_not_sent_again(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    # Discord stores the message, then its edge answers 503: only the history knows.
    app.standin.fail_next("POST", POSTS, status=503, after_store=True)
    await tell_quickly(app.standin.user("alice"))
    await wait_for_posts(app, 1)
    assert len(story_posts(app)) == 1
    assert_stored_once(app)


async def test_a_removed_permission_parks_posts_tells_the_moderators_and_resumes(
    app: App,
) -> None:
    await app.configure(
        stories_channel_id=app.channel_id("stories"), mod_channel_id=app.channel_id("mods")
    )
    stories = app.standin.channels["stories"]
    await app.standin.revoke_bot_permission(stories, Perm.SEND_MESSAGES)

    first = await tell_quickly(app.standin.user("alice"))
    assert "It is live" not in first.content
    await tell_quickly(app.standin.user("bob"), brand="Bell")
    await wait_until(
        lambda: any("not allowed to post" in m.content for m in app.standin.messages("mods")),
        10.0,
        lambda: "no note in the moderators' channel",
    )
    notes = [m for m in app.standin.messages("mods") if "not allowed to post" in m.content]
    assert len(notes) == 1  # one note for the breakdown, not one per story
    assert "Send Messages" in notes[0].content
    assert "/storymod setup" in notes[0].content
    assert story_posts(app) == []
    panel = await setup(app)
    assert "2 deliveries: I am not allowed to post in" in panel

    # The moderators fix the permission, then save the setup.
    await app.standin.restore_bot_permission(stories, Perm.SEND_MESSAGES)
    await setup(app, stories_channel="stories")
    await wait_for_posts(app, 2)
    assert_stored_once(app)
    headlines = [p.embed_text() for p in story_posts(app)]
    assert "Air Canada" in headlines[0]  # in the order they were published
    assert "Bell" in headlines[1]
    assert "Waiting to be posted" not in await setup(app)


async def test_500s_for_30_seconds_then_the_post_arrives_once(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    outage = app.standin.fail_for(30, "POST", POSTS, status=500)
    reply = await tell_quickly(app.standin.user("alice"))
    assert "shortly" in reply.content
    # discord.py retries a 500 itself for about 16 s, then gives up: the outbox keeps it.
    await wait_until(
        lambda: db_rows(app, "SELECT attempts FROM deliveries") == [(1,)],
        25.0,
        lambda: f"discord.py did not give up; {outage.hits} requests",
    )
    assert story_posts(app) == []
    app.standin.clock.advance(30)  # Discord recovers
    await wait_for_posts(app, 1, within=40.0)
    assert_stored_once(app)


async def test_a_released_backlog_is_posted_in_order_at_a_gentle_pace(app: App) -> None:
    await app.configure(
        stories_channel_id=app.channel_id("stories"), mod_channel_id=app.channel_id("mods")
    )
    app.bot.delivery.backlog, app.bot.delivery.pace = 3, 0.4  # 10/minute, shortened
    stories = app.standin.channels["stories"]
    await app.standin.revoke_bot_permission(stories, Perm.SEND_MESSAGES)
    members = ["alice", "bob", "owner", "moderator", "carol"]
    app.standin.add_user("carol")
    for name in members:
        await tell_quickly(app.standin.user(name), brand=f"Brand {name}")
    assert story_posts(app) == []

    await app.standin.restore_bot_permission(stories, Perm.SEND_MESSAGES)
    await setup(app, stories_channel="stories")
    posts = await wait_for_posts(app, len(members))
    assert_stored_once(app)
    assert all(
        f"Brand {name}" in post.embed_text() for name, post in zip(members, posts, strict=True)
    )
    gaps = [later.created_at - earlier.created_at for earlier, later in pairwise(posts)]
    assert min(gaps) >= 0.35, gaps
