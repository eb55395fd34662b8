import pytest

from bot.domain.touchpoints import Touchpoint, merge_suggestions, suggest_touchpoints
from bot.i18n.catalog import has
from bot.i18n.figures import touchpoint_name

T = Touchpoint


def test_seven_touchpoints_named_in_both_languages_with_emoji():
    assert [touchpoint_name("en", t) for t in Touchpoint] == [
        "Finding & researching",
        "Buying",
        "Delivery & unboxing",
        "Using the product",
        "Customer service & support",
        "Billing & account",
        "Follow-up & loyalty",
    ]
    assert touchpoint_name("fr", Touchpoint.SERVICE) == "Service client et assistance"
    assert all(has("fr", f"touchpoint-{t.value}") for t in Touchpoint)
    assert all(t.emoji for t in Touchpoint)
    assert len({t.emoji for t in Touchpoint}) == 7


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They charged me twice and the refund took months; the invoice was wrong.", [T.BILLING]),
        ("The courier left my parcel in the rain and the box arrived soaked.", [T.DELIVERY]),
        ("I rang the helpline, the agent was lovely and support fixed it.", [T.SERVICE]),
        ("Bought it in-store at checkout, the cashier was quick.", [T.BUYING]),
        ("Their loyalty scheme sent a survey and reward points.", [T.FOLLOW_UP]),
        ("The battery died, the screen broke and the quality is poor.", [T.USING]),
        ("Read the reviews and compared prices on the website.", [T.FINDING]),
    ],
)
def test_single_touchpoint_suggestions(text, expected):
    assert suggest_touchpoints(text) == expected


def test_ordered_by_strength():
    text = (
        "The parcel arrived late, the courier lost the box and the delivery was a mess. "
        "Then I was charged for it with no refund. The agent was rude."
    )
    assert suggest_touchpoints(text) == [T.DELIVERY, T.BILLING, T.SERVICE]
    assert suggest_touchpoints(text, max_count=1) == [T.DELIVERY]


def test_nothing_confident_returns_empty():
    assert suggest_touchpoints("It was a lovely day and I felt happy.") == []
    assert suggest_touchpoints("") == []


def test_whole_words_only():
    # "billion", "boxing", "agentic", "charger" do not count as keywords.
    assert suggest_touchpoints("A billion boxing fans; an agentic charger.") == []


def test_case_insensitive():
    assert suggest_touchpoints("REFUND NOW") == [T.BILLING]


def test_merge_puts_text_first_then_history_by_count():
    merged = merge_suggestions([T.BILLING], {T.SERVICE: 4, T.BILLING: 9, T.USING: 2, T.FINDING: 0})
    assert merged == [T.BILLING, T.SERVICE, T.USING]


def test_merge_limits_to_three_and_drops_duplicates():
    merged = merge_suggestions([T.DELIVERY, T.DELIVERY, T.BUYING], {T.USING: 5, T.SERVICE: 5})
    assert merged == [T.DELIVERY, T.BUYING, T.USING]  # ties follow the experience order


def test_merge_with_nothing():
    assert merge_suggestions([], {}) == []
    assert merge_suggestions([], {T.FOLLOW_UP: 1}) == [T.FOLLOW_UP]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L'agente du service à la clientèle a été patiente.", [Touchpoint.SERVICE]),
        ("On m'a remboursé les frais en double.", [Touchpoint.BILLING]),
        ("Le colis a été livré chez le voisin.", [Touchpoint.DELIVERY]),
        ("L'écran est arrivé cassé, et de piètre qualité.", [Touchpoint.USING]),
        ("Commandé lundi, payé deux fois.", [Touchpoint.BUYING, Touchpoint.BILLING]),
    ],
)
def test_french_stories_are_understood_too(text: str, expected: list[Touchpoint]) -> None:
    assert suggest_touchpoints(text) == expected


def test_french_keywords_are_whole_words_too() -> None:
    # "fraise" holds "frais", "colisée" holds "colis", "commandement" holds "commande".
    assert suggest_touchpoints("Une fraise au Colisée, un commandement.") == []


@pytest.mark.parametrize(
    "text",
    [
        "On m'a rembourse les frais, le colis est arrive casse.",  # typed without accents
        "ON M'A REMBOURSÉ LES FRAIS, LE COLIS EST ARRIVÉ CASSÉ.",
        "On m’a remboursé les frais, le colis est arrivé cassé.",
    ],
)
def test_french_keywords_match_with_or_without_accents_in_any_case(text: str) -> None:
    # Billing has two hits (remboursé, frais); the others one each, in the experience order.
    assert suggest_touchpoints(text) == [Touchpoint.BILLING, Touchpoint.DELIVERY, Touchpoint.USING]


def test_accent_folding_keeps_whole_words() -> None:
    # Folded, "fraisé" is "fraise" (not "frais"); "livrée" stays a whole word.
    assert suggest_touchpoints("Un gâteau fraisé, une livrée de domestique.") == [
        Touchpoint.DELIVERY
    ]


def test_a_word_that_is_another_word_without_its_accents_needs_them() -> None:
    # "livré" (delivered) is a delivery; "livre" (a book) is not.
    assert suggest_touchpoints("Le colis a été livré.") == [Touchpoint.DELIVERY]
    assert suggest_touchpoints("LIVRÉS en retard") == [Touchpoint.DELIVERY]
    assert suggest_touchpoints("J'ai lu un livre, deux livres.") == []
