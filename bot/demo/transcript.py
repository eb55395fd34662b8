"""The demo's transcript: what members, readers and moderators saw, as one HTML file.

Self-contained on purpose (styles inline, images as data: URIs): it can be mailed,
attached to an issue or opened offline, and the README's screenshots are taken of it.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.demo.markup import render_markdown
from standin.state import Message

# Discord's button styles: primary, secondary, success, danger, link.
_BUTTON_CLASS = {1: "primary", 2: "secondary", 3: "success", 4: "danger", 5: "link"}
_SELECTS = {3, 5, 6, 7, 8}

STYLE = """
body:has(section:target) section:not(:target),body:has(section:target) header.page{display:none}
body{margin:0;background:#313338;color:#dbdee1;font:15px/1.4 "gg sans","Noto Sans",
"Helvetica Neue",Helvetica,Arial,sans-serif}
main{max-width:860px;margin:0 auto;padding:24px}
header.page{border-bottom:1px solid #3f4147;margin-bottom:16px}
h1{color:#f2f3f5;font-size:24px;margin:0 0 4px}
h2{color:#f2f3f5;font-size:18px;margin:32px 0 4px}
h2 .hash{color:#80848e}
p.intro{color:#b5bac1;margin:0 0 12px}
.msg{display:flex;gap:12px;padding:8px 0}
.avatar{flex:none;width:40px;height:40px;border-radius:50%;background:#5865f2;color:#fff;
display:flex;align-items:center;justify-content:center;font-weight:700}
.body{flex:1;min-width:0}
.who{color:#f2f3f5;font-weight:600}
.tag{background:#5865f2;color:#fff;font-size:10px;border-radius:3px;padding:1px 4px;
margin-left:4px;vertical-align:middle}
.when{color:#949ba4;font-size:12px;margin-left:6px}
.caption{color:#949ba4;font-size:13px;font-style:italic;margin-bottom:2px}
.private{color:#949ba4;font-size:12px;margin-top:4px}
.embed{background:#2b2d31;border-left:4px solid #1e1f22;border-radius:4px;padding:8px 16px 12px;
margin-top:6px;max-width:560px}
.embed .title{color:#f2f3f5;font-weight:700;margin:4px 0}
.embed .author{color:#f2f3f5;font-size:13px;font-weight:600}
.embed .fields{display:flex;flex-wrap:wrap;gap:6px 16px;margin-top:6px}
.field{flex:1 1 100%}.field.inline{flex:1 1 150px}
.field .name{color:#f2f3f5;font-weight:600;font-size:13px}
.embed .footer{color:#b5bac1;font-size:12px;margin-top:8px}
.embed img,.attachment img{max-width:100%;border-radius:4px;margin-top:8px}
.components{display:flex;flex-wrap:wrap;gap:8px;margin-top:8px}
.button{border-radius:3px;padding:4px 14px;font-size:14px;color:#fff;background:#4e5058}
.button.primary{background:#5865f2}.button.success{background:#248046}
.button.danger{background:#da373c}.button.disabled{opacity:.5}
.select{border:1px solid #1e1f22;background:#2b2d31;border-radius:4px;padding:6px 10px;
min-width:280px;color:#949ba4}
.file{background:#2b2d31;border:1px solid #1e1f22;border-radius:4px;padding:8px;margin-top:6px}
.mention{background:rgba(88,101,242,.3);color:#c9cdfb;border-radius:3px;padding:0 2px}
code{background:#1e1f22;border-radius:3px;padding:0 3px;font-size:13px}
blockquote{border-left:4px solid #4e5058;margin:2px 0;padding-left:8px}
a{color:#00a8fc;text-decoration:none}
small{color:#949ba4}
footer.page{color:#949ba4;font-size:12px;margin-top:32px;border-top:1px solid #3f4147;
padding-top:8px}
"""


@dataclass
class Shown:
    """One message as it looked at one moment, with who saw it and when."""

    message: Message
    when: datetime
    caption: str | None = None
    private_to: str | None = None


@dataclass
class Section:
    title: str
    intro: str
    shown: list[Shown] = field(default_factory=list)
    channel: bool = True


def render_transcript(
    title: str,
    subtitle: str,
    sections: Sequence[Section],
    names: Mapping[str, str],
    footer: str,
) -> str:
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        f"<style>{STYLE}</style></head><body><main>",
        f'<header class="page"><h1>{html.escape(title)}</h1>',
        f'<p class="intro">{html.escape(subtitle)}</p></header>',
    ]
    for section in sections:
        parts.append(f'<section id="{_anchor(section.title)}">')
        heading = (
            f'<span class="hash">#</span> {html.escape(section.title)}'
            if section.channel
            else html.escape(section.title)
        )
        parts.append(f"<h2>{heading}</h2>")
        parts.append(f'<p class="intro">{html.escape(section.intro)}</p>')
        parts.extend(_message(shown, names) for shown in section.shown)
        parts.append("</section>")
    parts.append(f'<footer class="page">{html.escape(footer)}</footer>')
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _anchor(title: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in title.lower()).strip("-")


def _message(shown: Shown, names: Mapping[str, str]) -> str:
    msg = shown.message
    author = msg.author.global_name or msg.author.username
    if msg.author.bot:
        author = "Experience It"
    initial = html.escape(author[:1].upper())
    tag = '<span class="tag">APP</span>' if msg.author.bot else ""
    images = {a.filename: a for a in msg.attachments}
    out = ['<div class="msg">', f'<div class="avatar">{initial}</div>', '<div class="body">']
    if shown.caption:
        out.append(f'<div class="caption">{html.escape(shown.caption)}</div>')
    out.append(
        f'<div><span class="who">{html.escape(author)}</span>{tag}'
        f'<span class="when">{shown.when:%a %-d %b %Y %H:%M} UTC</span></div>'
    )
    if msg.content:
        out.append(f"<div>{render_markdown(msg.content, names)}</div>")
    used: set[str] = set()
    for embed in msg.embeds:
        out.append(_embed(embed, names, images, used))
    for attachment in msg.attachments:
        if attachment.filename not in used:
            out.append(_attachment(attachment.filename, attachment.data))
    if msg.components:
        out.append(_components(msg))
    if shown.private_to:
        out.append(
            f'<div class="private">👁️ Only {html.escape(shown.private_to)} can see this</div>'
        )
    out.append("</div></div>")
    return "".join(out)


def _embed(
    embed: Mapping[str, Any], names: Mapping[str, str], images: Mapping[str, Any], used: set[str]
) -> str:
    colour = embed.get("color")
    border = f' style="border-left-color:#{int(colour):06x}"' if colour is not None else ""
    out = [f'<div class="embed"{border}>']
    author = (embed.get("author") or {}).get("name")
    if author:
        out.append(f'<div class="author">{render_markdown(str(author), names)}</div>')
    if embed.get("title"):
        out.append(f'<div class="title">{render_markdown(str(embed["title"]), names)}</div>')
    if embed.get("description"):
        out.append(f"<div>{render_markdown(str(embed['description']), names)}</div>")
    fields = embed.get("fields") or []
    if fields:
        out.append('<div class="fields">')
        for f in fields:
            inline = " inline" if f.get("inline") else ""
            out.append(
                f'<div class="field{inline}"><div class="name">'
                f"{render_markdown(str(f.get('name', '')), names)}</div>"
                f"<div>{render_markdown(str(f.get('value', '')), names)}</div></div>"
            )
        out.append("</div>")
    image_url = str((embed.get("image") or {}).get("url", ""))
    if image_url.startswith("attachment://"):
        name = image_url.removeprefix("attachment://")
        if name in images:
            used.add(name)
            out.append(_image(name, images[name].data))
    footer = (embed.get("footer") or {}).get("text")
    if footer:
        out.append(f'<div class="footer">{render_markdown(str(footer), names)}</div>')
    out.append("</div>")
    return "".join(out)


def _image(name: str, data: bytes) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return f'<img alt="{html.escape(name)}" src="data:image/png;base64,{encoded}">'


def _attachment(name: str, data: bytes) -> str:
    if name.lower().endswith(".png"):
        return f'<div class="attachment">{_image(name, data)}</div>'
    return f'<div class="file">📎 {html.escape(name)} ({len(data):,} bytes)</div>'


def _components(msg: Message) -> str:
    out = ['<div class="components">']
    for comp in msg.iter_components():
        kind = comp.get("type")
        if kind == 2:
            style = _BUTTON_CLASS.get(int(comp.get("style", 2)), "secondary")
            disabled = " disabled" if comp.get("disabled") else ""
            emoji = (comp.get("emoji") or {}).get("name") or ""
            label = html.escape(f"{emoji} {comp.get('label') or ''}".strip())
            out.append(f'<span class="button {style}{disabled}">{label}</span>')
        elif kind in _SELECTS:
            shown = comp.get("placeholder") or "Select…"
            out.append(f'<span class="select">{html.escape(str(shown))} ▾</span>')
    out.append("</div>")
    return "".join(out)
