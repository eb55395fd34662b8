"""Brand identity: one key per real company however members spell it.

``brand_key`` decides identity (two names with one key are one brand); the name a
member typed is kept for display. Near misses (typos) are not merged automatically:
``similar_brands`` offers them as "Did you mean ...?" and the member decides.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from bot.domain.text import clean_text, has_letter_or_digit, is_invisible_char
from bot.phrase import Phrase

__all__ = [
    "AUTOCOMPLETE_NAME_MAX",
    "BRAND_NAME_MAX",
    "LEGAL_SUFFIXES",
    "SIMILARITY_THRESHOLD",
    "AutocompleteChoice",
    "BrandCandidate",
    "BrandMatch",
    "DuplicatePair",
    "Industry",
    "brand_key",
    "brand_name_problem",
    "display_name",
    "duplicate_pairs",
    "rank_autocomplete",
    "similar_brands",
]

BRAND_NAME_MAX = 80
AUTOCOMPLETE_NAME_MAX = 100  # Discord's limit for a choice's name and string value

# fuzz.ratio (normalised Indel similarity, 0-100) between keys. Measured on the
# spelling table in tests/unit/test_brands.py: one typo in a 6+ letter key scores
# 83-96 ("rogres"/"rogers" 83, "aircanda"/"aircanada" 94), while distinct brands stay
# below 80 ("airfrance"/"aircanada" 56, "rogers"/"robertsbakery" 53, "roberts" 77,
# "bell"/"dell" 75, "aircanada"/"aircanadarouge" 78). WRatio and partial_ratio were
# rejected: they score a brand that merely *contains* the query at 90 ("rogers" vs
# "rogerswireless"), and Jaro-Winkler rewards shared prefixes ("air...") too much.
SIMILARITY_THRESHOLD = 80.0
_MIN_KEY_FOR_SUGGESTIONS = 3  # "bp" vs "bt" is not a typo worth asking about
# Autocomplete is a list to pick from, not a question, so it may be more eager.
_AUTOCOMPLETE_THRESHOLD = 75.0


class Industry(StrEnum):
    """The kind of business, asked once when a brand is new to the server (its name is
    in the catalogs: `industry-<value>`)."""

    AIRLINE = "airline"
    TELECOM = "telecom"
    RETAIL = "retail"
    FOOD_DRINK = "food_drink"
    CARS = "cars"
    TECH = "tech"
    BEAUTY = "beauty"
    FINANCE = "finance"
    UTILITIES = "utilities"
    HEALTH = "health"
    ENTERTAINMENT = "entertainment"
    OTHER = "other"


# Look-alike letters, folded to the Latin letter they imitate (case-sensitive, so it
# runs before casefold: Greek capital Eta looks like H, small eta like n).
#
# Why a compact table and not the full Unicode confusables data (UTS #39 skeleton)?
# Keys are stored and identify brands: they must not change when a dependency
# updates its data, or stored brands would silently split. And the full skeleton is
# too eager for identity: it maps "rn" to "m" and digits to letters ("0" to "o"), which
# would merge real, different names. Brand squatting in practice uses Cyrillic and
# Greek letters inside Latin names; those are all here. Only letters outside Latin
# are folded, so no Latin, Cyrillic or Greek name can collide with another name of its
# own script. Fullwidth and mathematical letters are already folded by NFKC.
_LOOKALIKE_FROM = (
    # Cyrillic capitals
    "АВЕЅІЈКМНОРСТХУҮԚԜӀ"
    # Cyrillic small
    "аеорсхуүѕіјһԁԛԝӏк"
    # Greek capitals
    "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"
    # Greek small
    "αοριενκυχγ"
    # Latin-script look-alikes not folded by NFKC
    "ıɑɡ"
)
_LOOKALIKE_TO = "ABESIJKMHOPCTXYYQWIaeopcxyysijhdqwlkABEZHIKMNOPTYXaopievkuxyiag"
_LOOKALIKES = str.maketrans(_LOOKALIKE_FROM, _LOOKALIKE_TO)

# Trailing legal forms dropped from keys ("Rogers Wireless Inc." == "Rogers Wireless").
# Dotted forms are covered because dots are removed before splitting ("S.A." -> "sa").
# Deliberately absent: words that are also ordinary brand words ("spa", "group",
# "holdings") and two-letter forms common as real words or model names ("se", "sl").
LEGAL_SUFFIXES: frozenset[str] = frozenset(
    {
        "inc", "incorporated", "ltd", "limited", "llc", "llp", "plc", "corp",
        "corporation", "co", "company", "gmbh", "ag", "kg", "sa", "sas", "sarl", "srl",
        "bv", "nv", "pty", "oy", "oyj", "ab", "as", "asa", "aps", "ltda", "pte",
    }
)  # fmt: skip
# Removed without splitting, so "McDonald's" == "McDonalds" and "L.L.C." == "LLC".
_JOINERS = frozenset(".'’ʼ`´")


def display_name(name: str) -> str:
    """The name as the member typed it: cleaned, trimmed, single spaces."""
    return clean_text(name, multiline=False)


def brand_name_problem(name: str) -> Phrase | None:
    """What is wrong with a brand name (a catalog key and its values), or None if fine."""
    cleaned = display_name(name)
    if not has_letter_or_digit(cleaned):
        return Phrase("brand-name-no-letter")
    if len(cleaned) > BRAND_NAME_MAX:
        return Phrase.of("brand-name-too-long", most=BRAND_NAME_MAX, written=len(cleaned))
    return None


def _strip_accents(text: str) -> str:
    # Only the Latin/Greek/Cyrillic diacritics block: marks of other scripts
    # (Devanagari vowel signs, kana voicing marks) change the word, so they stay.
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not 0x300 <= ord(c) <= 0x36F)


def _tokens(text: str) -> list[str]:
    tokens: list[str] = []
    current: list[str] = []
    for char in text:
        if char in _JOINERS:
            continue
        if unicodedata.category(char)[0] in "LNM" and not is_invisible_char(char):
            current.append(char)
        elif current:
            tokens.append("".join(current))
            current = []
    if current:
        tokens.append("".join(current))
    return tokens


def brand_key(name: str) -> str:
    """The identity key of a brand name; "" for a name with no letters or digits.

    NFKC, accents removed, look-alike letters folded, casefold, punctuation and spaces
    dropped, then a leading "the", an "and" between words ("Marks & Spencer" ==
    "Marks and Spencer") and trailing legal suffixes are dropped, always keeping at
    least one word.
    """
    text = unicodedata.normalize("NFKC", clean_text(name, multiline=False))
    text = _strip_accents(text).translate(_LOOKALIKES).casefold()
    text = unicodedata.normalize("NFC", _strip_accents(text))  # casefold adds marks: İ
    tokens = _tokens(text)
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in LEGAL_SUFFIXES:
        tokens.pop()
    if len(tokens) > 2:
        tokens = [tokens[0], *(t for t in tokens[1:-1] if t != "and"), tokens[-1]]
    return "".join(tokens)


@dataclass(frozen=True, slots=True)
class BrandCandidate:
    """One key a brand answers to: its own key or one of its aliases' keys.

    ``name`` is the brand's current display name (the same on every row of a brand).
    """

    brand_id: int
    name: str
    key: str
    story_count: int


@dataclass(frozen=True, slots=True)
class BrandMatch:
    brand_id: int
    name: str
    story_count: int
    score: float  # 0-100, fuzz.ratio of the keys


@dataclass(frozen=True, slots=True)
class AutocompleteChoice:
    """A Discord autocomplete choice, as facts: ``brand`` is the brand's name (or, with
    ``brand_id`` None, the "new brand" entry: what was typed); the Discord edge words it
    ("Air Canada · 12 stories", "➕ New brand: …") and fits it to Discord's limit."""

    brand: str
    value: str
    brand_id: int | None
    story_count: int = 0


def _exact_brand_ids(key: str, candidates: Iterable[BrandCandidate]) -> set[int]:
    return {c.brand_id for c in candidates if c.key == key}


def similar_brands(
    name: str,
    candidates: Sequence[BrandCandidate],
    limit: int = 3,
    threshold: float = SIMILARITY_THRESHOLD,
) -> list[BrandMatch]:
    """Existing brands that ``name`` is probably a misspelling of, best first.

    A brand with a key equal to ``name``'s is the same brand, so it is never suggested.
    Ties go to the candidate with fewer Damerau-Levenshtein edits (a swapped pair of
    letters is one typo: "telsa" is Tesla before Telus), then more stories, then name.
    """
    key = brand_key(name)
    if len(key) < _MIN_KEY_FOR_SUGGESTIONS:
        return []
    same = _exact_brand_ids(key, candidates)
    best: dict[int, tuple[float, float, BrandCandidate]] = {}
    for candidate in candidates:
        if candidate.brand_id in same:
            continue
        score = fuzz.ratio(key, candidate.key, score_cutoff=threshold)
        if not score:
            continue
        swaps = DamerauLevenshtein.normalized_similarity(key, candidate.key)
        previous = best.get(candidate.brand_id)
        if previous is None or (score, swaps) > previous[:2]:
            best[candidate.brand_id] = (score, swaps, candidate)
    ranked = sorted(
        best.values(),
        key=lambda item: (-item[0], -item[1], -item[2].story_count, item[2].name.casefold()),
    )
    return [
        BrandMatch(c.brand_id, c.name, c.story_count, round(score, 1))
        for score, _, c in ranked[:limit]
    ]


def _fit(text: str, budget: int) -> str:
    return text if len(text) <= budget else text[: budget - 1].rstrip() + "…"


def fit(text: str, budget: int) -> str:
    """`text` cut to `budget` code points, with "…" where it was cut."""
    return _fit(text, budget)


def _autocomplete_score(query_key: str, key: str) -> tuple[int, float]:
    """(tier, score): tier 0 for a key starting with the query, 1 for fuzzy matches."""
    if key.startswith(query_key):
        return 0, 101.0 if key == query_key else 100.0
    if len(query_key) >= 3 and query_key in key:  # "canada" finds "aircanada"
        return 1, 100.0
    # A half-typed name with a typo is compared with the key's start, one letter
    # longer too ("rogr" vs "roger"), as well as with the whole key. partial_ratio,
    # which aligns anywhere, was rejected: "rogr" matched the end of "aircanadarouge".
    size = len(query_key)
    return 1, max(
        fuzz.ratio(query_key, key),
        fuzz.ratio(query_key, key[:size]),
        fuzz.ratio(query_key, key[: size + 1]),
    )


def _unique_brands(candidates: Iterable[BrandCandidate]) -> dict[int, BrandCandidate]:
    brands: dict[int, BrandCandidate] = {}
    for candidate in candidates:
        brands.setdefault(candidate.brand_id, candidate)
    return brands


def rank_autocomplete(
    query: str,
    candidates: Sequence[BrandCandidate],
    limit: int = 25,
    *,
    offer_new: bool = True,
) -> list[AutocompleteChoice]:
    """Choices for the brand option: prefix matches (most stories first), then fuzzy.

    What the member typed is always offered last, as a new brand, unless its
    key is an existing brand's key or alias (or `offer_new` is False, for commands
    about existing brands only); a slot is kept for it. An empty query lists the
    most-storied brands.
    """
    typed = display_name(query)
    key = brand_key(typed)
    if not key:
        top = sorted(
            _unique_brands(candidates).values(),
            key=lambda c: (-c.story_count, c.name.casefold()),
        )
        return [_existing_choice(c) for c in top[:limit]]

    best: dict[int, tuple[int, float, BrandCandidate]] = {}
    for candidate in candidates:
        tier, score = _autocomplete_score(key, candidate.key)
        if tier == 1 and score < _AUTOCOMPLETE_THRESHOLD:
            continue
        previous = best.get(candidate.brand_id)
        if previous is None or (-tier, score) > (-previous[0], previous[1]):
            best[candidate.brand_id] = (tier, score, candidate)
    ranked = sorted(
        best.values(),
        key=lambda item: (item[0], -item[1], -item[2].story_count, item[2].name.casefold()),
    )
    offer_new = offer_new and not _exact_brand_ids(key, candidates)
    room = limit - 1 if offer_new else limit
    choices = [_existing_choice(c) for _, _, c in ranked[: max(room, 0)]]
    if offer_new and limit > 0:
        fitted = _fit(typed, AUTOCOMPLETE_NAME_MAX)
        choices.append(AutocompleteChoice(fitted, fitted, None))
    return choices


def _existing_choice(candidate: BrandCandidate) -> AutocompleteChoice:
    fitted = _fit(candidate.name, AUTOCOMPLETE_NAME_MAX)
    return AutocompleteChoice(fitted, fitted, candidate.brand_id, candidate.story_count)


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two brands that are probably one company, for a moderator to review.

    ``keep`` has at least as many stories as ``merge``: merging ``merge`` into ``keep``
    moves the fewest stories (the usual fix for a typo that became a brand).
    """

    keep: BrandMatch
    merge: BrandMatch
    score: float  # 0-100, the best fuzz.ratio between any keys of the two brands


def duplicate_pairs(
    candidates: Sequence[BrandCandidate], threshold: float = SIMILARITY_THRESHOLD
) -> list[DuplicatePair]:
    """Every pair of distinct brands whose names or aliases look alike, best first.

    The same measure as ``similar_brands`` (fuzz.ratio on keys, the same threshold and
    minimum key length), applied to every pair of keys; a pair of brands scores its best
    pair of keys. Best first: higher score, then fewer Damerau-Levenshtein edits, then
    more stories in all, then names. Every key is compared with every later key in C++
    (rapidfuzz), so a server with thousands of brands still takes well under a second.
    """
    usable = [c for c in candidates if len(c.key) >= _MIN_KEY_FOR_SUGGESTIONS]
    keys = [c.key for c in usable]
    best: dict[tuple[int, int], tuple[float, float]] = {}
    for index, candidate in enumerate(usable):
        later = keys[index + 1 :]
        if not later:
            break
        for _, score, offset in process.extract(
            candidate.key, later, scorer=fuzz.ratio, score_cutoff=threshold, limit=None
        ):
            other = usable[index + 1 + offset]
            if other.brand_id == candidate.brand_id:
                continue
            pair = (
                min(candidate.brand_id, other.brand_id),
                max(candidate.brand_id, other.brand_id),
            )
            swaps = DamerauLevenshtein.normalized_similarity(candidate.key, other.key)
            if pair not in best or (score, swaps) > best[pair]:
                best[pair] = (score, swaps)
    brands = _unique_brands(candidates)
    pairs: list[tuple[float, float, DuplicatePair]] = []
    for (first_id, second_id), (score, swaps) in best.items():
        first, second = brands[first_id], brands[second_id]
        keep, merge = sorted(
            (first, second), key=lambda c: (-c.story_count, c.name.casefold(), c.brand_id)
        )
        pairs.append(
            (
                score,
                swaps,
                DuplicatePair(
                    BrandMatch(keep.brand_id, keep.name, keep.story_count, round(score, 1)),
                    BrandMatch(merge.brand_id, merge.name, merge.story_count, round(score, 1)),
                    round(score, 1),
                ),
            )
        )
    pairs.sort(
        key=lambda item: (
            -item[0],
            -item[1],
            -(item[2].keep.story_count + item[2].merge.story_count),
            item[2].keep.name.casefold(),
            item[2].merge.name.casefold(),
        )
    )
    return [pair for _, _, pair in pairs]
