"""`pytest.raises(UserFacingError, match=…)` on what a person reads.

The domain and storage refuse with facts (a key and its values), so their exceptions
carry no sentence to match; `refused_with` words the refusal as the bot's error path
does (`refusal_text`) and matches that, in English unless told.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from bot.errors import UserFacingError
from bot.i18n import Lang
from bot.i18n.refusals import refusal_text


@contextmanager
def refused_with(pattern: str, lang: Lang = "en") -> Iterator[None]:
    with pytest.raises(UserFacingError) as caught:
        yield
    text = refusal_text(lang, caught.value)
    assert re.search(pattern, text), f"{pattern!r} not in {text!r}"
