"""/storymod brand ...: registration, rename, aliases, industry, duplicates, who may use
them, end to end (merge and unmerge are in test_brand_merges.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.brands import brand_key
from tests.e2e.brand_upkeep_helpers import (
    REFUSED,
    audit,
    db_rows,
    moderator,
    run,
    setup_channels,
    snapshot,
    tell,
    wait_for_post_brand,
)
from tests.e2e.bypass import from_dm, overridden
from tests.e2e.conftest import App

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


async def test_brand_commands_are_refused_from_a_dm(app: App) -> None:
    await tell(app, "Rogers")
    before = snapshot(app)
    reply = await run(from_dm(app, "moderator"), "duplicates")
    assert "only works inside a server" in reply.content
    assert snapshot(app) == before
