"""The web pages over HTTP: what they show, what they never show, and their headers."""

from __future__ import annotations

import re

from bot.domain.guild_settings import ReviewMode
from bot.domain.stories import StoryStatus
from bot.services.web_access import WebChange
from tests.e2e.conftest import App
from tests.e2e.web_helpers import seeded_server, serving, tell, turn_on


def _section(html: str, name: str) -> str:
    match = re.search(rf'<section class="{name}">(.*?)</section>', html, re.S)
    assert match, name
    return match.group(1)


async def test_the_overview_shows_each_periods_lists(app: App) -> None:
    await seeded_server(app)
    token = await turn_on(app)
    async with serving(app) as site:
        for period in ("week", "month", "quarter", "all"):
            status, html, headers = await site.get(f"/s/{token}/?period={period}")
            assert status == 200, period
            first_best = _section(html, "best").split("</li>")[0]
            assert "Porter Airlines" in first_best
            assert "Rogers" in _section(html, "worst")
            assert "Rogers" not in _section(html, "best")
            assert headers["Content-Security-Policy"].startswith("default-src 'none'")
            assert "script-src" not in headers["Content-Security-Policy"]
            assert headers["X-Robots-Tag"] == "noindex, nofollow"
            assert headers["Referrer-Policy"] == "no-referrer"
            assert '<meta name="robots" content="noindex, nofollow">' in html
        status, _, _ = await site.get(f"/s/{token}/?period=decade")
        assert status == 404


async def test_a_brand_page_shows_published_stories_only_and_never_an_author(
    app: App,
) -> None:
    stories = await seeded_server(app)
    token = await turn_on(app)
    rogers = stories["rogers1"].brand_id
    async with serving(app) as site:
        status, html, _ = await site.get(f"/s/{token}/brands/{rogers}")
    assert status == 200
    assert "<h1>Rogers</h1>" in html
    assert "hidden by moderators" not in html
    # Newest first: the hostile story (told last) comes before the first one.
    assert html.index("&lt;script&gt;alert(") < html.index("A story worth telling")
    assert "<script" not in html
    assert "<img" not in html
    assert "&#34;&gt;&lt;img src=x onerror=" in html
    for user in app.standin.users.values():
        assert str(user.id) not in html
    assert "<svg" in html
    assert "<rect" in html


async def test_pages_404_when_off_rotated_or_out_of_reach(app: App) -> None:
    stories = await seeded_server(app)
    moderator = app.standin.users["moderator"].id
    async with serving(app) as site:
        status, _, _ = await site.get("/s/" + "A" * 22 + "/")
        assert status == 404  # no server has turned its page on
        token = await turn_on(app)
        assert (await site.get(f"/s/{token}/"))[0] == 200
        rotated = await app.bot.web_access.change(app.guild_id, moderator, WebChange.NEW_ADDRESS)
        assert (await site.get(f"/s/{token}/"))[0] == 404
        assert (await site.get(f"/s/{token}/brands/{stories['porter5'].brand_id}"))[0] == 404
        assert (await site.get(f"/s/{rotated.token}/"))[0] == 200
        await app.bot.web_access.change(app.guild_id, moderator, WebChange.OFF)
        status, body, headers = await site.get(f"/s/{rotated.token}/")
        assert status == 404
        assert body == "Not found. / Page introuvable."  # no server: no language to pick
        assert headers["Content-Security-Policy"].startswith("default-src 'none'")
        on = await app.bot.web_access.change(app.guild_id, moderator, WebChange.ON)
        await app.configure(review_mode=ReviewMode.REVIEW)
        waiting = await tell(app, "Secret Brand", 5, headline="Waiting for a moderator")
        assert waiting.status is StoryStatus.PENDING
        # A brand id of the server with no published story, a page past the end, junk.
        for path in (
            f"/brands/{waiting.brand_id}",
            f"/brands/{stories['hidden'].brand_id + 1000}",
            f"/brands/{stories['porter5'].brand_id}?page=2",
            f"/brands/{stories['porter5'].brand_id}?page=zero",
            "/digests/2026-11-16",
            "/../../etc/passwd",
        ):
            status, body, _ = await site.get(f"/s/{on.token}{path}")
            assert status == 404, path
            # Inside an English server's pages, in its language; an unknown path, in both.
            assert body in ("Not found.", "Not found. / Page introuvable."), (path, body)


async def test_moderators_can_let_search_engines_index(app: App) -> None:
    await seeded_server(app)
    token = await turn_on(app)
    await app.bot.web_access.change(
        app.guild_id, app.standin.users["moderator"].id, WebChange.ON, search_engines=True
    )
    async with serving(app) as site:
        status, html, headers = await site.get(f"/s/{token}/")
    assert status == 200
    assert "X-Robots-Tag" not in headers
    assert 'name="robots"' not in html


async def test_deleted_and_forgotten_stories_leave_the_pages_at_once(app: App) -> None:
    stories = await seeded_server(app)
    token = await turn_on(app)
    porter = stories["porter5"].brand_id
    async with serving(app) as site:
        _, before, _ = await site.get(f"/s/{token}/brands/{porter}")
        assert before.count('<article class="story') == 3
        await app.storage.stories.delete(stories["porter4"].id)
        _, after, _ = await site.get(f"/s/{token}/brands/{porter}")
        assert after.count('<article class="story') == 2
        # Bob told every Rogers story: after forget-me the brand has none, and no page.
        await app.storage.members.forget(app.standin.users["bob"].id)
        status, _, _ = await site.get(f"/s/{token}/brands/{stories['rogers1'].brand_id}")
        assert status == 404
