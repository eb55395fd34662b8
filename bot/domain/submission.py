"""Validation of a submitted story form, whatever the client sent.

Every rule lives here so the modal, the edit command and the API of any future client
use the same numbers, and every failure becomes a short sentence that tells the member
what to fix (pydantic's own error text is never shown).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from bot.domain.brands import BRAND_NAME_MAX, brand_name_problem, display_name
from bot.domain.text import clean_text, is_visibly_empty, visible_length
from bot.domain.touchpoints import MAX_TOUCHPOINTS, Touchpoint

__all__ = [
    "BODY_MAX",
    "BODY_MIN",
    "BRAND_MAX",
    "HEADLINE_MAX",
    "HEADLINE_MIN",
    "PRODUCT_MAX",
    "RATING_MAX",
    "RATING_MIN",
    "TOUCHPOINTS_MAX",
    "TOUCHPOINTS_MIN",
    "Resolution",
    "StoryKind",
    "StorySubmission",
    "SubmissionInvalid",
    "parse_submission",
    "rating_contradicts_kind",
    "stars",
]

BRAND_MAX = BRAND_NAME_MAX
HEADLINE_MIN = 3
HEADLINE_MAX = 100
BODY_MIN = 20
BODY_MAX = 4000
PRODUCT_MAX = 100
RATING_MIN = 1
RATING_MAX = 5
TOUCHPOINTS_MIN = 1
TOUCHPOINTS_MAX = MAX_TOUCHPOINTS

_PROBLEM = "story_problem"  # error type whose message is already member-facing


class StoryKind(StrEnum):
    GREAT = "great"
    DISASTER = "disaster"


class Resolution(StrEnum):
    """For a disaster: did the brand put it right?"""

    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    NOT_CONTACTED = "not_contacted"

    @property
    def label(self) -> str:
        return _RESOLUTION_LABELS[self]


_RESOLUTION_LABELS: dict[Resolution, str] = {
    Resolution.YES: "Yes",
    Resolution.PARTLY: "Partly",
    Resolution.NO: "No",
    Resolution.NOT_CONTACTED: "I didn't contact them",
}


class SubmissionInvalid(ValueError):
    """The form cannot be accepted; ``problems`` are sentences for the member."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def _problem(message: str) -> PydanticCustomError:
    # The message is passed as a context value, never as the template: member text in
    # a template would be interpreted by pydantic's {placeholder} formatting.
    return PydanticCustomError(_PROBLEM, "{problem}", {"problem": message})


def _require_str(value: object, what: str) -> str:
    if value is None:
        raise _problem(what + " is missing.")
    if not isinstance(value, str):
        raise _problem(what + " must be text.")
    return value


def _check_length(text: str, what: str, low: int, high: int) -> str:
    visible = visible_length(text)
    if visible < low:
        raise _problem(f"{what} needs at least {low} visible characters (you wrote {visible}).")
    if len(text) > high:
        raise _problem(f"{what} can be at most {high} characters (you wrote {len(text)}).")
    return text


class StorySubmission(BaseModel):
    """A valid story form. Build it with :func:`parse_submission`."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    kind: StoryKind
    brand: str
    headline: str
    body: str
    rating: int
    touchpoints: tuple[Touchpoint, ...]
    product: str | None = None
    anonymous: bool = False

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value: object) -> StoryKind:
        try:
            return StoryKind(str(value))
        except ValueError:
            raise _problem("Choose whether the story is great or a disaster.") from None

    @field_validator("brand", mode="before")
    @classmethod
    def _brand(cls, value: object) -> str:
        name = display_name(_require_str(value, "The brand name"))
        problem = brand_name_problem(name)
        if problem is not None:
            raise _problem(problem)
        return name

    @field_validator("headline", mode="before")
    @classmethod
    def _headline(cls, value: object) -> str:
        text = clean_text(_require_str(value, "The headline"), multiline=False)
        return _check_length(text, "The headline", HEADLINE_MIN, HEADLINE_MAX)

    @field_validator("body", mode="before")
    @classmethod
    def _body(cls, value: object) -> str:
        text = clean_text(_require_str(value, "The story"), multiline=True)
        return _check_length(text, "The story", BODY_MIN, BODY_MAX)

    @field_validator("rating", mode="before")
    @classmethod
    def _rating(cls, value: object) -> int:
        rating: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            rating = value
        elif isinstance(value, str):
            digits = value.strip()
            if digits.isascii() and digits.isdigit():
                rating = int(digits)
        if rating is None or not RATING_MIN <= rating <= RATING_MAX:
            raise _problem(f"Give the experience {RATING_MIN} to {RATING_MAX} stars.")
        return rating

    @field_validator("touchpoints", mode="before")
    @classmethod
    def _touchpoints(cls, value: object) -> tuple[Touchpoint, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            raise _problem("Pick one to three touchpoints.")
        try:
            chosen = [Touchpoint(str(item)) for item in items]
        except ValueError:
            raise _problem("Pick touchpoints from the list.") from None
        if len(set(chosen)) != len(chosen):
            raise _problem("Pick each touchpoint only once.")
        if not TOUCHPOINTS_MIN <= len(chosen) <= TOUCHPOINTS_MAX:
            raise _problem("Pick one to three touchpoints.")
        return tuple(chosen)

    @field_validator("product", mode="before")
    @classmethod
    def _product(cls, value: object) -> str | None:
        if value is None:
            return None
        text = clean_text(_require_str(value, "The product"), multiline=False)
        if is_visibly_empty(text):
            return None
        if len(text) > PRODUCT_MAX:
            raise _problem(
                f"The product can be at most {PRODUCT_MAX} characters (you wrote {len(text)})."
            )
        return text

    @field_validator("anonymous", mode="before")
    @classmethod
    def _anonymous(cls, value: object) -> bool:
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        raise _problem("Choose whether to post the story anonymously.")


_MISSING: dict[str, str] = {
    "kind": "Choose whether the story is great or a disaster.",
    "brand": "The brand name is missing.",
    "headline": "The headline is missing.",
    "body": "The story is missing.",
    "rating": f"Give the experience {RATING_MIN} to {RATING_MAX} stars.",
    "touchpoints": "Pick one to three touchpoints.",
}


def _sentence(error: Mapping[str, Any]) -> str:
    if error["type"] == _PROBLEM:
        return str(error["ctx"]["problem"])
    field = str(error["loc"][0]) if error["loc"] else ""
    return _MISSING.get(field, "Something in the form was not understood; please try again.")


def parse_submission(raw: Mapping[str, object]) -> StorySubmission:
    """Validate a raw form; raise :class:`SubmissionInvalid` listing every problem."""
    try:
        return StorySubmission.model_validate(dict(raw))
    except ValidationError as exc:
        problems = list(dict.fromkeys(_sentence(e) for e in exc.errors()))
        raise SubmissionInvalid(problems) from None


def rating_contradicts_kind(kind: StoryKind, rating: int) -> bool:
    """A "great" story with 1-2 stars, or a "disaster" with 4-5: worth confirming."""
    if kind is StoryKind.GREAT:
        return rating <= 2
    return rating >= 4


def stars(rating: int) -> str:
    """``stars(4) == "★★★★☆"``."""
    if not RATING_MIN <= rating <= RATING_MAX:
        raise ValueError("rating out of range")
    return "★" * rating + "☆" * (RATING_MAX - rating)
