"""The repositories' SQL, written once, run on PostgreSQL: placeholders and a hint.

The repositories share their SQL between the engines wherever the two agree (the
contract tests in `tests/storage/` run each one on both). What differs mechanically is
translated here, once per distinct statement (cached):

* placeholders: SQLite's `?` (positional) and `:name` (named) become `$1, $2…`;
* `INDEXED BY <index>`, a SQLite planner hint with no effect on results, is dropped
  (PostgreSQL plans from its statistics).

Everything else that differs (a function, a collation, `lastrowid`) is either given to
PostgreSQL in migration 0001 (`group_concat`) or written per engine in the PostgreSQL
repositories (`storage/postgres/repositories/`). String literals and quoted names are
copied untouched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# SQLite's `COLLATE NOCASE` order on PostgreSQL: lower() on a "C"-collated column folds
# ASCII letters only, and the rest compares by code point, as SQLite does.
CASE_BLIND_ORDER = "lower({0}), {0}"

_TOKENS = re.compile(
    r"""
    (?P<literal>'(?:[^']|'')*')          # a string literal
  | (?P<quoted>"(?:[^"]|"")*")           # a quoted name
  | (?P<hint>\s+INDEXED\s+BY\s+\w+)      # SQLite's planner hint
  | (?P<cast>::)                         # a PostgreSQL cast, not a named parameter
  | (?P<named>(?<![\w:]):(?P<name>[A-Za-z_]\w*))
  | (?P<positional>\?)
    """,
    re.VERBOSE | re.IGNORECASE,
)


# The tables whose rows get an id from the database: an INSERT into one of them (without
# RETURNING of its own) returns the id, which the connection shows as `lastrowid`.
IDENTITY_TABLES = frozenset(
    {"brands", "stories", "audit_log", "member_notices", "brand_merges", "deliveries"}
)
_INSERT_INTO = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.IGNORECASE)
_RETURNS_ROWS = re.compile(r"^\s*(SELECT|WITH|VALUES)\b|\bRETURNING\b", re.IGNORECASE)


@dataclass(frozen=True)
class Statement:
    """A translated statement; `names` orders the values of named parameters.

    `returns_rows`: read its rows (a SELECT, or a change with RETURNING); `returns_id`:
    an INSERT into an identity table, sent with `RETURNING id` appended.
    """

    sql: str
    names: tuple[str, ...] | None
    positional: int
    returns_rows: bool = False
    returns_id: bool = False

    def arguments(self, params: Sequence[Any] | Mapping[str, Any]) -> list[Any]:
        if self.names is not None:
            if not isinstance(params, Mapping):
                raise TypeError("this statement takes named parameters")
            return [params[name] for name in self.names]
        if isinstance(params, Mapping):
            if self.positional:
                raise TypeError("this statement takes positional parameters")
            return []
        if len(params) != self.positional:
            raise TypeError(f"expected {self.positional} parameters, got {len(params)}")
        return list(params)


@lru_cache(maxsize=1024)
def translate(sql: str) -> Statement:
    """PostgreSQL's spelling of one statement (cached: repositories reuse a few hundred)."""
    names: list[str] = []
    positional = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal positional
        kind = match.lastgroup
        if kind in ("literal", "quoted", "cast"):
            return match.group(0)
        if kind == "hint":
            return ""
        if kind == "positional":
            positional += 1
            return f"${positional}"
        name = match.group("name")
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    translated = _TOKENS.sub(replace, sql)
    if names and positional:
        raise ValueError("a statement mixes ? and :name placeholders")
    returns_rows = bool(_RETURNS_ROWS.search(translated))
    insert = _INSERT_INTO.match(translated)
    returns_id = not returns_rows and insert is not None and insert.group(1) in IDENTITY_TABLES
    if returns_id:
        translated += " RETURNING id"
    return Statement(
        translated, tuple(names) if names else None, positional, returns_rows, returns_id
    )
