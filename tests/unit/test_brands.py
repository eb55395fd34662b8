import pytest

from bot.domain.brands import (
    AUTOCOMPLETE_NAME_MAX,
    BrandCandidate,
    Industry,
    brand_key,
    brand_name_problem,
    display_name,
    rank_autocomplete,
    similar_brands,
)
from bot.i18n import tr, words
from bot.i18n.catalog import has
from bot.phrase import Phrase
from cogs.brand_choices import choice_name


@pytest.mark.parametrize(
    ("spelling", "key"),
    [
        ("Air Canada", "aircanada"),
        ("air  canada", "aircanada"),
        ("AirCanada", "aircanada"),
        ("The Air Canada", "aircanada"),
        ("\u0410ir Canada", "aircanada"),  # Cyrillic capital A
        ("Air \u0421\u0430n\u0430d\u0430", "aircanada"),  # Cyrillic С, а
        ("\u0391\u0399R CANADA", "aircanada"),  # Greek Alpha, Iota
        ("ＡＩＲ ＣＡＮＡＤＡ", "aircanada"),  # fullwidth
        ("AIR-CANADA.", "aircanada"),
        ("  Air\u200b Canada\u3164 ", "aircanada"),
        ("Rogers Wireless Inc.", "rogerswireless"),
        ("Rogers Wireless, Inc.", "rogerswireless"),
        ("ROGERS WIRELESS LIMITED", "rogerswireless"),
        ("Rogers Wireless", "rogerswireless"),
        ("Nestlé S.A.", "nestle"),
        ("Nestle SA", "nestle"),
        ("Acme Pty Ltd", "acme"),
        ("Acme GmbH & Co. KG", "acme"),
        ("Ford Motor Company", "fordmotor"),
        ("Ford Motor Co.", "fordmotor"),
        ("McDonald's", "mcdonalds"),
        ("McDonald’s", "mcdonalds"),
        ("Marks & Spencer", "marksspencer"),
        ("Marks and Spencer", "marksspencer"),
        ("Crème Brûlée Café", "cremebruleecafe"),
        ("Straße", "strasse"),
        ("İstanbul Airlines", "istanbulairlines"),
        ("7-Eleven", "7eleven"),
        ("The Body Shop", "bodyshop"),
        # A leading "the" or a suffix alone is the whole name, so it stays.
        ("The The", "the"),
        ("The Co", "co"),
        ("Inc", "inc"),
    ],
)
def test_brand_key_spelling_table(spelling, key):
    assert brand_key(spelling) == key


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Air Canada", "Air France"),
        ("Rogers", "Roberts Bakery"),
        ("Air Canada", "Air Canada Rouge"),
        ("O2", "OZ"),  # digits are not folded to letters
        ("Burn", "Bum"),  # "rn" is not folded to "m"
        ("Bella", "Bell"),
    ],
)
def test_different_brands_get_different_keys(left, right):
    assert brand_key(left) != brand_key(right)


def test_brand_key_keeps_other_scripts_and_their_marks():
    assert brand_key("東京電力") == "東京電力"
    assert brand_key("किताब") != brand_key("कताब")  # vowel sign is part of the word


def test_brand_key_of_name_without_letters_is_empty():
    assert brand_key("!!! ...") == ""


def test_display_name_keeps_the_members_spelling_with_single_spaces():
    assert display_name("  The   Air\tCanada \u200b") == "The Air Canada"


def _worded(problem: Phrase | None) -> str | None:
    return None if problem is None else words("en", problem)


def test_brand_name_problem():
    assert brand_name_problem("Air Canada") is None
    assert brand_name_problem("a" * 80) is None
    assert (
        _worded(brand_name_problem("???")) == "The brand name needs at least one letter or digit."
    )
    assert brand_name_problem("\u3164\u2800") is not None
    assert _worded(brand_name_problem("a" * 81)) == (
        "The brand name can be at most 80 characters (you wrote 81)."
    )


def test_industries_are_named_in_the_catalogs_in_both_languages():
    assert len(Industry) == 12
    assert tr("en", f"industry-{Industry.FOOD_DRINK.value}") == "Food & drink"
    assert Industry("airline") is Industry.AIRLINE
    assert all(has(lang, f"industry-{i.value}") for i in Industry for lang in ("en", "fr"))


def _c(brand_id: int, name: str, stories: int, key: str | None = None) -> BrandCandidate:
    return BrandCandidate(brand_id, name, key if key is not None else brand_key(name), stories)


CANDIDATES = [
    _c(1, "Air Canada", 12),
    _c(1, "Air Canada", 12, key="aircanadaairlines"),  # an alias of brand 1
    _c(2, "Air France", 5),
    _c(3, "Rogers", 9),
    _c(4, "Rogers Wireless", 3),
    _c(5, "Roberts Bakery", 20),
    _c(6, "Air Canada Rouge", 30),
    _c(7, "Tesla", 1),
    _c(8, "Telus", 4),
    _c(9, "Bell", 7),
    _c(10, "Dell", 2),
    _c(11, "WestJet", 6),
]


@pytest.mark.parametrize(
    ("typed", "expected_first"),
    [
        ("Air Canda", "Air Canada"),
        ("Aircanda", "Air Canada"),
        ("Air Cnada", "Air Canada"),
        ("Aire Canada", "Air Canada"),
        ("Rogers Wirless", "Rogers Wireless"),
        ("Rogres", "Rogers"),
        ("Rogerss", "Rogers"),
        ("Wesjet", "WestJet"),
        ("Telsa", "Tesla"),  # a swap is one typo: Tesla ranks above Telus
        ("Belll", "Bell"),
    ],
)
def test_similar_brands_catches_typos(typed, expected_first):
    matches = similar_brands(typed, CANDIDATES)
    assert matches
    assert matches[0].name == expected_first


@pytest.mark.parametrize(
    ("typed", "unrelated"),
    [
        ("Air France", "Air Canada"),
        ("Air Canada", "Air France"),
        ("Air Canada", "Air Canada Rouge"),
        ("Rogers", "Roberts Bakery"),
        ("Rogers", "Rogers Wireless"),
        ("Roberts", "Rogers"),
        ("Robert", "Roberts Bakery"),
        ("Bell", "Dell"),
        ("Delta", "Dell"),
        ("Telus", "Tesla"),
    ],
)
def test_similar_brands_does_not_suggest_unrelated_brands(typed, unrelated):
    assert unrelated not in [m.name for m in similar_brands(typed, CANDIDATES)]


def test_similar_brands_excludes_exact_key_and_reports_each_brand_once():
    assert similar_brands("AIR CANADA", CANDIDATES) == []
    # Close to both of brand 1's keys: returned once, with its best score.
    matches = similar_brands("Air Canda", CANDIDATES)
    assert [m.brand_id for m in matches] == [1]
    assert matches[0].score == pytest.approx(94.1)
    assert matches[0].story_count == 12


def test_similar_brands_alias_exact_match_excludes_the_brand():
    assert similar_brands("Air Canada Airlines", CANDIDATES) == []


def test_similar_brands_skips_very_short_keys_and_respects_limit():
    assert similar_brands("Be", CANDIDATES) == []
    assert len(similar_brands("Telsa", CANDIDATES, limit=1)) == 1


def test_autocomplete_empty_query_lists_most_storied_brands_once():
    choices = rank_autocomplete("", CANDIDATES, limit=3)
    assert [choice_name("en", c) for c in choices] == [
        "Air Canada Rouge · 30 stories",
        "Roberts Bakery · 20 stories",
        "Air Canada · 12 stories",
    ]
    assert [c.brand_id for c in choices] == [6, 5, 1]
    assert choices[2].value == "Air Canada"


def test_autocomplete_prefix_matches_first_by_story_count_then_new_brand():
    choices = rank_autocomplete("air", CANDIDATES)
    assert [c.brand_id for c in choices] == [6, 1, 2, None]
    assert choice_name("en", choices[-1]) == "➕ New brand: air"
    assert choice_name("fr", choices[-1]) == "➕ Nouvelle marque : air"
    assert choices[-1].value == "air"


def test_autocomplete_exact_match_first_and_no_new_brand_offer():
    choices = rank_autocomplete("air canada", CANDIDATES)
    assert [c.brand_id for c in choices] == [1, 6]
    assert all(c.brand_id is not None for c in choices)


def test_autocomplete_alias_counts_as_existing():
    choices = rank_autocomplete("Air Canada Airlines", CANDIDATES)
    assert [c.brand_id for c in choices] == [1]


def test_autocomplete_fuzzy_after_prefix():
    choices = rank_autocomplete("rogr", CANDIDATES)
    assert [c.brand_id for c in choices] == [3, 4, None]
    assert choice_name("en", choices[0]) == "Rogers · 9 stories"
    assert choice_name("fr", choices[0]) == "Rogers · 9 histoires"
    assert [c.brand_id for c in rank_autocomplete("canada", CANDIDATES)] == [6, 1, None]


def test_autocomplete_new_brand_always_offered_and_fits_limit():
    choices = rank_autocomplete("Brand New Thing", CANDIDATES)
    assert [(choice_name("en", c), c.value, c.brand_id) for c in choices] == [
        ("➕ New brand: Brand New Thing", "Brand New Thing", None)
    ]
    many = [_c(i, "Shop " + str(i), i) for i in range(100, 160)]
    choices = rank_autocomplete("shop", many, limit=25)
    assert len(choices) == 25
    assert choices[-1].brand_id is None
    assert choice_name("en", choices[0]) == "Shop 159 · 159 stories"


def test_autocomplete_names_fit_discord_limit():
    long_name = "Ü" * 80
    choices = rank_autocomplete("x" * 150, [_c(1, long_name, 1), _c(2, "x" * 98, 1234567)])
    assert choices
    for choice in choices:
        for lang in ("en", "fr"):
            assert len(choice_name(lang, choice)) <= AUTOCOMPLETE_NAME_MAX
        assert len(choice.value) <= AUTOCOMPLETE_NAME_MAX
    assert choice_name("en", choices[0]).endswith(" · 1,234,567 stories")
    assert choice_name("fr", choices[0]).endswith(" · 1\u202f234\u202f567 histoires")


def test_autocomplete_singular_story():
    assert choice_name("en", rank_autocomplete("tesla", CANDIDATES)[0]) == "Tesla · 1 story"
    assert choice_name("fr", rank_autocomplete("tesla", CANDIDATES)[0]) == "Tesla · 1 histoire"
