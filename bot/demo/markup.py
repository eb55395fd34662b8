"""Discord's message markdown, as HTML for the demo's transcript.

Only what the bot itself writes needs to look right: bold, italics, strike-through,
inline code, masked links, mentions, timestamps, block quotes, small text and the
backslash escapes that protect member text. Everything is HTML-escaped first, so
member text can never become markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

_ESCAPED = re.compile(r"\\([\\*_~`|>#\-\[\]()<@:.!])")
_CODE = re.compile(r"`([^`\n]+)`")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_UNDERLINE = re.compile(r"__(.+?)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?!\*)|(?<![\w_])_(?!\s)(.+?)(?<!\s)_(?!\w)")
_STRIKE = re.compile(r"~~(.+?)~~")
_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
_MENTION = re.compile(r"&lt;(@!?|@&amp;|#)(\d+)&gt;")
_TIMESTAMP = re.compile(r"&lt;t:(-?\d+)(?::([tTdDfFR]))?&gt;")
_PLACEHOLDER = "\x00{}\x00"


def render_markdown(text: str, names: Mapping[str, str]) -> str:
    """HTML for one message text; `names` maps "@id", "#id" and "@&id" to display names."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if line.startswith("> "):
            out.append(f"<blockquote>{_inline(line[2:], names)}</blockquote>")
        elif line.startswith("-# "):
            out.append(f"<small>{_inline(line[3:], names)}</small>")
        elif line.startswith("### ") or line.startswith("## ") or line.startswith("# "):
            level, rest = line.split(" ", 1)
            out.append(f"<h{len(level) + 2}>{_inline(rest, names)}</h{len(level) + 2}>")
        else:
            out.append(_inline(line, names) + "<br>")
    return "".join(out).removesuffix("<br>")


def _inline(text: str, names: Mapping[str, str]) -> str:
    kept: list[str] = []

    def keep(fragment: str) -> str:
        kept.append(fragment)
        return _PLACEHOLDER.format(len(kept) - 1)

    escaped = html.escape(text, quote=False)
    escaped = _ESCAPED.sub(lambda m: keep(m.group(1)), escaped)
    escaped = _CODE.sub(lambda m: keep(f"<code>{m.group(1)}</code>"), escaped)
    escaped = _LINK.sub(
        lambda m: keep(f'<a href="{html.escape(m.group(2))}">') + m.group(1) + keep("</a>"),
        escaped,
    )
    escaped = _MENTION.sub(lambda m: keep(_mention(m, names)), escaped)
    escaped = _TIMESTAMP.sub(lambda m: keep(_timestamp(m)), escaped)
    for pattern, tag in ((_BOLD, "b"), (_UNDERLINE, "u"), (_STRIKE, "s")):
        escaped = pattern.sub(_wrap(tag), escaped)
    escaped = _ITALIC.sub(lambda m: f"<i>{m.group(1) or m.group(2)}</i>", escaped)
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], escaped)


def _wrap(tag: str) -> Callable[[re.Match[str]], str]:
    return lambda m: f"<{tag}>{m.group(1)}</{tag}>"


def _mention(match: re.Match[str], names: Mapping[str, str]) -> str:
    kind, ident = match.group(1), match.group(2)
    key = {"@": "@", "@!": "@", "@&amp;": "@&", "#": "#"}[kind]
    shown = names.get(f"{key}{ident}", "unknown")
    prefix = "#" if key == "#" else "@"
    return f'<span class="mention">{prefix}{html.escape(shown)}</span>'


def _timestamp(match: re.Match[str]) -> str:
    moment = datetime.fromtimestamp(int(match.group(1)), UTC)
    style = match.group(2) or "f"
    shown = moment.strftime("%-d %b %Y" if style in "dD" else "%-d %b %Y %H:%M")
    return f'<span class="time">{shown}</span>'
