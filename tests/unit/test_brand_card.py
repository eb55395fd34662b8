"""The brand card's figures (the domain) and their wording in English and French
(bot/i18n/figures.py), every number worked out by hand."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bot.domain.brand_card import (
    BrandSummary,
    TouchpointFigure,
    card_score,
    great_share,
    nps_value,
    prior_mean,
    round_half_up,
    star_count,
    summarise,
    touchpoint_extremes,
)
from bot.domain.stories import Brand, BrandStats
from bot.domain.touchpoints import Touchpoint as T
from bot.i18n import Lang
from bot.i18n import figures as words

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
NO_VALUE = words.NO_VALUE


def test_round_half_up():
    assert [round_half_up(x) for x in (2.5, 3.49, 3.5, -2.5, -0.4, 0.0)] == [3, 3, 4, -3, 0, 0]


def _summary(**changes: object) -> BrandSummary:
    base = BrandSummary(
        story_count=4,
        mean=2.5,
        stars=3,
        score=None,
        server_mean=None,
        prior_weight=3,
        nps=None,
        nps_answers=0,
        great=0,
        disaster=0,
        great_share=None,
        strongest=None,
        weakest=None,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def rating_text(mean: float, lang: Lang = "en") -> str | None:
    return words.rating_text(lang, _summary(mean=mean, stars=star_count(mean)))


def score_text(
    score: float, count: int, server_mean: float | None, weight: float, lang: Lang = "en"
) -> str | None:
    summary = _summary(score=score, story_count=count, server_mean=server_mean, prior_weight=weight)
    return words.score_text(lang, summary)


def nps_text(answers: list[int], lang: Lang = "en") -> str:
    return words.nps_text(lang, _summary(nps=nps_value(answers), nps_answers=len(answers)))


def split_text(great: int, disaster: int, lang: Lang = "en") -> str | None:
    share = great_share(great, disaster)
    return words.split_text(lang, _summary(great=great, disaster=disaster, great_share=share))


def test_prior_mean_defaults_to_three():
    assert prior_mean(None) == 3.0
    assert prior_mean(3.4) == 3.4


def test_card_score_by_hand():
    # v = 4 stories, R = 2.5, m = 3, C = 3.4: (4·2.5 + 3·3.4) / 7 = (10 + 10.2) / 7
    assert card_score(4, 2.5, 3.4, 3) == pytest.approx(20.2 / 7)
    # No server mean: C = 3.0. (2·5 + 3·3) / 5 = 19 / 5 = 3.8
    assert card_score(2, 5.0, None, 3) == pytest.approx(3.8)
    # m = 0: the plain mean.
    assert card_score(3, 4.0, 2.0, 0) == pytest.approx(4.0)
    # A fractional weight: (1·1 + 1.5·3) / 2.5 = 5.5 / 2.5 = 2.2
    assert card_score(1, 1.0, None, 1.5) == pytest.approx(2.2)
    # No stories: no score (it would only repeat C).
    assert card_score(0, None, 3.4, 3) is None


def test_stars_and_rating_text():
    assert [star_count(x) for x in (1.0, 1.49, 1.5, 2.5, 3.666, 4.5, 5.0)] == [1, 1, 2, 3, 4, 5, 5]
    assert rating_text(11 / 3) == "★★★★☆ 3.67 / 5"
    assert rating_text(2.5) == "★★★☆☆ 2.50 / 5"
    assert rating_text(1.0) == "★☆☆☆☆ 1.00 / 5"
    assert rating_text(3.5, "fr") == "★★★★☆ 3,50 / 5"


def test_score_text_names_the_prior():
    assert score_text(20.2 / 7, 4, 3.4, 3) == (
        "**2.89** / 5 — 4 stories weighed against the server's 12-week average 3.40, weight 3"
    )
    text = score_text(3.8, 1, None, 2.5) or ""
    assert text.startswith("**3.80** / 5 — 1 story weighed against a neutral 3.00")
    assert text.endswith("weight 2.5")
    assert score_text(20.2 / 7, 4, 3.4, 3, "fr") == (
        "**2,89** / 5 — 4 histoires comparées à la moyenne du serveur sur 12 semaines, 3,40, "
        "poids 3"
    )
    assert score_text(3.8, 1, None, 2.5, "fr") == (
        "**3,80** / 5 — 1 histoire comparée à une valeur neutre de 3,00 (pas d'histoire "
        "récente sur le serveur), poids 2,5"
    )


def test_nps_text():
    assert nps_text([]) == f"{NO_VALUE} (0 answers)"
    assert nps_text([10]) == "+100 (1 answer)"
    assert nps_text([3]) == "-100 (1 answer)"
    # 2 promoters (10, 9), 2 passives (8, 7), 2 detractors (6, 0): 0
    assert nps_text([10, 9, 8, 7, 6, 0]) == "0 (6 answers)"
    # 1 promoter of 3, no detractor: 33.33 -> +33
    assert nps_text([9, 8, 7]) == "+33 (3 answers)"
    # 2 promoters, 0 passives, 1 detractor of 3: 33.33; 1 promoter 2 detractors: -33.33
    assert nps_text([10, 10, 2]) == "+33 (3 answers)"
    assert nps_text([10, 2, 2]) == "-33 (3 answers)"
    # 1 promoter of 8, no detractor: 12.5 -> +13 (half up, not banker's 12)
    assert nps_text([9, 7, 7, 7, 7, 7, 7, 7]) == "+13 (8 answers)"
    assert nps_text([10], "fr") == "+100 (1 réponse)"
    assert nps_text([], "fr") == f"{NO_VALUE} (0 réponse)"


def test_split_text_always_adds_to_a_hundred():
    assert split_text(0, 0) is None
    assert split_text(3, 1) == "🌟 3 great (75%) · 💥 1 disaster (25%)"
    assert split_text(1, 2) == "🌟 1 great (33%) · 💥 2 disaster (67%)"
    # 1/8 = 12.5% -> 13, and 87 for the rest (not 13 + 88 = 101)
    assert split_text(1, 7) == "🌟 1 great (13%) · 💥 7 disaster (87%)"
    assert split_text(0, 2) == "🌟 0 great (0%) · 💥 2 disaster (100%)"
    assert split_text(3, 1, "fr") == "🌟 3 réussites (75 %) · 💥 1 désastre (25 %)"
    assert split_text(1, 2, "fr") == "🌟 1 réussite (33 %) · 💥 2 désastres (67 %)"


def test_touchpoint_extremes_pick_highest_and_lowest_with_two_stories():
    ratings = {
        T.SERVICE: (4, 1.5),
        T.DELIVERY: (2, 4.5),
        T.BUYING: (1, 5.0),  # one story: not eligible though highest
        T.BILLING: (3, 3.0),
    }
    strongest, weakest = touchpoint_extremes(ratings)
    assert strongest == TouchpointFigure(T.DELIVERY, 2, 4.5)
    assert weakest == TouchpointFigure(T.SERVICE, 4, 1.5)
    assert words.touchpoint_text("en", weakest) == (
        "🎧 Customer service & support — 1.50 ★ (4 stories)"
    )
    assert words.touchpoint_text("fr", weakest) == (
        "🎧 Service client et assistance — 1,50 ★ (4 histoires)"
    )


def test_touchpoint_extremes_need_a_contrast():
    assert touchpoint_extremes({}) == (None, None)
    # One eligible touchpoint: never both strongest and weakest.
    assert touchpoint_extremes({T.SERVICE: (5, 1.2), T.BUYING: (1, 5.0)}) == (None, None)
    # Two eligible, equal means: nothing to contrast.
    assert touchpoint_extremes({T.SERVICE: (2, 3.0), T.BUYING: (3, 3.0)}) == (None, None)
    # Nothing eligible.
    assert touchpoint_extremes({T.SERVICE: (1, 1.0), T.BUYING: (1, 5.0)}) == (None, None)


def test_touchpoint_extremes_break_ties_by_evidence_then_form_order():
    ratings = {
        T.BILLING: (2, 4.0),
        T.USING: (5, 4.0),
        T.FINDING: (2, 2.0),
        T.BUYING: (2, 2.0),
    }
    strongest, weakest = touchpoint_extremes(ratings)
    assert strongest is not None
    assert weakest is not None
    assert strongest.touchpoint is T.USING  # 4.0 with 5 stories beats 4.0 with 2
    assert weakest.touchpoint is T.FINDING  # same mean and count: form order
    assert touchpoint_extremes(ratings, min_stories=3) == (None, None)


def _stats(**changes: object) -> BrandStats:
    brand = Brand(id=1, guild_id=9, name="Air Canada", key="aircanada", created_at=NOW)
    values: dict[str, object] = {
        "brand": brand,
        "story_count": 4,
        "great_count": 1,
        "disaster_count": 3,
        "mean_rating": 2.5,
        "recommend_answers": (10, 2, 7),
        "touchpoint_ratings": {T.SERVICE: (3, 1.0), T.USING: (2, 4.5)},
        "server_mean_rating": 3.4,
        "recent": (),
    }
    values.update(changes)
    return BrandStats.model_validate(values)


def test_summarise_a_brand_by_hand():
    summary = summarise(_stats(), prior_weight=3)
    assert summary.story_count == 4
    assert words.rating_text("en", summary) == "★★★☆☆ 2.50 / 5"
    # (4·2.5 + 3·3.4) / 7 = 20.2 / 7 = 2.8857...
    assert summary.score == pytest.approx(20.2 / 7)
    assert (words.score_text("en", summary) or "").startswith("**2.89** / 5 — 4 stories")
    # 1 promoter (10), 1 passive (7), 1 detractor (2): 0
    assert words.nps_text("en", summary) == "0 (3 answers)"
    assert words.split_text("en", summary) == "🌟 1 great (25%) · 💥 3 disaster (75%)"
    assert summary.strongest == TouchpointFigure(T.USING, 2, 4.5)
    assert summary.weakest == TouchpointFigure(T.SERVICE, 3, 1.0)


def test_summarise_a_brand_without_published_stories():
    summary = summarise(
        _stats(
            story_count=0,
            great_count=0,
            disaster_count=0,
            mean_rating=None,
            recommend_answers=(),
            touchpoint_ratings={},
            server_mean_rating=None,
        ),
        prior_weight=3,
    )
    assert summary.story_count == 0
    assert (summary.mean, summary.score, summary.great_share) == (None, None, None)
    assert words.rating_text("en", summary) is None
    assert words.split_text("en", summary) is None
    assert words.nps_text("en", summary) == f"{NO_VALUE} (0 answers)"
    assert (summary.strongest, summary.weakest) == (None, None)
