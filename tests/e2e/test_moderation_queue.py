"""/storymod queue and /storymod story end to end: every action, who may act, the author.

Buttons live on ephemeral cards and on notes in #mods; both are dynamic items, so they
also work after a restart. Non-moderators reach them through a crafted view of #mods
(a member-level overwrite) or a role taken away while a card is open.
"""

from __future__ import annotations

import copy
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.client import ExperienceBot
from bot.domain.guild_settings import ReviewMode
from bot.domain.stories import Story
from bot.domain.submission import parse_submission
from storage.sqlite import open_storage
from tests.conftest import FakeClock
from tests.e2e.bypass import overridden
from tests.e2e.conftest import App
from tests.e2e.story_helpers import tell_quickly
from tests.e2e.test_moderation_setup import add_helper_role, set_roles
from tests.e2e.test_my_stories import tell
from tests.standin import Actor, StandIn
from tests.standin.interactions import wait_until
from tests.standin.state import Message, Overwrite, Perm

REFUSED = "Only moderators can do that"


def rows(app: App, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(app.db_path) as connection:
        return connection.execute(sql, params).fetchall()


def labels(message: Message) -> list[str]:
    return [str(c.get("label")) for c in message.iter_components() if c.get("type") == 2]


def enabled(message: Message) -> list[str]:
    return [
        str(c.get("label"))
        for c in message.iter_components()
        if c.get("type") == 2 and not c.get("disabled")
    ]


def snapshot(app: App) -> list[list[tuple[Any, ...]]]:
    """Everything an action could change."""
    return [
        rows(app, "SELECT * FROM stories ORDER BY id"),
        rows(app, "SELECT * FROM story_reports ORDER BY story_id, reporter_id"),
        rows(app, "SELECT * FROM audit_log"),
        rows(app, "SELECT * FROM member_notices"),
    ]


def audit(app: App) -> list[tuple[Any, ...]]:
    return rows(app, "SELECT action, story_id, moderator_id, reason FROM audit_log ORDER BY id")


async def channels(app: App, **settings: Any) -> None:
    await app.configure(
        stories_channel_id=app.channel_id("stories"),
        mod_channel_id=app.channel_id("mods"),
        **settings,
    )


async def pending(app: App, author: str = "alice", headline: str = "Upgraded for free") -> Story:
    await channels(app, review_mode="review")
    return await tell(app, author, headline)


async def published(app: App, author: str = "alice", headline: str = "Upgraded for free") -> Story:
    await channels(app)
    return await tell(app, author, headline)


async def report(app: App, post: Message, reader: str, reason: str = "Spam and lies") -> None:
    """Report a post and wait for the note in #mods (it follows the reader's thanks)."""
    notes = len(app.standin.messages("mods"))
    actor = app.standin.user(reader)
    opened = await actor.click(post, "Report")
    await (await actor.submit_modal(opened.modal, {"Reason": reason})).wait_for_message()
    await wait_until(
        lambda: len(app.standin.messages("mods")) > notes, 3.0, lambda: "no note in #mods"
    )


async def open_queue(actor: Actor) -> Message:
    result = await actor.run_command("storymod queue")
    message = await result.wait_for_message()
    assert result.ephemeral
    return message


async def open_story(actor: Actor, story_id: int) -> Message:
    result = await actor.run_command("storymod story", id=story_id)
    message = await result.wait_for_message()
    assert result.ephemeral
    return message


async def act(actor: Actor, message: Message, label: str, reason: str | None = None) -> Message:
    """Click an action (filling the reason form if it asks) and return the updated card."""
    result = await actor.click(message, label)
    if reason is not None:
        assert result.kind == "modal"
        result = await actor.submit_modal(result.modal, {"Reason": reason})
    return await result.wait_for_message()


async def refused(result_message: Any) -> str:
    result = await result_message
    message = await result.wait_for_message()
    assert result.kind == "message", "a refusal is a new private reply; the card is untouched"
    assert message.ephemeral
    return str(message.content)


def dms(app: App, name: str) -> list[str]:
    return [m.content for m in app.standin.dms(name)]


# --- review mode: submission → queue → approval → channel post ------------------------


async def test_review_mode_from_submission_to_approval_to_the_channel_post(app: App) -> None:
    await channels(app, review_mode="review")
    reply = await tell_quickly(app.standin.user("alice"))
    assert "waiting for a moderator" in reply.content
    (story_id,) = rows(app, "SELECT id FROM stories WHERE status = 'pending'")[0]
    assert app.standin.messages("stories") == []
    note = app.standin.messages("mods")[-1]
    assert f"Story #{story_id} is waiting for review" in note.content
    assert labels(note) == ["Approve", "Hide", "Delete"]

    moderator = app.standin.user("moderator")
    card = await open_queue(moderator)
    assert card.content.startswith("🗂️ Review queue: 1 of 1")
    assert "Upgraded for free" in card.embed_text()
    assert "Waiting for review" in card.embed_text()
    assert f"<@{app.standin.users['alice'].id}>" in card.embed_text()
    assert labels(card) == ["Approve", "Hide", "Delete", "Prev", "Next"]
    assert enabled(card) == ["Approve", "Hide", "Delete"]

    card = await act(moderator, card, "Approve")

    assert "Approved: story" in card.content
    assert "It is live" in card.content
    assert "Published" in card.embed_text()
    assert labels(card) == ["Hide", "Highlight", "Delete", "Prev", "Next"]
    posts = app.standin.messages("stories")
    assert len(posts) == 1
    assert rows(app, "SELECT status, message_id FROM stories") == [("published", posts[0].id)]
    assert audit(app) == [("approve", story_id, moderator.id, None)]
    assert any("approved your story" in text for text in dms(app, "alice"))
    assert rows(app, "SELECT count(*) FROM member_notices") == [(0,)]  # delivered by DM
    assert (await open_queue(moderator)).content.startswith("✅ Nothing waits")


async def test_an_edited_story_goes_back_to_the_queue_and_is_approved_again(app: App) -> None:
    story = await published(app)
    await app.configure(review_mode="review")
    alice = app.standin.user("alice")
    opened = await alice.run_command("story edit", story=story.id)
    await (
        await alice.submit_modal(
            opened.modal,
            {"Headline": "Changed my mind", "Rating": ["4"], "Touchpoints": ["service"]},
        )
    ).wait_for_message()

    moderator = app.standin.user("moderator")
    card = await open_queue(moderator)
    assert "Changed my mind" in card.embed_text()
    await act(moderator, card, "Approve")

    posts = app.standin.messages("stories")
    assert len(posts) == 1  # the first post went when it was edited; a new one now
    assert "Changed my mind" in posts[0].embed_text()
    assert rows(app, "SELECT status, message_id FROM stories") == [("published", posts[0].id)]


async def test_the_queue_pages_through_pending_and_reported_stories(app: App) -> None:
    first = await pending(app, headline="First in line")
    second = await pending(app, headline="Second in line")
    await app.configure(review_mode="open")
    third = await tell(app, "alice", "Reported one")
    await report(app, app.standin.messages("stories")[-1], "bob", "Names a private person")
    await tell(app, "alice", "Nothing wrong here")  # published, unreported: not in the queue

    moderator = app.standin.user("moderator")
    card = await open_queue(moderator)
    assert card.content.startswith("🗂️ Review queue: 1 of 3")
    assert "First in line" in card.embed_text()
    assert f"Story #{first.id}" in card.embed_text()
    assert enabled(card)[-1:] == ["Next"]  # no Prev on the first

    card = await act(moderator, card, "Next")
    assert card.content.startswith("🗂️ Review queue: 2 of 3")
    assert "Second in line" in card.embed_text()
    card = await act(moderator, card, "Next")
    assert card.content.startswith("🗂️ Review queue: 3 of 3")
    assert "Reported one" in card.embed_text()
    assert f"Story #{third.id}" in card.embed_text()
    assert "1 open report" in card.embed_text()
    assert "Names a private person" in card.embed_text()
    assert labels(card) == ["Keep (dismiss reports)", "Hide", "Highlight", "Delete", "Prev", "Next"]
    assert "Next" not in enabled(card)

    card = await act(moderator, card, "Prev")
    assert "Second in line" in card.embed_text()
    assert f"Story #{second.id}" in card.embed_text()


async def test_keeping_a_reported_story_dismisses_its_reports(app: App) -> None:
    story = await published(app)
    await report(app, app.standin.messages("stories")[-1], "bob")
    moderator = app.standin.user("moderator")

    card = await act(moderator, await open_queue(moderator), "Keep (dismiss reports)")

    assert "Kept published" in card.content
    assert rows(app, "SELECT count(*) FROM story_reports WHERE resolved_at IS NULL") == [(0,)]
    assert rows(app, "SELECT status FROM stories") == [("published",)]
    assert audit(app) == [("approve", story.id, moderator.id, None)]
    assert dms(app, "alice") == []  # nothing changed for the author
    assert (await open_queue(moderator)).content.startswith("✅ Nothing waits")


# --- hide, restore, highlight, delete --------------------------------------------------


async def test_hide_asks_a_reason_takes_the_post_down_and_tells_the_author(app: App) -> None:
    story = await published(app)
    post = app.standin.messages("stories")[-1]
    window = (story.created_at - timedelta(days=1), story.created_at + timedelta(days=1))
    assert len(await app.storage.leaderboard.brand_rows(app.guild_id, *window)) == 1
    moderator = app.standin.user("moderator")
    card = await open_story(moderator, story.id)
    assert card.content.startswith(f"🗂️ Story #{story.id} is not in the review queue")

    opened = await moderator.click(card, "Hide")
    assert opened.kind == "modal"
    assert opened.modal.title == f"Hide story #{story.id}"
    card = await (
        await moderator.submit_modal(opened.modal, {"Reason": "Shares a phone number"})
    ).wait_for_message()

    assert "Hidden: story" in card.content
    assert "Its post was taken down" in card.content
    assert "The author was told by DM" in card.content
    assert labels(card) == ["Restore", "Delete", "Prev", "Next"]
    assert app.standin.world.find_message(post.id) is None
    assert rows(app, "SELECT status, hidden_reason, message_id FROM stories") == [
        ("hidden", "Shares a phone number", None)
    ]
    assert audit(app) == [("hide", story.id, moderator.id, "Shares a phone number")]
    (dm,) = dms(app, "alice")
    assert "hid your story" in dm
    assert "Shares a phone number" in dm
    # Leaderboards count published stories only.
    assert await app.storage.leaderboard.brand_rows(app.guild_id, *window) == []


async def test_a_blank_reason_hides_nothing(app: App) -> None:
    story = await published(app)
    moderator = app.standin.user("moderator")
    card = await open_story(moderator, story.id)
    before = snapshot(app)
    opened = await moderator.click(card, "Hide")
    result = await moderator.submit_modal(opened.modal, {"Reason": "\u200b\u200b\u200b"})
    message = await result.wait_for_message()
    assert result.ephemeral
    assert "reason" in message.content
    assert snapshot(app) == before


async def test_reports_reaching_the_threshold_hide_it_then_restore_publishes_it(app: App) -> None:
    story = await published(app, "alice")
    await app.configure(report_threshold=2)
    post = app.standin.messages("stories")[-1]
    await report(app, post, "bob", "Spam and lies")
    await report(app, post, "moderator", "Reads like an advert")
    assert rows(app, "SELECT status FROM stories") == [("hidden",)]
    note = app.standin.messages("mods")[-1]
    assert "hidden until you decide" in note.content
    assert labels(note) == ["Restore", "Delete"]

    moderator = app.standin.user("moderator")
    card = await open_queue(moderator)
    assert "2 open reports" in card.embed_text()
    assert "Reads like an advert" in card.embed_text()
    assert "Hidden: reported by readers" in card.embed_text()

    card = await act(moderator, card, "Restore")

    assert "Restored: story" in card.content
    posts = app.standin.messages("stories")
    assert len(posts) == 1
    assert posts[0].id != post.id
    assert rows(app, "SELECT status, hidden_reason, message_id FROM stories") == [
        ("published", None, posts[0].id)
    ]
    assert rows(app, "SELECT count(*) FROM story_reports WHERE resolved_at IS NULL") == [(0,)]
    assert audit(app) == [("restore", story.id, moderator.id, None)]
    # A third report does not re-hide it at once: the old ones were resolved.
    await app.configure(report_threshold=2)
    await report(app, posts[0], "owner")
    assert rows(app, "SELECT status FROM stories") == [("published",)]


async def test_highlight_features_the_story_then_unhighlight(app: App) -> None:
    story = await published(app)
    moderator = app.standin.user("moderator")
    card = await open_story(moderator, story.id)

    card = await act(moderator, card, "Highlight")
    assert "Highlighted" in card.content
    assert "featured in the next digest" in card.embed_text()
    assert "Unhighlight" in labels(card)
    assert rows(app, "SELECT highlighted FROM stories") == [(1,)]
    assert [
        s.id
        for s in await app.storage.week_summary.highlights(
            app.guild_id, story.created_at, app.clock()
        )
    ] == [story.id]

    card = await act(moderator, card, "Unhighlight")
    assert rows(app, "SELECT highlighted FROM stories") == [(0,)]
    assert audit(app) == [
        ("highlight", story.id, moderator.id, None),
        ("unhighlight", story.id, moderator.id, None),
    ]
    assert dms(app, "alice") == []  # authors are told of approvals, hides and deletions


async def test_delete_is_confirmed_in_a_form_and_is_for_good(app: App) -> None:
    story = await published(app)
    post = app.standin.messages("stories")[-1]
    await report(app, post, "bob")
    note = app.standin.messages("mods")[-1]
    moderator = app.standin.user("moderator")

    opened = await moderator.click(note, "Delete")
    assert opened.kind == "modal"
    assert opened.modal.title == f"Delete story #{story.id} for good?"
    assert any("cannot be undone" in str(c.get("content")) for c in opened.modal.components)
    result = await moderator.submit_modal(opened.modal, {"Reason": "Fake story"})
    note = await result.wait_for_message()

    assert "Deleted for good by" in note.content
    assert labels(note) == []
    assert rows(app, "SELECT count(*) FROM stories") == [(0,)]
    assert rows(app, "SELECT count(*) FROM story_reports") == [(0,)]
    assert app.standin.world.find_message(post.id) is None
    assert audit(app) == [("delete", story.id, moderator.id, "Fake story")]
    (dm,) = dms(app, "alice")
    assert "deleted your story" in dm
    assert "Fake story" in dm

    message = await refused(moderator.run_command("storymod story", id=story.id))
    assert "no longer exists" in message


# --- refusals: actions that do not apply, double clicks, other servers -----------------


async def test_a_double_click_acts_once_and_stale_buttons_are_refused(app: App) -> None:
    story = await pending(app)
    note = app.standin.messages("mods")[-1]
    stale = copy.deepcopy(note)
    moderator = app.standin.user("moderator")

    await act(moderator, note, "Approve")
    assert "Approved by" in note.content
    message = await refused(moderator.click(stale, "Approve"))
    assert "already published" in message
    assert len(app.standin.messages("stories")) == 1
    assert audit(app) == [("approve", story.id, moderator.id, None)]

    card = await open_story(moderator, story.id)
    stale_card = copy.deepcopy(card)
    hide_form = (await moderator.click(card, "Hide")).modal
    card = await (
        await moderator.submit_modal(hide_form, {"Reason": "Off topic"})
    ).wait_for_message()
    assert "already hidden" in await refused(moderator.click(stale_card, "Hide"))
    hidden_card = copy.deepcopy(card)
    restored = await act(moderator, card, "Restore")
    assert "Restored" in restored.content
    assert "not hidden" in await refused(moderator.click(hidden_card, "Restore"))
    assert [a[0] for a in audit(app)] == ["approve", "hide", "restore"]


async def test_actions_that_do_not_apply_are_refused_and_change_nothing(app: App) -> None:
    story = await published(app)
    await report(app, app.standin.messages("stories")[-1], "bob")
    hidden_note = copy.deepcopy(app.standin.messages("mods")[-1])
    moderator = app.standin.user("moderator")
    card = await open_story(moderator, story.id)
    await act(moderator, card, "Keep (dismiss reports)")
    before = snapshot(app)

    # The card as it was before the reports were dismissed: "approve" a published story.
    message = await refused(moderator.click(hidden_note, "Keep (dismiss reports)"))
    assert "already published" in message
    assert snapshot(app) == before


async def test_a_story_of_another_server_cannot_be_opened(app: App) -> None:
    await published(app)
    elsewhere = await app.standin.add_guild("Elsewhere")
    other = await tell(app, "alice", "Somewhere else", guild=elsewhere)
    message = await refused(
        app.standin.user("moderator").run_command("storymod story", id=other.id)
    )
    assert "no longer exists in this server" in message


# --- who may act ------------------------------------------------------------------------


async def notes_for_every_action(app: App) -> dict[str, Message]:
    """Notes in #mods whose buttons cover all six actions."""
    await channels(app, review_mode="review", report_threshold=3)
    await tell(app, "alice", "Waiting")  # pending: Approve, Hide, Delete
    waiting = app.standin.messages("mods")[-1]
    await app.configure(review_mode="open")
    await tell(app, "alice", "Reported")
    await report(app, app.standin.messages("stories")[-1], "bob")  # Keep, Hide, Highlight, Delete
    reported = app.standin.messages("mods")[-1]
    starred = await tell(app, "alice", "Starred")
    await app.storage.stories.update(starred.id, highlighted=True)
    await report(app, app.standin.messages("stories")[-1], "bob")  # … Unhighlight …
    highlighted = app.standin.messages("mods")[-1]
    await app.configure(report_threshold=1)
    await tell(app, "alice", "Hidden")
    await report(app, app.standin.messages("stories")[-1], "bob")  # Restore, Delete
    hidden = app.standin.messages("mods")[-1]
    return {
        "Approve": waiting,
        "Hide": reported,
        "Highlight": reported,
        "Unhighlight": highlighted,
        "Keep (dismiss reports)": reported,
        "Restore": hidden,
        "Delete": hidden,
    }


@pytest.mark.parametrize(
    "label",
    ["Approve", "Hide", "Restore", "Highlight", "Unhighlight", "Keep (dismiss reports)", "Delete"],
)
async def test_a_member_who_is_not_a_moderator_is_refused_by_every_button(
    app: App, label: str
) -> None:
    notes = await notes_for_every_action(app)
    # An admin lets bob read #mods, without making him a moderator.
    bob = app.standin.users["bob"]
    app.standin.guild.channels["mods"].overwrites.append(
        Overwrite(bob.id, 1, allow=Perm.VIEW_CHANNEL)
    )
    before = snapshot(app)

    message = await refused(app.standin.user("bob").click(notes[label], label))

    assert REFUSED in message
    assert snapshot(app) == before


async def test_non_moderators_cannot_open_the_queue_or_a_story(app: App) -> None:
    story = await pending(app)
    alice = overridden(app, "alice")
    before = snapshot(app)
    assert REFUSED in await refused(alice.run_command("storymod queue"))
    assert REFUSED in await refused(alice.run_command("storymod story", id=story.id))
    assert snapshot(app) == before


async def test_a_demoted_moderator_clicking_an_old_button_is_refused(app: App) -> None:
    await pending(app)
    await pending(app, headline="Another one")
    role = await add_helper_role(app)
    await app.configure(moderator_role_id=role.id)
    set_roles(app, "bob", [role.id])
    bob = overridden(app, "bob")
    card = await open_queue(bob)
    form = (await bob.click(card, "Hide")).modal
    before = snapshot(app)

    set_roles(app, "bob", [])  # an admin takes the role away while the card is open

    for attempt in (
        bob.click(card, "Approve"),
        bob.click(card, "Hide"),
        bob.click(card, "Delete"),
        bob.click(card, "Next"),
        bob.submit_modal(form, {"Reason": "Too late"}),
    ):
        assert REFUSED in await refused(attempt)
    assert snapshot(app) == before


# --- after a restart, and the author's notices -----------------------------------------


async def test_buttons_on_a_mods_note_work_after_a_restart(
    standin: StandIn, tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "bot.db"
    storage = await open_storage(path)
    try:
        first = ExperienceBot(storage=storage, clock=clock)
        async with standin.running(first):
            settings = await storage.guild_settings.get(standin.guild.id)
            await storage.guild_settings.save(
                settings.model_copy(
                    update={
                        "stories_channel_id": standin.channels["stories"].id,
                        "mod_channel_id": standin.channels["mods"].id,
                        "review_mode": ReviewMode.REVIEW,
                    }
                ),
                clock(),
            )
            await tell_quickly(standin.user("alice"))
    finally:
        await storage.close()

    storage = await open_storage(path)
    try:
        second = ExperienceBot(storage=storage, clock=clock)
        async with standin.running(second):
            note = standin.messages("mods")[-1]
            moderator = standin.user("moderator")
            result = await moderator.click(note, "Approve")
            note = await result.wait_for_message()
            assert "Approved by" in note.content
            assert labels(note) == ["Hide", "Highlight", "Delete"]
            assert len(standin.messages("stories")) == 1
            entries = await storage.audit_log.recent(standin.guild.id)
            assert [(e.action, e.moderator_id) for e in entries] == [("approve", moderator.id)]
    finally:
        await storage.close()


async def test_an_author_with_closed_dms_sees_the_notice_on_their_next_command(app: App) -> None:
    app.standin.users["bob"].dms_closed = True
    story = await pending(app, "bob")
    moderator = app.standin.user("moderator")

    card = await act(moderator, await open_queue(moderator), "Approve")

    assert "does not accept DMs" in card.content
    assert dms(app, "bob") == []
    ((text,),) = rows(app, "SELECT text FROM member_notices")
    assert f"your story #{story.id}" in text

    app.clock.advance(hours=1)  # past the posting cooldown
    form = await app.standin.user("bob").run_command("story great", brand="Air Canada")
    assert form.kind == "modal"  # a form leaves nothing to follow up: the notice waits
    assert form.followups == []
    assert rows(app, "SELECT count(*) FROM member_notices") == [(1,)]

    result = await app.standin.user("bob").run_command("story mine")
    await result.wait_for_message()
    (notice,) = await result.wait_for_followups(1)
    assert notice.ephemeral
    assert "While you were away" in notice.content
    assert "approved your story" in notice.content
    assert rows(app, "SELECT count(*) FROM member_notices") == [(0,)]

    again = await app.standin.user("bob").run_command("story mine")
    await again.wait_for_message()
    assert again.followups == []  # delivered once


async def test_every_action_is_audited_with_its_reason(app: App) -> None:
    story = await pending(app)
    moderator = app.standin.user("moderator")
    card = await open_story(moderator, story.id)
    card = await act(moderator, card, "Approve")
    card = await act(moderator, card, "Highlight")
    card = await act(moderator, card, "Unhighlight")
    card = await act(moderator, card, "Hide", reason="Too personal")
    card = await act(moderator, card, "Restore")
    card = await act(moderator, card, "Delete", reason="Duplicate of another story")
    assert "Deleted for good" in card.content
    assert card.embeds == []
    assert audit(app) == [
        ("approve", story.id, moderator.id, None),
        ("highlight", story.id, moderator.id, None),
        ("unhighlight", story.id, moderator.id, None),
        ("hide", story.id, moderator.id, "Too personal"),
        ("restore", story.id, moderator.id, None),
        ("delete", story.id, moderator.id, "Duplicate of another story"),
    ]
    details = rows(app, "SELECT details FROM audit_log ORDER BY id")
    assert '"new_status": "published"' in details[0][0]


async def test_a_long_story_with_many_reports_fits_discord_limits(app: App) -> None:
    story = await published(app)
    long_body = "*[x](y)* " * 440  # escaping nearly doubles it: the embed must be cut to fit
    await app.storage.stories.edit(
        story.id,
        parse_submission(
            {
                "kind": "great",
                "brand": "Air Canada",
                "headline": "H" * 100,
                "body": long_body[:4000],
                "rating": 5,
                "touchpoints": ["service", "buying", "billing"],
                "product": "P" * 100,
            }
        ),
        app.clock(),
    )
    for reporter in range(1, 13):
        await app.storage.stories.add_report(story.id, reporter, "r" * 300, app.clock())
    moderator = app.standin.user("moderator")

    card = await open_queue(moderator)  # the stand-in checks every limit of the reply

    assert "12 open reports" in card.embed_text()
    assert "and " in card.embed_text()  # the reasons that do not fit are counted
