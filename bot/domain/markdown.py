"""Linear-time Discord markdown escaping and display truncation.

``discord.utils.escape_markdown`` is cubic on inputs such as ``"[](" * n`` (4,000
characters took 0.9 s, and an interaction has 3 s), so member text is escaped here in
a single pass: one ``str.translate`` for the inline markers, one line-anchored regex
for block markers, and URLs left alone so that links keep working.
"""

from __future__ import annotations

import re

__all__ = ["ZWSP", "escape_markdown", "link_label", "neutralise_mentions", "truncate"]

ZWSP = "\u200b"
ELLIPSIS = "…"

# Inline markers, escaped wherever they appear. Discord treats a backslash before any
# ASCII punctuation as an escape, so the backslash itself never shows.
_INLINE = {ord(c): "\\" + c for c in "\\*_~`|[]()"}
# Block markers only mean something at the start of a line (after indentation):
# headings and subtext (#, -#), quotes (>, >>>), list bullets (-, +, *) and "1." lists.
# ``[ \t]*`` cannot run across lines, which keeps the scan linear.
_LINE_START = re.compile(r"^([ \t]*)(#|>|-|\+|\d+(?=\.))", re.MULTILINE)
# Bare links: escaping inside them would put backslashes into the address.
_URL = re.compile(r"https?://[^\s<>]+")
# Everything that can start or end Discord markup inside a masked link's label. Inside
# a label even a URL is escaped: an unescaped "](" in a member's URL would otherwise
# close our label early and let the member choose where the link goes.
_LABEL_ESCAPES = {ord(c): "\\" + c for c in "\\*_~`|[]()<>:"}
_MASS_MENTION = re.compile(r"@(everyone|here)")
_ID_MENTION = re.compile(r"<(?=(?:@[!&]?|#)\d+>)")


def neutralise_mentions(text: str) -> str:
    """Break @everyone/@here and <@id>, <@&id>, <#id> with a zero-width space.

    Defence in depth only: what really stops pings is ``AllowedMentions.none()``.
    """
    text = _MASS_MENTION.sub("@" + ZWSP + r"\1", text)
    return _ID_MENTION.sub("<" + ZWSP, text)


def _escape_line_starts(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        indent, marker = match.group(1), match.group(2)
        if marker[0].isdigit():  # "12." -> "12\." : the dot makes it a list
            return indent + marker + "\\"
        return indent + "\\" + marker

    return _LINE_START.sub(repl, text)


def escape_markdown(text: str) -> str:
    """Escape ``text`` so Discord shows it literally, in time linear in its length.

    Mentions are neutralised too (see :func:`neutralise_mentions`).
    """
    text = neutralise_mentions(text)
    pieces: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        pieces.append(text[last : match.start()].translate(_INLINE))
        pieces.append(match.group())
        last = match.end()
    pieces.append(text[last:].translate(_INLINE))
    # A URL never starts a line with a block marker, so this cannot touch one.
    return _escape_line_starts("".join(pieces))


def truncate(text: str, limit: int) -> str:
    """Shorten ``text`` to at most ``limit`` code points for display, ending with "…".

    Never ends on a half surrogate pair, an unpaired escaping backslash, a dangling
    zero-width joiner or half a flag (regional-indicator pair).
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if cut and 0xD800 <= ord(cut[-1]) <= 0xDBFF:
        cut = cut[:-1]
    cut = cut.rstrip("\u200d")
    regional = len(cut) - len(cut.rstrip("".join(map(chr, range(0x1F1E6, 0x1F200)))))
    if regional % 2:
        cut = cut[:-1]
    backslashes = len(cut) - len(cut.rstrip("\\"))
    if backslashes % 2:
        cut = cut[:-1]
    return cut.rstrip() + ELLIPSIS


def link_label(text: str, limit: int) -> str:
    """Member text made safe as a masked link's label, at most ``limit`` code points.

    Linear time (one ``str.translate``); mentions are neutralised as well.
    """
    return truncate(neutralise_mentions(text).translate(_LABEL_ESCAPES), limit)
