"""A member's own stories end to end: /story mine, edit, delete, export, forget-me."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import json
import sqlite3
import sys
from typing import Any

import pytest

from bot.domain.stories import Story, StoryStatus
from bot.domain.submission import parse_submission
from tests.e2e.conftest import App
from tests.standin import Actor, Message
from tests.standin.interactions import wait_until
from tests.standin.state import Guild

BODY = "The gate agent noticed our anniversary and upgraded us both without asking."
_interaction_ids = itertools.count(1)


async def tell(
    app: App,
    author: str,
    headline: str = "Upgraded for free",
    *,
    brand: str = "Air Canada",
    kind: str = "great",
    rating: int = 5,
    guild: Guild | None = None,
    body: str = BODY,
) -> Story:
    """Setup shortcut: store, finish and post a story as the real flow would."""
    submission = parse_submission(
        {
            "kind": kind,
            "brand": brand,
            "headline": headline,
            "body": body,
            "rating": rating,
            "touchpoints": ["service"],
            "product": "Flight",
        }
    )
    submitted = await app.bot.stories.submit(
        guild_id=(guild or app.standin.guild).id,
        author_id=app.standin.users[author].id,
        submission=submission,
        interaction_id=next(_interaction_ids),
    )
    story, _ = await app.bot.stories.finish(submitted.story.id)
    await app.bot.publisher.publish(story)
    app.clock.advance(minutes=1)  # distinct creation times: "newest first" is meaningful
    stored = await app.storage.stories.get(story.id)
    assert stored is not None
    return stored


def rows(app: App, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(app.db_path) as connection:
        return connection.execute(sql, params).fetchall()


def stolen(message: Message, thief: Actor) -> Message:
    """Discord never shows a member's ephemeral reply to anyone else, but a crafted or
    replayed interaction can still arrive: the bot must refuse it on its own."""
    return dataclasses.replace(message, interaction_user_id=thief.id)


def labels(message: Message) -> list[str]:
    return [str(c.get("label")) for c in message.iter_components()]


async def run(actor: Actor, command: str, **options: Any) -> tuple[Message, bool]:
    result = await actor.run_command(command, **options)
    message = await result.wait_for_message()
    return message, result.ephemeral


async def click(actor: Actor, message: Message, label: str) -> tuple[Message, bool]:
    result = await actor.click(message, label)
    shown = await result.wait_for_message()
    return shown, result.ephemeral or shown.ephemeral


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


# --- /story delete --------------------------------------------------------------------


async def test_delete_confirmed_removes_the_story_its_votes_reports_and_post(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    story = await tell(app, "alice")
    kept = await tell(app, "alice", "Keep this one")
    bob = app.standin.users["bob"]
    await app.storage.stories.toggle_vote(story.id, bob.id, app.clock())
    await app.storage.stories.add_report(story.id, bob.id, "spam?", app.clock())
    alice = app.standin.user("alice")

    confirm, ephemeral = await run(alice, "story delete", story=story.id)
    assert ephemeral
    assert labels(confirm) == ["Delete for good", "Keep it"]
    assert "Upgraded for free" in confirm.content
    assert "1 relatable vote" in confirm.content
    done, _ = await click(alice, confirm, "Delete for good")
    assert done.id == confirm.id
    assert f"Story #{story.id} is deleted" in done.content
    assert done.components == []

    assert rows(app, "SELECT id FROM stories") == [(kept.id,)]
    for table in ("story_votes", "story_reports", "story_touchpoints"):
        assert rows(app, f"SELECT count(*) FROM {table} WHERE story_id = ?", story.id) == [(0,)]
    assert [m.id for m in app.standin.messages("stories")] == [kept.message_id]


async def test_delete_kept_changes_nothing(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    story = await tell(app, "alice")
    alice = app.standin.user("alice")
    confirm, _ = await run(alice, "story delete", story=story.id)
    done, _ = await click(alice, confirm, "Keep it")
    assert "unchanged" in done.content
    assert done.components == []
    assert rows(app, "SELECT id FROM stories") == [(story.id,)]
    assert len(app.standin.messages("stories")) == 1


async def test_delete_of_someone_elses_story_or_by_someone_else_is_refused(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    alices = await tell(app, "alice")
    alice, bob = app.standin.user("alice"), app.standin.user("bob")

    refused, ephemeral = await run(bob, "story delete", story=alices.id)
    assert ephemeral
    assert refused.components == []
    assert refused.content.startswith(f"You have no story #{alices.id} in this server")

    confirm, _ = await run(alice, "story delete", story=alices.id)
    refused, ephemeral = await click(bob, stolen(confirm, bob), "Delete for good")
    assert ephemeral
    assert "belong to someone else" in refused.content
    assert rows(app, "SELECT id FROM stories") == [(alices.id,)]
    assert len(app.standin.messages("stories")) == 1

    done, _ = await click(alice, confirm, "Delete for good")  # still works for alice
    assert "is deleted" in done.content


async def test_delete_clicked_twice_deletes_once_and_says_so(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    story = await tell(app, "alice")
    other = await tell(app, "alice", "Another one")
    alice = app.standin.user("alice")
    confirm, _ = await run(alice, "story delete", story=story.id)
    first, second = await asyncio.gather(
        alice.click(confirm, "Delete for good", wait=False),
        alice.click(confirm, "Delete for good", wait=False),
    )
    done = await first.wait_for_message()
    again = await second.wait_for_message()
    assert "is deleted" in done.content
    assert again.ephemeral
    assert "already done" in again.content
    assert rows(app, "SELECT id FROM stories") == [(other.id,)]
    deletes = [r for r in app.standin.requests if r.method == "DELETE" and "/messages/" in r.path]
    assert len(deletes) == 1


async def test_an_expired_confirmation_does_nothing(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The module the running bot uses: closing a bot unloads (and re-imports) its cogs.
    cog = app.bot.get_cog("Stories")
    my_stories = sys.modules[type(cog).__module__].my_stories
    monkeypatch.setattr(my_stories, "CONFIRM_TIMEOUT_SECONDS", 0.2)
    story = await tell(app, "alice")
    alice = app.standin.user("alice")
    confirm, _ = await run(alice, "story delete", story=story.id)
    forget, _ = await run(alice, "story forget-me")
    for message in (confirm, forget):
        await wait_until(
            lambda m=message: "expired" in m.content,  # type: ignore[misc]
            3.0,
            lambda: "the confirmation never expired",
        )
        assert message.components == []
        assert "nothing was changed" in message.content
    assert rows(app, "SELECT id FROM stories") == [(story.id,)]


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
