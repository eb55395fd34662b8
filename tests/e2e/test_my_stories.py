"""A member's own stories end to end: /story mine and /story edit."""

from __future__ import annotations

from typing import Any

from bot.domain.stories import StoryStatus
from tests.e2e.conftest import App
from tests.e2e.my_stories_helpers import (
    BODY,
    click,
    rows,
    run,
    start_draft,
    stolen,
    tell,
)

# --- /story mine ----------------------------------------------------------------------


async def test_mine_without_stories_suggests_telling_one(app: App) -> None:
    await tell(app, "bob")  # someone else's story is not "mine"
    message, ephemeral = await run(app.standin.user("alice"), "story mine")
    assert ephemeral
    assert "/story great" in message.content
    assert message.embeds == []
    assert message.components == []


async def test_mine_lists_three_stories_newest_first_with_status_and_post_link(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    first = await tell(app, "alice", "A *bold* claim @everyone", brand="Air Canada")
    second = await tell(app, "alice", "Lost my bag", brand="Bell", kind="disaster", rating=1)
    third = await tell(app, "alice", "Quick fix", brand="Rogers")
    await app.storage.stories.update(third.id, status=StoryStatus.HIDDEN)
    await app.storage.stories.toggle_vote(first.id, app.standin.users["bob"].id, app.clock())
    await tell(app, "bob", "Not alice's")

    message, ephemeral = await run(app.standin.user("alice"), "story mine")
    assert ephemeral
    assert message.components == []  # one page: no buttons
    text = message.embed_text()
    assert [f"#{s.id}" in text for s in (first, second, third)] == [True, True, True]
    assert text.index(f"#{third.id}") < text.index(f"#{second.id}") < text.index(f"#{first.id}")
    assert "Not alice's" not in text
    assert "hidden" in text
    assert "published" in text
    assert "Disaster" in text
    assert "Great experience" in text
    assert r"A \*bold\* claim @" in text
    assert "@everyone" not in text
    assert "🤝 1" in text
    post = f"https://discord.com/channels/{app.guild_id}/{first.channel_id}/{first.message_id}"
    assert post in text
    assert f"/{third.message_id})" not in text  # a hidden story has no live post
    assert "Page 1 of 1 · 3 stories" in text


async def test_mine_pages_twelve_stories_and_only_its_member_can_turn_them(app: App) -> None:
    stories = [await tell(app, "alice", f"Story number {n}") for n in range(12)]
    alice, bob = app.standin.user("alice"), app.standin.user("bob")
    page, ephemeral = await run(alice, "story mine")
    assert ephemeral
    newest_first = [s.id for s in reversed(stories)]
    text = page.embed_text()
    assert all(f"#{i}*" in text for i in newest_first[:10])
    assert not any(f"#{i}*" in text for i in newest_first[10:])
    assert "Page 1 of 2 · 12 stories" in text
    buttons = {c["label"]: c for c in page.iter_components()}
    assert buttons["Previous"].get("disabled") is True

    refused, ephemeral = await click(bob, stolen(page, bob), "Next")
    assert ephemeral
    assert "belong to someone else" in refused.content
    assert refused.id != page.id

    page, _ = await click(alice, page, "Next")
    text = page.embed_text()
    assert all(f"#{i}*" in text for i in newest_first[10:])
    assert not any(f"#{i}*" in text for i in newest_first[:10])
    assert "Page 2 of 2" in text
    assert {c["label"]: c.get("disabled") for c in page.iter_components()}["Next"] is True

    page, _ = await click(alice, page, "Previous")
    assert "Page 1 of 2" in page.embed_text()


# --- /story edit ----------------------------------------------------------------------


def modal_value(result: Any, label: str) -> Any:
    field = next(f for f in result.modal.fields() if f.get("_label") == label)
    if "options" in field:
        return sorted(o["value"] for o in field["options"] if o.get("default"))
    return field.get("value")


async def test_edit_reopens_the_form_and_updates_the_channel_post(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    story = await tell(app, "alice", "Upgraded for free")
    alice = app.standin.user("alice")

    opened = await alice.run_command("story edit", story=story.id)
    assert opened.kind == "modal"
    assert opened.modal.title == f"Edit story #{story.id}"
    assert modal_value(opened, "Headline") == "Upgraded for free"
    assert modal_value(opened, "Your story") == BODY
    assert modal_value(opened, "Rating") == ["5"]
    assert modal_value(opened, "Touchpoints") == ["service"]
    assert modal_value(opened, "Product or service (optional)") == "Flight"

    submitted = await alice.submit_modal(
        opened.modal,
        {
            "Headline": "Upgraded, then downgraded",
            "Rating": ["3"],
            "Touchpoints": ["service", "buying"],
        },
    )
    reply = await submitted.wait_for_message()
    assert submitted.ephemeral
    assert f"Story #{story.id} is updated" in reply.content
    assert str(story.message_id) in reply.content

    assert rows(app, "SELECT headline, body, rating, status FROM stories") == [
        ("Upgraded, then downgraded", BODY, 3, "published")
    ]
    assert rows(app, "SELECT touchpoint FROM story_touchpoints ORDER BY 1") == [
        ("buying",),
        ("service",),
    ]
    posts = app.standin.messages("stories")
    assert len(posts) == 1
    assert posts[0].id == story.message_id
    assert "Upgraded, then downgraded" in posts[0].embed_text()
    assert "edited" in posts[0].embed_text()


async def test_edit_in_review_mode_sends_a_published_story_back_to_the_queue(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    story = await tell(app, "alice")
    await app.configure(review_mode="review", mod_channel_id=app.channel_id("mods"))
    alice = app.standin.user("alice")

    opened = await alice.run_command("story edit", story=story.id)
    submitted = await alice.submit_modal(
        opened.modal,
        {"Headline": "Changed my mind", "Rating": ["4"], "Touchpoints": ["service"]},
    )
    reply = await submitted.wait_for_message()
    assert submitted.ephemeral
    assert "until a moderator approves" in reply.content
    assert rows(app, "SELECT headline, status, channel_id, message_id FROM stories") == [
        ("Changed my mind", "pending", None, None)
    ]
    assert app.standin.messages("stories") == []
    assert f"Story #{story.id} was edited" in app.standin.messages("mods")[-1].content


async def test_edit_with_invalid_text_changes_nothing_and_offers_a_fix(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    story = await tell(app, "alice")
    alice = app.standin.user("alice")
    opened = await alice.run_command("story edit", story=story.id)
    submitted = await alice.submit_modal(
        opened.modal,
        {"Headline": "ok", "Your story": "Too short", "Rating": ["5"], "Touchpoints": ["service"]},
    )
    reply = await submitted.wait_for_message()
    assert submitted.ephemeral
    assert "was not changed" in reply.content
    assert "The headline needs at least 3" in reply.content
    assert "The story needs at least 20" in reply.content
    assert rows(app, "SELECT headline, body, edited_at FROM stories") == [
        ("Upgraded for free", BODY, None)
    ]
    assert "edited" not in app.standin.messages("stories")[0].embed_text()

    reopened = await alice.click(reply, "Fix it")
    assert reopened.kind == "modal"
    assert modal_value(reopened, "Your story") == "Too short"  # nothing to retype


async def test_edit_refuses_unknown_and_other_members_stories_alike(app: App) -> None:
    bobs = await tell(app, "bob", "Bob's story")
    alice = app.standin.user("alice")
    answers = []
    for story_id in (bobs.id, bobs.id + 1000):
        result = await alice.run_command("story edit", story=story_id)
        message = await result.wait_for_message()
        assert result.ephemeral
        assert result.kind == "message"
        answers.append(message.content.replace(str(story_id), "N"))
    assert answers[0] == answers[1]
    assert answers[0].startswith("You have no story #N in this server")
    assert "Bob" not in answers[0]


async def test_editing_a_story_deleted_meanwhile_saves_nothing(app: App) -> None:
    story = await tell(app, "alice")
    alice = app.standin.user("alice")
    opened = await alice.run_command("story edit", story=story.id)
    await app.storage.stories.delete(story.id)
    replacement = await tell(app, "alice", "A new story that reused nothing")
    submitted = await alice.submit_modal(
        opened.modal, {"Headline": "Edited", "Rating": ["5"], "Touchpoints": ["service"]}
    )
    reply = await submitted.wait_for_message()
    assert submitted.ephemeral
    assert f"You have no story #{story.id} in this server" in reply.content
    assert rows(app, "SELECT id, headline FROM stories") == [
        (replacement.id, "A new story that reused nothing")
    ]


async def test_drafts_and_stories_waiting_for_review_show_no_post_or_votes(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    published = await tell(app, "alice", "Out there")
    await app.configure(review_mode="review", mod_channel_id=app.channel_id("mods"))
    pending = await tell(app, "alice", "Waiting for review")
    draft = await start_draft(app, "alice", "Still answering")
    assert (pending.status, draft.status) == (StoryStatus.PENDING, StoryStatus.DRAFT)

    message, _ = await run(app.standin.user("alice"), "story mine")
    lines = message.embed_text().split("\n\n")
    by_id = {
        s.id: next(line for line in lines if f"#{s.id}**" in line)
        for s in (published, pending, draft)
    }
    assert "🤝 0" in by_id[published.id]
    assert "[post](" in by_id[published.id]
    for waiting in (pending.id, draft.id):
        assert "🤝" not in by_id[waiting]
        assert "post" not in by_id[waiting]
    assert "📝 draft" in by_id[draft.id]
    assert "🕒 pending review" in by_id[pending.id]
