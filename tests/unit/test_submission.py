from typing import Any

import pytest

from bot.domain.submission import (
    BODY_MAX,
    BODY_MIN,
    HEADLINE_MAX,
    HEADLINE_MIN,
    PRODUCT_MAX,
    Resolution,
    StoryKind,
    StorySubmission,
    SubmissionInvalid,
    parse_submission,
    rating_contradicts_kind,
    stars,
)
from bot.domain.touchpoints import Touchpoint
from bot.i18n import tr, words

VALID: dict[str, Any] = {
    "kind": "disaster",
    "brand": " Air   Canada ",
    "headline": "  Lost my bag twice  ",
    "body": "They lost my bag on the way out and again on the way back.",
    "rating": 1,
    "touchpoints": ["delivery", "service"],
    "product": "Flight YUL-CDG",
    "anonymous": False,
}


def _problems(**changes: object) -> list[str]:
    raw = {**VALID, **changes}
    with pytest.raises(SubmissionInvalid) as info:
        parse_submission(raw)
    return [words("en", problem) for problem in info.value.problems]


def test_valid_submission_is_cleaned():
    story = parse_submission(VALID)
    assert story.kind is StoryKind.DISASTER
    assert story.brand == "Air Canada"
    assert story.headline == "Lost my bag twice"
    assert story.rating == 1
    assert story.touchpoints == (Touchpoint.DELIVERY, Touchpoint.SERVICE)
    assert story.product == "Flight YUL-CDG"
    assert story.anonymous is False


def test_model_is_frozen():
    story = parse_submission(VALID)
    with pytest.raises(Exception, match="frozen"):
        story.rating = 5  # type: ignore[misc]


def test_limits_are_exported():
    assert (HEADLINE_MIN, HEADLINE_MAX, BODY_MIN, BODY_MAX, PRODUCT_MAX) == (3, 100, 20, 4000, 100)


def test_headline_too_short():
    assert _problems(headline=" a ") == [
        "The headline needs at least 3 visible characters (you wrote 1)."
    ]


@pytest.mark.parametrize("invisible", ["\u200b", "\u3164", "\u2800"])
def test_headline_invisible_only(invisible):
    assert _problems(headline=invisible * 10) == [
        "The headline needs at least 3 visible characters (you wrote 0)."
    ]


def test_headline_padding_with_invisibles_does_not_count():
    assert _problems(headline="a\u200b\u200b\u200bb") == [
        "The headline needs at least 3 visible characters (you wrote 2)."
    ]


def test_headline_length_in_code_points_with_emoji():
    ok = parse_submission({**VALID, "headline": "😀" * HEADLINE_MAX})
    assert len(ok.headline) == HEADLINE_MAX
    assert _problems(headline="😀" * (HEADLINE_MAX + 1)) == [
        "The headline can be at most 100 characters (you wrote 101)."
    ]


def test_headline_single_line():
    story = parse_submission({**VALID, "headline": "Lost\nmy\r\nbag"})
    assert story.headline == "Lost my bag"


def test_nul_bidi_and_control_characters_removed():
    story = parse_submission(
        {
            **VALID,
            "headline": "Lost\x00 my \u202ebag\u202c\x07",
            "body": "\u2066They\u2069 lost\x00 my bag\x1b on the way out.\r\nAgain!",
            "brand": "Air\x00 Canada\u202e",
        }
    )
    assert story.headline == "Lost my bag"
    assert story.body == "They lost my bag on the way out.\nAgain!"
    assert story.brand == "Air Canada"


def test_body_too_short_and_too_long():
    assert _problems(body="Too short.") == [
        "The story needs at least 20 visible characters (you wrote 9)."
    ]
    assert _problems(body="🔥" * (BODY_MAX + 1)) == [
        "The story can be at most 4,000 characters (you wrote 4,001)."
    ]
    assert len(parse_submission({**VALID, "body": "🔥" * BODY_MAX}).body) == BODY_MAX


def test_body_keeps_paragraphs_and_collapses_blank_runs():
    story = parse_submission({**VALID, "body": "First paragraph here.\n\n\n\n\n\nSecond one here."})
    assert story.body == "First paragraph here.\n\n\nSecond one here."


def test_brand_without_letters_or_digits():
    assert _problems(brand="!!! ???") == ["The brand name needs at least one letter or digit."]
    assert _problems(brand="\u3164\u200b") == ["The brand name needs at least one letter or digit."]


def test_brand_too_long():
    assert _problems(brand="b" * 81) == [
        "The brand name can be at most 80 characters (you wrote 81)."
    ]


@pytest.mark.parametrize("touchpoints", [[], ["delivery", "service", "billing", "buying"]])
def test_zero_or_four_touchpoints(touchpoints):
    assert _problems(touchpoints=touchpoints) == ["Pick one to three touchpoints."]


def test_duplicate_touchpoints():
    assert _problems(touchpoints=["billing", "billing"]) == ["Pick each touchpoint only once."]


def test_unknown_touchpoint():
    assert _problems(touchpoints=["teleportation"]) == ["Pick touchpoints from the list."]


def test_single_touchpoint_string_accepted():
    assert parse_submission({**VALID, "touchpoints": "billing"}).touchpoints == (
        Touchpoint.BILLING,
    )


@pytest.mark.parametrize("rating", [0, 6, "x", "", "4.5", "٤", True, None, 4.0])
def test_bad_ratings(rating):
    assert _problems(rating=rating) == ["Give the experience 1 to 5 stars."]


@pytest.mark.parametrize(("rating", "expected"), [(1, 1), (5, 5), ("4", 4), (" 3 ", 3)])
def test_good_ratings(rating, expected):
    assert parse_submission({**VALID, "rating": rating}).rating == expected


def test_bad_kind():
    assert _problems(kind="meh") == ["Choose whether the story is great or a disaster."]


@pytest.mark.parametrize("product", [None, "", "   ", "\u200b\u3164"])
def test_empty_product_is_none(product):
    assert parse_submission({**VALID, "product": product}).product is None


def test_product_too_long():
    assert _problems(product="p" * 101) == [
        "The product can be at most 100 characters (you wrote 101)."
    ]


def test_product_optional_and_anonymous_default():
    raw = {k: v for k, v in VALID.items() if k not in ("product", "anonymous")}
    story = parse_submission(raw)
    assert story.product is None
    assert story.anonymous is False


def test_every_problem_reported_once_in_plain_words():
    problems = _problems(
        kind=None, brand="", headline="", body=None, rating="x", touchpoints=[], anonymous="y"
    )
    assert problems == [
        "Choose whether the story is great or a disaster.",
        "The brand name needs at least one letter or digit.",
        "The headline needs at least 3 visible characters (you wrote 0).",
        "The story is missing.",
        "Give the experience 1 to 5 stars.",
        "Pick one to three touchpoints.",
        "Choose whether to post the story anonymously.",
    ]


def test_missing_fields():
    with pytest.raises(SubmissionInvalid) as info:
        parse_submission({})
    assert [words("en", p) for p in info.value.problems] == [
        "Choose whether the story is great or a disaster.",
        "The brand name is missing.",
        "The headline is missing.",
        "The story is missing.",
        "Give the experience 1 to 5 stars.",
        "Pick one to three touchpoints.",
    ]


def test_non_text_values():
    assert _problems(headline=123) == ["The headline must be text."]


def test_format_placeholders_in_user_text_are_not_interpreted():
    story = parse_submission({**VALID, "headline": "{problem} {0.__class__} {}"})
    assert story.headline == "{problem} {0.__class__} {}"


def test_model_validate_directly_uses_same_rules():
    with pytest.raises(ValueError, match="headline"):
        StorySubmission.model_validate({**VALID, "headline": "a"})


@pytest.mark.parametrize(
    ("kind", "rating", "contradicts"),
    [
        (StoryKind.GREAT, 1, True),
        (StoryKind.GREAT, 2, True),
        (StoryKind.GREAT, 3, False),
        (StoryKind.GREAT, 5, False),
        (StoryKind.DISASTER, 5, True),
        (StoryKind.DISASTER, 4, True),
        (StoryKind.DISASTER, 3, False),
        (StoryKind.DISASTER, 1, False),
    ],
)
def test_rating_contradicts_kind(kind, rating, contradicts):
    assert rating_contradicts_kind(kind, rating) is contradicts


def test_stars():
    assert stars(4) == "★★★★☆"
    assert stars(1) == "★☆☆☆☆"
    assert stars(5) == "★★★★★"
    with pytest.raises(ValueError, match="range"):
        stars(0)


def test_resolution_labels():
    assert [tr("en", r.key) for r in Resolution] == ["Yes", "Partly", "No", "I didn't contact them"]
    assert [tr("fr", r.key) for r in Resolution] == [
        "Oui",
        "En partie",
        "Non",
        "Je ne les ai pas contactés",
    ]
    assert Resolution("not_contacted") is Resolution.NOT_CONTACTED
