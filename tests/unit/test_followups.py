import pytest

from bot.domain.followups import FollowUp, missing_touchpoints, plan_followups
from bot.domain.submission import StoryKind
from bot.domain.touchpoints import Touchpoint

F = FollowUp


@pytest.mark.parametrize(
    ("kind", "rating", "new_brand", "similar", "expected"),
    [
        (StoryKind.GREAT, 5, False, False, [F.RECOMMEND, F.PREVIEW]),
        (StoryKind.DISASTER, 1, False, False, [F.RECOMMEND, F.RESOLUTION, F.PREVIEW]),
        (StoryKind.GREAT, 2, False, False, [F.RATING_CHECK, F.RECOMMEND, F.PREVIEW]),
        (
            StoryKind.DISASTER,
            4,
            False,
            False,
            [F.RATING_CHECK, F.RECOMMEND, F.RESOLUTION, F.PREVIEW],
        ),
        (StoryKind.GREAT, 4, True, False, [F.INDUSTRY, F.RECOMMEND, F.PREVIEW]),
        (StoryKind.GREAT, 4, True, True, [F.BRAND_MATCH, F.INDUSTRY, F.RECOMMEND, F.PREVIEW]),
        # An existing brand is never second-guessed, whatever else looks similar.
        (StoryKind.GREAT, 4, False, True, [F.RECOMMEND, F.PREVIEW]),
    ],
)
def test_only_the_questions_that_apply(kind, rating, new_brand, similar, expected) -> None:
    steps = plan_followups(
        kind=kind, rating=rating, is_new_brand=new_brand, has_similar_brand=similar
    )
    assert steps == expected


def test_touchpoint_suggestions_come_after_the_brand_questions() -> None:
    steps = plan_followups(
        kind=StoryKind.GREAT,
        rating=5,
        is_new_brand=True,
        has_similar_brand=False,
        has_touchpoint_suggestions=True,
    )
    assert steps == [F.INDUSTRY, F.TOUCHPOINTS, F.RECOMMEND, F.PREVIEW]


def test_missing_touchpoints_leave_room_for_at_most_three() -> None:
    text = "They charged me twice and the refund never came; the parcel arrived broken."
    assert set(missing_touchpoints(text, [Touchpoint.SERVICE])) == {
        Touchpoint.BILLING,
        Touchpoint.DELIVERY,
    }
    without_billing = missing_touchpoints(text, [Touchpoint.BILLING])
    assert Touchpoint.DELIVERY in without_billing
    assert Touchpoint.BILLING not in without_billing
    assert len(missing_touchpoints(text, [Touchpoint.BILLING, Touchpoint.SERVICE])) == 1
    full = [Touchpoint.SERVICE, Touchpoint.USING, Touchpoint.BUYING]
    assert missing_touchpoints(text, full) == []
    assert missing_touchpoints("A nice day out.", []) == []
