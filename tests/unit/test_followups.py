import pytest

from bot.domain.followups import FollowUp, plan_followups
from bot.domain.submission import StoryKind

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
