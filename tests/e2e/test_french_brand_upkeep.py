"""Brand upkeep refusals reach a French moderator in French: storage gives the reason
and the names, the cog words them (member text stays as it was typed)."""

from __future__ import annotations

from tests.e2e.brand_upkeep_helpers import moderator, run, snapshot, tell
from tests.e2e.conftest import App
from tests.e2e.test_french import english_words


async def test_refused_renames_and_unmerges_are_worded_in_french(app: App) -> None:
    await tell(app, "Rogers")
    await tell(app, "Bell *Mobile*")
    before = snapshot(app)
    french = moderator(app).speaking("fr")

    same = await run(french, "rename", brand="Rogers", new_name="Rogers")
    assert same.content == "La marque s'appelle déjà **Rogers**. Rien n'a changé."
    taken = await run(french, "rename", brand="Rogers", new_name="Bell *Mobile*")
    assert taken.content.startswith(r"**Bell \*Mobile\*** est déjà le nom (ou un alias) de")
    unknown = await run(french, "unmerge", merge="#1042")
    assert unknown.content == "Il n'y a pas de fusion n° 1042 sur ce serveur."
    for reply in (same, taken, unknown):
        assert english_words(reply.content) == []
    assert snapshot(app) == before

    english = await run(moderator(app), "rename", brand="Rogers", new_name="Rogers")
    assert english.content == "The brand is already called **Rogers**. Nothing was changed."
