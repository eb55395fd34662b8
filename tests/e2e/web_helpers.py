"""A server with stories and its web page on, served by the real bot's web app."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

import aiohttp

from bot.domain.stories import Story, StoryStatus
from bot.domain.submission import StoryKind, StorySubmission
from bot.domain.touchpoints import Touchpoint
from bot.services.web_access import WebChange
from bot.web.server import WebServer, start_web_server
from tests.e2e.conftest import App

_interaction_ids = itertools.count(700_000)
BODY = "Long enough to be a real story about what happened that day at the counter."
HOSTILE_HEADLINE = '<script>alert("headline")</script> & co'
HOSTILE_BODY = (
    '"><img src=x onerror="document.title=\'pwned\'"> <script>document.title="pwned"</script>'
    " **bold** _it_ [click](javascript:alert(1)) https://example.com &amp; &lt;b&gt; "
)
HOSTILE_BODY = (HOSTILE_BODY * 40)[:3990] + " THE END"  # 4,000 characters in all


async def tell(
    app: App,
    brand: str,
    rating: int,
    *,
    kind: StoryKind | None = None,
    author: str = "alice",
    headline: str = "A story worth telling",
    body: str = BODY,
    anonymous: bool = False,
) -> Story:
    """Submit, finish and post a story the way the bot does (open review mode)."""
    kind = kind or (StoryKind.GREAT if rating >= 3 else StoryKind.DISASTER)
    submission = StorySubmission.model_validate(
        {
            "kind": kind,
            "brand": brand,
            "headline": headline,
            "body": body,
            "rating": rating,
            "touchpoints": (Touchpoint.SERVICE,),
            "anonymous": anonymous,
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


async def seeded_server(app: App) -> dict[str, Story]:
    """Porter best, Rogers worst, a hostile anonymous story, a hidden and a pending one."""
    await app.configure(stories_channel_id=app.channel_id("stories"), min_stories=2)
    stories: dict[str, Story] = {}
    for rating in (5, 5, 4):
        stories[f"porter{rating}"] = await tell(app, "Porter Airlines", rating)
    for rating in (1, 2):
        stories[f"rogers{rating}"] = await tell(app, "Rogers", rating, author="bob")
    stories["hostile"] = await tell(
        app,
        "Rogers",
        1,
        author="bob",
        headline=HOSTILE_HEADLINE,
        body=HOSTILE_BODY,
        anonymous=True,
    )
    for rating in (3, 4):
        await tell(app, "Bell", rating)
    hidden = await tell(app, "Rogers", 2, headline="This one was hidden by moderators")
    await app.storage.stories.hide_if_published(hidden.id, "reports")
    stories["hidden"] = hidden
    return stories


async def turn_on(app: App) -> str:
    access = await app.bot.web_access.change(
        app.guild_id, app.standin.users["moderator"].id, WebChange.ON
    )
    return access.token


@dataclass
class Site:
    server: WebServer
    session: aiohttp.ClientSession

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    async def get(self, path: str) -> tuple[int, str, dict[str, str]]:
        async with self.session.get(self.base + path, allow_redirects=False) as response:
            return response.status, await response.text(), dict(response.headers)


@asynccontextmanager
async def serving(app: App) -> AsyncIterator[Site]:
    # No cache in tests: every request reads what the test just stored.
    server = await start_web_server(
        app.db_path,
        app.bot.guild_name,
        "127.0.0.1",
        0,
        guild_locale=app.bot.guild_locale,
        clock=app.clock,
        cache_seconds=0,
    )
    try:
        async with aiohttp.ClientSession() as session:
            yield Site(server, session)
    finally:
        await server.stop()
