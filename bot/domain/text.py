"""Cleaning of user-supplied text.

Discord clients (and anything pretending to be one) can send any code points: NUL,
lone surrogates, bidi overrides, and "blank" letters such as U+3164 that survive
``str.strip()`` and NFKC. Every piece of member text goes through :func:`clean_text`
before it is validated, stored or shown. Lengths are code points, like Discord's.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "clean_text",
    "has_letter_or_digit",
    "is_invisible_char",
    "is_visibly_empty",
    "visible_length",
]

# Bidi embeddings/overrides (U+202A-U+202E) and isolates (U+2066-U+2069): they can
# reverse the text around them on screen, so they are removed everywhere.
_BIDI_CONTROLS = frozenset(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))

# Characters that render as nothing (or as blank space) but are not all "format"
# characters: several are letters (Lo) or marks (Mn), so category checks miss them.
_BLANK_NON_FORMAT = frozenset(
    map(
        chr,
        [
            0x034F,  # combining grapheme joiner
            0x115F,  # Hangul choseong filler
            0x1160,  # Hangul jungseong filler
            0x17B4,  # Khmer vowel inherent aq
            0x17B5,  # Khmer vowel inherent aa
            *range(0x180B, 0x1810),  # Mongolian free variation selectors, vowel separator
            0x2800,  # braille pattern blank
            0x3164,  # Hangul filler
            *range(0xFE00, 0xFE10),  # variation selectors
            0xFFA0,  # halfwidth Hangul filler
            *range(0x1D173, 0x1D17B),  # musical symbol formatting
            *range(0xE0100, 0xE01F0),  # variation selectors supplement
        ],
    )
)

# Line and paragraph separators become plain newlines (or spaces on one line).
_LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
_HORIZONTAL_SPACE_RUN = re.compile(r"[^\S\n]+")
_TOO_MANY_BLANK_LINES = re.compile(r"\n{4,}")  # 3+ blank lines in a row
_MAX_NEWLINES = "\n\n\n"  # i.e. at most two blank lines


def is_invisible_char(char: str) -> bool:
    """True for a code point that shows nothing: whitespace, format, blank fillers."""
    if char.isspace() or char in _BLANK_NON_FORMAT:
        return True
    return unicodedata.category(char) in ("Cc", "Cf", "Cs")


def _keep(char: str, multiline: bool) -> bool:
    if char in ("\n", "\t"):
        return multiline
    if char in _BIDI_CONTROLS:
        return False
    return unicodedata.category(char) not in ("Cc", "Cs")


# Invisible on their own, but part of the character before them (emoji presentation
# selector in "❤️", tag sequences in subdivision flags): never trimmed off a visible end.
_ATTACHED = frozenset(
    map(chr, [*range(0xFE00, 0xFE10), *range(0xE0020, 0xE0080), *range(0xE0100, 0xE01F0)])
)


def _visible_end(value: str, start: int = 0) -> int:
    end = len(value)
    while end > start and is_invisible_char(value[end - 1]):
        end -= 1
    if end == start:
        return start
    while end < len(value) and value[end] in _ATTACHED:
        end += 1
    return end


def _trim_invisible(value: str) -> str:
    start = 0
    while start < len(value) and is_invisible_char(value[start]):
        start += 1
    return value[start : _visible_end(value, start)]


def clean_text(value: str, *, multiline: bool) -> str:
    """Return ``value`` safe to validate, store and display.

    Single-line text gets its line breaks and tabs turned into spaces (rather than
    deleted, which would glue words together) and its whitespace runs collapsed.
    Multiline text keeps newlines and tabs, with at most two blank lines in a row.
    Both are trimmed of whitespace *and* invisible characters at either end.
    """
    # Lone surrogates first: they cannot be encoded, so SQLite inserts would fail.
    text = "".join(c for c in value if not 0xD800 <= ord(c) <= 0xDFFF)
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    if not multiline:
        text = text.replace("\n", " ").replace("\t", " ")
    text = "".join(c for c in text if _keep(c, multiline))
    if multiline:
        lines = [_trim_trailing(line) for line in text.split("\n")]
        text = _TOO_MANY_BLANK_LINES.sub(_MAX_NEWLINES, "\n".join(lines))
    else:
        text = _HORIZONTAL_SPACE_RUN.sub(" ", text)
    return _trim_invisible(text)


def _trim_trailing(line: str) -> str:
    """Strip trailing invisibles so that blank-looking lines really are blank."""
    return line[: _visible_end(line)]


def is_visibly_empty(value: str) -> bool:
    """True when nothing in ``value`` would show on screen."""
    return all(is_invisible_char(c) for c in value)


def visible_length(value: str) -> int:
    """Code points that show something (spaces inside the text do not count)."""
    return sum(1 for c in value if not is_invisible_char(c))


def has_letter_or_digit(value: str) -> bool:
    """True when ``value`` has a visible letter or digit (U+3164 is a "letter")."""
    return any(unicodedata.category(c)[0] in ("L", "N") and not is_invisible_char(c) for c in value)
