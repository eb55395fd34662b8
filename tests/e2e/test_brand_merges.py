"""/storymod brand merge and unmerge end to end, also with stories in flight."""

from __future__ import annotations

import pytest

from standin import Actor, Message
from tests.e2e.brand_upkeep_helpers import (
    audit,
    brand_of,
    db_rows,
    moderator,
    post_of,
    run,
    setup_channels,
    snapshot,
    tell,
    wait_for_post_brand,
)
from tests.e2e.conftest import App
from tests.e2e.story_helpers import answer, submit_story

# --- merge and unmerge ------------------------------------------------------------------


async def test_merge_moves_stories_names_and_posts_and_is_audited(app: App) -> None:
    await setup_channels(app)
    canada = [await tell(app, "Air Canada"), await tell(app, "Air Canada", "bob")]
    typo = await tell(app, "Air Canda", headline="Typo story")
    typo_brand = typo.brand_id

    reply = await run(
        moderator(app),
        "merge",
        options={"from": "Air Canda", "into": "Air Canada", "reason": "typo"},
    )
    assert "Merged **Air Canda** into **Air Canada**" in reply.content
    assert "1 story moved, and its name now leads to **Air Canada**" in reply.content
    assert "unmerge merge:#1" in reply.content

    assert [await brand_of(app, s) for s in [*canada, typo]] == ["Air Canada"] * 3
    await wait_for_post_brand(app, typo, "Air Canada")
    assert "Air Canda" not in (await post_of(app, typo)).embed_text()

    entries = await audit(app)
    assert [e.action for e in entries] == ["brand_merge"]
    entry = entries[0]
    assert entry.moderator_id == app.standin.users["moderator"].id
    assert entry.brand_id == canada[0].brand_id
    assert entry.reason == "typo"
    assert entry.details is not None
    assert entry.details["from_brand_id"] == typo_brand
    assert entry.details["story_count"] == 1

    # The card and autocomplete know one brand, reachable by both names.
    card = await app.standin.user("bob").run_command("brand", name="Air Canda")
    shown = (await card.wait_for_message()).embed_text()
    assert "Air Canada" in shown
    assert "3 published stories" in shown
    assert "Also known as" in shown
    assert "Air Canda" in shown
    choices = await app.standin.user("bob").autocomplete("brand", "name", "Air Can")
    assert [c["value"] for c in choices] == ["Air Canada"]


async def test_unmerge_restores_exactly_the_stories_that_moved(app: App) -> None:
    await setup_channels(app)
    fido = [await tell(app, "Fido"), await tell(app, "Fido", "bob")]
    rogers = await tell(app, "Rogers")
    await run(moderator(app), "merge", options={"from": "Fido", "into": "Rogers"})
    await wait_for_post_brand(app, fido[0], "Rogers")
    later = await tell(app, "Fido", "bob", headline="After the merge")  # typed A, landed on B
    assert await brand_of(app, later) == "Rogers"

    choices = await moderator(app).autocomplete("storymod brand unmerge", "merge", "")
    assert choices == [{"name": "#1 · Fido → Rogers · 2 stories", "value": "#1"}]

    reply = await run(moderator(app), "unmerge", merge="Fido", reason="not the same")
    assert "Undid merge #1" in reply.content
    assert "**Fido** is back with 2 stories" in reply.content
    assert [await brand_of(app, s) for s in fido] == ["Fido", "Fido"]
    assert [await brand_of(app, s) for s in (rogers, later)] == ["Rogers", "Rogers"]
    assert db_rows(app, "SELECT id FROM brands WHERE name = 'Fido'") == [(fido[0].brand_id,)]
    await wait_for_post_brand(app, fido[0], "Fido")
    assert "Rogers" not in (await post_of(app, fido[0])).embed_text()
    choices = await moderator(app).autocomplete("storymod brand merge", "from", "fid")
    assert [c["value"] for c in choices] == ["Fido"]

    unmerge = (await audit(app))[-1]
    assert unmerge.action == "brand_unmerge"
    assert unmerge.brand_id == fido[0].brand_id
    assert unmerge.reason == "not the same"
    assert unmerge.details is not None
    assert unmerge.details["story_count"] == 2

    before = snapshot(app)
    again = await run(moderator(app), "unmerge", merge="#1")
    assert "already undone" in again.content
    unknown = await run(moderator(app), "unmerge", merge="#42")
    assert "no merge #42" in unknown.content
    assert snapshot(app) == before
    assert await moderator(app).autocomplete("storymod brand unmerge", "merge", "") == []


async def test_merge_refuses_itself_and_unknown_brands(app: App) -> None:
    await tell(app, "Air Canada")
    await tell(app, "WestJet")
    await app.storage.brand_upkeep.add_alias(
        guild_id=app.guild_id,
        brand_id=(await app.storage.brands.find(app.guild_id, "aircanada")).id,  # type: ignore[union-attr]
        alias="AC",
        alias_key="ac",
        moderator_id=1,
        reason=None,
        now=app.clock(),
    )
    before = snapshot(app)
    same = await run(moderator(app), "merge", options={"from": "AC", "into": "air canada"})
    assert "already one brand" in same.content
    unknown = await run(moderator(app), "merge", options={"from": "Westjt", "into": "Air Canada"})
    assert "don't know a brand called **Westjt**" in unknown.content
    assert "Did you mean **WestJet**" in unknown.content
    assert snapshot(app) == before


# --- stories in flight ------------------------------------------------------------------


async def finish_follow_ups(actor: Actor, reply: Message) -> Message:
    for _ in range(8):
        labels = [str(c.get("label")) for c in reply.iter_components()]
        if "Publish" in labels:
            return await answer(actor, reply, click="Publish")
        if "Skip" in labels:
            reply = await answer(actor, reply, click="Skip")
        elif any(label.startswith("No, ") for label in labels):
            reply = await answer(
                actor, reply, click=next(x for x in labels if x.startswith("No, "))
            )
        else:
            reply = await answer(
                actor, reply, click=next(x for x in labels if x.startswith("Keep "))
            )
    raise AssertionError(reply.content)


async def test_a_story_in_its_follow_ups_during_a_merge_ends_on_the_survivor(app: App) -> None:
    await setup_channels(app)
    await tell(app, "WestJet")
    await tell(app, "Air Canada")
    alice = app.standin.user("alice")
    _, reply = await submit_story(alice, brand="WestJet")  # saved as a draft, follow-ups open

    await run(moderator(app), "merge", options={"from": "WestJet", "into": "Air Canada"})

    done = await finish_follow_ups(alice, reply)
    assert "published" in done.content
    post = app.standin.messages("stories")[-1]
    assert "Air Canada" in post.embed_text()
    assert "WestJet" not in post.embed_text()
    assert (
        db_rows(
            app, "SELECT b.name FROM stories s JOIN brands b ON b.id = s.brand_id ORDER BY s.id"
        )
        == [("Air Canada",)] * 3
    )

    # A brand-new submission typing the old name lands on the survivor, asking no
    # "new brand" question.
    _, fresh = await submit_story(app.standin.user("bob"), brand="westjet")
    assert "is new here" not in fresh.content
    await finish_follow_ups(app.standin.user("bob"), fresh)
    assert db_rows(app, "SELECT count(DISTINCT brand_id) FROM stories") == [(1,)]
    assert db_rows(app, "PRAGMA foreign_key_check") == []


async def test_did_you_mean_a_brand_merged_meanwhile_files_the_story_on_the_survivor(
    app: App,
) -> None:
    await setup_channels(app)
    await tell(app, "Air Canada")
    await tell(app, "Maple Air")
    alice = app.standin.user("alice")
    _, reply = await submit_story(alice, brand="Air Canda")
    assert "Did you mean **Air Canada**" in reply.content

    await run(moderator(app), "merge", options={"from": "Air Canada", "into": "Maple Air"})

    reply = await answer(alice, reply, click="Yes, Air Canada")
    await finish_follow_ups(alice, reply)
    post = app.standin.messages("stories")[-1]
    assert "Maple Air" in post.embed_text()
    assert db_rows(app, "SELECT name FROM brands WHERE merged_into IS NULL") == [("Maple Air",)]
    assert db_rows(app, "SELECT count(*) FROM brands WHERE name = 'Air Canda'") == [(0,)]


# --- posts that cannot be refreshed ---------------------------------------------------


async def test_a_post_that_cannot_be_refreshed_is_logged_not_raised(
    app: App, caplog: pytest.LogCaptureFixture
) -> None:
    await setup_channels(app)
    gone = await tell(app, "Air Canda", headline="Its post was deleted by hand")
    kept = await tell(app, "Air Canda", headline="Its post is still there")
    await tell(app, "Air Canada")
    (await post_of(app, gone)).deleted = True

    reply = await run(moderator(app), "merge", options={"from": "Air Canda", "into": "Air Canada"})
    assert "2 stories moved" in reply.content
    await wait_for_post_brand(app, kept, "Air Canada")
    assert any(f"story {gone.id}" in r.getMessage() for r in caplog.records)
    assert [await brand_of(app, s) for s in (gone, kept)] == ["Air Canada", "Air Canada"]
