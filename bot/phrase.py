"""A message named by its catalog key, with its facts: worded later, in the reader's language.

The domain, services and storage know *what* happened (a code and its values), not how
a French or an English reader says it; they hand a `Phrase` to the Discord edge, which
words it with `bot.i18n.words` in the language of whoever reads it. A value may itself
be a `Phrase` (a duration inside a sentence), worded in the same language. Member text
is a value, never a key: Fluent never parses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TypeAlias

Fact: TypeAlias = "str | int | float | date | Phrase"


@dataclass(frozen=True)
class Phrase:
    key: str
    values: Mapping[str, Fact] = field(default_factory=dict)

    @classmethod
    def of(cls, key: str, /, **values: Fact) -> Phrase:
        return cls(key, values)
