"""The weekly digest end to end: what it shows, rank movement, quiet weeks, limits, highlights."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from bot.domain.curation import ModAction
from tests.e2e.conftest import App
from tests.e2e.digest_helpers import (
    IN_WEEK,
    WEEK,
    a_week_of_stories,
    add_story,
    cog,
    curate,
    digest_rows,
    digests_in,
    field,
    posted_at,
)


async def test_the_weekly_digest_is_posted_once(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("digest"))
    await a_week_of_stories(app)
    app.clock.now = datetime(2026, 11, 23, 0, 3, tzinfo=UTC)

    await cog(app).post_due_digests()
    await cog(app).post_due_digests()

    posts = digests_in(app)
    assert len(posts) == 1
    text = posts[0].embed_text()
    assert "week of Nov 16, 2026" in text
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

    # Every new brand has its own entry: as many names as fit, then how many more. The six
    # brands with a highlighted story from a month ago were published before: not new.
    new = field(post, "New this week").split(", ")
    assert len(new) > 20
    assert new[-1] == f"…and {94 - len(new) + 1} more"
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


async def test_moderators_see_why_the_digest_failed_in_setup(app: App) -> None:
    await app.configure(digest_channel_id=app.channel_id("locked"))
    await a_week_of_stories(app)
    await cog(app).post_due_digests()
    result = await app.standin.user("moderator").run_command("storymod setup")
    panel = await result.wait_for_message()
    assert "could not be posted" in panel.embed_text()
    assert "Discord refused the post (403, code 50013)" in panel.embed_text()
    # The reason is stored as a code: a French moderator reads it in French.
    french = await app.standin.user("moderator").speaking("fr").run_command("storymod setup")
    text = (await french.wait_for_message()).embed_text()
    assert "Discord a refusé la publication (403, code 50013)" in text
    assert "refused" not in text


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
