"""The digest's week figures that no other storage test covers (both engines)."""

from datetime import timedelta

from storage.sqlite import Storage
from tests.storage.test_leaderboard_repository import END, GUILD, OTHER_GUILD, START, add


async def test_new_brands_are_first_published_in_the_week_in_case_blind_order(
    storage: Storage,
) -> None:
    await add(storage, "Older", 4, at=START - timedelta(days=3))
    await add(storage, "Older", 4)  # published before the week: not new
    for name in ("zeta air", "Éclair", "beta", "Alpha"):
        await add(storage, name, 3)
    await add(storage, "Later", 3, at=END + timedelta(hours=1))
    await add(storage, "Elsewhere", 3, guild=OTHER_GUILD)

    assert await storage.week_summary.new_brands(GUILD, START, END) == [
        "Alpha",
        "beta",
        "zeta air",
        "Éclair",
    ]
