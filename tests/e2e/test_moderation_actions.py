"""Moderators' decisions on a story end to end: hide, restore, highlight, delete.

Also: every decision in the audit log, a card within Discord's limits, and the author's
notice when their DMs are closed.
"""

from __future__ import annotations

import json
from datetime import timedelta

from bot.domain.submission import parse_submission
from standin.interactions import wait_until
from tests.e2e.conftest import App
from tests.e2e.queue_helpers import (
    act,
    audit,
    dms,
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
    assert [s.id for s in await app.storage.week_summary.pending_highlights(app.guild_id)] == [
        story.id
    ]

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


# --- the audit log and Discord's limits ------------------------------------------------


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


# --- the author's notices --------------------------------------------------------------


async def test_an_author_with_closed_dms_sees_the_notice_on_their_next_command(app: App) -> None:
    app.standin.users["bob"].dms_closed = True
    story = await pending(app, "bob")
    moderator = app.standin.user("moderator")

    card = await act(moderator, await open_queue(moderator), "Approve")

    assert "does not accept DMs" in card.content
    assert dms(app, "bob") == []
    ((what, facts),) = rows(app, "SELECT what, facts FROM member_notices")
    assert (what, json.loads(facts)["story_id"]) == ("approved", story.id)  # facts, not words
    assert rows(app, "SELECT count(*) FROM deliveries WHERE kind = 'member_notice'") == [(0,)]

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
    # The notice is forgotten right after the follow-up is sent: wait for that, not race it.
    await wait_until(
        lambda: rows(app, "SELECT count(*) FROM member_notices") == [(0,)],
        3.0,
        lambda: "the delivered notice was never forgotten",
    )

    again = await app.standin.user("bob").run_command("story mine")
    await again.wait_for_message()
    assert again.followups == []  # delivered once
