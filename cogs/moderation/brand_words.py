"""Brand upkeep refusals in the moderator's language.

Storage refuses a brand change with facts (`BrandChangeRefused`: a reason, names and
numbers); this turns them into the moderator's language at the Discord edge.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from bot.domain.brand_refusals import BrandChangeRefused
from bot.errors import UserFacingError
from bot.i18n import Lang
from bot.i18n.refusals import worded


@contextmanager
def refusals_in(lang: Lang) -> Iterator[None]:
    try:
        yield
    except BrandChangeRefused as refused:
        key = f"brand-refused-{refused.reason.value}"
        raise UserFacingError(worded(lang, key, refused.facts)) from None
