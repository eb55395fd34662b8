"""What the story form knows before it opens stays right as settings and stories change.

The form's first response reads no settings from the database (they are cached in the
bot, issue 9): a moderator's change must still apply to the very next command. The
touchpoints it pre-selects follow the brand's published stories at once.
"""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any

from standin.actors import Actor
from tests.e2e.conftest import App
from tests.e2e.story_helpers import form_values, tell_quickly


async def preselected(actor: Actor, brand: str) -> list[str]:
    """Open the form and return the touchpoints it pre-selects."""
    opened = await actor.run_command("story great", brand=brand)
    assert opened.kind == "modal", opened.content
    field = next(f for f in opened.modal.fields() if f.get("_label") == "Touchpoints")
    return [str(o["value"]) for o in field["options"] if o.get("default")]


async def setup(app: App, **options: Any) -> None:
    result = await app.standin.user("moderator").run_command("storymod setup", **options)
    await result.wait_for_message()


async def test_a_moderator_s_new_limits_apply_to_the_very_next_form(app: App) -> None:
    await setup(app, stories_channel="stories", cooldown_minutes=0, daily_cap=3)
    alice = app.standin.user("alice")
    await tell_quickly(alice)
    opened = await alice.run_command("story great", brand="Bell")
    assert opened.kind == "modal"  # 1 of 3 today: the settings are now in memory

    await setup(app, daily_cap=1)
    refused = await alice.run_command("story great", brand="Bell")
    reply = await refused.wait_for_message()
    assert refused.kind != "modal"
    assert "one story a day" in reply.content

    await setup(app, daily_cap=2)
    assert (await alice.run_command("story great", brand="Bell")).kind == "modal"


async def test_the_pre_selected_touchpoints_follow_each_new_story(app: App) -> None:
    await setup(app, stories_channel="stories", cooldown_minutes=0)
    alice, bob, carol = (app.standin.user(n) for n in ("alice", "bob", "owner"))
    await tell_quickly(alice, brand="Via Rail", touchpoints=("delivery",))
    assert await preselected(carol, "Via Rail") == []  # one story says too little

    await tell_quickly(bob, brand="Via Rail", touchpoints=("delivery", "billing"))
    assert await preselected(carol, "Via Rail") == ["delivery", "billing"]

    await tell_quickly(alice, brand="Via Rail", touchpoints=("delivery",))
    assert await preselected(carol, "Via Rail") == ["delivery"]  # billing: 1 of 3 now


async def test_members_submitting_at_once_see_thinking_then_their_first_question(
    app: App,
) -> None:
    await setup(app, stories_channel="stories", cooldown_minutes=0)
    members = [app.standin.user(n) for n in ("alice", "bob", "owner", "moderator")]
    forms = [await m.run_command("story great", brand=f"Brand {i}") for i, m in enumerate(members)]
    submitted = await asyncio.gather(
        *(
            m.submit_modal(f.modal, form_values(headline=f"At once {i}"), wait=False)
            for i, (m, f) in enumerate(zip(members, forms, strict=True))
        )
    )
    replies = [await s.wait_for_message() for s in submitted]
    # All but the first arrive while another member's save is under way: "thinking…"
    # at once, privately; the first may have been alone long enough to answer directly.
    assert sum(s.kind == "deferred" for s in submitted) >= len(members) - 1
    assert all(s.ephemeral for s in submitted)
    for reply in replies:  # then each one's first question, in the same private message
        assert "Skip" in [c.get("label") for c in reply.iter_components()]
    with sqlite3.connect(app.db_path) as connection:
        headlines = {r[0] for r in connection.execute("SELECT headline FROM stories")}
    assert headlines == {f"At once {i}" for i in range(len(members))}
