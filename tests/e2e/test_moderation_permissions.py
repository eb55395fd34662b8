"""Who may act on the review queue and its buttons, end to end.

Non-moderators reach the buttons through a crafted view of #mods (a member-level
overwrite) or a role taken away while a card is open.
"""

from __future__ import annotations

import pytest

from standin.state import Message, Overwrite, Perm
from tests.e2e.bypass import overridden
from tests.e2e.conftest import App
from tests.e2e.my_stories_helpers import tell
from tests.e2e.queue_helpers import (
    REFUSED,
    channels,
    open_queue,
    pending,
    refused,
    report,
    snapshot,
)
from tests.e2e.test_moderation_setup import add_helper_role, set_roles

# --- who may act ------------------------------------------------------------------------


async def notes_for_every_action(app: App) -> dict[str, Message]:
    """Notes in #mods whose buttons cover all six actions."""
    await channels(app, review_mode="review", report_threshold=3)
    await tell(app, "alice", "Waiting")  # pending: Approve, Hide, Delete
    waiting = app.standin.messages("mods")[-1]
    await app.configure(review_mode="open")
    await tell(app, "alice", "Reported")
    await report(app, app.standin.messages("stories")[-1], "bob")  # Keep, Hide, Highlight, Delete
    reported = app.standin.messages("mods")[-1]
    starred = await tell(app, "alice", "Starred")
    await app.storage.stories.update(starred.id, highlighted=True)
    await report(app, app.standin.messages("stories")[-1], "bob")  # … Unhighlight …
    highlighted = app.standin.messages("mods")[-1]
    await app.configure(report_threshold=1)
    await tell(app, "alice", "Hidden")
    await report(app, app.standin.messages("stories")[-1], "bob")  # Restore, Delete
    hidden = app.standin.messages("mods")[-1]
    return {
        "Approve": waiting,
        "Hide": reported,
        "Highlight": reported,
        "Unhighlight": highlighted,
        "Keep (dismiss reports)": reported,
        "Restore": hidden,
        "Delete": hidden,
    }


@pytest.mark.parametrize(
    "label",
    ["Approve", "Hide", "Restore", "Highlight", "Unhighlight", "Keep (dismiss reports)", "Delete"],
)
async def test_a_member_who_is_not_a_moderator_is_refused_by_every_button(
    app: App, label: str
) -> None:
    notes = await notes_for_every_action(app)
    # An admin lets bob read #mods, without making him a moderator.
    bob = app.standin.users["bob"]
    app.standin.guild.channels["mods"].overwrites.append(
        Overwrite(bob.id, 1, allow=Perm.VIEW_CHANNEL)
    )
    before = snapshot(app)

    message = await refused(app.standin.user("bob").click(notes[label], label))

    assert REFUSED in message
    assert snapshot(app) == before


async def test_non_moderators_cannot_open_the_queue_or_a_story(app: App) -> None:
    story = await pending(app)
    alice = overridden(app, "alice")
    before = snapshot(app)
    assert REFUSED in await refused(alice.run_command("storymod queue"))
    assert REFUSED in await refused(alice.run_command("storymod story", id=story.id))
    assert snapshot(app) == before


async def test_a_demoted_moderator_clicking_an_old_button_is_refused(app: App) -> None:
    await pending(app)
    await pending(app, headline="Another one")
    role = await add_helper_role(app)
    await app.configure(moderator_role_id=role.id)
    set_roles(app, "bob", [role.id])
    bob = overridden(app, "bob")
    card = await open_queue(bob)
    form = (await bob.click(card, "Hide")).modal
    before = snapshot(app)

    set_roles(app, "bob", [])  # an admin takes the role away while the card is open

    for attempt in (
        bob.click(card, "Approve"),
        bob.click(card, "Hide"),
        bob.click(card, "Delete"),
        bob.click(card, "Next"),
        bob.submit_modal(form, {"Reason": "Too late"}),
    ):
        assert REFUSED in await refused(attempt)
    assert snapshot(app) == before
