"""A busy database never makes a member wait past Discord's 3 seconds.

Another process holds SQLite's write lock (here: a plain sqlite3 connection in the
test, as a backup tool or a second bot on the same file would): the bot gives up after
about a second and answers privately in time, with nothing half-saved; once the lock is
released the same member succeeds. Reads are not affected (WAL readers run beside the
writer): the form still opens and the brand card still answers.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.i18n import tr
from bot.interaction_errors import BUSY
from tests.e2e.conftest import App
from tests.e2e.story_helpers import form_values, tell_quickly


@contextmanager
def write_lock_held(path: Path) -> Iterator[None]:
    """Hold the database's write lock from a second connection (another process's view)."""
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        yield
        other.execute("ROLLBACK")
    finally:
        other.close()


def stories(app: App) -> list[tuple[str, str]]:
    with sqlite3.connect(app.db_path) as connection:
        return connection.execute("SELECT status, headline FROM stories ORDER BY id").fetchall()


async def test_a_locked_database_gets_a_busy_answer_in_time_and_keeps_the_form(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    alice = app.standin.user("alice")
    with write_lock_held(app.db_path):
        began = time.monotonic()
        opened = await alice.run_command("story great", brand="Air Canada", anonymous=False)
        assert opened.kind == "modal"  # reads never wait for the writer
        submitted = await alice.submit_modal(opened.modal, form_values(headline="Kept for me"))
        reply = await submitted.wait_for_message()
        waited = time.monotonic() - began
        assert submitted.ephemeral
        assert "not saved yet" in reply.content
        assert "busy" in reply.content
        assert stories(app) == []
    assert waited < 2.5, waited  # the stand-in also fails the test past 3 s

    # The lock is gone: "Fix it" reopens the form as written, and sending it saves it.
    fix = await alice.click(reply, "Fix it")
    assert fix.kind == "modal"
    fields = {f["_label"]: f.get("value") for f in fix.modal.fields()}
    assert fields["Headline"] == "Kept for me"
    saved = await alice.submit_modal(fix.modal, form_values(headline="Kept for me"))
    await saved.wait_for_message()
    assert stories(app) == [("draft", "Kept for me")]


async def test_a_vote_while_locked_is_answered_busy_and_counts_nothing(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    alice, bob = app.standin.user("alice"), app.standin.user("bob")
    await tell_quickly(alice, "great", "Air Canada")
    post = app.standin.messages("stories")[0]
    with write_lock_held(app.db_path):
        clicked = await bob.click(post, "Relatable")
        answer = await clicked.wait_for_message()
        assert answer.content == tr("en", BUSY)
        assert answer.ephemeral
        card = await bob.run_command("brand", name="Air Canada")
        shown = await card.wait_for_message()
        assert "Air Canada" in shown.embed_text()  # reads still answer
    with sqlite3.connect(app.db_path) as connection:
        assert connection.execute("SELECT count(*) FROM story_votes").fetchone() == (0,)


async def test_a_submit_queued_behind_other_writes_thinks_first_and_is_saved_when_told(
    app: App,
) -> None:
    """A burst: another member's write holds this process's writer. The submit shows a
    private "thinking" state at once; "saved" follows only once the story is committed."""
    await app.configure(stories_channel_id=app.channel_id("stories"))
    alice = app.standin.user("alice")
    holding, release = asyncio.Event(), asyncio.Event()

    async def another_members_write() -> None:
        async with app.storage.database.transaction():
            holding.set()
            await release.wait()

    opened = await alice.run_command("story great", brand="Air Canada", anonymous=False)
    writer = asyncio.create_task(another_members_write())
    await holding.wait()
    try:
        submitted = await alice.submit_modal(
            opened.modal, form_values(headline="Queued but kept"), wait=False
        )
        await submitted.wait_for_response(within=1.0)
        assert submitted.kind == "deferred"  # "thinking…", privately, before any save
        assert submitted.ephemeral
        assert stories(app) == []
    finally:
        release.set()
        await writer
    reply = await submitted.wait_for_message()
    assert stories(app) == [("draft", "Queued but kept")]  # committed before "saved"
    assert "Skip" in [c.get("label") for c in reply.iter_components()]  # the first question
    assert reply.ephemeral
    assert submitted.message is not None
    assert reply.id == submitted.message.id

    # Nothing queued: the next submit answers in one message, no "thinking" first.
    app.clock.advance(hours=1)
    opened = await alice.run_command("story great", brand="WestJet", anonymous=False)
    direct = await alice.submit_modal(opened.modal, form_values(headline="Straight away"))
    await direct.wait_for_message()
    assert direct.kind == "message"
