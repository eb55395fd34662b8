"""Notes to the moderators, members' DMs, and a deleted channel, through the outbox."""

from __future__ import annotations

from standin.interactions import wait_until
from tests.e2e.conftest import App
from tests.e2e.queue_helpers import act, open_queue, pending, rows
from tests.e2e.story_helpers import tell_quickly
from tests.e2e.test_delivery import POSTS, assert_stored_once, setup, wait_for_posts


def dms(app: App, name: str) -> list[str]:
    return [m.content for m in app.standin.dms(name)]


async def test_a_deleted_stories_channel_parks_tells_the_moderators_and_a_new_one_gets_the_backlog(
    app: App,
) -> None:
    await setup(app, stories_channel="stories", mod_channel="mods")
    await app.standin.delete_channel(app.standin.channels["stories"])

    first = await tell_quickly(app.standin.user("alice"))
    assert "It is live" not in first.content
    await tell_quickly(app.standin.user("bob"), brand="Bell")
    await wait_until(
        lambda: any("no longer exists" in m.content for m in app.standin.messages("mods")),
        10.0,
        lambda: "no note in the moderators' channel",
    )
    notes = [m.content for m in app.standin.messages("mods") if "no longer exists" in m.content]
    assert len(notes) == 1  # one note for the breakdown
    assert "/storymod setup" in notes[0]
    assert notes[0].splitlines()[-1].startswith("-# ref. n")  # its recovery marker
    panel = await setup(app)
    assert "2 deliveries: the channel <#" in panel
    assert "no longer exists" in panel
    assert rows(app, "SELECT count(*) FROM stories WHERE message_id IS NOT NULL") == [(0,)]

    # The moderators choose another channel: the backlog goes there, once, in order.
    await setup(app, stories_channel="general")
    await wait_until(
        lambda: (
            len([m for m in app.standin.messages("general") if "Story #" in m.embed_text()]) == 2
            and rows(app, "SELECT count(*) FROM deliveries") == [(0,)]
        ),
        10.0,
        lambda: f"{rows(app, 'SELECT kind, parked_reason FROM deliveries')} still waiting",
    )
    posts = [m for m in app.standin.messages("general") if "Story #" in m.embed_text()]
    assert ["Air Canada" in posts[0].embed_text(), "Bell" in posts[1].embed_text()] == [True] * 2
    stored = rows(app, "SELECT message_id FROM stories ORDER BY id")
    assert stored == [(posts[0].id,), (posts[1].id,)]
    assert "Waiting to be posted" not in await setup(app, stories_channel="general")
    assert len([m for m in app.standin.messages("general") if "Story #" in m.embed_text()]) == 2


async def test_a_note_accepted_then_answered_503_is_found_by_its_marker_not_sent_twice(
    app: App,
) -> None:
    # Discord stores the note, then answers 503: only the channel's history knows (the
    # nonce window is off, as after a few minutes of downtime: the marker alone finds it).
    app.standin.nonce_window = 0.0
    app.standin.fail_next("POST", POSTS, status=503, after_store=True)
    story = await pending(app)
    await wait_until(
        lambda: rows(app, "SELECT count(*) FROM deliveries") == [(0,)],
        15.0,
        lambda: f"{rows(app, 'SELECT kind, attempts FROM deliveries')} still waiting",
    )
    notes = [m.content for m in app.standin.messages("mods")]
    assert [n.split("\n")[0] for n in notes] == [f"📝 Story #{story.id} is waiting for review."]


async def test_an_author_is_told_by_dm_once_even_when_discord_answers_503_after_storing(
    app: App,
) -> None:
    story = await pending(app, "bob")
    moderator = app.standin.user("moderator")
    app.standin.nonce_window = 0.0
    app.standin.fail_next("POST", POSTS, status=503, after_store=True)
    card = await act(moderator, await open_queue(moderator), "Approve")
    assert "Approved" in card.content
    await wait_until(
        lambda: (
            rows(app, "SELECT count(*) FROM deliveries") == [(0,)]
            and rows(app, "SELECT count(*) FROM member_notices") == [(0,)]
        ),
        15.0,
        lambda: f"{rows(app, 'SELECT kind, attempts FROM deliveries')} still waiting",
    )
    told = [d for d in dms(app, "bob") if "approved your story" in d]
    assert len(told) == 1
    assert f"#{story.id}" in told[0]
    assert told[0].splitlines()[-1].startswith("-# ref. m")
    await wait_for_posts(app, 1)
    assert_stored_once(app)


async def test_a_notice_in_a_french_server_is_worded_in_french(app: App) -> None:
    await pending(app, "bob")
    await app.configure(language="fr")
    moderator = app.standin.user("moderator")
    await act(moderator, await open_queue(moderator), "Approve")
    await wait_until(lambda: dms(app, "bob") != [], 10.0, lambda: "no DM")
    [text] = dms(app, "bob")
    assert "Un modérateur a approuvé votre histoire" in text
    assert text.splitlines()[-1].startswith("-# réf. m")


async def test_a_vote_whose_answer_failed_is_shown_on_the_post_by_the_outbox(app: App) -> None:
    await setup(app, stories_channel="stories")
    await tell_quickly(app.standin.user("alice"))
    [post] = await wait_for_posts(app, 1)
    bob = app.standin.user("bob")

    # The answer edits the post itself: the outbox's safety-net edit is dropped.
    clicked = await bob.click(post, "Relatable")
    post = await clicked.wait_for_message()
    await wait_until(
        lambda: rows(app, "SELECT count(*) FROM deliveries") == [(0,)],
        3.0,
        lambda: f"{rows(app, 'SELECT kind, due_at FROM deliveries')} still waiting",
    )

    # The answer is lost (Discord fails it): the outbox edits the post a moment later.
    app.standin.fail_next(
        "POST", "/interactions/{interaction_id}/{interaction_token}/callback", status=503
    )
    await app.standin.user("owner").click(post, "Relatable (1)")
    await wait_until(
        lambda: "Relatable (2)" in str(app.standin.messages("stories")[-1].components),
        10.0,
        lambda: f"the post still shows {app.standin.messages('stories')[-1].components}",
    )
    assert rows(app, "SELECT count(*) FROM story_votes") == [(2,)]
    await wait_until(
        lambda: rows(app, "SELECT count(*) FROM deliveries") == [(0,)],
        3.0,
        lambda: f"{rows(app, 'SELECT kind FROM deliveries')} still waiting",
    )


async def test_notes_wait_while_the_moderators_channel_is_gone_and_arrive_in_the_new_one(
    app: App,
) -> None:
    await setup(app, stories_channel="stories", mod_channel="mods", review_mode="review")
    await app.standin.delete_channel(app.standin.channels["mods"])
    reply = await tell_quickly(app.standin.user("alice"))
    assert "waiting for a moderator" in reply.content
    await wait_until(
        lambda: (
            rows(app, "SELECT count(*) FROM deliveries WHERE parked_reason IS NOT NULL") == [(1,)]
        ),
        10.0,
        lambda: f"{rows(app, 'SELECT kind, parked_reason FROM deliveries')}",
    )
    panel = await setup(app)
    assert "1 delivery: the channel <#" in panel
    assert "no longer exists" in panel

    await setup(app, mod_channel="general")
    await wait_until(
        lambda: rows(app, "SELECT count(*) FROM deliveries") == [(0,)],
        10.0,
        lambda: f"{rows(app, 'SELECT kind, parked_reason FROM deliveries')} still waiting",
    )
    notes = [m.content for m in app.standin.messages("general")]
    assert len(notes) == 1
    assert "is waiting for review" in notes[0]
    assert "Waiting to be posted" not in await setup(app)
