"""/storymod export end to end: a server's stories as CSV and JSON."""

from __future__ import annotations

import csv
import io
import json

from tests.e2e.conftest import App
from tests.e2e.server_data_helpers import (
    add_story,
    audit,
    run,
    second_server,
)

# --- /storymod export ----------------------------------------------------------------


async def test_export_sends_csv_and_json_without_anonymous_authors(app: App) -> None:
    alice, bob = app.standin.users["alice"], app.standin.users["bob"]
    signed = await add_story(app, "alice", "Ünïcode ✈️, with a comma")
    hidden_author = await add_story(app, "bob", "Lost my bag", anonymous=True)
    formula = await add_story(app, "alice", '=HYPERLINK("http://evil.test","click")')
    await app.storage.stories.toggle_vote(signed.id, bob.id, app.clock())
    await app.storage.stories.add_report(formula.id, bob.id, "Spam link", app.clock())
    await add_story(app, "bob", "Somewhere else", guild_id=(await second_server(app)).id)
    moderator = app.standin.user("moderator")

    message = await run(moderator, "storymod export")

    assert "3 stories" in message.content
    by_type = {a.filename.rsplit(".", 1)[1]: a for a in message.attachments}
    assert set(by_type) == {"csv", "json"}

    document = json.loads(by_type["json"].data.decode("utf-8"))
    assert document["guild_id"] == str(app.guild_id)
    assert document["story_count"] == 3
    stories = {s["id"]: s for s in document["stories"]}
    assert set(stories) == {signed.id, hidden_author.id, formula.id}
    first = stories[signed.id]
    assert first["author_id"] == str(alice.id)
    assert first["headline"] == "Ünïcode ✈️, with a comma"
    assert first["brand"] == "Air Canada"
    assert first["touchpoints"] == ["buying", "service"]
    assert first["relatable_count"] == 1
    assert first["status"] == "published"
    assert first["created_at"].endswith("Z")
    assert first["published_at"].endswith("Z")
    assert first["edited_at"] is None
    assert stories[hidden_author.id]["author_id"] is None
    assert stories[hidden_author.id]["anonymous"] is True
    assert stories[formula.id]["report_count"] == 1
    assert str(bob.id) not in by_type["json"].data.decode("utf-8")  # bob only wrote anonymously

    text = by_type["csv"].data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [int(r["id"]) for r in rows] == [signed.id, hidden_author.id, formula.id]
    assert rows[0]["headline"] == "Ünïcode ✈️, with a comma"
    assert rows[0]["author_id"] == str(alice.id)
    assert rows[1]["author_id"] == ""
    assert rows[2]["headline"] == '\'=HYPERLINK("http://evil.test","click")'
    assert rows[2]["report_count"] == "1"
    assert rows[0]["touchpoints"] == "buying; service"
    assert str(bob.id) not in text
    assert "Somewhere else" not in text

    [entry] = await audit(app)
    assert entry.action == "export"
    assert entry.moderator_id == moderator.id
    assert entry.details is not None
    assert entry.details["stories"] == 3


async def test_export_of_a_server_without_stories_is_a_clear_error(app: App) -> None:
    message = await run(app.standin.user("moderator"), "storymod export")
    assert "no stories in this server yet" in message.content
    assert message.attachments == []
    assert await audit(app) == []
