"""/storymod audit end to end: entries, filters, pages, and who may read them."""

from __future__ import annotations

import pytest

from tests.e2e.bypass import overridden
from tests.e2e.conftest import App
from tests.e2e.server_data_helpers import (
    add_story,
    audit,
    record,
    run,
)

REFUSED = "Only moderators can do that"


# --- /storymod audit -----------------------------------------------------------------


async def test_audit_is_registered_with_its_filters(app: App) -> None:
    command = next(c for c in app.standin.registered_commands() if c["name"] == "storymod")
    audit_cmd = next(o for o in command["options"] if o["name"] == "audit")
    options = {o["name"]: o for o in audit_cmd["options"]}
    assert set(options) == {"moderator", "story", "brand", "action"}
    assert not any(o.get("required") for o in options.values())
    assert options["brand"]["autocomplete"] is True
    assert {c["value"] for c in options["action"]["choices"]} >= {
        "settings",
        "digest_repost",
        "approve",
        "hide",
        "restore",
        "highlight",
        "unhighlight",
        "delete",
        "brand_merge",
        "brand_unmerge",
        "brand_rename",
        "brand_alias_add",
        "brand_alias_remove",
        "brand_industry",
        "export",
    }
    assert any(o["name"] == "export" for o in command["options"])


async def test_an_empty_log_says_so(app: App) -> None:
    message = await run(app.standin.user("moderator"), "storymod audit")
    assert "audit log is empty" in message.content
    assert message.embeds == []


async def test_audit_shows_real_actions_newest_first_with_who_what_when(app: App) -> None:
    moderator, owner = app.standin.user("moderator"), app.standin.user("owner")
    await run(moderator, "storymod setup", digest_hour=7)
    app.clock.advance(minutes=5)
    await run(owner, "storymod setup", retention_days=60)
    app.clock.advance(minutes=5)
    await add_story(app, "alice")
    await run(moderator, "storymod export")

    message = await run(moderator, "storymod audit")

    text = message.embed_text()
    lines = [line for line in text.splitlines() if line.startswith("<t:")]
    assert len(lines) == 3
    assert "**Stories exported**" in lines[0]
    assert f"<@{moderator.id}>" in lines[0]
    assert "**Settings changed**" in lines[1]
    assert f"<@{owner.id}>" in lines[1]
    assert f"<@{moderator.id}>" in lines[2]
    first_time = int(app.clock().timestamp()) - 600 - 60
    assert lines[2].startswith(f"<t:{first_time}:f>")
    assert "Digest hour: 00:00 → 07:00" in text
    assert "Data kept after the bot is removed: 30 days → 60 days" in text
    assert "Page 1 of 1 · 3 entries" in text
    assert message.components == []  # one page: no buttons


async def test_audit_filters_by_moderator_story_brand_and_action(app: App) -> None:
    moderator, owner = app.standin.users["moderator"], app.standin.users["owner"]
    story = await add_story(app, "alice")
    other = await add_story(app, "bob", brand="Via Rail")
    via_rail = other.brand_id
    await record(app, action="hide", story_id=story.id, reason="Names a member")
    await record(app, action="restore", story_id=story.id, moderator_id=owner.id)
    await record(app, action="highlight", story_id=other.id, brand_id=via_rail)
    await record(
        app, action="brand_rename", brand_id=via_rail, details={"old": "Via", "new": "Via Rail"}
    )
    await record(app, action="settings", details={"daily_cap": {"old": 5, "new": 3}})
    actor = app.standin.user("moderator")

    by_owner = (await run(actor, "storymod audit", moderator="owner")).embed_text()
    assert by_owner.count("<t:") == 1
    assert "**Story restored**" in by_owner
    assert f"by <@{owner.id}>" in by_owner

    on_story = (await run(actor, "storymod audit", story=story.id)).embed_text()
    assert on_story.count("<t:") == 2
    assert "**Story hidden**" in on_story
    assert "> Why: Names a member" in on_story
    assert f"story #{story.id}" in on_story

    on_brand = (await run(actor, "storymod audit", brand="Via Rail")).embed_text()
    assert on_brand.count("<t:") == 2
    assert "brand **Via Rail**" in on_brand
    assert "new: Via Rail; old: Via" in on_brand  # the details, as stored (sorted keys)

    combined = await run(actor, "storymod audit", moderator="moderator", action="highlight")
    assert combined.embed_text().count("<t:") == 1
    assert f"<@{moderator.id}>" in combined.embed_text()

    nothing = await run(actor, "storymod audit", moderator="owner", action="delete")
    assert nothing.content.startswith("No audit entries by <@")


async def test_brand_filter_autocompletes_and_refuses_unknown_brands(app: App) -> None:
    await add_story(app, "alice", brand="Air Canada")
    moderator = app.standin.user("moderator")

    choices = await moderator.autocomplete("storymod audit", "brand", "air")
    assert choices[0]["value"] == "Air Canada"
    assert all(not c["name"].startswith("➕") for c in choices)  # no "new brand" entry

    refused = await run(moderator, "storymod audit", brand="Nowhere Airlines")
    assert "There is no brand “Nowhere Airlines”" in refused.content
    assert refused.embeds == []


async def test_audit_pages_with_previous_and_next(app: App) -> None:
    for i in range(20):
        await record(app, action="hide", story_id=1000 + i)
    moderator = app.standin.user("moderator")

    page = await run(moderator, "storymod audit")
    assert "Page 1 of 3 · 20 entries" in page.embed_text()
    assert "story #1019" in page.embed_text()  # newest first
    buttons = {c["label"]: c for c in page.iter_components()}
    assert buttons["Previous"].get("disabled") is True

    result = await moderator.click(page, "Next")
    page = await result.wait_for_message()
    assert result.kind == "update"
    assert "Page 2 of 3" in page.embed_text()
    assert "story #1011" in page.embed_text()
    assert "story #1012" not in page.embed_text()

    page = await (await moderator.click(page, "Next")).wait_for_message()
    assert "Page 3 of 3" in page.embed_text()
    assert "story #1000" in page.embed_text()
    assert {c["label"]: c for c in page.iter_components()}["Next"].get("disabled") is True

    page = await (await moderator.click(page, "Previous")).wait_for_message()
    assert "Page 2 of 3" in page.embed_text()


async def test_a_demoted_moderator_cannot_turn_the_page(app: App) -> None:
    for i in range(10):
        await record(app, action="hide", story_id=1000 + i)
    moderator = app.standin.user("moderator")
    page = await run(moderator, "storymod audit")
    app.standin.guild.members[moderator.id].role_ids = []

    result = await moderator.click(page, "Next")
    message = await result.wait_for_message()

    assert result.kind == "message"
    assert REFUSED in message.content
    assert "Page 1 of 2" in page.embed_text()


@pytest.mark.parametrize("command", ["storymod audit", "storymod export"])
async def test_non_moderators_are_refused_and_nothing_changes(app: App, command: str) -> None:
    await add_story(app, "alice")
    await record(app, action="hide")
    before = await audit(app)

    message = await run(overridden(app, "alice"), command)

    assert REFUSED in message.content
    assert message.embeds == []
    assert message.attachments == []
    assert await audit(app) == before
