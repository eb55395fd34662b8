"""A member deleting their own story end to end: /story delete and its confirmation."""

from __future__ import annotations

import asyncio
import sys

import pytest

from standin.interactions import wait_until
from tests.e2e.conftest import App
from tests.e2e.my_stories_helpers import (
    click,
    labels,
    rows,
    run,
    start_draft,
    stolen,
    tell,
)

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
    assert confirm.content.endswith(
        "for good? This also removes its post in the stories channel, its 1 relatable vote "
        "and any reports. It cannot be undone."
    )
    done, _ = await click(alice, confirm, "Delete for good")
    assert done.id == confirm.id
    assert done.content == (
        f"🗑️ Story #{story.id} is deleted, with its post in the stories channel, "
        "its 1 relatable vote and any reports."
    )
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
    assert app.bot.get_cog("Stories") is not None
    views = sys.modules["cogs.stories.member_views"]
    monkeypatch.setattr(views, "CONFIRM_TIMEOUT_SECONDS", 0.2)
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


async def test_deleting_a_draft_never_mentions_a_post_or_votes(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    draft = await start_draft(app, "alice", "Half told")
    alice = app.standin.user("alice")

    confirm, _ = await run(alice, "story delete", story=draft.id)
    assert confirm.content.endswith("for good? It cannot be undone.")
    for word in ("post", "vote", "report"):
        assert word not in confirm.content
    done, _ = await click(alice, confirm, "Delete for good")
    assert done.content == f"🗑️ Story #{draft.id} is deleted."
    assert rows(app, "SELECT id FROM stories") == []
