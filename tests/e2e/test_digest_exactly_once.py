"""The digest is posted exactly once.

Crashes at each step, retries, a 5xx after Discord accepted the post, two pollers,
catch-up after downtime, and schedule changes.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from bot.domain.curation import ModAction
from bot.domain.stories import StoryStatus
from bot.services.digest_posting import LEASE, PostResult, digest_nonce
from tests.e2e.conftest import App
from tests.e2e.digest_helpers import (
    IN_WEEK,
    WEEK,
    WEEK_END,
    WEEK_START,
    a_week_of_stories,
    add_story,
    cog,
    curate,
    digest_rows,
    digests_in,
    restarted,
)


async def test_a_crash_after_the_claim_posts_once_on_restart(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    # The previous process claimed the week and died before sending.
    assert await app.storage.digests.claim(
        app.guild_id, WEEK, app.clock(), LEASE, start=WEEK_START, end=WEEK_END, owner="crashed"
    )
    restart = restarted(app)
    await restart.post_due_digests()
    assert digests_in(app) == []  # the crashed process's lease has not run out yet
    # ...so one more round is due just after it ends, not a whole round later.
    assert restart.poster.held_until == app.clock() + LEASE
    assert restart.early_round is not None
    restart.early_round.cancel()
    app.clock.advance(seconds=LEASE.total_seconds())
    await restart.post_due_digests()
    assert len(digests_in(app)) == 1
    assert digest_rows(app) == [(app.guild_id, WEEK, "posted", 1)]


async def test_a_crash_after_sending_is_recovered_without_a_second_post(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    digest_cog = cog(app)
    settings = await app.storage.guild_settings.get(app.guild_id)
    claim = await app.storage.digests.claim(
        app.guild_id, WEEK, app.clock(), LEASE, start=WEEK_START, end=WEEK_END, owner="crashed"
    )
    assert claim is not None
    window = (await app.bot.digests.week_for(settings, WEEK))[0]
    digest = await app.bot.digests.build(settings, window)
    assert settings.digest_channel_id is not None
    await digest_cog.courier.send(
        settings.digest_channel_id, digest, digest_nonce(app.guild_id, WEEK)
    )
    # ...and the process died before recording the message id.

    app.clock.advance(seconds=LEASE.total_seconds())
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
    assert results.count(PostResult.POSTED) == 1
    assert set(results) - {PostResult.POSTED} <= {PostResult.HELD, PostResult.NOT_DUE}
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


async def test_an_earlier_digest_hour_trims_the_next_week_instead_of_skipping_it(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"), digest_hour=12)
    await a_week_of_stories(app)
    app.clock.now = datetime(2026, 11, 23, 12, 3, tzinfo=UTC)
    await cog(app).post_due_digests()  # covers [16 Nov 12:00, 23 Nov 12:00)
    await app.configure(digest_hour=0)
    await add_story(app, "Bell", 4, when=datetime(2026, 11, 25, tzinfo=UTC))
    app.clock.now = datetime(2026, 11, 30, 0, 3, tzinfo=UTC)
    await cog(app).post_due_digests()  # [23 Nov 12:00, 30 Nov 00:00): no overlap, no skip
    posts = digests_in(app)
    assert len(posts) == 2
    assert "1** published stories" in posts[1].embed_text()


async def test_a_crash_after_sending_then_200_messages_is_recovered_from_the_history(
    app: App,
) -> None:
    """Downtime outlasts Discord's nonce window; 200 messages bury the post: found anyway."""
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    digest_cog = cog(app)
    settings = await app.storage.guild_settings.get(app.guild_id)
    claim = await app.storage.digests.claim(
        app.guild_id, WEEK, app.clock(), LEASE, start=WEEK_START, end=WEEK_END, owner="crashed"
    )
    assert claim is not None
    window = (await app.bot.digests.week_for(settings, WEEK))[0]
    digest = await app.bot.digests.build(settings, window)
    assert settings.digest_channel_id is not None
    await digest_cog.courier.send(
        settings.digest_channel_id, digest, digest_nonce(app.guild_id, WEEK)
    )
    # ...the process died before recording the message id; the server kept talking.
    await app.standin.chatter("digest", 200)
    app.standin.clock.advance(3600)  # an hour down: Discord forgot the nonce
    app.clock.advance(hours=1)

    await restarted(app).post_due_digests()
    assert len(digests_in(app)) == 1
    assert digest_rows(app) == [(app.guild_id, WEEK, "posted", 1)]
