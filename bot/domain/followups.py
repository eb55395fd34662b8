"""Which follow-up questions a freshly saved story needs, in the order they are asked.

A question is asked only where it applies: the member has just written a story and
every extra click is a reason to walk away.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from bot.domain.submission import StoryKind, rating_contradicts_kind
from bot.domain.touchpoints import MAX_TOUCHPOINTS, Touchpoint, suggest_touchpoints


class FollowUp(StrEnum):
    BRAND_MATCH = "brand_match"  # "Did you mean Air Canada (12 stories)?"
    INDUSTRY = "industry"  # a brand new to the server
    TOUCHPOINTS = "touchpoints"  # the text mentions parts of the experience not picked
    RATING_CHECK = "rating_check"  # a great story with 1-2 stars, a disaster with 4-5
    RECOMMEND = "recommend"  # 0-10, for the Net Promoter Score
    RESOLUTION = "resolution"  # disasters: did they put it right?
    PREVIEW = "preview"  # see the post, then publish


def plan_followups(
    *,
    kind: StoryKind,
    rating: int,
    is_new_brand: bool,
    has_similar_brand: bool,
    has_touchpoint_suggestions: bool = False,
) -> list[FollowUp]:
    steps: list[FollowUp] = []
    if is_new_brand and has_similar_brand:
        steps.append(FollowUp.BRAND_MATCH)
    if is_new_brand:
        # Asked after BRAND_MATCH: a member who picks the existing brand skips it.
        steps.append(FollowUp.INDUSTRY)
    if has_touchpoint_suggestions:
        steps.append(FollowUp.TOUCHPOINTS)
    if rating_contradicts_kind(kind, rating):
        steps.append(FollowUp.RATING_CHECK)
    steps.append(FollowUp.RECOMMEND)
    if kind is StoryKind.DISASTER:
        steps.append(FollowUp.RESOLUTION)
    steps.append(FollowUp.PREVIEW)
    return steps


def missing_touchpoints(text: str, chosen: Sequence[Touchpoint]) -> list[Touchpoint]:
    """Touchpoints the story's text clearly mentions that the member did not pick.

    The form opens before any text exists, so suggestions from the text can only come
    afterwards, as an offer to add them (never more than the three allowed in all).
    """
    room = MAX_TOUCHPOINTS - len(chosen)
    if room <= 0:
        return []
    return [t for t in suggest_touchpoints(text) if t not in chosen][:room]
