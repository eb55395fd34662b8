"""/storymod brand ...: merge and unmerge, rename, aliases, industry, duplicates, end to end."""

from __future__ import annotations

import itertools
import sqlite3
from typing import Any

import pytest

from bot.domain.brands import brand_key
from bot.domain.moderators import AuditEntry
from bot.domain.stories import Story, StoryStatus
from bot.domain.submission import StorySubmission
from tests.e2e.bypass import from_dm, overridden
from tests.e2e.conftest import App
from tests.e2e.story_helpers import answer, submit_story
from tests.standin import Actor, Message
from tests.standin.interactions import wait_until

REFUSED = "Only moderators can do that"
_interaction_ids = itertools.count(700_000)


async def tell(
    app: App, brand: str, author: str = "alice", headline: str = "Great flight"
) -> Story:
    """A published story, posted to the stories channel like the bot does."""
    submission = StorySubmission.model_validate(
        {
            "kind": "great",
            "brand": brand,
            "headline": headline,
            "body": "Long enough to be a real story about what happened that day.",
            "rating": 5,
            "touchpoints": ["service"],
        }
    )
    submitted = await app.bot.stories.submit(
        guild_id=app.guild_id,
        author_id=app.standin.users[author].id,
        submission=submission,
        interaction_id=next(_interaction_ids),
    )
    story, _ = await app.bot.stories.finish(submitted.story.id)
    if story.status is StoryStatus.PUBLISHED:
        await app.bot.publisher.publish(story)
    app.clock.advance(minutes=1)
    reread = await app.storage.stories.get(story.id)
    assert reread is not None
    return reread


async def setup_channels(app: App) -> None:
    await app.configure(
        stories_channel_id=app.channel_id("stories"),
        mod_channel_id=app.channel_id("mods"),
        cooldown_seconds=0,
        daily_cap=100,
    )


def db_rows(app: App, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(app.db_path) as connection:
        return connection.execute(sql, params).fetchall()


def snapshot(app: App) -> list[list[tuple[Any, ...]]]:
    """Everything brand upkeep could change: a refused command must leave it all alone."""
    return [
        db_rows(app, "SELECT id, name, name_key, industry, merged_into FROM brands ORDER BY id"),
        db_rows(app, "SELECT alias_key, alias, brand_id FROM brand_aliases ORDER BY alias_key"),
        db_rows(app, "SELECT id, brand_id FROM stories ORDER BY id"),
        db_rows(app, "SELECT id, undone_at FROM brand_merges ORDER BY id"),
        db_rows(app, "SELECT count(*) FROM audit_log"),
    ]


async def audit(app: App) -> list[AuditEntry]:
    return list(reversed(await app.storage.audit_log.recent(app.guild_id, limit=100)))


async def brand_of(app: App, story: Story) -> str:
    reread = await app.storage.stories.get(story.id)
    assert reread is not None
    return reread.brand_name


async def run(actor: Actor, command: str, **options: Any) -> Message:
    result = await actor.run_command(f"storymod brand {command}", **options)
    reply = await result.wait_for_message()
    assert result.ephemeral, f"{command} must answer privately"
    assert not reply.can_ping()
    return reply


def moderator(app: App) -> Actor:
    return app.standin.user("moderator")


async def post_of(app: App, story: Story) -> Message:
    reread = await app.storage.stories.get(story.id)
    assert reread is not None
    assert reread.message_id is not None
    found = app.standin.world.find_message(reread.message_id)
    assert found is not None
    return found


async def wait_for_post_brand(app: App, story: Story, brand: str) -> None:
    message = await post_of(app, story)
    await wait_until(
        lambda: brand in message.embed_text(), 3.0, lambda: f"post still shows {message.embeds}"
    )


# --- registration ---------------------------------------------------------------------


async def test_brand_upkeep_commands_are_registered_under_storymod(app: App) -> None:
    storymod = next(c for c in app.standin.registered_commands() if c["name"] == "storymod")
    group = next(o for o in storymod["options"] if o["name"] == "brand")
    assert group["type"] == 2
    subs = {o["name"]: o for o in group["options"]}
    assert set(subs) == {
        "merge",
        "unmerge",
        "rename",
        "alias-add",
        "alias-remove",
        "industry",
        "duplicates",
    }
    merge_options = {o["name"]: o for o in subs["merge"]["options"]}
    assert list(merge_options) == ["from", "into", "reason"]
    assert merge_options["from"]["autocomplete"]
    assert merge_options["into"]["autocomplete"]
    assert not merge_options["reason"]["required"]
    industry = {o["name"]: o for o in subs["industry"]["options"]}
    assert "airline" in {c["value"] for c in industry["industry"]["choices"]}


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


# --- rename ------------------------------------------------------------------------------


async def test_rename_keeps_the_old_name_reachable_and_refreshes_posts(app: App) -> None:
    await setup_channels(app)
    story = await tell(app, "Air Canada")
    reply = await run(
        moderator(app), "rename", brand="Air Canada", new_name="Air Canada Rouge", reason="rebrand"
    )
    assert "Renamed **Air Canada** to **Air Canada Rouge**" in reply.content
    assert "still land on it" in reply.content
    await wait_for_post_brand(app, story, "Air Canada Rouge")

    card = await app.standin.user("bob").run_command("brand", name="air canada")
    shown = (await card.wait_for_message()).embed_text()
    assert "Air Canada Rouge" in shown
    assert "Also known as" in shown
    choices = await moderator(app).autocomplete("storymod brand merge", "from", "air can")
    assert [c["value"] for c in choices] == ["Air Canada Rouge"]

    entry = (await audit(app))[-1]
    assert entry.action == "brand_rename"
    assert entry.reason == "rebrand"
    assert entry.details == {
        "old_name": "Air Canada",
        "new_name": "Air Canada Rouge",
        "old_name_kept_as_alias": True,
    }

    # A new spelling of the same key changes the display only.
    reply = await run(
        moderator(app), "rename", brand="Air Canada Rouge", new_name="AIR CANADA ROUGE"
    )
    assert "still land" not in reply.content
    assert db_rows(app, "SELECT alias FROM brand_aliases") == [("Air Canada",)]


@pytest.mark.parametrize(
    ("new_name", "expected"),
    [
        ("Bell", "already the name (or an alias) of **Bell**"),
        ("Bell Canada Inc.", "already the name (or an alias) of **Bell**"),
        ("!!!", "at least one letter or digit"),
        ("\u200b\u3164", "at least one letter or digit"),
        ("Rogers", "already called **Rogers**"),
    ],
)
async def test_rename_refusals_change_nothing(app: App, new_name: str, expected: str) -> None:
    await tell(app, "Rogers")
    bell = await tell(app, "Bell")
    await app.storage.brand_upkeep.add_alias(
        guild_id=app.guild_id,
        brand_id=bell.brand_id,
        alias="Bell Canada",
        alias_key=brand_key("Bell Canada"),
        moderator_id=1,
        reason=None,
        now=app.clock(),
    )
    before = snapshot(app)
    reply = await run(moderator(app), "rename", brand="Rogers", new_name=new_name)
    assert expected in reply.content
    assert snapshot(app) == before


# --- aliases -----------------------------------------------------------------------------


async def test_alias_add_and_remove(app: App) -> None:
    await tell(app, "Rogers")
    await tell(app, "Bell")
    reply = await run(moderator(app), "alias-add", brand="Rogers", alias="Rogers Wireless")
    assert "**Rogers Wireless** now leads to **Rogers**" in reply.content
    card = await app.standin.user("bob").run_command("brand", name="rogers wireless inc")
    assert "Rogers" in (await card.wait_for_message()).embed_text()

    before = snapshot(app)
    for alias, expected in [
        ("Bell", "already leads to **Bell**"),
        ("ROGERS WIRELESS", "already answers to"),
        ("Rogers", "already answers to"),
        ("***", "at least one letter or digit"),
    ]:
        refused = await run(moderator(app), "alias-add", brand="Rogers", alias=alias)
        assert expected in refused.content, alias
    assert snapshot(app) == before

    choices = await moderator(app).autocomplete(
        "storymod brand alias-remove", "alias", "wire", brand="Rogers"
    )
    assert [c["value"] for c in choices] == ["Rogers Wireless"]
    for alias, expected in [("Rogers", "the brand's name"), ("Fido", "has no such alias")]:
        refused = await run(moderator(app), "alias-remove", brand="Rogers", alias=alias)
        assert expected in refused.content
    assert snapshot(app) == before

    reply = await run(moderator(app), "alias-remove", brand="Rogers", alias="Rogers Wireless")
    assert "no longer leads to **Rogers**" in reply.content
    assert db_rows(app, "SELECT count(*) FROM brand_aliases") == [(0,)]
    actions = [(e.action, e.details) for e in await audit(app)]
    assert actions == [
        ("brand_alias_add", {"alias": "Rogers Wireless", "brand_name": "Rogers"}),
        ("brand_alias_remove", {"alias": "Rogers Wireless", "brand_name": "Rogers"}),
    ]


# --- industry and duplicates ----------------------------------------------------------


async def test_industry_is_set_and_audited(app: App) -> None:
    await tell(app, "WestJet")
    reply = await run(moderator(app), "industry", brand="WestJet", industry="airline")
    assert "**WestJet** is now in Airline & travel" in reply.content
    again = await run(moderator(app), "industry", brand="WestJet", industry="airline")
    assert "already in Airline & travel" in again.content
    entries = await audit(app)
    assert [(e.action, e.details) for e in entries] == [
        ("brand_industry", {"brand_name": "WestJet", "old": None, "new": "airline"})
    ]
    card = await app.standin.user("bob").run_command("brand", name="WestJet")
    assert "Airline & travel" in (await card.wait_for_message()).embed_text()


async def test_duplicates_lists_likely_pairs_best_first(app: App) -> None:
    spellings = {
        "Air Canada": 3,
        "Air Canda": 1,
        "Rogers": 2,
        "Rogres": 1,
        "Air France": 1,
        "Bell": 1,
        "Dell": 1,
        "Air Canada Rouge": 1,
    }
    for name, count in spellings.items():
        for _ in range(count):
            await tell(app, name)
    reply = await run(moderator(app), "duplicates")
    lines = reply.embed_text().splitlines()
    pairs = [line for line in lines if line[:2] in {"1.", "2.", "3."}]
    assert pairs == [
        "1. **Air Canda** (1 story) → **Air Canada** (3 stories) · 94.1% alike",
        "2. **Rogres** (1 story) → **Rogers** (2 stories) · 83.3% alike",
    ]


async def test_duplicates_on_a_tidy_server(app: App) -> None:
    await tell(app, "Rogers")
    reply = await run(moderator(app), "duplicates")
    assert "No brands look alike" in reply.embed_text()


# --- non-moderators -------------------------------------------------------------------

_COMMANDS: list[tuple[str, dict[str, Any]]] = [
    ("merge", {"from": "Fido", "into": "Rogers"}),
    ("unmerge", {"merge": "#1"}),
    ("rename", {"brand": "Rogers", "new_name": "Rogers Wireless"}),
    ("alias-add", {"brand": "Rogers", "alias": "Rogers Wireless"}),
    ("alias-remove", {"brand": "Rogers", "alias": "Rogers Cable"}),
    ("industry", {"brand": "Rogers", "industry": "telecom"}),
    ("duplicates", {}),
]


@pytest.mark.parametrize(("command", "options"), _COMMANDS, ids=[c for c, _ in _COMMANDS])
async def test_members_are_refused_every_command(
    app: App, command: str, options: dict[str, Any]
) -> None:
    await tell(app, "Rogers")
    await tell(app, "Fido")
    await tell(app, "Koodo")
    await run(moderator(app), "merge", options={"from": "Koodo", "into": "Rogers"})
    await run(moderator(app), "alias-add", brand="Rogers", alias="Rogers Cable")
    before = snapshot(app)
    reply = await run(overridden(app, "alice"), command, options=options)
    assert REFUSED in reply.content
    assert snapshot(app) == before


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


async def test_brand_commands_are_refused_from_a_dm(app: App) -> None:
    await tell(app, "Rogers")
    before = snapshot(app)
    reply = await run(from_dm(app, "moderator"), "duplicates")
    assert "only works inside a server" in reply.content
    assert snapshot(app) == before
