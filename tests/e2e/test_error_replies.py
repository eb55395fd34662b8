"""Replies that explain a problem to a member are retried once when their delivery fails
for a passing reason, through the real bot and the stand-in's fault injection."""

from __future__ import annotations

import pytest

from standin.interactions import wait_until
from tests.e2e.conftest import App
from tests.e2e.digest_helpers import WEEK, a_week_of_stories

CALLBACK = "/interactions/{interaction_id}/{token}/callback"
FOLLOWUP = "/webhooks/{app_id}/{token}"


def statuses(app: App, kind: str) -> list[int]:
    return [r.status for r in app.standin.requests if r.method == "POST" and kind in r.path]


async def test_a_refusal_whose_answer_hit_a_429_is_sent_again(app: App) -> None:
    # A 429 without Via is what discord.py takes for a Cloudflare ban: it raises at once.
    app.standin.fail_next("POST", CALLBACK, status=429, via=False)
    result = await app.standin.user("alice").run_command("story great", brand="!!!")
    reply = await result.wait_for_message()
    assert result.ephemeral
    assert "letter or digit" in reply.content
    assert statuses(app, "/callback") == [429, 200]


async def test_a_refusal_sent_as_a_followup_is_sent_again(app: App) -> None:
    await a_week_of_stories(app)
    await app.configure(digest_channel_id=424242)  # a channel the bot cannot see
    app.standin.fail_next("POST", FOLLOWUP, status=503, times=1, via=False)
    app.standin.fail_next("POST", FOLLOWUP, status=429, via=False)
    result = await app.standin.user("moderator").run_command("digest repost", week=WEEK)
    reply = await result.wait_for_message(within=6)
    assert "I cannot see the digest channel" in reply.content
    assert statuses(app, "/webhooks/") == [503, 429, 200]  # discord.py retried the 503 itself


@pytest.mark.parametrize(
    ("status", "times", "attempts"),
    [(429, 5, 2), (400, 5, 1)],  # a passing failure is retried once; a 400 would only repeat
)
async def test_a_reply_that_keeps_failing_is_given_up_quietly(
    app: App, status: int, times: int, attempts: int
) -> None:
    fault = app.standin.fail_next("POST", CALLBACK, status=status, times=times, via=False)
    await app.standin.user("alice").run_command("story great", brand="!!!", wait=False)
    await wait_until(lambda: fault.hits >= attempts, 3.0, lambda: "no delivery attempt")
    await wait_until(lambda: not app.bot.is_closed(), 1.0, lambda: "the bot stopped")
    assert fault.hits == attempts
    fault.remaining = 0
    again = await app.standin.user("bob").run_command("story great", brand="???")
    assert "letter or digit" in (await again.wait_for_message()).content
    assert fault.hits == attempts


async def test_a_refusal_taken_by_discord_then_answered_500_is_shown_once(app: App) -> None:
    # discord.py retries the 5xx itself; Discord answers "already acknowledged" (40060),
    # which is the end of it: the member already has the reply.
    app.standin.fail_next("POST", CALLBACK, status=500, after_store=True)
    result = await app.standin.user("alice").run_command("story great", brand="!!!")
    reply = await result.wait_for_message()
    assert "letter or digit" in reply.content
    await wait_until(
        lambda: len(statuses(app, "/callback")) == 2, 3.0, lambda: "discord.py did not retry"
    )
    assert statuses(app, "/callback") == [500, 400]
    assert result.record.followups == []
