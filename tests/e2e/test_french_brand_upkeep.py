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


async def test_brand_upkeep_answers_a_french_moderator_in_french(app: App) -> None:
    """The answers too, not only the refusals: merge, undo, rename, aliases, industry,
    duplicates, and an unknown brand with a suggestion."""
    await tell(app, "Rogers")
    await tell(app, "Rogres")
    await tell(app, "Bell")
    french = moderator(app).speaking("fr")

    duplicates = await run(french, "duplicates")
    (embed,) = duplicates.embeds
    assert embed["title"] == "Marques probablement en double"
    assert "(1 histoire) → **Rogers** (1 histoire) · ressemblance" in embed["description"]
    unknown = await run(french, "rename", brand="Rogerz", new_name="Rogers Inc")
    assert unknown.content.startswith("Je ne connais aucune marque appelée **Rogerz** ici.")
    assert "Vouliez-vous dire **Rogers** ?" in unknown.content

    merged = await run(french, "merge", **{"from": "Rogres", "into": "Rogers"})
    assert merged.content.startswith("✅ **Rogres** fusionnée dans **Rogers** (fusion n° ")
    assert "1 histoire déplacée, et son nom mène désormais à **Rogers**." in merged.content
    number = merged.content.split("fusion n° ")[1].split(")")[0]
    undone = await run(french, "unmerge", merge=f"#{number}")
    assert undone.content.startswith(f"↩️ Fusion n° {number} annulée : **Rogres** revient avec")
    renamed = await run(french, "rename", brand="Bell", new_name="Bell Canada")
    assert renamed.content == (
        "✏️ **Bell** renommée en **Bell Canada**. "
        "Les membres qui tapent **Bell** y arrivent toujours."
    )
    alias = await run(french, "alias-add", brand="Bell Canada", alias="Bell Mobilité")
    assert alias.content == "🏷️ **Bell Mobilité** mène désormais à **Bell Canada**."
    industry = await run(french, "industry", brand="Bell Canada", industry="telecom")
    assert industry.content.endswith("est désormais dans le secteur Télécoms, internet.")
    for reply in (unknown, merged, undone, renamed, alias, industry):
        assert english_words(reply.content) == [], reply.content
