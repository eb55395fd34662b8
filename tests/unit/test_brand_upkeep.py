"""Brand upkeep's pure parts: duplicate pairs, the duplicates embed, reasons."""

from __future__ import annotations

import random
import string
import time

from bot.domain.brands import BrandCandidate, BrandMatch, DuplicatePair, brand_key, duplicate_pairs
from bot.services.brand_upkeep import REASON_MAX, clean_reason
from cogs.moderation.brand_upkeep import DESCRIPTION_MAX, duplicates_embed
from tests.refusals import refused_with


def candidates(
    table: dict[str, int], aliases: dict[str, str] | None = None
) -> list[BrandCandidate]:
    ids = {name: index for index, name in enumerate(table, start=1)}
    found = [BrandCandidate(ids[n], n, brand_key(n), count) for n, count in table.items()]
    for alias, name in (aliases or {}).items():
        found.append(BrandCandidate(ids[name], name, brand_key(alias), table[name]))
    return found


def names(pairs: list[DuplicatePair]) -> list[tuple[str, str]]:
    return [(p.merge.name, p.keep.name) for p in pairs]


def test_spelling_table_pairs_typos_not_distinct_brands() -> None:
    table = {
        "Air Canada": 12,
        "Air Canda": 1,
        "Rogers": 5,
        "Rogres": 2,
        "Air France": 4,
        "Bell": 3,
        "Dell": 2,
        "Roberts Bakery": 1,
        "Air Canada Rouge": 2,
        "Tesla": 3,
        "Telsa": 1,
        "BP": 1,
        "BT": 1,
    }
    assert names(duplicate_pairs(candidates(table))) == [
        ("Air Canda", "Air Canada"),  # 94.1
        ("Rogres", "Rogers"),  # 83.3, one swap
        ("Telsa", "Tesla"),  # 80.0
    ]


def test_the_brand_with_more_stories_is_the_one_to_keep() -> None:
    [pair] = duplicate_pairs(candidates({"Rogres": 9, "Rogers": 2}))
    assert (pair.merge.name, pair.keep.name) == ("Rogers", "Rogres")
    assert pair.keep.story_count == 9


def test_aliases_count_once_per_brand_pair_with_the_best_score() -> None:
    table = {"Rogers": 5, "Fido Mobile": 1}
    assert duplicate_pairs(candidates(table, aliases={"Rogers Wireless": "Rogers"})) == []
    table = {"Rogers": 5, "Rogers Wireles": 1}
    aliases = {"Rogers Wireless": "Rogers", "Rogers Wirless": "Rogers"}
    [pair] = duplicate_pairs(candidates(table, aliases=aliases))
    assert (pair.merge.name, pair.keep.name) == ("Rogers Wireles", "Rogers")
    assert pair.score == 96.3  # "rogerswireles" against the alias "rogerswireless"


def test_a_brand_never_pairs_with_its_own_aliases() -> None:
    table = {"Rogers": 5}
    assert duplicate_pairs(candidates(table, aliases={"Rogres": "Rogers"})) == []


def test_many_brands_are_paired_quickly() -> None:
    random.seed(7)
    table = {
        "".join(random.choice(string.ascii_lowercase) for _ in range(random.randint(4, 14))): 1
        for _ in range(3000)
    }
    started = time.perf_counter()
    duplicate_pairs(candidates(table))
    assert time.perf_counter() - started < 2.0  # measured 0.2 s for 3,300 keys


def test_duplicates_embed_fits_discord_limits_best_first() -> None:
    long = "W" * 80
    pairs = [
        DuplicatePair(
            BrandMatch(i, f"{long}{i}", 10, 90.0), BrandMatch(-i, "*_`" * 26, 1, 90.0), 90.0
        )
        for i in range(500)
    ]
    embed = duplicates_embed("en", pairs)
    assert embed.description is not None
    assert len(embed.description) <= DESCRIPTION_MAX
    assert embed.description.startswith("1. ")
    assert embed.footer.text is not None
    assert "more pairs" in embed.footer.text
    assert len(embed) <= 6000


def test_reasons_are_one_trimmed_line_or_nothing() -> None:
    assert clean_reason(None) is None
    assert clean_reason(" \u200b\u3164 ") is None
    assert clean_reason("  typo\nin the name ") == "typo in the name"
    with refused_with("under 300"):
        clean_reason("x" * (REASON_MAX + 1))
