"""Validation of a submitted story form, whatever the client sent.

Every rule lives here so the modal, the edit command and the API of any future client
use the same numbers. Every failure is a fact, a catalog key and its values (`Phrase`,
catalog `submission.ftl`), that the Discord edge words in the member's language as a
short sentence saying what to fix (pydantic's own error text is never shown).
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
from bot.phrase import Fact, Phrase

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

_PROBLEM = "story_problem"  # error type whose context holds the problem as a Phrase


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
    def key(self) -> str:
        """Its name in the catalogs (`resolution-yes`…)."""
        return f"resolution-{self.value}"


class SubmissionInvalid(ValueError):
    """The form cannot be accepted; ``problems`` say why, as catalog keys and values."""

    def __init__(self, problems: list[Phrase]) -> None:
        super().__init__(" ".join(p.key for p in problems))
        self.problems = problems


def _problem(key: str, **values: Fact) -> PydanticCustomError:
    # The problem travels as a context value, never as the template: member text in a
    # template would be interpreted by pydantic's {placeholder} formatting.
    return PydanticCustomError(_PROBLEM, "{problem}", {"problem": Phrase(key, values)})


def _require_str(value: object, field: str) -> str:
    if value is None:
        raise _problem("submit-missing", field=field)
    if not isinstance(value, str):
        raise _problem("submit-not-text", field=field)
    return value


def _check_length(text: str, field: str, low: int, high: int) -> str:
    visible = visible_length(text)
    if visible < low:
        raise _problem("submit-too-short", field=field, least=low, written=visible)
    if len(text) > high:
        raise _problem("submit-too-long", field=field, most=high, written=len(text))
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
            raise _problem("submit-kind") from None

    @field_validator("brand", mode="before")
    @classmethod
    def _brand(cls, value: object) -> str:
        name = display_name(_require_str(value, "brand"))
        problem = brand_name_problem(name)
        if problem is not None:
            raise PydanticCustomError(_PROBLEM, "{problem}", {"problem": problem})
        return name

    @field_validator("headline", mode="before")
    @classmethod
    def _headline(cls, value: object) -> str:
        text = clean_text(_require_str(value, "headline"), multiline=False)
        return _check_length(text, "headline", HEADLINE_MIN, HEADLINE_MAX)

    @field_validator("body", mode="before")
    @classmethod
    def _body(cls, value: object) -> str:
        text = clean_text(_require_str(value, "body"), multiline=True)
        return _check_length(text, "body", BODY_MIN, BODY_MAX)

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
            raise _problem("submit-rating", least=RATING_MIN, most=RATING_MAX)
        return rating

    @field_validator("touchpoints", mode="before")
    @classmethod
    def _touchpoints(cls, value: object) -> tuple[Touchpoint, ...]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            raise _problem("submit-touchpoints-count")
        try:
            chosen = [Touchpoint(str(item)) for item in items]
        except ValueError:
            raise _problem("submit-touchpoints-unknown") from None
        if len(set(chosen)) != len(chosen):
            raise _problem("submit-touchpoints-twice")
        if not TOUCHPOINTS_MIN <= len(chosen) <= TOUCHPOINTS_MAX:
            raise _problem("submit-touchpoints-count")
        return tuple(chosen)

    @field_validator("product", mode="before")
    @classmethod
    def _product(cls, value: object) -> str | None:
        if value is None:
            return None
        text = clean_text(_require_str(value, "product"), multiline=False)
        if is_visibly_empty(text):
            return None
        if len(text) > PRODUCT_MAX:
            raise _problem("submit-too-long", field="product", most=PRODUCT_MAX, written=len(text))
        return text

    @field_validator("anonymous", mode="before")
    @classmethod
    def _anonymous(cls, value: object) -> bool:
        if value is None:
            return False
        if isinstance(value, bool):
            return value
        raise _problem("submit-anonymous")


_MISSING: dict[str, Phrase] = {
    "kind": Phrase("submit-kind"),
    "brand": Phrase.of("submit-missing", field="brand"),
    "headline": Phrase.of("submit-missing", field="headline"),
    "body": Phrase.of("submit-missing", field="body"),
    "rating": Phrase.of("submit-rating", least=RATING_MIN, most=RATING_MAX),
    "touchpoints": Phrase("submit-touchpoints-count"),
}


def _fact(error: Mapping[str, Any]) -> Phrase:
    if error["type"] == _PROBLEM:
        problem: Phrase = error["ctx"]["problem"]
        return problem
    field = str(error["loc"][0]) if error["loc"] else ""
    return _MISSING.get(field, Phrase("submit-not-understood"))


def parse_submission(raw: Mapping[str, object]) -> StorySubmission:
    """Validate a raw form; raise :class:`SubmissionInvalid` listing every problem."""
    try:
        return StorySubmission.model_validate(dict(raw))
    except ValidationError as exc:
        problems: list[Phrase] = []
        for error in exc.errors():
            if (problem := _fact(error)) not in problems:
                problems.append(problem)
        raise SubmissionInvalid(problems) from None


def rating_contradicts_kind(kind: StoryKind, rating: int) -> bool:
    """A "great" story with 1-2 stars, or a "disaster" with 4-5: worth confirming."""
    if kind is StoryKind.GREAT:
        return rating <= 2
    return rating >= 4


def stars(rating: int) -> str:
    """``stars(4) == "★★★★☆"``."""
    if not RATING_MIN <= rating <= RATING_MAX:
        raise ValueError("rating out of range")  # not for people
    return "★" * rating + "☆" * (RATING_MAX - rating)
