"""/leaderboard period: and /brand period: as a member sees them."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.e2e.conftest import App
from tests.e2e.digest_helpers import a_week_of_stories, add_story, field

SUMMER = datetime(2026, 8, 10, 12, tzinfo=UTC)  # Q3: in all time only


async def _stories(app: App) -> None:
    await a_week_of_stories(app)  # week of 16 Nov: Porter 5 5 4, Rogers 1 2 1, Bell 3 4
    for rating in (1, 1, 1):
        await add_story(app, "Bell", rating, when=SUMMER)


async def test_month_and_all_time_rank_their_own_stories(app: App) -> None:
    await _stories(app)
    alice = app.standin.user("alice")
    month = await alice.run_command("leaderboard", period="month")
    message = await month.wait_for_message()
    assert month.ephemeral
    (embed,) = message.embeds
    assert embed["title"] == "🏆 Leaderboard · November 2026"
    assert "8 published stories" in embed["description"]
    # C = November's mean, 25 / 8 = 3.125; Bell (3.5 over 2) is above it.
    assert "Porter Airlines" in field(message, "Best")
    assert "Bell" in field(message, "Best")
    assert "Rogers" in field(message, "Worst")
    assert "average 3.13" in embed["footer"]["text"]  # 3.125, halves round up

    ever = await alice.run_command("leaderboard", period="all")
    assert ever.kind == "deferred"  # all time answers "thinking…" first, then the lists
    message = await ever.wait_for_message()
    (embed,) = message.embeds
    assert embed["title"] == "🏆 Leaderboard · All time"
    assert "11 published stories" in embed["description"]
    # Bell's summer 1-star stories count now: 10 / 5 = 2.0 < C = 28 / 11.
    assert "Bell" in field(message, "Worst")
    assert "Bell" not in field(message, "Best")


async def test_a_week_and_a_period_together_are_refused(app: App) -> None:
    await _stories(app)
    result = await app.standin.user("alice").run_command(
        "leaderboard", week="2026-11-16", period="quarter"
    )
    message = await result.wait_for_message()
    assert result.ephemeral
    assert "either a past week or a period" in message.content


async def test_the_brand_card_for_a_period(app: App) -> None:
    await _stories(app)
    alice = app.standin.user("alice")
    result = await alice.run_command("brand", name="Bell", period="quarter")
    message = await result.wait_for_message()
    (embed,) = message.embeds
    assert embed["author"]["name"] == "Q4 2026"
    assert embed["description"] == "**2 published stories**"
    # (2·3.5 + 3·3.125) / 5 = 3.275, shown 3.28 (halves round up, 3.125 → 3.13): the same C
    # as the quarter's leaderboard.
    assert field(message, "Bayesian score").startswith(
        "**3.28** / 5 — 2 stories weighed against the server's average for Q4 2026 3.13"
    )
    whole = await alice.run_command("brand", name="Bell")
    message = await whole.wait_for_message()
    assert message.embeds[0]["description"] == "**5 published stories**"
    ever = await alice.run_command("brand", name="Bell", period="all")
    message = await ever.wait_for_message()
    assert message.embeds[0]["author"]["name"] == "All time"
    # C = all 11 stories' mean, 28 / 11 = 2.545...; Bell 10 / 5 = 2.0.
    assert "weighed against the server's all-time average 2.55" in field(message, "Bayesian score")

    empty = await alice.run_command("brand", name="Bell", period="week")
    message = await empty.wait_for_message()
    assert message.embeds[0]["description"].startswith("No stories published in Week of")
