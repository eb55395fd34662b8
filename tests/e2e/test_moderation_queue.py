"""/storymod queue and /storymod story end to end: the queue, refusals, a restart.

Buttons live on ephemeral cards and on notes in #mods; both are dynamic items, so they
also work after a restart.
"""

from __future__ import annotations

import copy
from pathlib import Path

from bot.domain.guild_settings import ReviewMode
from standin import StandIn
from tests.conftest import FakeClock
from tests.e2e.conftest import App, bot_process
from tests.e2e.my_stories_helpers import tell
from tests.e2e.queue_helpers import (
    act,
    audit,
    channels,
    dms,
    enabled,
    labels,
    open_queue,
    open_story,
    pending,
    published,
    refused,
    report,
    rows,
    snapshot,
)
from tests.e2e.story_helpers import tell_quickly

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


# --- after a restart -------------------------------------------------------------------


async def test_buttons_on_a_mods_note_work_after_a_restart(
    standin: StandIn, tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "bot.db"
    async with bot_process(standin, path, clock) as (_, storage):
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

    async with bot_process(standin, path, clock) as (_, storage):
        note = standin.messages("mods")[-1]
        moderator = standin.user("moderator")
        result = await moderator.click(note, "Approve")
        note = await result.wait_for_message()
        assert "Approved by" in note.content
        assert labels(note) == ["Hide", "Highlight", "Delete"]
        assert len(standin.messages("stories")) == 1
        entries = await storage.audit_log.recent(standin.guild.id)
        assert [(e.action, e.moderator_id) for e in entries] == [("approve", moderator.id)]
