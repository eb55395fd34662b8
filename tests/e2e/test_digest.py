"""The weekly digest end to end: posting exactly once, catch-up, failures, /leaderboard."""

from __future__ import annotations

import asyncio
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from bot.domain.brands import brand_key
from bot.domain.curation import ModAction
from bot.domain.stories import StoryStatus
from bot.domain.submission import StoryKind, StorySubmission
from bot.domain.touchpoints import Touchpoint
from cogs.digest.cog import Digest
from cogs.digest.poster import PostResult, digest_nonce
from tests.e2e.bypass import overridden
from tests.e2e.conftest import App
from tests.standin.state import Message

# The fake clock starts on Monday 2026-11-23 12:00 UTC; the last full week (Monday 00:00
# UTC by default) is 2026-11-16 .. 2026-11-23.
WEEK = "2026-11-16"
IN_WEEK = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
WEEK_START = datetime(2026, 11, 16, tzinfo=UTC)
WEEK_END = datetime(2026, 11, 23, tzinfo=UTC)
_interaction_ids = iter(range(10_000, 10**9))


async def add_story(
    app: App,
    brand: str,
    rating: int,
    *,
    kind: StoryKind | None = None,
    when: datetime = IN_WEEK,
    guild_id: int | None = None,
    author: int = 1,
    headline: str | None = None,
    status: StoryStatus = StoryStatus.PUBLISHED,
) -> int:
    kind = kind or (StoryKind.GREAT if rating >= 3 else StoryKind.DISASTER)
    submission = StorySubmission.model_validate(
        {
            "kind": kind,
            "brand": brand,
            "headline": headline or f"{brand} story",
            "body": "A story that is long enough to pass the rules of the form.",
            "rating": rating,
            "touchpoints": (Touchpoint.SERVICE,)
            if kind is StoryKind.DISASTER
            else (Touchpoint.USING,),
        }
    )
    created = await app.storage.stories.create(
        guild_id=guild_id or app.guild_id,
        author_id=author,
        submission=submission,
        brand_key=brand_key(brand),
        status=status,
        interaction_id=next(_interaction_ids),
        now=when,
    )
    return created.story.id


async def a_week_of_stories(app: App, guild_id: int | None = None) -> None:
    for rating in (5, 5, 4):
        await add_story(app, "Porter Airlines", rating, guild_id=guild_id)
    for rating in (1, 2, 1):
        await add_story(app, "Rogers", rating, guild_id=guild_id)
    for rating in (3, 4):
        await add_story(app, "Bell", rating, guild_id=guild_id)


async def curate(app: App, story_id: int, action: ModAction, when: datetime) -> None:
    """A moderator's decision, straight through storage (the buttons have their own tests)."""
    story = await app.storage.stories.get(story_id)
    assert story is not None
    await app.storage.moderation.act(
        guild_id=app.guild_id,
        story_id=story_id,
        created_at=story.created_at,
        action=action,
        moderator_id=app.standin.users["moderator"].id,
        reason=None,
        server_name="Test server",
        now=when,
    )


async def posted_at(app: App, story_id: int, message_id: int) -> None:
    """Where the story's channel post is, so the digest can link to it."""
    await app.storage.stories.update(
        story_id, channel_id=app.channel_id("stories"), message_id=message_id
    )


def field(message: Message, name: str) -> str:
    """One embed field's value, by (part of) its name."""
    (embed,) = message.embeds
    values = [f["value"] for f in embed.get("fields", []) if name in f["name"]]
    assert len(values) == 1, f"no single field named {name!r}"
    return str(values[0])


def digest_rows(app: App) -> list[tuple[Any, ...]]:
    with sqlite3.connect(app.db_path) as connection:
        return connection.execute(
            "SELECT guild_id, week_start, status, message_id IS NOT NULL FROM digest_posts"
        ).fetchall()


def cog(app: App) -> Digest:
    # load_extension imports the cog module afresh, so compare by name, not by class.
    found = app.bot.get_cog("Digest")
    assert found is not None
    assert type(found).__name__ == "Digest"
    return found  # type: ignore[return-value]


def restarted(app: App) -> Digest:
    """A new instance of the running cog's class, as a restarted process would have."""
    return type(cog(app))(app.bot)


def digests_in(app: App, channel: str = "digest") -> list[Message]:
    return [m for m in app.standin.messages(channel) if m.embeds]


async def test_the_weekly_digest_is_posted_once(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    app.clock.now = datetime(2026, 11, 23, 0, 3, tzinfo=UTC)

    await cog(app).post_due_digests()
    await cog(app).post_due_digests()

    posts = digests_in(app)
    assert len(posts) == 1
    text = posts[0].embed_text()
    assert "week of 16 Nov 2026" in text
    assert "8** published stories" in text
    best, worst = text.split("Worst-rated")
    assert "Porter Airlines" in best
    assert "Rogers" in worst
    assert "late" not in text
    assert [a.filename for a in posts[0].attachments] == ["digest.png"]
    assert posts[0].attachments[0].data.startswith(b"\x89PNG")
    assert not posts[0].can_ping()
    assert digest_rows(app) == [(app.guild_id, WEEK, "posted", 1)]


async def test_rank_movement_against_last_weeks_digest(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    earlier = IN_WEEK - timedelta(days=7)
    for brand, ratings in (("Bell", (5, 5)), ("Porter Airlines", (5, 5)), ("Tim", (1, 1))):
        for rating in ratings:
            await add_story(app, brand, rating, when=earlier)
    app.clock.now = datetime(2026, 11, 16, 0, 3, tzinfo=UTC)
    await cog(app).post_due_digests()
    await a_week_of_stories(app)
    app.clock.now = datetime(2026, 11, 23, 0, 3, tzinfo=UTC)
    await cog(app).post_due_digests()

    first, latest = (post.embed_text() for post in digests_in(app))
    assert "`2.` **Porter Airlines**" in first  # behind Bell on the tie-break by name
    porter = next(line for line in latest.splitlines() if "Porter Airlines" in line)
    assert porter.startswith("`1.`")
    assert porter.endswith("↑1")


async def test_a_crash_after_the_claim_posts_once_on_restart(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    # The previous process claimed the week and died before sending.
    assert await app.storage.digests.claim(
        app.guild_id, WEEK, app.clock(), timedelta(minutes=10), start=WEEK_START, end=WEEK_END
    )
    await restarted(app).post_due_digests()
    assert len(digests_in(app)) == 1
    assert digest_rows(app) == [(app.guild_id, WEEK, "posted", 1)]


async def test_a_crash_after_sending_is_recovered_without_a_second_post(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    digest_cog = cog(app)
    settings = await app.storage.guild_settings.get(app.guild_id)
    claim = await app.storage.digests.claim(
        app.guild_id, WEEK, app.clock(), timedelta(minutes=10), start=WEEK_START, end=WEEK_END
    )
    assert claim is not None
    window = (await app.bot.digests.week_for(settings, WEEK))[0]
    digest = await app.bot.digests.build(settings, window)
    channel = await digest_cog.poster.channel(settings.digest_channel_id)
    assert channel is not None
    await digest_cog.poster.send(channel, digest, digest_nonce(app.guild_id, WEEK))
    # ...and the process died before recording the message id.

    await restarted(app).post_due_digests()
    assert len(digests_in(app)) == 1
    assert digest_rows(app) == [(app.guild_id, WEEK, "posted", 1)]


async def test_a_5xx_after_discord_accepted_the_post_does_not_double_it(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    fault = app.standin.fail_next(
        "POST", "/channels/{channel_id}/messages", status=500, after_store=True
    )
    await cog(app).post_due_digests()
    assert fault.hits == 1
    assert len(digests_in(app)) == 1
    assert digest_rows(app) == [(app.guild_id, WEEK, "posted", 1)]


async def test_two_pollers_at_once_post_once(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    results = await asyncio.gather(
        cog(app).poster.post_due(app.guild_id), restarted(app).poster.post_due(app.guild_id)
    )
    assert sorted(results) == sorted([PostResult.POSTED, PostResult.NOT_DUE])
    assert len(digests_in(app)) == 1


async def test_a_bot_that_was_down_catches_up_with_the_latest_week_only(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    await add_story(app, "Bell", 4, when=IN_WEEK + timedelta(days=7))
    app.clock.now = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)  # missed two Mondays
    await cog(app).post_due_digests()
    posts = digests_in(app)
    assert len(posts) == 1
    assert "week of 23 Nov 2026" in posts[0].embed_text()
    assert "late" in posts[0].embed_text()


async def test_one_failing_server_does_not_stop_the_others(app: App) -> None:
    other = await app.standin.add_guild("Second server")
    await asyncio.sleep(0.1)
    await app.configure(digest_channel_id=app.channel_id("locked"))  # no Send Messages there
    other_settings = await app.storage.guild_settings.get(other.id)
    await app.storage.guild_settings.save(
        other_settings.model_copy(update={"digest_channel_id": other.channels["digest"].id}),
        app.clock(),
    )
    await a_week_of_stories(app)
    await a_week_of_stories(app, guild_id=other.id)

    await cog(app).post_due_digests()
    assert len([m for m in app.standin.messages(other.channels["digest"]) if m.embeds]) == 1
    failed = await app.storage.digests.last_attempt(app.guild_id)
    assert failed is not None
    assert failed.status == "failed"
    assert "403" in (failed.error or "")

    # Not retried at every wake-up: the next try waits for the back-off.
    requests_before = len(app.standin.requests)
    await cog(app).post_due_digests()
    posts_to_locked = [
        r
        for r in app.standin.requests[requests_before:]
        if r.method == "POST" and "messages" in r.path
    ]
    assert posts_to_locked == []


async def test_a_quiet_week_gets_a_short_note_or_nothing(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await add_story(app, "Bell", 4)
    await cog(app).post_due_digests()
    (post,) = digests_in(app)
    assert "Not enough stories" in post.embed_text()
    assert post.attachments == []


async def test_a_quiet_week_can_be_skipped(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"), quiet_week_post=False)
    await add_story(app, "Bell", 4)
    await cog(app).post_due_digests()
    assert digests_in(app) == []
    assert digest_rows(app) == [(app.guild_id, WEEK, "skipped", 0)]


HOSTILE = "see https://a.b](https://phish.example) **now** @everyone"


async def test_rendering_fits_discords_limits_with_many_long_names(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"), leaderboard_size=10)
    names = []
    for index in range(100):
        emoji = "🚀👩‍👩‍👧🇨🇦"[index % 3 :] if index % 2 else ""
        name = f"{emoji}Brand {index:03d} with a long name that goes on and on"[:80]
        names.append(name)
        for rating in (index % 5 + 1, (index * 3) % 5 + 1):
            await add_story(app, name, rating)
    highlighted = []
    for index in range(6):
        story_id = await add_story(
            app, names[index], 4, headline=f"{HOSTILE} {index}", when=IN_WEEK - timedelta(days=30)
        )
        await posted_at(app, story_id, 10**17 + index)
        await curate(app, story_id, ModAction.HIGHLIGHT, IN_WEEK + timedelta(minutes=index))
        highlighted.append(story_id)

    await cog(app).post_due_digests()

    (post,) = digests_in(app)  # the stand-in refuses an embed beyond Discord's limits
    assert app.standin.take_violations() == []
    assert "200** published stories" in post.embed_text()
    (embed,) = post.embeds
    total = len(embed["title"]) + len(embed["description"]) + len(embed["footer"]["text"])
    total += sum(len(f["name"]) + len(f["value"]) for f in embed["fields"])
    assert total <= 6000
    assert all(len(f["value"]) <= 1024 for f in embed["fields"])

    # Every new brand has its own entry: as many names as fit, then how many more.
    new = field(post, "New this week").split(", ")
    assert len(new) > 20
    assert new[-1] == f"…and {100 - len(new) + 1} more"
    assert all(len(shown) <= 25 + 2 for shown in new[:-1])  # shortened for display only

    # The newest five highlights, each one link to its own post; the headline's own
    # "](" cannot end the label early and point the link at another address.
    highlights = field(post, "highlights")
    links = re.findall(r"\]\((https://[^)]*)\)", highlights.replace("\\]\\(", ""))
    assert links == [
        f"https://discord.com/channels/{app.guild_id}/{app.channel_id('stories')}/{10**17 + n}"
        for n in (5, 4, 3, 2, 1)
    ]
    assert "phish.example" in highlights  # shown as text, escaped
    assert "@everyone" not in highlights


async def test_leaderboard_shows_the_week_so_far_and_past_weeks(app: App) -> None:
    await a_week_of_stories(app)
    await add_story(app, "Bell", 5, when=app.clock() - timedelta(hours=1))
    alice = app.standin.user("alice")
    now = await alice.run_command("leaderboard")
    message = await now.wait_for_message()
    assert now.ephemeral
    assert "The week so far" in message.embed_text()
    assert "1** published stories" in message.embed_text()

    past = await alice.run_command("leaderboard", week=WEEK)
    message = await past.wait_for_message()
    assert "week of 16 Nov 2026" in message.embed_text()
    assert "Porter Airlines" in message.embed_text()


@pytest.mark.parametrize(
    ("week", "problem"),
    [
        ("2026-13-01", "like 2026-11-16"),
        ("next week", "like 2026-11-16"),
        ("2026-11-17", "Tuesday"),
        ("2026-12-07", "hasn't started"),
        ("2020-01-06", "first published story came later"),
    ],
)
async def test_leaderboard_bad_weeks_are_explained(app: App, week: str, problem: str) -> None:
    await a_week_of_stories(app)
    result = await app.standin.user("alice").run_command("leaderboard", week=week)
    message = await result.wait_for_message()
    assert result.ephemeral
    assert problem in message.content


async def test_moderators_preview_and_repost(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    await cog(app).post_due_digests()
    moderator = app.standin.user("moderator")
    preview = await moderator.run_command("digest preview")
    message = await preview.wait_for_message()
    assert preview.ephemeral
    assert "The week so far" in message.embed_text()

    repost = await moderator.run_command("digest repost", week=WEEK)
    await repost.wait_for_message()
    assert len(digests_in(app)) == 2
    with sqlite3.connect(app.db_path) as connection:
        assert connection.execute("SELECT action FROM audit_log").fetchall() == [("digest_repost",)]


async def test_members_cannot_preview_or_repost(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    commands = {c["name"]: c for c in app.standin.registered_commands()}
    assert str(commands["digest"]["default_member_permissions"]) == "32"  # Manage Server
    # Even where a server admin lets members see the command, the bot refuses them.
    alice = overridden(app, "alice")
    cases: list[tuple[str, dict[str, Any]]] = [
        ("digest preview", {}),
        ("digest repost", {"week": WEEK}),
    ]
    for command, options in cases:
        result = await alice.run_command(command, options=options)
        message = await result.wait_for_message()
        assert result.ephemeral
        assert "Only moderators" in message.content
    assert digests_in(app) == []


async def test_moderators_see_why_the_digest_failed_in_setup(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("locked"))
    await a_week_of_stories(app)
    await cog(app).post_due_digests()
    result = await app.standin.user("moderator").run_command("storymod setup")
    panel = await result.wait_for_message()
    assert "could not be posted" in panel.embed_text()
    assert "403" in panel.embed_text()


# --- highlights -----------------------------------------------------------------------


async def test_highlighting_an_older_story_features_it_in_the_next_digest_once(
    app: App,
) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    old = await add_story(
        app, "Bell", 5, headline="They fixed it in a day", when=IN_WEEK - timedelta(days=60)
    )
    await posted_at(app, old, 4242)
    await curate(app, old, ModAction.HIGHLIGHT, IN_WEEK)
    app.clock.now = datetime(2026, 11, 23, 0, 3, tzinfo=UTC)

    await cog(app).post_due_digests()
    (first,) = digests_in(app)
    assert "They fixed it in a day" in field(first, "highlights")
    assert "/4242)" in field(first, "highlights")

    # Featured once: the next week's digest and the preview no longer show it...
    await add_story(app, "Bell", 4, when=IN_WEEK + timedelta(days=7))
    moderator = app.standin.user("moderator")
    preview = await moderator.run_command("digest preview")
    assert "They fixed it" not in (await preview.wait_for_message()).embed_text()
    app.clock.now = datetime(2026, 11, 30, 0, 3, tzinfo=UTC)
    await cog(app).post_due_digests()
    assert "They fixed it" not in digests_in(app)[1].embed_text()
    # ...but the week that featured it still shows it.
    past = await app.standin.user("alice").run_command("leaderboard", week=WEEK)
    assert "They fixed it in a day" in (await past.wait_for_message()).embed_text()


async def test_a_highlight_made_this_week_shows_in_the_preview(app: App) -> None:
    await a_week_of_stories(app)
    old = await add_story(
        app, "Bell", 5, headline="Old but gold", when=IN_WEEK - timedelta(days=60)
    )
    await curate(app, old, ModAction.HIGHLIGHT, app.clock())
    preview = await app.standin.user("moderator").run_command("digest preview")
    message = await preview.wait_for_message()
    assert "Old but gold" in field(message, "highlights")


# --- exactly once: the faults the issue names -------------------------------------------


async def test_a_crash_before_the_claim_is_a_normal_post(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    app.clock.now = datetime(2026, 11, 23, 0, 3, tzinfo=UTC)
    # The previous process died before claiming: there is no row at all.
    assert digest_rows(app) == []
    await restarted(app).post_due_digests()
    (post,) = digests_in(app)
    assert "late" not in post.embed_text()
    assert digest_rows(app) == [(app.guild_id, WEEK, "posted", 1)]


async def test_a_failure_after_discord_stored_the_post_is_recovered_not_resent(
    app: App,
) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    # A 503 is not retried by discord.py: the poster sees a failure, Discord has the post.
    fault = app.standin.fail_next(
        "POST", "/channels/{channel_id}/messages", status=503, after_store=True
    )
    await cog(app).post_due_digests()
    assert fault.hits == 1
    (post,) = digests_in(app)
    assert digest_rows(app) == [(app.guild_id, WEEK, "failed", 0)]

    # Past the back-off the retry looks in the channel first. The stand-in would still
    # drop a same-nonce duplicate (its window is real time), so count the sends too.
    app.clock.advance(minutes=16)
    sends_before = len(app.standin.requests)
    await cog(app).post_due_digests()
    sends = [
        r
        for r in app.standin.requests[sends_before:]
        if r.method == "POST" and r.path.endswith("/messages")
    ]
    assert sends == []
    assert digests_in(app) == [post]
    record = await app.storage.digests.get(app.guild_id, WEEK)
    assert record is not None
    assert (record.status, record.message_id) == ("posted", post.id)


async def test_a_schedule_change_mid_week_does_not_post_twice(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    app.clock.now = datetime(2026, 11, 23, 0, 3, tzinfo=UTC)  # Monday
    await cog(app).post_due_digests()
    assert len(digests_in(app)) == 1

    await app.configure(digest_weekday=1)  # Tuesdays from now on
    app.clock.now = datetime(2026, 11, 24, 0, 3, tzinfo=UTC)
    await cog(app).post_due_digests()
    assert len(digests_in(app)) == 1  # Tuesday 17 → 24 overlaps the week just posted

    # Monday 23 (after the Monday digest, before the first Tuesday week) is in the gap.
    await add_story(app, "Bell", 3, when=datetime(2026, 11, 23, 12, 0, tzinfo=UTC))
    await add_story(app, "Bell", 4, when=datetime(2026, 11, 26, tzinfo=UTC))
    app.clock.now = datetime(2026, 12, 1, 0, 3, tzinfo=UTC)  # the next Tuesday
    await cog(app).post_due_digests()
    posts = digests_in(app)
    assert len(posts) == 2
    assert "week of 24 Nov 2026" in posts[1].embed_text()
    assert "2** published stories" in posts[1].embed_text()  # nothing fell between


async def test_a_story_approved_after_its_week_counts_in_the_next_week(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    late = await add_story(app, "Bell", 5, status=StoryStatus.PENDING)  # written in week 1
    app.clock.now = datetime(2026, 11, 23, 0, 3, tzinfo=UTC)
    await cog(app).post_due_digests()
    assert "8** published stories" in digests_in(app)[0].embed_text()

    await curate(app, late, ModAction.APPROVE, datetime(2026, 11, 24, 10, 0, tzinfo=UTC))
    app.clock.now = datetime(2026, 11, 30, 0, 3, tzinfo=UTC)
    await cog(app).post_due_digests()
    assert "1** published stories" in digests_in(app)[1].embed_text()
    # Week 1, shown again, still has the stories readers saw in it.
    past = await app.standin.user("alice").run_command("leaderboard", week=WEEK)
    assert "8** published stories" in (await past.wait_for_message()).embed_text()


# --- /digest repost -------------------------------------------------------------------


async def test_repost_refuses_a_week_before_the_first_story(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    result = await app.standin.user("moderator").run_command("digest repost", week="2026-11-02")
    message = await result.wait_for_message()
    assert result.ephemeral
    assert "first published story came later" in message.content
    assert digests_in(app) == []
    assert await app.storage.audit_log.recent(app.guild_id) == []


async def test_a_deliberate_repost_does_not_say_it_is_late(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    app.clock.now = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)  # long after the week
    result = await app.standin.user("moderator").run_command("digest repost", week=WEEK)
    await result.wait_for_message()
    (post,) = digests_in(app)
    assert "week of 16 Nov 2026" in post.embed_text()
    assert "late" not in post.embed_text()


async def test_a_repost_is_audited_even_when_the_send_fails_after_discord_stored_it(
    app: App,
) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    app.standin.fail_next("POST", "/channels/{channel_id}/messages", status=503, after_store=True)
    moderator = app.standin.user("moderator")
    result = await moderator.run_command("digest repost", week=WEEK)
    await result.wait_for_message()
    assert len(digests_in(app)) == 1  # public, so it must be on record
    (entry,) = await app.storage.audit_log.recent(app.guild_id)
    assert (entry.action, entry.moderator_id) == ("digest_repost", moderator.id)
    assert entry.details == {"week": WEEK, "channel_id": str(app.channel_id("digest"))}
