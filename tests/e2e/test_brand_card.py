"""/brand end to end: the card a member sees, autocomplete, unknown brands, hostile names."""

from __future__ import annotations

import itertools
import json
import re

from bot.domain.brands import Industry, brand_key
from bot.domain.guild_settings import ReviewMode
from bot.domain.stories import Story, StoryStatus
from bot.domain.submission import StoryKind, StorySubmission
from bot.domain.touchpoints import Touchpoint as T
from storage.rows import to_epoch
from tests.e2e.conftest import App

_interaction_ids = itertools.count(900_000)


async def tell(
    app: App,
    brand: str,
    *,
    author: int,
    kind: StoryKind,
    rating: int,
    touchpoints: tuple[T, ...],
    recommend: int | None = None,
    anonymous: bool = False,
    headline: str = "A story worth telling",
) -> Story:
    """Submit, answer and finish a story the quick way, then post it like the bot does."""
    submission = StorySubmission.model_validate(
        {
            "kind": kind,
            "brand": brand,
            "headline": headline,
            "body": "Long enough to be a real story about what happened that day.",
            "rating": rating,
            "touchpoints": touchpoints,
            "anonymous": anonymous,
        }
    )
    submitted = await app.bot.stories.submit(
        guild_id=app.guild_id,
        author_id=author,
        submission=submission,
        interaction_id=next(_interaction_ids),
    )
    if recommend is not None:
        await app.bot.stories.answer(submitted.story.id, recommend=recommend)
    story, _ = await app.bot.stories.finish(submitted.story.id)
    if story.status is StoryStatus.PUBLISHED:
        await app.bot.publisher.publish(story)
    app.clock.advance(minutes=1)  # distinct created_at: "recent" has one order
    reread = await app.storage.stories.get(story.id)
    assert reread is not None
    return reread


def post_url(app: App, story: Story) -> str:
    return f"https://discord.com/channels/{app.guild_id}/{story.channel_id}/{story.message_id}"


async def add_alias(app: App, brand_id: int, alias: str) -> None:
    """Merging brands is a moderator feature of its own; the card only reads aliases."""
    async with app.storage.database.transaction() as connection:
        await connection.execute(
            "INSERT INTO brand_aliases (guild_id, alias_key, alias, brand_id, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (app.guild_id, brand_key(alias), alias, brand_id, to_epoch(app.clock())),
        )


async def air_canada(app: App) -> list[Story]:
    """Four published Air Canada stories and one Rogers story, figures worked out below."""
    await app.configure(stories_channel_id=app.channel_id("stories"), prior_weight=2.0)
    stories = [
        await tell(
            app,
            "Air Canada",
            author=1001,
            kind=StoryKind.DISASTER,
            rating=1,
            touchpoints=(T.SERVICE, T.DELIVERY),
            recommend=2,
            headline="Lost my bag twice",
        ),
        await tell(
            app,
            "air canada",
            author=1002,
            kind=StoryKind.DISASTER,
            rating=2,
            touchpoints=(T.SERVICE,),
            recommend=6,
            headline="Two hours on hold",
        ),
        await tell(
            app,
            "Air Canada",
            author=1003,
            kind=StoryKind.GREAT,
            rating=5,
            touchpoints=(T.DELIVERY, T.USING),
            recommend=10,
            headline="Upgraded for free",
        ),
        await tell(
            app,
            "AIR CANADA",
            author=1004,
            kind=StoryKind.GREAT,
            rating=4,
            touchpoints=(T.DELIVERY,),
            anonymous=True,
            headline="Bags arrived first",
        ),
    ]
    await tell(
        app, "Rogers", author=1005, kind=StoryKind.DISASTER, rating=1, touchpoints=(T.BILLING,)
    )
    await app.bot.stories.set_industry(stories[0], Industry.AIRLINE)
    return stories


async def test_the_card_shows_the_figures_worked_out_by_hand(app: App) -> None:
    stories = await air_canada(app)
    result = await app.standin.user("alice").run_command("brand", name="Air Canada")
    message = await result.wait_for_message()
    assert result.ephemeral
    assert not message.can_ping()
    assert len(message.embeds) == 1
    embed = message.embeds[0]
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert embed["title"] == "🏷️ Air Canada"
    assert embed["description"] == "**4 published stories**"
    # Ratings 1, 2, 5, 4: mean 12 / 4 = 3.00 -> three stars.
    assert fields["Average rating"] == "★★★☆☆ 3.00 / 5"
    # C = the server's mean: (1 + 2 + 5 + 4 + Rogers' 1) / 5 = 2.6; m = 2 (the setting).
    # (4·3.0 + 2·2.6) / (4 + 2) = 17.2 / 6 = 2.8667
    assert fields["Bayesian score"] == (
        "**2.87** / 5 — 4 stories weighed against the server's 12-week average 2.60, weight 2"
    )
    # Answers 2, 6, 10 (the fourth story has none): 1 promoter, 2 detractors -> -33.
    assert fields["Net Promoter Score"] == "-33 (3 answers)"
    assert fields["Great / disaster"] == "🌟 2 great (50%) · 💥 2 disaster (50%)"
    # Delivery: 1, 5, 4 -> 3.33 over 3; service: 1, 2 -> 1.50 over 2; using: one story only.
    assert fields["Strongest touchpoint"] == "📦 Delivery & unboxing — 3.33 ★ (3 stories)"
    assert fields["Weakest touchpoint"] == "🎧 Customer service & support — 1.50 ★ (2 stories)"
    assert fields["Industry"] == "Airline & travel"
    assert "Also known as" not in fields
    # The three newest, newest first, each a link to its post.
    lines = fields["Recent stories"].split("\n")
    assert len(lines) == 3
    newest, second, third = stories[3], stories[2], stories[1]
    assert lines[0].startswith(f"🌟 [Bags arrived first]({post_url(app, newest)}) · ★★★★☆ · <t:")
    assert lines[1].startswith(f"🌟 [Upgraded for free]({post_url(app, second)}) · ★★★★★ · <t:")
    assert lines[2].startswith(f"💥 [Two hours on hold]({post_url(app, third)}) · ★★☆☆☆ · <t:")
    assert lines[0].endswith(f"<t:{int(newest.created_at.timestamp())}:d>")
    # The anonymous author is nowhere in what the bot sent (nor is anyone else).
    body = json.dumps(message.embeds)
    for author in ("1001", "1002", "1003", "1004"):
        # Whole numbers only: a snowflake in a post link may contain these digits.
        assert not re.search(rf"(?<!\d){author}(?!\d)", body)


async def test_aliases_resolve_and_show_on_the_card(app: App) -> None:
    stories = await air_canada(app)
    await add_alias(app, stories[0].brand_id, "Air Kanada")
    await add_alias(app, stories[0].brand_id, "AC Airlines")
    result = await app.standin.user("bob").run_command("brand", name="air kanada")
    message = await result.wait_for_message()
    fields = {f["name"]: f["value"] for f in message.embeds[0]["fields"]}
    assert message.embeds[0]["title"] == "🏷️ Air Canada"
    assert fields["Also known as"] == "AC Airlines, Air Kanada"


async def test_a_brand_with_nothing_published_shows_an_empty_card(app: App) -> None:
    await app.configure(review_mode=ReviewMode.REVIEW)
    pending = await tell(
        app, "Rogers", author=1001, kind=StoryKind.DISASTER, rating=1, touchpoints=(T.BILLING,)
    )
    assert pending.status is StoryStatus.PENDING
    result = await app.standin.user("alice").run_command("brand", name="Rogers")
    message = await result.wait_for_message()
    assert result.ephemeral
    embed = message.embeds[0]
    assert embed["title"] == "🏷️ Rogers"
    assert embed["description"] == "No published stories yet."
    assert not embed.get("fields")


async def test_autocomplete_offers_existing_brands_for_typos_prefixes_and_aliases(
    app: App,
) -> None:
    stories = await air_canada(app)
    await add_alias(app, stories[0].brand_id, "Maple Air")
    alice = app.standin.user("alice")
    for typed in ("air canda", "Air C", "canada", "maple", "AIR-CANADA"):
        choices = await alice.autocomplete("brand", "name", typed)
        assert choices, typed
        assert choices[0] == {"name": "Air Canada · 4 stories", "value": "Air Canada"}, typed
        assert not any("New brand" in c["name"] for c in choices), typed
    assert await alice.autocomplete("brand", "name", "Zzyzx Widgets") == []
    # An empty box lists the most-storied brands first.
    listed = await alice.autocomplete("brand", "name", "")
    assert [c["value"] for c in listed] == ["Air Canada", "Rogers"]


async def test_unknown_brand_is_a_private_error_with_suggestions(app: App) -> None:
    await air_canada(app)
    alice = app.standin.user("alice")
    result = await alice.run_command("brand", name="Air Canda")
    message = await result.wait_for_message()
    assert result.ephemeral
    assert not message.can_ping()
    assert message.content == (
        "I don't know a brand called “Air Canda” in this server. "
        "Did you mean **Air Canada** (4 stories)?"
    )

    result = await alice.run_command("brand", name="Zzyzx Widgets")
    message = await result.wait_for_message()
    assert result.ephemeral
    assert message.content.startswith("I don't know a brand called “Zzyzx Widgets”")
    assert "Did you mean" not in message.content

    result = await alice.run_command("brand", name="@everyone **hi**")
    message = await result.wait_for_message()
    assert result.ephemeral
    assert not message.can_ping()
    assert "@\u200beveryone \\*\\*hi\\*\\*" in message.content


async def test_a_hostile_brand_name_is_escaped_and_cannot_ping(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    name = "@everyone **Evil** __Corp__ <@123> [x](https://evil.example) @here"
    story = await tell(
        app,
        name,
        author=1001,
        kind=StoryKind.DISASTER,
        rating=1,
        touchpoints=(T.SERVICE,),
        headline="@here [click](https://phish.example/](https://x.example)) **now**",
    )
    choices = await app.standin.user("alice").autocomplete("brand", "name", "everyone evil")
    assert choices[0]["value"] == name
    result = await app.standin.user("alice").run_command("brand", name=choices[0]["value"])
    message = await result.wait_for_message()
    assert result.ephemeral
    assert not message.can_ping()
    embed = message.embeds[0]
    assert embed["title"] == (
        "🏷️ @\u200beveryone \\*\\*Evil\\*\\* \\_\\_Corp\\_\\_ <\u200b@123> "
        "\\[x\\]\\(https://evil.example) @\u200bhere"
    )
    recent = next(f["value"] for f in embed["fields"] if f["name"] == "Recent stories")
    # The only link on the line is ours: every bracket of the headline is escaped.
    label = (
        "@\u200bhere \\[click\\]\\(https\\://phish.example/\\]\\(https\\://x.example\\)\\) "
        "\\*\\*now\\*\\*"
    )
    assert recent.startswith(f"💥 [{label}]({post_url(app, story)})")


async def test_the_longest_name_and_headlines_stay_within_discord_limits(app: App) -> None:
    await app.configure(stories_channel_id=app.channel_id("stories"))
    name = "*_" * 39 + "Zz"  # 80 characters, and every one but two doubles when escaped
    assert len(name) == 80
    for n in range(3):
        await tell(
            app,
            name,
            author=1001 + n,
            kind=StoryKind.DISASTER,
            rating=1,
            touchpoints=(T.SERVICE, T.BILLING, T.DELIVERY),
            recommend=n,
            headline=("[*](" * 25)[: 100 - len(str(n))] + str(n),  # 100 characters
        )
    brand = await app.storage.brands.find(app.guild_id, brand_key(name))
    assert brand is not None
    await add_alias(app, brand.id, "~" * 79 + "a")
    await add_alias(app, brand.id, "|" * 79 + "b")
    # The stand-in fails the test if anything the bot sends breaks a limit.
    result = await app.standin.user("alice").run_command("brand", name=name)
    message = await result.wait_for_message()
    assert result.ephemeral
    embed = message.embeds[0]
    assert embed["title"].startswith("🏷️ \\*\\_\\*\\_")
    recent = next(f["value"] for f in embed["fields"] if f["name"] == "Recent stories")
    assert len(recent.split("\n")) == 3
    assert len(recent) <= 1024
    # 100 characters double to at most 200 when escaped: the whole headline fits.
    assert all("\\[\\*\\]\\(\\[" in line for line in recent.split("\n"))
    assert all("](https://discord.com/channels/" in line for line in recent.split("\n"))
